#!/usr/bin/env bash
# Window benchmark: the real release app on the store benchmark's 100,000-pearl library
# (a copy): launch to usable, expanding a collection of 10,000 pearls, and how many tree rows
# re-render while a drag hovers over the tree. Needs a display: runs under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${NACRE_BENCH_DIR:-/tmp/nacre-bench}"
if [ ! -f "$DATA/library-100000.sqlite" ]; then
  bash scripts/bench-store.sh
fi
ui/node_modules/.bin/tauri build --no-bundle -- --locked >/dev/null
cd ui
NACRE_APP="$PWD/../target/release/nacre-app" NACRE_BENCH_LIBRARY="$DATA/library-100000.sqlite" \
  xvfb-run -a -s '-screen 0 1280x800x24' \
  node_modules/.bin/vitest run --config e2e/perf.config.ts --reporter=dot --silent=false
