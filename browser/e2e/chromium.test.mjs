// The extension in real Chromium (Debian's), loaded unpacked from target/extension/chromium,
// its host registered with `nacre browser install --user-data-dir` into the test's own
// profile. Runs under Xvfb: the keyboard shortcut and the toolbar popup are pressed with
// xdotool, as a person would, and the library is checked with the nacre tool.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { chromium } from "playwright-core";
import {
  browserEnv,
  CHROMIUM,
  EXTENSION,
  HOST,
  pearlsWithPaths,
  press,
  pressUntil,
  QUIET_CHROMIUM,
  ROOT,
  scratch,
  serve,
  until,
} from "./lib.mjs";
import { openWindow } from "./window.mjs";

const EXTENSION_ID = "cnhkpcdjihcbmkechnohnncopnhjeelm";
const SELECTED = "Le peuple de Paris prend la forteresse.";
// A 1×1 PNG: the page's favicon, read by the extension on its own site.
const ICON_BASE64 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const pages = {
  "/bastille": `<!doctype html><html lang="fr"><head><meta charset="utf-8">
    <title>La prise de la Bastille</title>
    <meta name="description" content="Le 14 juillet 1789, la Bastille tombe.">
    <meta property="og:site_name" content="Histoire de France">
    <link rel="canonical" href="/bastille"><link rel="icon" href="/icon.png"></head>
    <body><h1>La prise de la Bastille</h1><p id="chosen">${SELECTED}</p><p>Et la suite.</p></body></html>`,
  "/declaration": `<!doctype html><title>Déclaration des droits de l'homme</title><p>Article premier.</p>`,
  "/icon.png": { type: "image/png", body: Buffer.from(ICON_BASE64, "base64") },
};

let s;
let site;
let context;
let nacreWindow;
let worker;

before(async () => {
  s = scratch();
  site = await serve(pages);
  s.nacre("add", "--collection", "Cours/Révolution");
  s.nacre("add", `${site.base}/declaration`, "--title", "Déclaration", "--to", "Cours/Révolution");
  const profile = path.join(s.dir, "profile");
  s.nacre("browser", "install", "--user-data-dir", profile, "--host", HOST);
  const status = s.nacre("browser", "status", "--user-data-dir", profile);
  assert.match(status, /registered; writes to .*library\.sqlite; the extension has not spoken/);
  // Nacre's own window, open on the same library, with its Inbox open in the middle.
  nacreWindow = await openWindow(s.library, s.dir);
  await nacreWindow.run(`
    const inbox = [...document.querySelectorAll('[role="treeitem"]')]
      .find((r) => r.querySelector(".tree-title")?.textContent === "Inbox");
    inbox.click();`);
  const extension = path.join(EXTENSION, "chromium");
  assert.ok(
    existsSync(path.join(extension, "manifest.json")),
    "run scripts/build-extension.sh first",
  );
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false,
    viewport: { width: 1000, height: 700 },
    args: [
      ...QUIET_CHROMIUM,
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
    ],
    env: browserEnv({ HOME: s.dir }),
  });
  worker =
    context.serviceWorkers()[0] ??
    (await context.waitForEvent("serviceworker", { timeout: 10_000 }));
  assert.equal(new URL(worker.url()).host, EXTENSION_ID, "the fixed key gives the documented ID");
});

after(async () => {
  await nacreWindow?.stop();
  await context?.close();
  site?.stop();
  s?.cleanup();
});

const badge = (tabId) => worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
const tooltip = (tabId) => worker.evaluate((id) => chrome.action.getTitle({ tabId: id }), tabId);
const activeTabId = () =>
  worker.evaluate(
    async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0].id,
  );

test("the shortcut pearls the page into the Inbox with its title, the selection as note and its details", async () => {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${site.base}/bastille`);
  // The user's selection, made again before each press: the window opened beside Chromium may
  // have taken the focus, and a press that reached nothing must not leave the page changed.
  const selectChosen = async () => {
    await page.bringToFront();
    await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.getElementById("chosen"));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    });
  };
  const pearl = await pressUntil(
    "the pearl in the library",
    "alt+p",
    () => pearlsWithPaths(s.json).find((p) => p.url === `${site.base}/bastille`),
    { before: selectChosen },
  );
  assert.equal(pearl.title, "La prise de la Bastille");
  assert.equal(pearl.note, SELECTED, `the selection became the note: ${JSON.stringify(pearl)}`);
  assert.equal(pearl.path, "Inbox");
  const exported = path.join(s.dir, "all.nacre.json");
  s.nacre("export", "--format", "native", "-o", exported);
  const text = readFileSync(exported, "utf8");
  assert.match(
    text,
    /Le 14 juillet 1789, la Bastille tombe\./,
    "the page's description came along",
  );
  assert.ok(text.includes(ICON_BASE64), "the page's favicon came along, read by the extension");
  const tab = await activeTabId();
  assert.equal(
    await until("the badge", () => badge(tab)),
    "✓",
    "the button says it is a pearl now",
  );
  // The open window shows it, in its open Inbox, without being asked.
  const shown = await until(
    "the pearl in the open window",
    async () => {
      const text = await nacreWindow.run(
        "return document.querySelector('section.middle')?.textContent ?? '';",
      );
      return text.includes("La prise de la Bastille") ? text : undefined;
    },
    10_000,
  );
  assert.ok(shown, "the window shows the new pearl");
});

test("the popup says where a page already is, marks the button, and saves where the user picks", async () => {
  const page = await context.newPage();
  await page.goto(`${site.base}/declaration`);
  await page.bringToFront();
  const tab = await activeTabId();
  assert.equal(await badge(tab), "", "nothing shown before the user asks");
  press("ctrl+shift+y"); // the toolbar button's popup
  await until("the popup to open", () =>
    worker.evaluate(
      async () => (await chrome.runtime.getContexts({ contextTypes: ["POPUP"] })).length > 0,
    ),
  );
  assert.equal(await until("the badge", () => badge(tab)), "✓");
  assert.equal(await tooltip(tab), "Already a pearl: in Cours / Révolution");
  press("Escape");

  // The same popup, opened as a page for that tab, to drive and to look at.
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 360, height: 460 });
  await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html?tab=${tab}`);
  await until("the lookup", async () => !(await popup.locator("#already").isHidden()));
  assert.equal(
    await popup.locator("#already-text").textContent(),
    "Already a pearl in Cours / Révolution",
  );
  assert.equal(await popup.locator("#save").textContent(), "Add anyway");
  assert.ok(
    await popup.locator("#badge-on").isVisible(),
    "the badge on every page is offered until `tabs` is given",
  );
  assert.equal(await popup.locator("#title").inputValue(), "Déclaration des droits de l'homme");
  await popup.locator("#title").fill("La Déclaration, encore");
  await popup.locator("#collection").fill("révo");
  await until("the collection finder", async () =>
    (await popup.locator("#choices li[role=option]").first().textContent())?.startsWith(
      "Révolution",
    ),
  );
  const shots = path.join(ROOT, "target", "extension", "screenshots");
  mkdirSync(shots, { recursive: true });
  await popup.screenshot({ path: path.join(shots, "popup-picker.png") });
  await popup.locator("#collection").press("Enter"); // picks the first collection found
  assert.equal(await popup.locator("#collection").inputValue(), "Cours/Révolution");
  await popup.locator("#tags").fill("droits, 1789");
  await popup.screenshot({ path: path.join(shots, "popup-light.png") });
  await popup.emulateMedia({ colorScheme: "dark" });
  await popup.screenshot({ path: path.join(shots, "popup-dark.png") });
  await popup.emulateMedia({ colorScheme: "light" });
  await popup.locator("#tags").press("Enter");
  const saved = await until("the second pearl", () =>
    pearlsWithPaths(s.json).find((p) => p.title === "La Déclaration, encore"),
  );
  assert.equal(saved.path, "Cours/Révolution");
  assert.deepEqual(saved.tags, ["1789", "droits"]);
  assert.equal(saved.url, `${site.base}/declaration`);
});

test("nacre browser status says the extension has spoken to the host", () => {
  const status = s.nacre("browser", "status", "--user-data-dir", path.join(s.dir, "profile"));
  assert.match(status, /the extension spoke to it just now/);
});
