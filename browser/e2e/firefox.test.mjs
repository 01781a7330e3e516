// The add-on in real Firefox ESR (Debian's): installed as a temporary add-on by `web-ext run`
// from target/extension/firefox, its host registered by `nacre browser install --browser
// firefox` into the test's own home folder. Under Xvfb the add-on's shortcut is pressed with
// xdotool, and the library is checked with the nacre tool. Firefox gets a fresh profile with
// updates, telemetry, captive-portal and connectivity checks, safe browsing and remote
// settings turned off.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import {
  browserEnv,
  EXTENSION,
  FIREFOX,
  HOST,
  pearlsWithPaths,
  pressUntil,
  ROOT,
  scratch,
  serve,
  until,
} from "./lib.mjs";

const SELECTED = "Une pearl venue de Firefox.";
const QUIET_PREFS = {
  "app.update.enabled": false,
  "app.update.auto": false,
  "app.normandy.enabled": false,
  "browser.shell.checkDefaultBrowser": false,
  "browser.startup.homepage_override.mstone": "ignore",
  "browser.safebrowsing.malware.enabled": false,
  "browser.safebrowsing.phishing.enabled": false,
  "browser.safebrowsing.downloads.enabled": false,
  "browser.newtabpage.enabled": false,
  "datareporting.healthreport.uploadEnabled": false,
  "datareporting.policy.dataSubmissionEnabled": false,
  "toolkit.telemetry.enabled": false,
  "network.captive-portal-service.enabled": false,
  "network.connectivity-service.enabled": false,
  "extensions.update.enabled": false,
  "extensions.getAddons.cache.enabled": false,
  "extensions.blocklist.enabled": false,
  "services.settings.server": "http://127.0.0.1:9/",
  "dom.push.connection.enabled": false,
};

let s;
let site;
let firefox;

before(async () => {
  s = scratch();
  site = await serve({
    "/firefox": `<!doctype html><meta charset="utf-8"><title>Pearled from Firefox</title>
      <meta name="description" content="A page for the add-on.">
      <p id="chosen">${SELECTED}</p>
      <script>getSelection().selectAllChildren(document.getElementById("chosen"));</script>`,
  });
  s.nacre("browser", "install", "--browser", "firefox", "--host", HOST);
  assert.match(s.nacre("browser", "status", "--browser", "firefox"), /^firefox +registered/);
  const addon = path.join(EXTENSION, "firefox");
  assert.ok(existsSync(path.join(addon, "manifest.json")), "run scripts/build-extension.sh first");
  const prefs = Object.entries(QUIET_PREFS).map(([k, v]) => `--pref=${k}=${v}`);
  const webExt = path.join(ROOT, "browser", "node_modules", ".bin", "web-ext");
  firefox = spawn(
    webExt,
    [
      "run",
      "--source-dir",
      addon,
      "--firefox",
      FIREFOX,
      "--no-reload",
      "--no-input",
      "--start-url",
      `${site.base}/firefox`,
      ...prefs,
    ],
    { env: browserEnv({ HOME: s.dir }), stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  firefox.stdout.on("data", (d) => {
    log += d;
  });
  firefox.stderr.on("data", (d) => {
    log += d;
  });
  await until(
    "Firefox with the add-on installed",
    () => /Installed .* as a temporary add-on/.test(log),
    60_000,
  ).catch((e) => {
    throw new Error(`${e.message}\n${log}`);
  });
});

after(async () => {
  if (firefox && firefox.exitCode === null) {
    const gone = new Promise((ok) => firefox.once("exit", ok));
    firefox.kill("SIGINT");
    await Promise.race([gone, new Promise((ok) => setTimeout(ok, 5000))]);
    if (firefox.exitCode === null) firefox.kill("SIGKILL");
  }
  site?.stop();
  s?.cleanup();
});

test("the add-on's shortcut pearls the page in Firefox, with the selection as note", async () => {
  const url = `${site.base}/firefox`;
  const pearl = await pressUntil("the pearl from Firefox", "alt+p", () =>
    pearlsWithPaths(s.json).find((p) => p.url === url),
  );
  assert.equal(pearl.title, "Pearled from Firefox");
  assert.equal(pearl.note, SELECTED);
  assert.equal(pearl.path, "Inbox");
  assert.match(
    s.nacre("browser", "status", "--browser", "firefox"),
    /the extension spoke to it just now/,
  );
});
