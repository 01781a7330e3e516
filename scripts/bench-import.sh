#!/usr/bin/env bash
# Import benchmark: the shared generator's 1k, 10k and 100k collections, as Netscape HTML and
# as Chrome JSON, each imported by `nacre import` (release build) into a fresh library; whole
# process wall time and peak RSS (/usr/bin/time), median of RUNS runs. Then the imported counts
# are checked against the generator's truth file.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${NACRE_BENCH_DIR:-/tmp/nacre-bench}"
GEN="${NACRE_SHARED:-../shared}/bench/gen_bookmarks.py"
RUNS="${RUNS:-3}"
mkdir -p "$DATA"
for n in 1000 10000 100000; do
  if [ ! -f "$DATA/Bookmarks-$n.json" ] || [ ! -f "$DATA/bm-$n.html" ] || [ ! -f "$DATA/truth-$n.json" ]; then
    echo "generating $n bookmarks in $DATA" >&2
    python3 "$GEN" --n "$n" --seed 1 --out "$DATA/bm-$n.html" \
      --chrome-out "$DATA/Bookmarks-$n.json" --truth-out "$DATA/truth-$n.json" >/dev/null
  fi
done
cargo build --release --locked -p nacre-cli --bin nacre >&2
BIN="$PWD/target/release/nacre"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "import (whole process, median of $RUNS runs by wall time; CPU = user + system)"
printf '%-22s %10s %10s %10s\n' file "wall s" "CPU s" "peak MiB"
for n in 1000 10000 100000; do
  for f in "bm-$n.html" "Bookmarks-$n.json"; do
    times=()
    for r in $(seq "$RUNS"); do
      rm -f "$WORK"/lib.sqlite*
      /usr/bin/time -f "%e %M %U %S" -o "$WORK/time" "$BIN" --library "$WORK/lib.sqlite" --json \
        import "$DATA/$f" >"$WORK/report.json"
      times+=("$(cat "$WORK/time")")
    done
    median="$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")"
    read -r secs kib user sys <<<"$median"
    cpu="$(python3 -c "print(f'{$user + $sys:.2f}')")"
    printf '%-22s %10s %10s %10s\n' "$f" "$secs" "$cpu" "$((kib / 1024))"
    # The counts against the generator's truth: every bookmark but place: queries is a link.
    python3 - "$WORK/report.json" "$DATA/truth-$n.json" "$f" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
truth = json.load(open(sys.argv[2]))
marks = truth["bookmarks"]
places = sum(1 for b in marks if b["url"].lower().startswith("place:"))
links = report["imported"]["links"]
folders = report["imported"]["collections"]
want_folders = truth["stats"]["folders"]
ok = links + places == len(marks) and folders == want_folders and len(report["skipped"]) == places
print(f"    truth: {len(marks)} bookmarks ({places} place:), {want_folders} folders; "
      f"imported {links} links, {folders} collections, {len(report['skipped'])} skipped: "
      f"{'OK' if ok else 'MISMATCH'}")
sys.exit(0 if ok else 1)
PY
  done
done
