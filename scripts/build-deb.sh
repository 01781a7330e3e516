#!/usr/bin/env bash
# Builds the release app and packages it as a Debian package (target/release/bundle/deb/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
ui/node_modules/.bin/tauri build --bundles deb -- --locked
ls -1 "$PWD"/target/release/bundle/deb/*.deb
