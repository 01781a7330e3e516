#!/usr/bin/env bash
# Run every benchmark (scripts/bench-*.sh) and print their figures. Input data is generated
# with ../shared/bench (the same generator our targets are stated against) into
# ${NACRE_BENCH_DIR:-/tmp/nacre-bench}, once.
set -euo pipefail
cd "$(dirname "$0")/.."
for bench in scripts/bench-*.sh; do
  echo "== $bench"
  bash "$bench"
done
