#!/usr/bin/env bash
# Set up everything, then check formatting and lints and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

# The window embeds ui/dist at compile time, so the UI is built before anything compiles it.
echo "== ui: build"
(cd ui && npm run --silent build)

echo "== rustfmt"
cargo fmt --all --check
echo "== clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== architecture: the core never depends on tauri or on the tool's crates; the tool never on tauri"
if cargo tree -p nacre -e normal --prefix none | grep -qE '^(tauri|clap|indicatif|mimalloc)( |-)'; then
  echo "the nacre core crate depends on tauri or on a crate only the command-line tool needs" >&2
  cargo tree -p nacre -e normal --prefix none | grep -E '^(tauri|clap|indicatif|mimalloc)( |-)' | sort -u >&2
  exit 1
fi
if cargo tree -p nacre-cli -e normal --prefix none | grep -qE '^tauri( |-)'; then
  echo "the command-line tool depends on tauri" >&2
  exit 1
fi
echo "== architecture: no import cycles between files (../shared/tools/import_cycles.py)"
if [ -f ../shared/tools/import_cycles.py ]; then
  cycles=$(python3 ../shared/tools/import_cycles.py .)
  if ! echo "$cycles" | tail -1 | grep -qx '0 cycles'; then
    echo "$cycles" >&2
    echo "import cycles between files: break them (see ARCHITECTURE.md)" >&2
    exit 1
  fi
else
  echo "   skipped: ../shared/tools/import_cycles.py is absent"
fi
echo "== documentation builds without warnings"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --locked -p nacre
echo "== cargo test"
cargo test --workspace --locked
echo "== exported files in a real browser (chromium)"
bash scripts/test-browser.sh
echo "== the browser extension: web-ext lint, real chromium and firefox-esr"
bash scripts/test-extension.sh
echo "== sync through two real Syncthing daemons on loopback"
bash scripts/test-sync.sh

echo "== bindings: the TypeScript types in ui/src/bindings match the Rust types"
cargo test -p nacre --features ts --locked --lib export_bindings --quiet
if ! git diff --quiet -- ui/src/bindings || [ -n "$(git status --porcelain -- ui/src/bindings)" ]; then
  git status --short -- ui/src/bindings
  echo "ui/src/bindings is out of date: run cargo test -p nacre --features ts --lib export_bindings and commit" >&2
  exit 1
fi
echo "== ui: typecheck, lint (the extension's files too), unit tests"
(cd ui && node_modules/.bin/tsc --noEmit -p . && node_modules/.bin/biome check . ../browser && node_modules/.bin/vitest run)
echo "== window: end-to-end tests of the real app (tauri-driver, WebKitWebDriver, Xvfb)"
ui/node_modules/.bin/tauri build --debug --no-bundle -- --locked
cargo build --locked -p nacre-cli --bin nacre
cargo build --locked -p nacre-host
(cd ui && xvfb-run -a -s '-screen 0 1280x800x24' node_modules/.bin/vitest run --config e2e/vitest.config.ts)
echo "   screenshot: target/e2e/window.png"
