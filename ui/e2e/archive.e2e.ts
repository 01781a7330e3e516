// Offline copies in the real app: a link's page, served on 127.0.0.1 with navigation, an ad, a
// footer, an image, a stylesheet and scripts that would rewrite the page and call home, is kept
// from the window's menu; then the server stops, and the copy is read in the reader view and
// seen in the sandboxed snapshot view; search finds a sentence inside the page, after title
// matches. NACRE_E2E_THEME=dark takes the same screenshots in the dark theme.

import { mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { eventually, freshHome, nacre, type RunningApp, row, SHOTS, startApp, textOf } from "./app";

let app: RunningApp | undefined;
let server: Server | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
  await stopServer();
});

async function stopServer(): Promise<void> {
  const s = server;
  server = undefined;
  if (!s) return;
  s.closeAllConnections();
  await new Promise<void>((done) => s.close(() => done()));
}

/** A 1x1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==",
  "base64",
);

const ARTICLE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>The taking of the Bastille</title><link rel="stylesheet" href="/site.css">
<script src="/app.js"></script></head><body>
<nav class="menu"><a href="/">Home</a> <a href="/shop">Shop</a> <a href="/about">About the site</a></nav>
<div class="ad">Buy cheap watches now, limited offer</div>
<article><h1>The taking of the Bastille</h1><p class="byline">By Jeanne Martin</p>
<p>On the fourteenth of July 1789, the people of Paris stormed the old royal fortress in the east
of the city, looking for the gunpowder kept behind its walls. By the evening the governor had
given up the keys, and the prison that had stood for four centuries was in the hands of the crowd.</p>
<img src="/tower.png" alt="The eight towers of the fortress">
<p>The news travelled fast. Within days the building was being taken apart stone by stone, and
pieces of it were sold as souvenirs across the kingdom, carved into small models of the towers.</p>
<h2>What it meant</h2>
<p>For many who lived through it, the fall of the fortress was the moment the old order ended.
The date became a national holiday a century later, and it is still kept every summer.</p>
<p>Read <a href="https://en.wikipedia.org/wiki/Storming_of_the_Bastille">more about it</a>.</p>
</article>
<footer>Copyright the site · Cookie settings · Privacy</footer>
<script>document.body.innerHTML = "<p>Written by a script</p>"; fetch("/call-home");</script>
</body></html>`;

/** Serves the article and its assets; counts requests that only a script would make. */
async function startServer(): Promise<{
  base: string;
  calledHome: () => number;
  takeDown: () => void;
}> {
  let calls = 0;
  let gone = false;
  const s = createServer((req, res) => {
    if (req.url === "/article" && !gone) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(ARTICLE);
    } else if (req.url === "/site.css") {
      res.writeHead(200, { "content-type": "text/css" });
      res.end("body { font-family: serif; color: #333 } .ad { background: yellow }");
    } else if (req.url === "/tower.png") {
      res.writeHead(200, { "content-type": "image/png" });
      res.end(PNG);
    } else {
      if (req.url === "/call-home" || req.url === "/app.js") calls++;
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not here");
    }
  });
  await new Promise<void>((ok) => s.listen(0, "127.0.0.1", () => ok()));
  server = s;
  return {
    base: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
    calledHome: () => calls,
    takeDown: () => {
      gone = true;
    },
  };
}

async function shot(b: WebdriverIO.Browser, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  // WebKit paints on its own schedule; give it a moment before the picture.
  await b.pause(300);
  await b.saveScreenshot(join(SHOTS, name));
}

async function rightClick(b: WebdriverIO.Browser, el: ReturnType<WebdriverIO.Browser["$"]>) {
  await b
    .action("pointer", { parameters: { pointerType: "mouse" } })
    .move({ origin: await el, x: 0, y: 0 })
    .down({ button: 2 })
    .up({ button: 2 })
    .perform();
}

describe("offline copies in the window", () => {
  it("keeps a copy of a link, then reads it with the site gone, and finds words inside it", async () => {
    const { base, calledHome } = await startServer();
    const home = freshHome();
    nacre(home.library, "add", "--collection", "Reading");
    nacre(home.library, "add", "--collection", "Stormed fortresses");
    nacre(home.library, "add", `${base}/article`, "--to", "Reading", "--title", "Bastille article");
    app = await startApp(home);
    const b = app.browser;
    await row(b, "Reading").click();
    const bead = b.$(`//*[@data-pearl-id][contains(normalize-space(),"Bastille article")]`);
    await bead.waitForExist({ timeout: 5000 });
    await rightClick(b, bead);
    await b.$('[role="menuitem"]*=Keep an offline copy').click();
    const notice = await eventually(
      "the notice at the end of the run",
      () => textOf(b, '[data-testid="notice"]'),
      (t) => t.includes("kept"),
    );
    expect(notice).toBe("1 offline copy kept");

    expect(calledHome(), "archiving fetched no script and ran none").toBe(0);

    // The site goes away; the copy stays.
    await stopServer();
    await bead.click();
    const info = await eventually(
      "the copy in the link's details",
      () => textOf(b, '[data-testid="copy-info"]'),
      (t) => t.includes("Kept"),
    );
    expect(info, "the details say how much was kept").toMatch(/Kept .* · \d+ words ·/);
    await b.$('[data-testid="copy-info"]').$("button=Read").click();
    const reader = b.$('[data-testid="reader"]');
    await reader.waitForExist({ timeout: 5000 });
    const text = await reader.getText();
    expect(text, "the article's title and text").toContain("The taking of the Bastille");
    expect(text).toContain("the people of Paris stormed the old royal fortress");
    expect(text, "its headings").toContain("What it meant");
    expect(text, "an image becomes its alt text").toContain("The eight towers of the fortress");
    for (const chrome of ["Buy cheap watches", "Cookie settings", "About the site"])
      expect(text, "the site's chrome is left out").not.toContain(chrome);
    expect(text, "no script ran while archiving or reading").not.toContain("Written by a script");
    await shot(b, "reader.png");

    // The snapshot, as the page looked, in a sandbox where nothing runs.
    await b.$('[data-testid="reader"]').$("button=As the page looked").click();
    const frame = b.$('[data-testid="snapshot"] iframe');
    await frame.waitForExist({ timeout: 5000 });
    expect(await frame.getAttribute("sandbox"), "the frame allows nothing").toBe("");
    const src = await frame.getAttribute("src");
    expect(src).toMatch(/^nacre-copy:\/\/localhost\/snapshot\/\d+$/);
    await b.switchFrame(await frame);
    const inside = await eventually(
      "the snapshot's text",
      () => b.execute(() => document.body?.textContent ?? ""),
      (t) => t.includes("stormed the old royal fortress"),
    );
    expect(inside, "the snapshot keeps the page's chrome, as it looked").toContain(
      "Buy cheap watches",
    );
    expect(inside, "its script never ran").not.toContain("Written by a script");
    const link: unknown = await b.execute(
      () => document.querySelector("article a")?.getAttribute("href") ?? "",
    );
    expect(link, "its links lead to the system browser, through the app").toBe(
      `/open/${src?.split("/").pop()}?url=${encodeURIComponent("https://en.wikipedia.org/wiki/Storming_of_the_Bastille")}`,
    );
    await b.switchFrame(null);
    await shot(b, "snapshot.png");
    await b.$('[data-testid="snapshot"]').$("button=Close").click();

    // Search: the title match first, then the link found inside its page, with a snippet.
    const search = b.$('input[aria-label="Search"]');
    await search.setValue("stormed");
    const results = b.$('[role="listbox"][aria-label="Search results"]');
    const hits = await eventually(
      "the search results",
      async () =>
        (await results.isExisting())
          ? String(
              await b.execute(() =>
                [...document.querySelectorAll('[aria-label="Search results"] [role="option"]')]
                  .map((o) => o.textContent)
                  .join("\n"),
              ),
            )
          : "",
      (t) => t.includes("In the page"),
    );
    const lines = hits.split("\n");
    expect(lines[0], "the title match comes first").toContain("Stormed fortresses");
    expect(lines[1], "then the page, with the words in context").toContain("Bastille article");
    expect(lines[1]).toContain("people of Paris stormed the old royal");
    expect(await b.$('[data-testid="hit-snippet"] mark').getText()).toBe("stormed");
    await shot(b, "search-in-pages.png");
  });

  it("shows a dead link's copy first, with a Wayback Machine link", async () => {
    const { base, takeDown } = await startServer();
    const home = freshHome();
    nacre(home.library, "add", "--collection", "Reading");
    nacre(home.library, "add", `${base}/article`, "--to", "Reading", "--title", "Bastille article");
    app = await startApp(home);
    const b = app.browser;
    await row(b, "Reading").click();
    const bead = b.$(`//*[@data-pearl-id][contains(normalize-space(),"Bastille article")]`);
    await bead.waitForExist({ timeout: 5000 });
    await rightClick(b, bead);
    await b.$('[role="menuitem"]*=Keep an offline copy').click();
    await eventually(
      "the notice at the end of the run",
      () => textOf(b, '[data-testid="notice"]'),
      (t) => t === "1 offline copy kept",
    );
    // The page goes away (404); Refresh details finds it dead.
    takeDown();
    await rightClick(b, bead);
    await b.$('[role="menuitem"]*=Refresh details').click();
    await eventually(
      "the notice at the end of the fetch",
      () => textOf(b, '[data-testid="notice"]'),
      (t) => t.startsWith("Details refreshed"),
    );
    await bead.click();
    const order = await eventually(
      "the dead link's details",
      () =>
        b.execute(() =>
          [...document.querySelectorAll('[aria-label="Details"] .field > span:first-child')].map(
            (el) => el.textContent ?? "",
          ),
        ),
      (names) => names.includes("Offline copy") && names.includes("Page"),
    );
    expect(order.indexOf("Offline copy"), "the copy comes before what the page said").toBeLessThan(
      order.indexOf("Page"),
    );
    const copy = await textOf(b, '[data-testid="copy-info"]');
    expect(copy).toContain("Look it up in the Wayback Machine");
    expect(await textOf(b, '[data-testid="page-info"]')).toContain("An error page (HTTP 404)");
    await shot(b, "dead-link-copy.png");
  });
});
