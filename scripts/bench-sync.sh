#!/usr/bin/env bash
# Sync benchmark (issue 12): a 100,000-pearl library; first publish, a new device joining, the
# folder's size, one edit's added cost, an edit's file arriving -> the other library holds it.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${NACRE_BENCH_DIR:-/tmp/nacre-bench}"
GEN="${NACRE_SHARED:-../shared}/bench/gen_bookmarks.py"
mkdir -p "$DATA"
if [ ! -f "$DATA/Bookmarks-100000.json" ]; then
  python3 "$GEN" --n 100000 --seed 1 --out "$DATA/bm-100000.html" \
    --chrome-out "$DATA/Bookmarks-100000.json" --truth-out "$DATA/truth-100000.json"
fi
cargo bench --locked --bench sync -- "$DATA/Bookmarks-100000.json" "$DATA"
