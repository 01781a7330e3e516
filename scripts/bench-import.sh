#!/usr/bin/env bash
# Import benchmark: the shared generator's 1k, 10k and 100k collections, as Netscape HTML and
# as Chrome JSON, each imported by `nacre import` (release build) into a fresh library; whole
# process wall time and peak RSS (/usr/bin/time), median of RUNS runs. Then the imported counts
# are checked against the generator's truth file. Then the service exports of our own generator
# (scripts/gen_service_exports.py: a 100k Pocket zip and a 100k OneTab file), each against the
# Netscape reader per link.
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
N_SERVICES="${N_SERVICES:-100000}"
if [ ! -f "$DATA/pocket-$N_SERVICES.zip" ] || [ ! -f "$DATA/onetab-$N_SERVICES.txt" ]; then
  echo "generating the service exports of $N_SERVICES links in $DATA" >&2
  python3 scripts/gen_service_exports.py --n "$N_SERVICES" --seed 1 --out "$DATA" \
    >"$DATA/services-truth-$N_SERVICES.jsonl"
fi
cargo build --release --locked -p nacre-cli --bin nacre >&2
BIN="${CARGO_TARGET_DIR:-$PWD/target}/release/nacre"
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

# The service exports against the Netscape reader, per link (whole process, median of RUNS).
per_link() { # file -> "wall_s links collections peak_kib"
  local f="$1" times=()
  for r in $(seq "$RUNS"); do
    rm -f "$WORK"/lib.sqlite*
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$BIN" --library "$WORK/lib.sqlite" --json \
      import "$f" >"$WORK/report.json"
    times+=("$(cat "$WORK/time")")
  done
  local median
  median="$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")"
  python3 - "$WORK/report.json" "$median" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
secs, kib = sys.argv[2].split()
print(secs, r["imported"]["links"], r["imported"]["collections"], kib)
PY
}
echo
echo "service exports vs the Netscape reader (whole process, median of $RUNS runs)"
printf '%-26s %8s %9s %12s %10s\n' file "wall s" links "µs per link" "peak MiB"
read -r html_s html_links _ html_kib <<<"$(per_link "$DATA/bm-100000.html")"
printf '%-26s %8s %9s %12s %10s\n' bm-100000.html "$html_s" "$html_links" \
  "$(python3 -c "print(f'{$html_s / $html_links * 1e6:.1f}')")" "$((html_kib / 1024))"
status=0
for f in "pocket-$N_SERVICES.zip" "onetab-$N_SERVICES.txt"; do
  read -r secs links collections kib <<<"$(per_link "$DATA/$f")"
  us="$(python3 -c "print(f'{$secs / $links * 1e6:.1f}')")"
  printf '%-26s %8s %9s %12s %10s\n' "$f" "$secs" "$links" "$us" "$((kib / 1024))"
  python3 - "$DATA/services-truth-$N_SERVICES.jsonl" "$f" "$links" "$collections" <<'PY' || status=1
import json, sys
truth = {json.loads(l)["file"].rsplit("/", 1)[-1]: json.loads(l) for l in open(sys.argv[1])}
t = truth[sys.argv[2]]
links, collections = int(sys.argv[3]), int(sys.argv[4])
ok = links == t["links"] and collections == t.get("groups", 0)
print(f"    truth: {t['links']} links, {t.get('groups', 0)} collections; imported {links}, "
      f"{collections}: {'OK' if ok else 'MISMATCH'}")
sys.exit(0 if ok else 1)
PY
done
exit "$status"
