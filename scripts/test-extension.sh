#!/usr/bin/env bash
# The browser extension's checks: builds it (scripts/build-extension.sh), lints the Firefox
# build with web-ext, builds the nacre tool, host and window, then runs browser/e2e in real
# Chromium (with Nacre's window open beside it, through tauri-driver) and Firefox ESR under
# Xvfb. As root, the browsers, the window, the page server and the host run in a network
# namespace of their own where only loopback exists (nothing can leave the machine).
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
echo "== extension: build"
bash scripts/build-extension.sh
if [ ! -x browser/node_modules/.bin/web-ext ] || [ browser/package-lock.json -nt browser/node_modules/.package-lock.json ]; then
  (cd browser && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "== extension: web-ext lint (Firefox build)"
(cd browser && node_modules/.bin/web-ext lint --source-dir ../target/extension/firefox --self-hosted --warnings-as-errors)
echo "== extension: its pure helpers (node)"
node --test browser/unit/
echo "== nacre tool, host and window (the Chromium test opens the window beside the browser)"
cargo build --locked -p nacre-cli --bin nacre
cargo build --locked -p nacre-host
ui/node_modules/.bin/tauri build --debug --no-bundle -- --locked
TARGET="${CARGO_TARGET_DIR:-$PWD/target}"
export NACRE_BIN="$TARGET/debug/nacre" NACRE_HOST_BIN="$TARGET/debug/nacre-host" NACRE_APP="$TARGET/debug/nacre-app"
run_tests=(xvfb-run -a -s '-screen 0 1280x800x24' node --test --test-concurrency=1 browser/e2e/)
echo "== extension: end-to-end in chromium and firefox-esr"
if [ "$(id -u)" -eq 0 ] && unshare --net true 2>/dev/null; then
  unshare --net bash -c 'ip link set lo up && exec "$@"' _ "${run_tests[@]}"
else
  echo "   (no network namespace here: the browsers' quiet flags only)"
  "${run_tests[@]}"
fi
