#!/usr/bin/env bash
# Set up everything, then check formatting and lints and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

echo "== rustfmt"
cargo fmt --all --check
echo "== clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== architecture: the core never depends on tauri"
if cargo tree -p nacre -e normal --prefix none | grep -qE '^tauri( |-)'; then
  echo "the nacre core crate depends on tauri" >&2
  exit 1
fi
echo "== documentation builds without warnings"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --locked -p nacre
echo "== cargo test"
cargo test --workspace --locked
echo "== exported files in a real browser (chromium)"
bash scripts/test-browser.sh
