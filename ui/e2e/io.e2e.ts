// Import, export and page details in the real app, driven through WebDriver, each test on a
// fresh library of its own. Native dialogs cannot be driven by WebDriver, so these tests set
// NACRE_TEST_DIALOG_PATH (test-only: the app answers its open and save dialogs with it), and
// pages are served by a server of the test's own on 127.0.0.1.

import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Key } from "webdriverio";
import type { Pearl } from "../src/bindings/Pearl";
import {
  type Browser,
  CLI,
  eventually,
  FIXTURES,
  freshHome,
  nacre,
  type RunningApp,
  row,
  SHOTS,
  startApp,
  TEST_DATA,
  textOf,
  titlesIn,
  topAction,
} from "./app";

/** Drops a file of `bytes` named `name` on the window, as a file manager would; whether the
 * window took the drag. */
function dropFile(b: Browser, bytes: Buffer, name: string, type: string) {
  return b.execute(
    (base64: string, fileName: string, mime: string) => {
      const raw = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([raw], fileName, { type: mime }));
      const over = new DragEvent("dragover", {
        dataTransfer: transfer,
        cancelable: true,
        bubbles: true,
      });
      document.body.dispatchEvent(over);
      document.body.dispatchEvent(
        new DragEvent("drop", { dataTransfer: transfer, cancelable: true, bubbles: true }),
      );
      return over.defaultPrevented;
    },
    bytes.toString("base64"),
    name,
    type,
  );
}

let app: RunningApp | undefined;
const realHome = process.env.HOME;
let server: Server | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
  delete process.env.NACRE_TEST_DIALOG_PATH;
  process.env.HOME = realHome;
  server?.closeAllConnections();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  server = undefined;
});

/** A 1x1 PNG, served as a favicon. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==",
  "base64",
);

/** Serves a page with a title and favicon, a page gone (404) and a page moved for good (301). */
async function startServer(): Promise<string> {
  const s = createServer((req, res) => {
    if (req.url === "/page") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(
        '<html><head><title>A page served on 127.0.0.1</title><meta name="description" content="What the page says about itself."><link rel="icon" href="/icon.png"></head><body>hi</body></html>',
      );
    } else if (req.url === "/icon.png") {
      res.writeHead(200, { "content-type": "image/png" });
      res.end(PNG);
    } else if (req.url?.startsWith("/slow/")) {
      // Answers late, so that a run is still going when the test cancels it.
      const t = setTimeout(() => {
        res.writeHead(200, { "content-type": "text/html" });
        res.end("<title>Slow</title>");
      }, 4000);
      res.on("close", () => clearTimeout(t));
    } else if (req.url === "/old") {
      res.writeHead(301, { location: "/page" });
      res.end();
    } else {
      res.writeHead(404, { "content-type": "text/html" });
      res.end("<html><head><title>Not found</title></head></html>");
    }
  });
  await new Promise<void>((ok) => s.listen(0, "127.0.0.1", () => ok()));
  server = s;
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

const BOOKMARKS = `<!DOCTYPE NETSCAPE-Bookmark-file-1>
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
<TITLE>Bookmarks</TITLE>
<H1>Bookmarks</H1>
<DL><p>
  <DT><H3>Toolbar</H3>
  <DL><p>
    <DT><A HREF="https://example.com/one">One</A>
    <DT><A HREF="https://example.com/two">Two</A>
    <DT><H3>Rust</H3>
    <DL><p>
      <DT><A HREF="https://www.rust-lang.org/">Rust</A>
    </DL><p>
  </DL><p>
  <DT><A HREF="place:sort=8&maxResults=10">Recently visited</A>
  <DT><A HREF="https://example.org/already">Already here</A>
</DL><p>
`;

/** Runs the tool without blocking this process, whose server must answer the tool's fetches. */
function nacreAsync(library: string, ...args: string[]): Promise<string> {
  return new Promise((ok, fail) => {
    execFile(CLI, args, { env: { ...process.env, NACRE_LIBRARY: library } }, (e, out) =>
      e ? fail(e) : ok(out),
    );
  });
}

async function shot(b: WebdriverIO.Browser, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await b.saveScreenshot(join(SHOTS, name));
}

describe("import, export and page details in the window", () => {
  it("imports a bookmark file after a preview, reports it, and undoes it in one step", async () => {
    const home = freshHome();
    nacre(home.library, "add", "https://example.org/already", "--no-fetch", "--title", "Mine");
    const file = join(home.dir, "bookmarks.html");
    writeFileSync(file, BOOKMARKS);
    process.env.NACRE_TEST_DIALOG_PATH = file;
    app = await startApp(home);
    const b = app.browser;
    await topAction(b, "import");
    await b.$("button=Choose a file…").click();
    const total = await eventually(
      "the preview's counts",
      () => textOf(b, '[data-testid="preview-total"]'),
      (t) => t.length > 0,
    );
    expect(total, "the preview counts what will be imported").toContain("2 collections, 4 links");
    expect(total, "the preview says what the reader skipped").toContain("1 entry will be skipped");
    const tree = await textOf(b, '[data-testid="preview-tree"]');
    expect(tree, "the preview shows the collections with counts").toContain("Toolbar");
    expect(tree).toContain("1 collection, 3 links");
    await shot(b, "import-preview.png");
    const title = b.$('input[aria-label="Collection title"]');
    await title.setValue("From the test");
    await b.$('[data-testid="import-confirm"]').click();
    const counts = await eventually(
      "the report",
      () => textOf(b, '[data-testid="report-counts"]'),
      (t) => t.length > 0,
    );
    expect(counts).toBe("2 collections, 4 links");
    expect(await textOf(b, '[data-testid="report-already"]')).toBe(
      "1 link was already in the library",
    );
    const skipped = await textOf(b, ".io-table");
    expect(skipped, "the skipped entry is listed with where it was and why").toContain("place:");
    await shot(b, "import-report.png");
    expect(titlesIn(home.library), "the import is one new collection").toEqual([
      "Mine",
      "From the test",
    ]);
    expect(titlesIn(home.library, "From the test/Toolbar")).toEqual(["One", "Two", "Rust"]);
    await b.$("button=Close").click();
    await row(b, "From the test").waitForExist();
    await b.$('[role="tree"]').click();
    await b.keys([Key.Ctrl, "z"]);
    await eventually(
      "the library after undo",
      () => titlesIn(home.library),
      (t) => t.length === 1,
    );
    expect(titlesIn(home.library), "one undo removes the whole import").toEqual(["Mine"]);
    await row(b, "From the test").waitForExist({ reverse: true });
  });

  it("imports a browser's bookmark file dropped on the window into the open collection", async () => {
    const home = freshHome();
    nacre(home.library, "add", "--collection", "Old browsers");
    app = await startApp(home);
    const b = app.browser;
    await row(b, "Old browsers").click();
    // A real Chrome export, dropped as a file whose name needs more than ASCII.
    const bytes = readFileSync(
      join(FIXTURES, "chrome-json/radam9__bookmarks-converter__bookmarks_chrome.json"),
    );
    const name = "Signets d'École.json";
    const dispatched = await dropFile(b, bytes, name, "application/json");
    expect(dispatched, "the window accepts a file dragged over it").toBe(true);
    const total = await eventually(
      "the preview's counts",
      () => textOf(b, '[data-testid="preview-total"]'),
      (t) => t.length > 0,
    );
    expect(total, "the preview counts the dropped file's links").toContain("27 links");
    const title = await b.$('input[aria-label="Collection title"]').getValue();
    expect(await textOf(b, ".io-file"), "the preview names the dropped file").toContain(
      "Signets d'École",
    );
    expect(title, "the new collection is named after the browser that wrote the file").toMatch(
      /^Chrome bookmarks, \d{1,2} [A-Z][a-z]{2} \d{4}$/,
    );
    await b
      .$('select[aria-label="Import into"]')
      .selectByVisibleText("“Old browsers” (the open collection)");
    await shot(b, "import-dropped-preview.png");
    await b.$('[data-testid="import-confirm"]').click();
    const counts = await eventually(
      "the report",
      () => textOf(b, '[data-testid="report-counts"]'),
      (t) => t.length > 0,
    );
    expect(counts).toContain("27 links");
    expect(titlesIn(home.library), "nothing new at the top").toEqual(["Old browsers"]);
    const inside = titlesIn(home.library, "Old browsers");
    expect(inside, "the import is one new collection, in the open one").toHaveLength(1);
    expect(inside[0]).toContain("Chrome bookmarks, ");
    expect(
      titlesIn(home.library, `Old browsers/${inside[0]}`),
      "Chrome's roots become collections",
    ).toContain("Bookmarks bar");
  });

  it("names a service's export in the preview and says what it kept as tags and notes", async () => {
    const home = freshHome();
    app = await startApp(home);
    const b = app.browser;
    // Pocket's CSV (our own small file of its quirks), dropped on the window.
    const bytes = readFileSync(join(TEST_DATA, "services/pocket_part_000000.csv"));
    expect(await dropFile(b, bytes, "part_000000.csv", "text/csv")).toBe(true);
    await b.$('[data-testid="preview-total"]').waitForExist();
    expect(await textOf(b, ".io-dialog h2"), "the preview names the service").toBe(
      "Import Pocket export",
    );
    expect(await textOf(b, '[data-testid="preview-total"]')).toContain("links");
    const kept = await textOf(b, '[data-testid="preview-kept"]');
    expect(kept, "the states and tags kept as tags").toMatch(/^Kept as tags and notes: Tags on/);
    expect(kept).toContain("unread");
    await shot(b, "import-service-preview.png");
    await b.$('[data-testid="import-confirm"]').click();
    await b.$('[data-testid="report-counts"]').waitForExist();
    expect(await textOf(b, '[data-testid="report-kept"]'), "and the report says so").toContain(
      "unread",
    );
    expect(titlesIn(home.library)[0]).toMatch(/^Pocket export, /);
  });

  it("exports a collection to the chosen file, which parses", async () => {
    const home = freshHome();
    nacre(home.library, "add", "--collection", "Share me");
    nacre(
      home.library,
      "add",
      "https://example.com/x",
      "--no-fetch",
      "--title",
      "X",
      "--to",
      "Share me",
    );
    const out = join(home.dir, "shared.nacre.json");
    process.env.NACRE_TEST_DIALOG_PATH = out;
    app = await startApp(home);
    const b = app.browser;
    await row(b, "Share me").click();
    await topAction(b, "share");
    await b.$('input[name="format"][value="native"]').click();
    await b.$('[data-testid="export-save"]').click();
    await eventually(
      "the notice",
      () => textOf(b, '[data-testid="notice"]'),
      (t) => t.startsWith("Shared"),
    );
    expect(existsSync(out), "the export was written where the dialog said").toBe(true);
    const doc = JSON.parse(readFileSync(out, "utf8"));
    expect(JSON.stringify(doc), "the file holds the collection and its link").toContain(
      "https://example.com/x",
    );
    expect(JSON.stringify(doc)).toContain("Share me");
  });

  it("fetches the title and favicon of a pasted link, and lists dead and moved links", async () => {
    const base = await startServer();
    const home = freshHome();
    nacre(home.library, "add", `${base}/gone`, "--no-fetch", "--title", "Gone page");
    nacre(home.library, "add", `${base}/old`, "--no-fetch", "--title", "Old address");
    await nacreAsync(home.library, "fetch");
    app = await startApp(home);
    const b = app.browser;
    const search = b.$('input[aria-label="Search"]');
    await search.setValue(`${base}/page`);
    await b.keys([Key.Ctrl, "a"]);
    await b.keys([Key.Ctrl, "c"]);
    await b.keys(Key.Escape);
    await b.$('[role="tree"]').click();
    await b.keys([Key.Ctrl, "v"]);
    await eventually(
      "the pasted link's title in the library",
      () => titlesIn(home.library),
      (t) => t.includes("A page served on 127.0.0.1"),
    );
    await row(b, "A page served on 127.0.0.1").waitForExist({ timeout: 15_000 });
    await eventually(
      "the favicon in the tree",
      async () =>
        (await b.$$(".tree-row .icon-favicon img, [role=treeitem] .icon-favicon img")).length,
      (n) => n >= 1,
    );
    await eventually(
      "the favicon on the round pearl",
      async () => (await b.$$(".bead-favicon")).length,
      (n) => n >= 1,
    );
    await row(b, "A page served on 127.0.0.1").click();
    const page = await eventually(
      "what the page said, in the details",
      () => textOf(b, '[data-testid="page-info"]'),
      (t) => t.includes("Page read"),
    );
    expect(page, "its description").toContain("What the page says about itself.");
    expect(page, "how the fetch went").toContain("Page read (HTTP 200)");
    await row(b, "Gone page").click();
    await eventually(
      "a dead link's details",
      () => textOf(b, '[data-testid="page-info"]'),
      (t) => t.includes("An error page (HTTP 404)"),
    );
    await shot(b, "page-info.png");
    await topAction(b, "health");
    await eventually(
      "the link-health view",
      () => textOf(b, '[data-testid="dead-count"]'),
      (t) => t === "1 dead link",
    );
    expect(await textOf(b, '[data-testid="moved-count"]')).toBe("1 moved link");
    await shot(b, "link-health.png");
    await b.$("button=Update moved links").click();
    await eventually(
      "moved links after the update",
      () => textOf(b, '[data-testid="moved-count"]'),
      (t) => t === "0 moved links",
    );
    const urls = () => (nacre(home.library, "ls") as Pearl[]).map((p) => p.url);
    expect(urls(), "the moved link now has its new address").toContain(`${base}/page`);
    expect(urls()).not.toContain(`${base}/old`);
    await b.$("button=Close").click();
    await b.$('[role="tree"]').click();
    await b.keys([Key.Ctrl, "z"]);
    await eventually("the URL after undo", urls, (u) => u.includes(`${base}/old`));
  });

  it("lists pages saved more than once and keeps the oldest of each in one undoable step", async () => {
    const home = freshHome();
    nacre(home.library, "add", "https://example.com/a", "--no-fetch", "--title", "First copy");
    nacre(home.library, "add", "--collection", "Reading");
    nacre(
      home.library,
      "add",
      "https://EXAMPLE.com:443/a",
      "--no-fetch",
      "--title",
      "Second copy",
      "--to",
      "Reading",
    );
    nacre(home.library, "add", "https://example.com/b", "--no-fetch", "--title", "Only once");
    app = await startApp(home);
    const b = app.browser;
    await topAction(b, "health");
    await eventually(
      "the duplicates",
      () => textOf(b, '[data-testid="dupe-count"]'),
      (t) => t === "1 page saved more than once",
    );
    const table = await textOf(b, ".io-dialog");
    expect(table, "each copy with where it is").toContain("Reading › Second copy");
    expect(table).toContain("My pearls › First copy");
    await shot(b, "duplicates.png");
    await b.$('[data-testid="trash-extra"]').click();
    await eventually(
      "Reading after the clean-up",
      () => titlesIn(home.library, "Reading"),
      (t) => t.length === 0,
    );
    expect(titlesIn(home.library), "the oldest copy stays").toEqual([
      "First copy",
      "Reading",
      "Only once",
    ]);
    await eventually(
      "no duplicates left",
      () => textOf(b, '[data-testid="dupe-count"]'),
      (t) => t === "0 pages saved more than once",
    );
    await b.$("button=Close").click();
    await b.$('[role="tree"]').click();
    await b.keys([Key.Ctrl, "z"]);
    await eventually(
      "the copy back after undo",
      () => titlesIn(home.library, "Reading"),
      (t) => t.join() === "Second copy",
    );
  });

  it("refreshes the details of a collection's links on demand and reports what it read", async () => {
    const base = await startServer();
    const home = freshHome();
    nacre(home.library, "add", "--collection", "Later");
    nacre(home.library, "add", `${base}/page`, "--to", "Later");
    nacre(home.library, "add", `${base}/gone`, "--to", "Later");
    app = await startApp(home);
    const b = app.browser;
    await row(b, "Later").click();
    await topAction(b, "details");
    const notice = await eventually(
      "the notice at the end of the run",
      () => textOf(b, '[data-testid="notice"]'),
      (t) => t.startsWith("Details refreshed"),
    );
    expect(notice, "one page read, the 404 counted as failed").toBe(
      "Details refreshed: 1 page read, 1 failed, 0 never fetched (not web pages)",
    );
    expect(titlesIn(home.library, "Later"), "the fetched title is the one shown").toEqual([
      "A page served on 127.0.0.1",
      `${base}/gone`,
    ]);
    await b
      .$(`//*[@data-pearl-id][contains(normalize-space(),"A page served on 127.0.0.1")]`)
      .waitForExist({ timeout: 5000 });
  });

  it("lists a browser's profile by its name and imports its bookmarks", async () => {
    const home = freshHome();
    // A Chromium of this user, in a home folder of the test's own.
    const userHome = join(home.dir, "home");
    const chromium = join(userHome, ".config/chromium");
    mkdirSync(join(chromium, "Default"), { recursive: true });
    writeFileSync(
      join(chromium, "Local State"),
      JSON.stringify({ profile: { info_cache: { Default: { name: "Work" } } } }),
    );
    writeFileSync(
      join(chromium, "Default/Bookmarks"),
      JSON.stringify({
        version: 1,
        roots: {
          bookmark_bar: {
            type: "folder",
            name: "Bookmarks bar",
            children: [
              { type: "url", name: "Docs", url: "https://docs.example/" },
              { type: "url", name: "News", url: "https://news.example/" },
            ],
          },
          other: { type: "folder", name: "Other bookmarks", children: [] },
        },
      }),
    );
    process.env.HOME = userHome;
    app = await startApp(home);
    const b = app.browser;
    await topAction(b, "import");
    const profile = b.$('[role="dialog"] [data-testid="profiles"]');
    await profile.waitForExist({ timeout: 10_000 });
    expect(await profile.getText()).toContain("Chromium, profile “Work”: 2 bookmarks");
    await shot(b, "import-choose.png");
    await profile.$("button=Import").click();
    const total = await eventually(
      "the preview's counts",
      () => textOf(b, '[data-testid="preview-total"]'),
      (t) => t.length > 0,
    );
    expect(total).toContain("2 links");
    await b.$('[data-testid="import-confirm"]').click();
    await b.$('[data-testid="report-counts"]').waitForExist();
    const top = titlesIn(home.library);
    expect(top, "one new collection").toHaveLength(1);
    expect(titlesIn(home.library, `${top[0]}/Bookmarks bar`)).toEqual(["Docs", "News"]);
  });

  it("shows a long fetch's progress and cancels it, keeping what it finished", async () => {
    const base = await startServer();
    const home = freshHome();
    nacre(home.library, "add", "--collection", "Slow");
    nacre(home.library, "add", `${base}/page`, "--to", "Slow");
    for (const n of [1, 2, 3]) nacre(home.library, "add", `${base}/slow/${n}`, "--to", "Slow");
    app = await startApp(home);
    const b = app.browser;
    await row(b, "Slow").click();
    await topAction(b, "details");
    const bar = await eventually(
      "the progress panel",
      () => textOf(b, '[data-testid="fetch-bar"]'),
      (t) => t.includes("1 done"),
    );
    expect(bar, "done, failed and remaining are shown").toContain(
      "1 done · 0 failed · 3 remaining",
    );
    await shot(b, "fetch-progress.png");
    await b.$('[data-testid="fetch-bar"] button').click();
    const notice = await eventually(
      "the notice after cancelling",
      () => textOf(b, '[data-testid="notice"]'),
      (t) => t.startsWith("Stopped"),
    );
    expect(notice).toBe("Stopped: 1 page read, 3 not fetched");
    expect(titlesIn(home.library, "Slow"), "the finished page keeps its fetched title").toContain(
      "A page served on 127.0.0.1",
    );
  });
});
