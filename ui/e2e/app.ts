// Starts the real built app under tauri-driver and WebKitWebDriver, on a library of the test's
// own, and drives it through WebDriver. Also runs the real `nacre` command-line tool against the
// same library, to seed it and to check what the window wrote.

import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { remote } from "webdriverio";
import type { Pearl } from "../src/bindings/Pearl";

const repo = resolve(import.meta.dirname, "../..");
export const APP = process.env.NACRE_APP ?? join(repo, "target/debug/nacre-app");
export const CLI = process.env.NACRE_CLI ?? join(repo, "target/debug/nacre");
const DRIVER = process.env.TAURI_DRIVER ?? "tauri-driver";
/** NACRE_E2E_THEME=dark runs the app in GTK's dark theme (the window follows it through
 * prefers-color-scheme); its screenshots go to target/e2e-dark. */
const DARK = process.env.NACRE_E2E_THEME === "dark";
export const SHOTS = join(repo, DARK ? "target/e2e-dark" : "target/e2e");
/** The project's own small test files (tests/data). */
export const TEST_DATA = join(repo, "tests/data");
/** The real export files of ../shared, read where they are (never copied into the project). */
export const FIXTURES = join(repo, "../shared/fixtures/real-exports");

export type Browser = WebdriverIO.Browser;

/** A fresh, empty folder with a library path in it, and config/data folders of its own. */
export function freshHome(): { dir: string; library: string } {
  const dir = mkdtempSync(join(tmpdir(), "nacre-e2e-"));
  return { dir, library: join(dir, "library.sqlite") };
}

/** Runs the command-line tool on the library; returns its parsed JSON output. */
export function nacre(library: string, ...args: string[]): unknown {
  const out = execFileSync(CLI, ["--json", ...args], {
    // Seeding never reaches for the network: no page fetching after `add`.
    env: { ...process.env, NACRE_LIBRARY: library, NACRE_NO_FETCH: "1" },
    encoding: "utf8",
  });
  return out.trim() ? JSON.parse(out) : null;
}

/** The built-in Inbox's title: every library has it, first at the top. */
export const INBOX = "Inbox";

/** The titles of a collection's pearls, in order, read from the library file by the tool; at
 * the top of the tree, the built-in Inbox (always first) is left out. */
export function titlesIn(library: string, path = ""): string[] {
  const args = path ? ["ls", path] : ["ls"];
  const pearls = nacre(library, ...args) as Pearl[];
  const shown = path ? pearls : pearls.filter((p, i) => !(i === 0 && p.title === INBOX));
  return shown.map((p) => p.title || p.url || p.note);
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const s = connect({ host: "127.0.0.1", port }, () => {
      s.end();
      ok(true);
    });
    s.on("error", () => ok(false));
  });
}

let nextPort = 4444 + (process.pid % 200) * 2;

export interface RunningApp {
  browser: Browser;
  /** When the WebDriver session that starts the app was asked for (ms since the epoch). */
  launchedAt: number;
  stop(): Promise<void>;
}

/** The ids of running copies of the app under test (read from /proc: Linux only, as the e2e
 * suite is). */
function runningApps(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv0 = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0")[0];
      if (argv0 === APP) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

/**
 * Ends every copy of the app still running. Ending a WebDriver session normally ends the app,
 * but not always at once; a copy left behind would hold the single-instance name on the
 * session bus, and every later launch would hand over to it and exit.
 */
async function endStrayApps(): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const pids = runningApps();
    if (pids.length === 0) return;
    if (i === 0) process.stderr.write(`e2e: ending a copy of the app left running: ${pids}\n`);
    for (const pid of pids) {
      try {
        process.kill(pid, i < 20 ? "SIGTERM" : "SIGKILL");
      } catch {
        // Already gone.
      }
    }
    await sleep(100);
  }
  throw new Error(`the app would not stop: ${runningApps().join(", ")}`);
}

/** Starts the app on `home`'s library and waits until its tree has been drawn. */
export async function startApp(home: { dir: string; library: string }): Promise<RunningApp> {
  await endStrayApps();
  const port = nextPort;
  const nativePort = port + 1;
  nextPort += 2;
  const driver: ChildProcess = spawn(
    DRIVER,
    ["--port", String(port), "--native-port", String(nativePort)],
    {
      env: {
        ...process.env,
        NACRE_LIBRARY: home.library,
        XDG_CONFIG_HOME: join(home.dir, "config"),
        XDG_DATA_HOME: join(home.dir, "data"),
        ...(DARK ? { GTK_THEME: "Adwaita:dark" } : {}),
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const exited = new Promise<void>((done) => driver.once("exit", () => done()));
  const stopDriver = async () => {
    driver.kill("SIGTERM");
    await exited;
  };
  try {
    for (let i = 0; !(await portOpen(port)); i++) {
      if (i > 100) throw new Error(`tauri-driver did not listen on ${port}`);
      await sleep(100);
    }
    const launchedAt = Date.now();
    const browser = await remote({
      hostname: "127.0.0.1",
      port,
      logLevel: "error",
      // No request takes this long unless the app stopped answering: fail the test, not the run.
      connectionRetryTimeout: 30_000,
      connectionRetryCount: 1,
      capabilities: {
        browserName: "wry",
        "tauri:options": { application: APP },
        "wdio:enforceWebDriverClassic": true,
      } as WebdriverIO.Capabilities,
    });
    // The window marks itself usable once the library's top has been read and drawn.
    await browser.waitUntil(
      async () => {
        const marks: unknown = await browser.execute(() =>
          ((window as { __nacrePerf?: { name: string }[] }).__nacrePerf ?? []).map((m) => m.name),
        );
        return Array.isArray(marks) && marks.includes("usable");
      },
      { timeout: 20_000, interval: 50, timeoutMsg: "the window never became usable" },
    );
    return {
      browser,
      launchedAt,
      stop: async () => {
        // A session whose app has already ended (Ctrl+Q) may never be answered.
        await Promise.race([browser.deleteSession().catch(() => {}), sleep(5_000)]);
        await stopDriver();
        await endStrayApps();
      },
    };
  } catch (e) {
    await stopDriver();
    await endStrayApps();
    throw e;
  }
}

/** The tree's visible rows, top to bottom: [title, depth]; the built-in Inbox's row (always
 * the first) is left out while it is empty and closed. */
export async function treeRows(browser: Browser): Promise<[string, number][]> {
  const rows: unknown = await browser.execute(() =>
    [...document.querySelectorAll<HTMLElement>('[role="treeitem"]')]
      .sort((a, b) => Number.parseFloat(a.style.top) - Number.parseFloat(b.style.top))
      .map((el): [string, number, boolean] => [
        el.querySelector(".tree-title")?.textContent ?? "",
        Number(el.getAttribute("aria-level")) - 1,
        el.getAttribute("aria-expanded") !== "true" && el.querySelector(".tree-count") === null,
      ]),
  );
  const all = rows as [string, number, boolean][];
  const [first] = all;
  const inboxShown = first !== undefined && first[0] === INBOX && first[1] === 0 && first[2];
  return (inboxShown ? all.slice(1) : all).map(([title, depth]) => [title, depth]);
}

/** The tree row showing `title`. */
export function row(browser: Browser, title: string) {
  return browser.$(
    `//*[@role="treeitem"][.//*[contains(@class,"tree-title")][normalize-space()="${title}"]]`,
  );
}

/** Waits until `check` holds, polling; fails with `what` and the last value seen. */
export async function eventually<T>(
  what: string,
  read: () => Promise<T> | T,
  check: (v: T) => boolean,
): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < 100; i++) {
    last = await read();
    if (check(last)) return last;
    await sleep(100);
  }
  throw new Error(`${what}: still ${JSON.stringify(last)}`);
}

/**
 * Drags with real pointer actions: press on `from`, move a little, glide to (dx, dy) from the
 * centre of `to`, hold there `holdMs`, and release.
 */
export async function drag(
  browser: Browser,
  from: ChainablePromiseElementLike,
  to: ChainablePromiseElementLike,
  dy = 0,
  holdMs = 150,
  dx = 0,
): Promise<void> {
  const a = await from;
  const b = await to;
  await browser
    .action("pointer", { parameters: { pointerType: "mouse" } })
    .move({ origin: a, x: 0, y: 0 })
    .down({ button: 0 })
    .move({ origin: a, x: 0, y: 8, duration: 60 })
    .move({ origin: b, x: dx, y: dy, duration: 200 })
    .pause(holdMs)
    .move({ origin: b, x: dx + 1, y: dy, duration: 30 })
    .up({ button: 0 })
    .perform();
}

type ChainablePromiseElementLike = ReturnType<Browser["$"]>;

/** The text of the first element matching a CSS selector, read from the page ("" if none). */
export async function textOf(browser: Browser, selector: string): Promise<string> {
  const text: unknown = await browser.execute(
    (sel: string) => document.querySelector(sel)?.textContent ?? "",
    selector,
  );
  return String(text);
}

/** Clicks a top-bar action (its id in TOP_ACTIONS), on the bar or, when the window is too
 * narrow for it, in the bar's More menu. */
export async function topAction(b: Browser, id: string): Promise<void> {
  const onBar = b.$(`.actions [data-action="${id}"]`);
  if (await onBar.isExisting()) {
    await onBar.click();
    return;
  }
  await b.$('[data-action="more"]').click();
  await b.$(`.more-menu [data-action="${id}"]`).click();
}

/** Saves a screenshot of the window to SHOTS, once what the page holds now is painted (two
 * frames on: WebKit paints on its own schedule). */
export async function screenshot(b: Browser, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await b.executeAsync((done: () => void) =>
    requestAnimationFrame(() => requestAnimationFrame(() => done())),
  );
  await b.saveScreenshot(join(SHOTS, name));
}
