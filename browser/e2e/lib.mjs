// Shared by the extension's end-to-end tests: the nacre tool and host as built, the built
// extension, a page server on 127.0.0.1 that stops with the test, the keyboard under Xvfb
// (xdotool), and polling. Browsers always get the flags that keep them quiet.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, "..", "..");
const TARGET = process.env.CARGO_TARGET_DIR ?? path.join(ROOT, "target");
export const NACRE = process.env.NACRE_BIN ?? path.join(TARGET, "debug", "nacre");
export const HOST = process.env.NACRE_HOST_BIN ?? path.join(TARGET, "debug", "nacre-host");
export const EXTENSION = path.join(ROOT, "target", "extension");
export const CHROMIUM = process.env.CHROMIUM_BIN ?? "/usr/bin/chromium";
export const FIREFOX = process.env.FIREFOX_BIN ?? "/usr/bin/firefox-esr";

/** Chromium's flags for a quiet browser (no traffic but the test's own). */
export const QUIET_CHROMIUM = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-default-apps",
  "--disable-domain-reliability",
  "--no-default-browser-check",
];

/** A temporary folder with a library in it, and the nacre tool on that library. */
export function scratch() {
  const dir = mkdtempSync(path.join(tmpdir(), "nacre-extension-"));
  const library = path.join(dir, "library.sqlite");
  const nacre = (...args) =>
    execFileSync(NACRE, ["--library", library, ...args], {
      encoding: "utf8",
      env: browserEnv({ NACRE_NO_FETCH: "1", HOME: dir }),
    });
  const json = (...args) => JSON.parse(nacre("--json", ...args));
  return {
    dir,
    library,
    nacre,
    json,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The environment a browser gets: no NACRE_LIBRARY, so the host uses what install recorded. */
export function browserEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  delete env.NACRE_LIBRARY;
  return env;
}

/** Serves `pages` ({"/path": html}) on 127.0.0.1; resolves with its base URL and a stop(). */
export async function serve(pages) {
  const server = http.createServer((req, res) => {
    // A page is its HTML, or `{ type, body }` for anything else (an icon).
    const page = pages[new URL(req.url, "http://x").pathname];
    const { type, body } =
      typeof page === "string" ? { type: "text/html; charset=utf-8", body: page } : (page ?? {});
    res.writeHead(body ? 200 : 404, { "content-type": type ?? "text/html; charset=utf-8" });
    res.end(body ?? "not here");
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const timer = setTimeout(() => server.close(), 5 * 60_000);
  timer.unref();
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    stop: () => {
      clearTimeout(timer);
      server.close();
      server.closeAllConnections();
    },
  };
}

/** Presses keys on the focused window of the X display (as a person would). */
export function press(keys) {
  execFileSync("xdotool", ["key", "--clearmodifiers", keys]);
}

/**
 * Presses `keys` and polls `check`, pressing again every `every` ms while nothing came of it: a
 * browser just started may not have its extension's shortcuts registered, or its window focused,
 * when the first press arrives. `before`, when given, runs before each press (to put the page
 * back as the user left it: its tab in front, its text selected). Returns what `check` returned.
 */
export async function pressUntil(what, keys, check, { ms = 30_000, every = 2_500, before } = {}) {
  let pressedAt = 0;
  return until(
    what,
    async () => {
      if (Date.now() - pressedAt >= every) {
        await before?.();
        press(keys);
        pressedAt = Date.now();
      }
      return check();
    },
    ms,
  );
}

/** Polls `check` until it returns a truthy value or `ms` pass; returns the value. */
export async function until(what, check, ms = 10_000) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    try {
      last = await check();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`waited ${ms} ms for ${what}; last: ${last}`);
}

/** Every pearl of the library's tree, each with `path`: its collection's path ("Cours/Révolution"). */
export function pearlsWithPaths(json) {
  const rows = json("ls", "--tree").map((r) => r.pearl);
  const byId = new Map(rows.map((p) => [p.id, p]));
  const pathOf = (id) => {
    const titles = [];
    for (let p = byId.get(id); p; p = byId.get(p.parentId)) titles.unshift(p.title);
    return titles.join("/");
  };
  return rows.map((p) => ({ ...p, path: pathOf(p.parentId) }));
}
