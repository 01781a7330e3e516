#!/usr/bin/env bash
# Browser tests of exported files: builds the nacre tool, then runs tests/browser (node:test +
# playwright-core driving Debian's chromium, headless). The tests make their own fixture
# library with the tool and export it. No browser is ever downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
CHROMIUM_BIN="${CHROMIUM_BIN:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM_BIN" ]; then
  echo "test-browser: $CHROMIUM_BIN not found; install Debian's chromium (scripts/setup.sh does)" >&2
  exit 1
fi
export CHROMIUM_BIN
echo "== build the nacre tool"
cargo build --locked -p nacre-cli --bin nacre
echo "== browser tests (tests/browser)"
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
NACRE_BIN="$PWD/target/debug/nacre" npm --prefix tests/browser test
