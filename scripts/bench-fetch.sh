#!/usr/bin/env bash
# Title-refresh benchmark: 1,000 bookmarks on the local page server (50 ms latency per
# response, ten pages that take 4 s, windows-1252 pages, redirects, 404s, 2 MiB pages),
# imported with stale titles, then `nacre fetch` timed as a whole process, then every shown
# title compared with the title the truth file expects.
#
#   scripts/bench-fetch.sh [RUNS]        (default 3 runs; prints each and the median)
#
# Limits used: --concurrency 256 --per-host 128, since all 1,000 pages are on one host
# (127.0.0.1) while the default of 6 per host is meant for the open web; override with
# CONCURRENCY=... PER_HOST=... in the environment. Also:
# timeout 10 s per request, connect timeout 5 s, 1 MiB body cap.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
BENCH=../shared/bench
CONCURRENCY=${CONCURRENCY:-256}
PER_HOST=${PER_HOST:-128}

cargo build --release --quiet -p nacre-cli --bin nacre && cargo build --release --quiet -p nacre --example fetch_bench
NACRE=target/release/nacre
CHECK=target/release/examples/fetch_bench

tmp=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

python3 "$BENCH/serve_pages.py" --port 0 --port-file "$tmp/port" --n 1000 --seed 7 \
  --latency-ms 50 --slow-s 4 --time-limit 600 >"$tmp/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; python3 -c 'import time; time.sleep(0.1)'; done
PORT=$(cat "$tmp/port")
python3 "$BENCH/gen_bookmarks.py" --n 1000 --seed 7 --local-port "$PORT" \
  --out "$tmp/bookmarks.html" --truth-out "$tmp/truth.json" >/dev/null

echo "== fetch: 1,000 local pages, 50 ms latency, 10 slow pages of 4 s"
echo "   (concurrency $CONCURRENCY, per host $PER_HOST, timeout 10 s, connect timeout 5 s)"
times=()
status=0
for run in $(seq "$RUNS"); do
  lib="$tmp/library-$run.sqlite"
  "$CHECK" prepare "$tmp/truth.json" "$lib" >/dev/null
  start=$(date +%s.%N)
  "$NACRE" --library "$lib" fetch --concurrency "$CONCURRENCY" --per-host "$PER_HOST" >"$tmp/fetch.out"
  end=$(date +%s.%N)
  secs=$(python3 -c "print(f'{$end - $start:.2f}')")
  times+=("$secs")
  echo "run $run: ${secs} s wall (whole nacre fetch process)"
  sed 's/^/   /' "$tmp/fetch.out"
  if ! "$CHECK" verify "$tmp/truth.json" "$lib" | sed 's/^/   /'; then status=1; fi
  "$CHECK" verify "$tmp/truth.json" "$lib" >/dev/null || status=1
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "fetch 1000 local pages: median ${median} s over $RUNS runs"
exit "$status"
