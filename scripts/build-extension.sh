#!/usr/bin/env bash
# Builds the browser extension from browser/extension/ into target/extension/chromium/ and
# target/extension/firefox/ (unpacked, to load as they are) and a .zip of each (what the
# stores take): target/extension/nacre-chromium.zip, target/extension/nacre-firefox.zip.
set -euo pipefail
cd "$(dirname "$0")/.."
node browser/build.mjs target/extension
for browser in chromium firefox; do
  rm -f "target/extension/nacre-$browser.zip"
  (cd "target/extension/$browser" && zip -q -r -X "../nacre-$browser.zip" .)
  echo "zipped target/extension/nacre-$browser.zip"
done
