#!/usr/bin/env bash
# Offline-copy benchmark (issue 14):
#  1. `nacre archive` of 1,000 local pages spread over 50 sites (../shared/bench/serve_pages.py
#     --hosts 50 --slow-s 4, 50 ms latency; gen_bookmarks.py --local-hosts 50), whole process,
#     with Nacre's default limits (64 requests in all, 6 per site);
#  2. the same for 200 articles with three images and an importing stylesheet each, on 50
#     sites (scripts/bench_archive_pages.py, 50 ms latency), and the archive's size per page;
#  3. search inside 10,000 archived pages, in-process (examples/archive_bench.rs), and the
#     library's title search and opening with the archive beside it.
#
#   scripts/bench-archive.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=../shared/bench

cargo build --release --quiet -p nacre-cli --bin nacre -p nacre --example archive_bench
NACRE=target/release/nacre
[ -n "${CARGO_TARGET_DIR:-}" ] && NACRE="$CARGO_TARGET_DIR/release/nacre"
EXAMPLE="$(dirname "$NACRE")/examples/archive_bench"

tmp=$(mktemp -d)
servers=()
cleanup() {
  for s in "${servers[@]}"; do kill "$s" 2>/dev/null || true; wait "$s" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

wait_port() { for _ in $(seq 100); do [ -s "$1" ] && return; sleep 0.1; done; echo "no server" >&2; exit 1; }

timed() { # timed LABEL CMD...: runs CMD, prints its wall time
  local label=$1; shift
  local start end
  start=$(date +%s.%N); "$@"; end=$(date +%s.%N)
  python3 -c "print(f'$label: {$end - $start:.2f} s wall (whole process)')" >&2
}

echo "== 1. 1,000 local pages on 50 sites, 50 ms latency, ten of 4 s (default limits: 64 in all, 6 per site)"
python3 "$BENCH/serve_pages.py" --port 0 --port-file "$tmp/port1" --n 1000 --seed 7 --hosts 50 \
  --latency-ms 50 --slow-s 4 --time-limit 600 >"$tmp/server1.log" 2>&1 &
servers+=($!)
wait_port "$tmp/port1"
python3 "$BENCH/gen_bookmarks.py" --n 1000 --seed 7 --local-port "$(cat "$tmp/port1")" --local-hosts 50 \
  --out "$tmp/bookmarks1.html" --truth-out "$tmp/truth1.json" >/dev/null
NACRE_NO_FETCH=1 "$NACRE" --library "$tmp/lib1.sqlite" import "$tmp/bookmarks1.html" >/dev/null
timed "archive 1,000 pages" "$NACRE" --library "$tmp/lib1.sqlite" archive >"$tmp/archive1.out"
head -c 600 "$tmp/archive1.out" | head -3 | sed 's/^/   /'
"$NACRE" --library "$tmp/lib1.sqlite" archive --size | sed 's/^/   /'

echo "== 2. 200 articles with 3 images and 2 stylesheets each, on 50 sites, 50 ms latency"
python3 scripts/bench_archive_pages.py --port-file "$tmp/port2" --n 200 --hosts 50 --latency-ms 50 \
  --bookmarks-out "$tmp/bookmarks2.html" --time-limit 600 &
servers+=($!)
wait_port "$tmp/port2"
NACRE_NO_FETCH=1 "$NACRE" --library "$tmp/lib2.sqlite" import "$tmp/bookmarks2.html" >/dev/null
timed "archive 200 articles with their assets" "$NACRE" --library "$tmp/lib2.sqlite" archive >"$tmp/archive2.out"
head -3 "$tmp/archive2.out" | sed 's/^/   /'
"$NACRE" --library "$tmp/lib2.sqlite" archive --size | sed 's/^/   /'

echo "== 3. search inside 10,000 archived pages (in-process, median of 30)"
"$EXAMPLE" 10000 "$tmp/search" | sed 's/^/   /'
