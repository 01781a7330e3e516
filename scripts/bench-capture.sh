#!/usr/bin/env bash
# Capture benchmark, on the store benchmark's 100,000-pearl library (a copy):
# 1. a save through the native messaging host, from the message sent to the reply, as a browser
#    makes it (a new nacre-host process per message): median and p95 over 100 saves;
# 2. from a save through the host to the pearl showing in the open window (the release app
#    under Xvfb, through WebDriver): median and p95 over 20 saves.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${NACRE_BENCH_DIR:-/tmp/nacre-bench}"
if [ ! -f "$DATA/library-100000.sqlite" ]; then
  bash scripts/bench-store.sh
fi
cargo build --release --locked -p nacre-host
TARGET="${CARGO_TARGET_DIR:-$PWD/target}"
node browser/bench/host-save.mjs "$TARGET/release/nacre-host" "$DATA/library-100000.sqlite" 100
if [ "${NACRE_BENCH_SKIP_WINDOW:-}" = 1 ]; then exit 0; fi
ui/node_modules/.bin/tauri build --no-bundle -- --locked >/dev/null
cd ui
NACRE_APP="$TARGET/release/nacre-app" NACRE_HOST="$TARGET/release/nacre-host" \
  NACRE_BENCH_LIBRARY="$DATA/library-100000.sqlite" \
  xvfb-run -a -s '-screen 0 1280x800x24' \
  node_modules/.bin/vitest run --config e2e/capture-perf.config.ts --reporter=dot --silent=false
