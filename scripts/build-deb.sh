#!/usr/bin/env bash
# Builds the release app and packages it as a Debian package (target/release/bundle/deb/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The package carries the command-line tool too (bundle.linux.deb.files in tauri.conf.json).
cargo build --release --locked -p nacre-cli --bin nacre
# ... and the browser's native messaging host, with its system-wide manifests (browser/host/system).
cargo build --release --locked -p nacre-host
ui/node_modules/.bin/tauri build --bundles deb -- --locked
ls -1 "$PWD"/target/release/bundle/deb/*.deb
