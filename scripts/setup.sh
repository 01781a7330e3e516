#!/usr/bin/env bash
# One-time set-up of a fresh Debian or Ubuntu machine for building, running and testing Nacre.
# Safe to run again: it installs only what is missing. Needs root or sudo for apt.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# System packages: build (Rust crates with C parts, the Tauri window), run and test headless.
APT_PACKAGES=(
  build-essential pkg-config curl file
  libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev libxdo-dev libssl-dev
  xvfb dbus webkit2gtk-driver xdotool imagemagick chromium fonts-noto-color-emoji
  # The browser extension's tests: Firefox ESR, zip for the store packages, iproute2 for a
  # loopback-only network namespace.
  firefox-esr zip iproute2
  # Sync through a real sync service (scripts/test-sync.sh): two Syncthing daemons on loopback.
  syncthing
)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null; then
  echo "setup: Rust is missing; install it from your distribution or rustup, then run again" >&2
  exit 1
fi

# The window's front end: Node 20.19 or newer (Vite 8).
if [ -f ui/package.json ]; then
  if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' 2>/dev/null; then
    echo "setup: the window's build needs Node.js 20.19 or newer (and npm); install it, then run again" >&2
    exit 1
  fi
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi
# The browser extension's lint and end-to-end tests (web-ext, playwright-core; no browser is
# downloaded: Debian's chromium and firefox-esr are used).
if [ -f browser/package.json ]; then
  (cd browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi

# The WebDriver bridge the end-to-end tests drive the real app through.
if [ -d src-tauri ] && ! command -v tauri-driver >/dev/null; then
  cargo install tauri-driver --locked --version 2.1.0
fi
