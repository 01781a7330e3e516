#!/usr/bin/env bash
# Store benchmark: a 100,000-pearl library; open, search, move among 10 vs 10,000 siblings.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${NACRE_BENCH_DIR:-/tmp/nacre-bench}"
GEN="${NACRE_SHARED:-../shared}/bench/gen_bookmarks.py"
mkdir -p "$DATA"
if [ ! -f "$DATA/Bookmarks-100000.json" ]; then
  python3 "$GEN" --n 100000 --seed 1 --out "$DATA/bm-100000.html" \
    --chrome-out "$DATA/Bookmarks-100000.json" --truth-out "$DATA/truth-100000.json"
fi
cargo bench --locked --bench store -- "$DATA/Bookmarks-100000.json" "$DATA"
