#!/usr/bin/env bash
# Export benchmark: a 100,000-link library (the shared generator, seed 1) exported to every
# format; time and size per format, the whole `nacre export` process per format, and the page's
# time in headless Chromium from navigation to a search showing results.
# Usage: scripts/bench-export.sh [N]   (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-100000}"
DATA="${NACRE_BENCH_DIR:-/tmp/nacre-bench}"
OUT="$DATA/export-$N"
mkdir -p "$DATA" "$OUT"
HTML="$DATA/bm-$N.html"
if [ ! -s "$HTML" ]; then
  echo "== generating $HTML"
  python3 ../shared/bench/gen_bookmarks.py --n "$N" --seed 1 --out "$HTML" >/dev/null
fi

echo "== export: library build, read and write per format (release)"
cargo bench --locked --bench export -- "$HTML" "$OUT"

echo "== export: whole nacre process per format (release, median of 3)"
cargo build --locked --release -p nacre-cli --bin nacre 2>/dev/null
for format in native netscape page markdown opml atom; do
  times=()
  for _ in 1 2 3; do
    start=$(date +%s.%N)
    ./target/release/nacre --library "$OUT/library.sqlite" export --format "$format" -o "$OUT/cli.$format" >/dev/null
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
  size=$(stat -c %s "$OUT/cli.$format")
  printf '%-10s %6.3f s  %s bytes\n' "$format" "$median" "$size"
done

echo "== the page imported back: whole nacre import process (release, median of 3)"
times=()
for _ in 1 2 3; do
  rm -f "$OUT/page-import.sqlite"*
  start=$(date +%s.%N)
  ./target/release/nacre --library "$OUT/page-import.sqlite" import "$OUT/cli.page" >/dev/null
  end=$(date +%s.%N)
  times+=("$(echo "$end - $start" | bc)")
done
printf 'import page %6.3f s\n' "$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)"

echo "== page in Chromium"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
node tests/browser/bench-page.mjs "$OUT/bench-page.html" quokka 3
