#!/usr/bin/env bash
# Runs every fuzz target for SECS seconds (default 150) from its seed corpus, one after another,
# and prints one line per target. Stable Rust: cargo-fuzz needs RUSTC_BOOTSTRAP=1 for -Z flags.
set -uo pipefail
cd "$(dirname "$0")"
SECS="${SECS:-150}"
export RUSTC_BOOTSTRAP=1
for t in ${TARGETS:-netscape chrome firefox_json firefox_jsonlz4 safari pearltrees opml xbel csv pinboard zips read_later_json text_lists feeds html_lists detect}; do
  mkdir -p "corpus/$t"
  if cargo fuzz run -O "$t" "corpus/$t" -- -max_total_time="$SECS" -rss_limit_mb=2048 \
      >"run-$t.log" 2>&1; then
    echo "$t: no crash: $(grep -o 'Done [0-9]* runs in [0-9]* second' "run-$t.log" | tail -1)s"
  else
    echo "$t: FAILED, see fuzz/run-$t.log"
  fi
done
