#!/usr/bin/env bash
# Sync through a real sync service (issue 12): two Syncthing daemons on 127.0.0.1, each with its
# own home, ports and folder, in a network namespace of their own with only loopback (nothing
# can leave the machine), and two Nacre libraries syncing through those folders with the real
# `nacre` tool. An edit on one library appears on the other; the time is measured. Stops by
# itself (everything is killed on exit).
#
# Syncthing's defaults reach out to the internet (discovery, relays, STUN, NAT, reports,
# upgrades); every one of them is turned off in config.xml before the daemons first start
# (see ../shared/SYNC-NOTES.md). Needs root (or unprivileged user namespaces) for `unshare`.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" != "--inside" ]; then
  command -v syncthing >/dev/null || { echo "test-sync: syncthing is missing (scripts/setup.sh installs it)" >&2; exit 1; }
  cargo build --locked -q -p nacre-cli --bin nacre
  if [ "$(id -u)" -eq 0 ]; then
    exec unshare --net bash "$0" --inside
  else
    exec unshare --net --map-root-user bash "$0" --inside
  fi
fi

ip link set lo up
TARGET="${CARGO_TARGET_DIR:-target}"
case "$TARGET" in /*) ;; *) TARGET="$(pwd)/$TARGET" ;; esac
NACRE="$TARGET/debug/nacre"
WORK="$(mktemp -d /tmp/nacre-test-sync.XXXXXX)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# Two daemons: homes, keys and config, nothing started.
declare -A ID
for d in a b; do
  mkdir -p "$WORK/$d/folder/.stfolder"
  ID[$d]=$(syncthing generate --home="$WORK/$d/home" --no-default-folder --skip-port-probing 2>&1 \
    | sed -n 's/.*Device ID: *//p')
  [ -n "${ID[$d]}" ] || { echo "test-sync: no device id from syncthing generate" >&2; exit 1; }
done

configure() { # configure HOME_DIR FOLDER LISTEN_PORT GUI_PORT MY_ID OTHER_ID OTHER_PORT
  python3 - "$@" <<'EOF'
import sys, xml.etree.ElementTree as ET
home, folder, port, gui, me, other, other_port = sys.argv[1:]
path = f"{home}/config.xml"
tree = ET.parse(path)
root = tree.getroot()
opts = root.find("options")
def setopt(name, value):
    el = opts.find(name)
    if el is None:
        el = ET.SubElement(opts, name)
    el.text = value
for name in ["globalAnnounceEnabled", "localAnnounceEnabled", "relaysEnabled", "natEnabled",
             "crashReportingEnabled", "announceLANAddresses"]:
    setopt(name, "false")
setopt("urAccepted", "-1")
setopt("autoUpgradeIntervalH", "0")
setopt("stunKeepaliveStartS", "0")
setopt("stunKeepaliveMinS", "0")
for name in ["stunServer", "globalAnnounceServer", "listenAddress"]:
    for el in opts.findall(name):
        opts.remove(el)
setopt("listenAddress", f"tcp://127.0.0.1:{port}")
root.find("gui").find("address").text = f"127.0.0.1:{gui}"
dev = ET.SubElement(root, "device", id=other, name="other", compression="metadata",
                    introducer="false", skipIntroductionRemovals="false", introducedBy="")
ET.SubElement(dev, "address").text = f"tcp://127.0.0.1:{other_port}"
ET.SubElement(dev, "paused").text = "false"
ET.SubElement(dev, "autoAcceptFolders").text = "false"
f = ET.Element("folder", id="nacre", label="nacre", path=folder, type="sendreceive",
               rescanIntervalS="3600", fsWatcherEnabled="true", fsWatcherDelayS="1",
               ignorePerms="false", autoNormalize="true")
ET.SubElement(f, "filesystemType").text = "basic"
for d in [me, other]:
    ET.SubElement(f, "device", id=d, introducedBy="")
ET.SubElement(f, "markerName").text = ".stfolder"
root.insert(0, f)
tree.write(path)
EOF
}
configure "$WORK/a/home" "$WORK/a/folder" 22101 28401 "${ID[a]}" "${ID[b]}" 22102
configure "$WORK/b/home" "$WORK/b/folder" 22102 28402 "${ID[b]}" "${ID[a]}" 22101
for d in a b; do
  syncthing serve --home="$WORK/$d/home" --no-browser --no-upgrade --no-restart \
    >"$WORK/$d/syncthing.log" 2>&1 &
  PIDS+=($!)
done

now_ms() { date +%s%3N; }
wait_for() { # wait_for SECONDS COMMAND...: until COMMAND succeeds
  local limit=$(( $(now_ms) + $1 * 1000 )); shift
  until "$@" >/dev/null 2>&1; do
    [ "$(now_ms)" -lt "$limit" ] || return 1
    sleep 0.1
  done
}
files_of_a_in_b() { ls "$WORK/b/folder" | grep -q '\.nacresync$'; }

LIB_A="$WORK/a/library.sqlite"
LIB_B="$WORK/b/library.sqlite"
export NACRE_NO_FETCH=1
"$NACRE" --library "$LIB_A" add --collection "From the laptop" >/dev/null
"$NACRE" --library "$LIB_A" add https://example.org/a --to "From the laptop" --title "A page" >/dev/null
"$NACRE" --library "$LIB_A" sync init "$WORK/a/folder" --name laptop >/dev/null
echo "   laptop published; waiting for Syncthing to carry its file"
if ! wait_for 60 files_of_a_in_b; then
  echo "test-sync: the laptop's file never reached the desktop's folder" >&2
  tail -20 "$WORK/a/syncthing.log" "$WORK/b/syncthing.log" >&2
  exit 1
fi
"$NACRE" --library "$LIB_B" sync init "$WORK/b/folder" --name desktop >/dev/null
"$NACRE" --library "$LIB_B" ls "From the laptop" | grep -q "A page" \
  || { echo "test-sync: the desktop did not take in the laptop's library" >&2; exit 1; }

# The measured part: an edit on the desktop, until the laptop's library holds it.
start=$(now_ms)
"$NACRE" --library "$LIB_B" rename "From the laptop" "Renamed on the desktop" >/dev/null
"$NACRE" --library "$LIB_B" sync >/dev/null
laptop_holds_it() {
  "$NACRE" --library "$LIB_A" sync >/dev/null
  "$NACRE" --library "$LIB_A" ls | grep -q "Renamed on the desktop"
}
if ! wait_for 60 laptop_holds_it; then
  echo "test-sync: the desktop's edit never reached the laptop" >&2
  "$NACRE" --library "$LIB_A" sync status >&2 || true
  exit 1
fi
elapsed=$(( $(now_ms) - start ))
echo "   an edit on the desktop was in the laptop's library $(( elapsed / 1000 )).$(printf '%03d' $(( elapsed % 1000 ))) s later (through Syncthing, polling nacre sync)"
# Nothing but loopback was there to reach: the namespace has one network device, lo.
if [ "$(ip -o link | wc -l)" -ne 1 ]; then
  echo "test-sync: the daemons' namespace has more than loopback" >&2
  exit 1
fi
echo "   ok"
