#!/usr/bin/env bash
# Set up everything, build Nacre and start it: with no arguments the window (the release app
# with its UI embedded), with arguments the command-line tool (`scripts/run.sh ls --tree`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "$#" -eq 0 ]; then
  ui/node_modules/.bin/tauri build --no-bundle -- --locked
  exec target/release/nacre-app
fi
cargo build --release --locked -p nacre-cli --bin nacre
exec target/release/nacre "$@"
