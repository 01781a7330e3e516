// What issue 13 shares, opened in headless Chromium: the page carries its tree block and says
// how to make it one's own; the static site's pages link to each other with breadcrumbs, run no
// script, and its search page finds a pearl; the Atom feed parses as XML. Nothing reaches the
// network and no script payload from the tree runs.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import { buildFixture, exportTo, launch, scratch } from "./lib.mjs";

let browser;
let work;

before(async () => {
  work = scratch();
  buildFixture(work.nacre, "http://127.0.0.1:9/unused");
  browser = await launch();
});

after(async () => {
  await browser?.close();
  work?.cleanup();
});

async function open(url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const seen = { requests: [], errors: [], dialogs: [] };
  page.on("request", (r) => {
    if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) seen.requests.push(r.url());
  });
  page.on("pageerror", (e) => seen.errors.push(String(e)));
  page.on("dialog", (d) => {
    seen.dialogs.push(d.message());
    d.dismiss();
  });
  await page.goto(url);
  return { page, seen, context };
}

test("the page's footer says it opens in Nacre, and its tree block is the native document", async () => {
  const file = exportTo(work.nacre, work.dir, "page");
  const { page, seen, context } = await open(pathToFileURL(file).href);
  await page.waitForSelector("body[data-ready=true]");
  assert.match(await page.textContent("footer"), /Open this page in Nacre to make it your own/);
  const doc = await page.evaluate(() => JSON.parse(document.getElementById("nacre-tree").textContent));
  assert.equal(doc.format, "nacre");
  assert.equal(doc.root.kind.type, "collection");
  assert.deepEqual(seen, { requests: [], errors: [], dialogs: [] });
  await context.close();
});

test("the site's pages link with breadcrumbs, run no script, and its search finds a pearl", async () => {
  const dir = exportTo(work.nacre, work.dir, "site");
  const { page, seen, context } = await open(pathToFileURL(path.join(dir, "index.html")).href);
  await page.click("li.collection >> text=Research");
  await page.click("li.collection >> text=Éléphants");
  assert.match(await page.textContent("nav.crumbs"), /Library › Research ›/);
  assert.equal(await page.locator("li.link a", { hasText: "The happy quokka" }).count(), 1);
  assert.equal(await page.evaluate(() => document.scripts.length), 0, "a collection page has no script");
  await page.click("footer >> text=Search");
  await page.waitForSelector("body[data-ready=true]");
  await page.fill("#q", "quokka");
  await page.waitForSelector("#found li");
  assert.match(await page.textContent("#found"), /The happy quokka/);
  await page.click("#found li a.where");
  assert.match(await page.textContent("h1"), /Éléphants/);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(seen, { requests: [], errors: [], dialogs: [] });
  await context.close();
});

test("the feed parses as Atom XML in the browser", async () => {
  const file = exportTo(work.nacre, work.dir, "atom");
  const { page, context } = await open("about:blank");
  const result = await page.evaluate((text) => {
    const xml = new DOMParser().parseFromString(text, "application/xml");
    return {
      error: xml.getElementsByTagName("parsererror").length,
      root: xml.documentElement.namespaceURI,
      entries: xml.getElementsByTagName("entry").length,
    };
  }, readFileSync(file, "utf8"));
  assert.deepEqual(result, { error: 0, root: "http://www.w3.org/2005/Atom", entries: 10 });
  await context.close();
});
