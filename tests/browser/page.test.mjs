// The self-contained page written by `nacre export --format page`, opened in headless Chromium:
// it shows the tree, search finds a pearl, it asks nothing from the network, and titles, notes,
// tags and URLs carrying script payloads run nothing.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import { PAYLOAD_NOTE, PAYLOAD_TITLE, buildFixture, exportTo, launch, scratch } from "./lib.mjs";

let browser;
let work;
let server;
let pageUrl;
let openerUrl;

before(async () => {
  // A local page that the fixture links to: it reports whether it can reach its opener.
  server = createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<!DOCTYPE html><title>opener</title><p>opened</p>");
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  openerUrl = `http://127.0.0.1:${server.address().port}/opener`;
  work = scratch();
  buildFixture(work.nacre, openerUrl);
  pageUrl = pathToFileURL(exportTo(work.nacre, work.dir, "page")).href;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
  work?.cleanup();
});

/** Opens the collection titled `title` (small trees open fully; large ones start closed). */
async function openCollection(page, title) {
  const toggle = page.locator(".toggle", { has: page.locator(":scope > .title", { hasText: title }) }).first();
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  assert.equal(await toggle.getAttribute("aria-expanded"), "true", `${title} is open`);
  return toggle;
}

/** Opens the page and records everything that must not happen. */
async function open(context) {
  const page = await context.newPage();
  const seen = { dialogs: [], requests: [], errors: [] };
  page.on("dialog", (d) => {
    seen.dialogs.push(d.message());
    d.dismiss();
  });
  page.on("request", (r) => seen.requests.push(r.url()));
  page.on("pageerror", (e) => seen.errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") seen.errors.push(m.text());
  });
  await page.goto(pageUrl);
  await page.waitForSelector("body[data-ready=true]");
  return { page, seen };
}

test("the page shows the tree and opens a collection", async () => {
  const context = await browser.newContext();
  const { page, seen } = await open(context);
  const top = await page.locator("#tree > li > .line .title").allTextContents();
  assert.deepEqual(top, ["Research", "Empty folder", "At the top"], "top-level pearls in order");
  assert.match(await page.textContent("#summary"), /^4 collections · 9 links · 1 note/);
  await openCollection(page, "Research");
  const rust = await openCollection(page, "Rust & <Co>");
  await rust.click();
  assert.equal(await rust.getAttribute("aria-expanded"), "false", "a collection closes");
  await rust.click();
  const link = page.getByRole("link", { name: 'Rust "lang" & <friends>' });
  assert.equal(await link.isVisible(), true, "a link inside a nested collection shows");
  assert.equal(await link.getAttribute("href"), "https://www.rust-lang.org/");
  assert.equal(await page.locator(".item-s .section").textContent(), "Later", "the section shows");
  assert.equal(await page.locator(".item-n .note").textContent(), "A note pearl </script>");
  // An alias shows its collection's title and, clicked, shows that collection.
  const alias = page.locator("button.title.alias");
  assert.equal(await alias.textContent(), "Éléphants — 日本語", "the alias has its collection's title");
  await alias.click();
  assert.equal(
    await page.locator(".found > .line .title, .found .title").first().textContent(),
    "Éléphants — 日本語",
    "clicking the alias shows the collection it stands for",
  );
  assert.deepEqual(seen.errors, [], "no script error and no blocked resource");
  await context.close();
});

test("search finds a pearl and shows where it is", async () => {
  const context = await browser.newContext();
  const { page, seen } = await open(context);
  await page.fill("#search", "QUOKKA");
  await page.waitForSelector("#results:not([hidden]) .result");
  const titles = await page.locator("#results .result .title").allTextContents();
  assert.deepEqual(titles, ["The happy quokka"], "the one matching pearl");
  assert.match(await page.textContent("#status"), /^1 result$/);
  await page.fill("#search", "elephants");
  const elephants = page.locator("#results .result .title", { hasText: "Éléphants" });
  await elephants.first().waitFor();
  assert.equal(
    await page.locator("#results .result").count(),
    2,
    "accents and case are ignored: the collection, and its alias",
  );
  await page.locator("#results .result .path").first().click();
  assert.equal(await page.locator(".found .title").first().textContent(), "Éléphants — 日本語", "shown in the tree");
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test("script payloads in titles, notes, tags and URLs run nothing", async () => {
  const context = await browser.newContext();
  const { page, seen } = await open(context);
  await openCollection(page, "Research");
  const title = page.getByText(PAYLOAD_TITLE, { exact: true });
  assert.equal(await title.count(), 1, "the payload title is shown as text");
  assert.equal(await title.evaluate((el) => el.tagName), "SPAN", "a javascript: URL is not a link");
  await title.click();
  assert.equal(await page.getByText(PAYLOAD_NOTE, { exact: true }).count(), 1, "the payload note is text");
  assert.equal(await page.getByText("<svg onload=alert(4)>", { exact: true }).count(), 1, "the tag is text");
  assert.equal(await page.getByText("A data: URL", { exact: true }).evaluate((el) => el.tagName), "SPAN");
  await page.fill("#search", "onerror");
  await page.waitForSelector("#results:not([hidden]) .result");
  assert.equal(await page.locator('img[src="x"], svg, script:not([type="application/json"]) ~ script').count(), 0);

  // The policy holds even against script the page did not write.
  await page.evaluate(() => {
    const s = document.createElement("script");
    s.textContent = "window.__pwned = 'injected'";
    document.body.appendChild(s);
  });
  assert.equal(await page.evaluate(() => window.__pwned), undefined, "nothing ran");
  assert.deepEqual(seen.dialogs, [], "no dialog opened");
  const foreign = seen.requests.filter((u) => u !== pageUrl && !u.startsWith("data:"));
  assert.deepEqual(foreign, [], "the page asked nothing from anywhere");
  assert.ok(
    seen.errors.some((e) => /Content Security Policy/.test(e)),
    "the injected script was refused by the page's policy",
  );
  await context.close();
});

test("links open in a new tab without access to the opener", async () => {
  const context = await browser.newContext();
  const { page } = await open(context);
  const hrefs = await page.evaluate(() =>
    [...document.querySelectorAll("a")].map((a) => ({ href: a.href, target: a.target, rel: a.rel })),
  );
  await openCollection(page, "Research");
  const links = await page.evaluate(() =>
    [...document.querySelectorAll("a")].map((a) => ({ protocol: new URL(a.href).protocol, target: a.target, rel: a.rel })),
  );
  assert.ok(links.length >= 3 && hrefs.length >= 1, "links are shown");
  for (const link of links) {
    assert.ok(["http:", "https:", "mailto:"].includes(link.protocol), `only web and mail links: ${link.protocol}`);
    assert.equal(link.target, "_blank");
    assert.equal(link.rel, "noopener noreferrer");
  }
  const [opened] = await Promise.all([
    context.waitForEvent("page"),
    page.getByRole("link", { name: "Opener check" }).click(),
  ]);
  await opened.waitForLoadState();
  assert.equal(opened.url(), openerUrl);
  assert.equal(await opened.evaluate(() => window.opener), null, "the new tab cannot reach the page");
  assert.equal(await opened.evaluate(() => document.referrer), "", "no referrer is sent");
  await context.close();
});
