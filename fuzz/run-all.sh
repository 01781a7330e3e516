#!/usr/bin/env bash
# Runs every fuzz target for SECS seconds (default 150) from its seed corpus, one after another,
# and prints one line per target. Stable Rust: cargo-fuzz needs RUSTC_BOOTSTRAP=1 for -Z flags.
set -uo pipefail
cd "$(dirname "$0")"
SECS="${SECS:-150}"
export RUSTC_BOOTSTRAP=1
# The host's seeds: one framed message of each type, so runs start past the framing.
mkdir -p corpus/host
python3 - <<'PY'
import json, struct
messages = [
    {"type": "save", "url": "https://example.org/", "title": "T", "note": "n", "tags": ["a"],
     "collection": "Inbox", "details": {"description": "d", "faviconUrl": "data:image/png;base64,iVBORw0KGgo="}},
    {"type": "lookup", "url": "https://example.org/"},
    {"type": "save-note", "text": "hello", "url": "https://example.org/"},
    {"type": "collections", "query": "in"},
    {"type": "save-tabs", "title": "Tabs", "tabs": [{"url": "https://a.example/", "title": "A"}, {"url": "chrome://newtab/"}]},
    {"type": "hello"},
]
for i, m in enumerate(messages):
    body = json.dumps(m).encode()
    open(f"corpus/host/seed-{i}", "wb").write(struct.pack("<I", len(body)) + body)
PY
for t in ${TARGETS:-netscape chrome firefox_json firefox_jsonlz4 safari pearltrees opml xbel csv pinboard zips read_later_json text_lists feeds html_lists detect host}; do
  mkdir -p "corpus/$t"
  if cargo fuzz run -O "$t" "corpus/$t" -- -max_total_time="$SECS" -rss_limit_mb=2048 \
      >"run-$t.log" 2>&1; then
    echo "$t: no crash: $(grep -o 'Done [0-9]* runs in [0-9]* second' "run-$t.log" | tail -1)s"
  else
    echo "$t: FAILED, see fuzz/run-$t.log"
  fi
done
