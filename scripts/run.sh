#!/usr/bin/env bash
# Set up everything, build Nacre and start it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo build --release --locked --bin nacre
exec target/release/nacre "${@:---help}"
