// Shared by the browser tests: Debian's chromium through playwright-core (never a downloaded
// browser), the nacre command-line tool, and a fixture library holding every kind of pearl and
// script payloads in titles, notes, tags and URLs.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
export const NACRE = process.env.NACRE_BIN ?? path.join(here, "..", "..", "target", "debug", "nacre");
export const CHROMIUM = process.env.CHROMIUM_BIN ?? "/usr/bin/chromium";

/** Launches headless Chromium with the flags this project's machines need. */
export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** A fresh temporary folder and a function that runs nacre on a library inside it. */
export function scratch() {
  const dir = mkdtempSync(path.join(tmpdir(), "nacre-browser-"));
  const library = path.join(dir, "library.sqlite");
  const nacre = (...args) =>
    // Tests never reach the internet: no fetching of the pages added.
    execFileSync(NACRE, ["--library", library, ...args], {
      encoding: "utf8",
      env: { ...process.env, NACRE_NO_FETCH: "1" },
    });
  return { dir, nacre, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Payloads that would run code if any text from the tree reached the page as markup. */
export const PAYLOAD_TITLE = '<img src=x onerror="window.__pwned=1;alert(1)">';
export const PAYLOAD_NOTE = "</script><script>window.__pwned=1;alert(2)</script>";
export const PAYLOAD_URL = "javascript:window.__pwned=1;alert(3)";

/**
 * Builds the fixture library with the tool and returns its tree as Nacre's own file holds it.
 * `openerUrl` is a local page the tests open from a link.
 */
export function buildFixture(nacre, openerUrl) {
  nacre("add", "--collection", "Research/Rust & <Co>");
  nacre("add", "--collection", "Research/Éléphants — 日本語");
  nacre("add", "--collection", "Empty folder");
  nacre(
    "add", "https://www.rust-lang.org/", "--title", 'Rust "lang" & <friends>',
    "--comment", "Two lines\nof <b>note</b> & more", "--tags", "rust,lang", "--to", "Research/Rust & <Co>",
  );
  nacre("add", "https://example.com/?a=1&b=2#x", "--title", "Query & ampersand", "--to", "Research/Rust & <Co>");
  nacre("add", "https://quokka.example.org/", "--title", "The happy quokka", "--tags", "animals", "--to", "Research/Éléphants — 日本語");
  nacre("add", PAYLOAD_URL, "--title", PAYLOAD_TITLE, "--comment", PAYLOAD_NOTE, "--tags", "<svg onload=alert(4)>", "--to", "Research");
  nacre("add", "data:text/html,<script>alert(5)</script>", "--title", "A data: URL", "--to", "Research");
  nacre("add", "mailto:someone@example.com", "--title", "Write to someone", "--to", "Research");
  nacre("add", openerUrl, "--title", "Opener check", "--to", "Research");
  nacre("add", "https://example.net/untitled", "--to", "Research");
  nacre("add", "--section", "Later", "--to", "Research");
  nacre("add", "--note", "A note pearl </script>", "--to", "Research");
  nacre("add", "--alias", "Research/Éléphants — 日本語", "--to", "Research");
  nacre("add", "https://top.example/", "--title", "At the top");
}

/** Exports the whole library in `format` to `dir` and returns the file's path. */
export function exportTo(nacre, dir, format) {
  const names = {
    native: "library.nacre.json", netscape: "bookmarks.html", page: "page.html", markdown: "library.md",
    opml: "library.opml", atom: "library.atom", site: "site",
  };
  const file = path.join(dir, names[format]);
  nacre("export", "--format", format, "-o", file);
  return file;
}

/** The whole tree from a native export. */
export function readNative(file) {
  const doc = JSON.parse(readFileSync(file, "utf8"));
  return doc.root;
}

/** The title a pearl shows, by the rule the writers follow. */
export function shownTitle(node) {
  if (node.titleIsUser && node.title) return node.title;
  if (node.details?.title) return node.details.title;
  if (node.title) return node.title;
  return node.kind.type === "link" ? node.kind.url : "";
}
