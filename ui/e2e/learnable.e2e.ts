// Issue 11, "Learnable in five minutes": each numbered point of the issue, on the real app
// through WebDriver, each test on a fresh library (and, where browsers are looked for, a home
// folder) of its own.

import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { Key } from "webdriverio";
import type { Pearl } from "../src/bindings/Pearl";
import {
  APP,
  type Browser,
  CLI,
  eventually,
  freshHome,
  nacre,
  type RunningApp,
  row,
  SHOTS,
  startApp,
  textOf,
  titlesIn,
  topAction,
  treeRows,
} from "./app";

let app: RunningApp | undefined;
const realHome = process.env.HOME;
afterEach(async () => {
  await app?.stop();
  app = undefined;
  delete process.env.NACRE_TEST_DIALOG_PATH;
  process.env.HOME = realHome;
});

async function shot(b: Browser, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  // WebKit paints on its own schedule; give it a moment before the picture.
  await b.pause(300);
  await b.saveScreenshot(join(SHOTS, name));
}

/** Right-clicks an element the way a user does (the pointer's second button). */
async function rightClick(b: Browser, el: ReturnType<Browser["$"]>): Promise<void> {
  await b
    .action("pointer", { parameters: { pointerType: "mouse" } })
    .move({ origin: await el, x: 0, y: 0 })
    .down({ button: 2 })
    .up({ button: 2 })
    .perform();
}

/** A Chromium of the test's own user, with a profile "Work" holding `links` bookmarks. */
function chromiumHome(dir: string, links: number): string {
  const userHome = join(dir, "home");
  const chromium = join(userHome, ".config/chromium");
  mkdirSync(join(chromium, "Default"), { recursive: true });
  writeFileSync(
    join(chromium, "Local State"),
    JSON.stringify({ profile: { info_cache: { Default: { name: "Work" } } } }),
  );
  const children = Array.from({ length: links }, (_, i) => ({
    type: "url",
    name: `Page ${i + 1}`,
    url: `https://site${i + 1}.example/`,
  }));
  writeFileSync(
    join(chromium, "Default/Bookmarks"),
    JSON.stringify(
      {
        version: 1,
        roots: {
          bookmark_bar: { type: "folder", name: "Bookmarks bar", children },
          other: { type: "folder", name: "Other bookmarks", children: [] },
        },
      },
      null,
      3,
    ),
  );
  return userHome;
}

describe("learnable in five minutes (issue 11)", () => {
  it("1. the first screen of an empty library offers the browser's profile with its bookmark count, and imports it", async () => {
    const home = freshHome();
    process.env.HOME = chromiumHome(home.dir, 3);
    app = await startApp(home);
    const b = app.browser;
    const welcome = b.$('[data-testid="welcome"]');
    await welcome.waitForExist();
    const profiles = await eventually(
      "the profiles found",
      () => textOf(b, '[data-testid="profiles"]'),
      (t) => t.includes("bookmarks"),
    );
    expect(profiles).toContain("Chromium, profile “Work”: 3 bookmarks");
    expect(await welcome.getText(), "the card on how Nacre works").toContain("Alt-drag");
    expect(await welcome.getText()).toContain("Import a file…");
    await shot(b, "first-screen.png");
    await b.$('//*[@data-testid="profiles"]//button[normalize-space()="Import"]').click();
    await b.$('[data-testid="import-confirm"]').waitForExist();
    await b.$('[data-testid="import-confirm"]').click();
    await b.$('[data-testid="report-counts"]').waitForExist();
    const top = titlesIn(home.library);
    expect(top, "one new collection, named after the browser").toHaveLength(1);
    expect(top[0], "named after the browser and its profile").toMatch(
      /^Chromium bookmarks \(Work\), \d{1,2} [A-Z][a-z]{2} \d{4}$/,
    );
    expect(titlesIn(home.library, `${top[0]}/Bookmarks bar`)).toHaveLength(3);
    await b.$("button=Close").click();
    await welcome.waitForExist({ reverse: true });
    // The card stays reachable from the ? button.
    await topAction(b, "help");
    const help = b.$('[role="dialog"][aria-label="Help"]');
    await help.waitForExist();
    await shot(b, "help.png");
    expect(await help.getText()).toContain("How Nacre works");
    expect(await help.getText()).toContain("Alias");
  });

  it("2. right-click on a pearl opens Nacre's menu, and Move to… moves it with the keyboard", async () => {
    const home = freshHome();
    nacre(home.library, "add", "--collection", "Cours/Les débuts");
    nacre(home.library, "add", "https://example.org/a", "--title", "Lesson A");
    app = await startApp(home);
    const b = app.browser;
    await rightClick(b, row(b, "Lesson A"));
    const menu = b.$('[role="menu"][aria-label="Pearl menu"]');
    await menu.waitForExist();
    const items = await menu.getText();
    for (const item of ["Open in the browser", "Rename", "Move to…", "Copy link", "Move to trash"])
      expect(items, "the pearl's menu").toContain(item);
    expect(items).not.toContain("Reload");
    await shot(b, "context-menu.png");
    await b.$('[role="menuitem"]*=Move to…').click();
    const picker = b.$('input[aria-label="Collection to move to"]');
    await picker.waitForExist();
    await picker.addValue("debu");
    await eventually(
      "the picker's choices",
      () => textOf(b, "#move-choices"),
      (t) => t.includes("Les débuts"),
    );
    await shot(b, "move-picker.png");
    await b.keys(Key.Enter);
    await eventually(
      "the pearl in Les débuts",
      () => titlesIn(home.library, "Cours/Les débuts"),
      (t) => t.join() === "Lesson A",
    );
    expect(await textOf(b, '[data-testid="notice"]')).toBe("Moved 1 pearl to “Les débuts”");
    // The web view's own menu never opens on the tree, the middle or the trash; text fields
    // keep theirs (cut, copy, paste).
    const prevented: unknown = await b.execute(() => {
      const fire = (el: Element | null) => {
        const e = new MouseEvent("contextmenu", { bubbles: true, cancelable: true });
        el?.dispatchEvent(e);
        return e.defaultPrevented;
      };
      const out = {
        tree: fire(document.querySelector(".tree")),
        middle: fire(document.querySelector(".middle-body")),
        topbar: fire(document.querySelector(".brand")),
        search: fire(document.querySelector('input[aria-label="Search"]')),
      };
      document
        .querySelector<HTMLElement>(".menu-backdrop")
        ?.dispatchEvent(new PointerEvent("pointerdown", { bubbles: true }));
      return out;
    });
    expect(prevented).toEqual({ tree: true, middle: true, topbar: true, search: false });
  });

  it("3. at 720×480 every top-bar action is reachable and the panels resize, their widths remembered", async () => {
    const home = freshHome();
    nacre(home.library, "add", "--collection", "A collection with a rather long title indeed");
    app = await startApp(home);
    let b = app.browser;
    await b.setWindowSize(720, 480);
    await eventually(
      "the window's width",
      () => b.execute(() => window.innerWidth),
      (w) => Number(w) <= 720,
    );
    await row(b, "A collection with a rather long title indeed").click();
    const ids: string[] = [
      "new-collection",
      "new-note",
      "new-section",
      "undo",
      "redo",
      "import",
      "share",
      "details",
      "connect-browser",
      "sync",
      "duplicates",
      "health",
      "copies",
      "help",
    ];
    const look = () =>
      b.execute(() => {
        const inView = (el: Element) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth && r.top >= 0;
        };
        const onBar = [...document.querySelectorAll(".actions:not(.actions-measure) [data-action]")]
          .filter(inView)
          .map((el) => (el as HTMLElement).dataset.action);
        const title = document.querySelector('[data-testid="open-title"]');
        const r = title?.getBoundingClientRect();
        return {
          onBar,
          titleShown: title ? inView(title) && title.clientWidth > 60 : false,
          titleBox: r ? [r.left, r.top, r.right, r.bottom, window.innerWidth] : null,
        };
      });
    // The layout follows the new size over the next frames.
    const reach: unknown = await eventually(
      "the layout at 720×480",
      look,
      (r) => (r as { titleShown: boolean }).titleShown,
    ).catch(() => look());
    const { onBar, titleShown, titleBox } = reach as {
      onBar: string[];
      titleShown: boolean;
      titleBox: number[];
    };
    await shot(b, "window-720x480.png");
    expect(titleShown, `the open collection's title stays in view: ${titleBox}`).toBe(true);
    expect(onBar, "the More button is on the bar").toContain("more");
    await b.$('[data-action="more"]').click();
    const inMenu = (await b
      .$$(".more-menu [data-action]")
      .map((el) => el.getAttribute("data-action"))) as string[];
    await shot(b, "topbar-720.png");
    for (const id of ids)
      expect([...onBar, ...inMenu], `${id} is on the bar or in More`).toContain(id);
    await b.keys(Key.Escape);
    // Dragging the tree's border makes it wider, and the width comes back after a restart.
    const before = Number(await b.$('[data-testid="splitter-side"]').getAttribute("aria-valuenow"));
    await b.setWindowSize(1200, 760);
    await b
      .action("pointer", { parameters: { pointerType: "mouse" } })
      .move({ origin: await b.$('[data-testid="splitter-side"]'), x: 0, y: 0 })
      .down({ button: 0 })
      .move({ origin: await b.$('[data-testid="splitter-side"]'), x: 80, y: 0, duration: 200 })
      .up({ button: 0 })
      .perform();
    const after = Number(await b.$('[data-testid="splitter-side"]').getAttribute("aria-valuenow"));
    expect(after, "the tree grew by the drag").toBeGreaterThan(before + 40);
    const selected: unknown = await b.execute(() => String(window.getSelection() ?? ""));
    expect(selected, "dragging the border selected no text").toBe("");
    await app.stop();
    app = await startApp(home);
    b = app.browser;
    const kept = Number(await b.$('[data-testid="splitter-side"]').getAttribute("aria-valuenow"));
    expect(kept, "the width is remembered").toBe(after);
  });

  it("4. the breadcrumb opens a parent, double-click opens a collection, and a restart reopens the same collection with the same folders open", async () => {
    const home = freshHome();
    nacre(home.library, "add", "--collection", "Cours/Les débuts/Semaine 1");
    nacre(home.library, "add", "--collection", "Autre");
    app = await startApp(home);
    let b = app.browser;
    await row(b, "Cours").doubleClick();
    await eventually(
      "the open collection",
      () => textOf(b, '[data-testid="open-title"]'),
      (t) => t === "Cours",
    );
    await row(b, "Les débuts").doubleClick();
    await row(b, "Semaine 1").waitForExist();
    await row(b, "Semaine 1").doubleClick();
    await eventually(
      "the open collection",
      () => textOf(b, '[data-testid="open-title"]'),
      (t) => t === "Semaine 1",
    );
    expect(await textOf(b, 'nav[aria-label="Path"]')).toBe("My pearls›Cours›Les débuts›");
    await shot(b, "breadcrumb.png");
    await b.$('//nav[@aria-label="Path"]//button[normalize-space()="Les débuts"]').click();
    await eventually(
      "the parent, opened from the path",
      () => textOf(b, '[data-testid="open-title"]'),
      (t) => t === "Les débuts",
    );
    // Restarting reopens Les débuts, with Cours and Les débuts still expanded.
    await new Promise((r) => setTimeout(r, 400));
    await app.stop();
    app = await startApp(home);
    b = app.browser;
    await eventually(
      "the collection open after a restart",
      () => textOf(b, '[data-testid="open-title"]'),
      (t) => t === "Les débuts",
    );
    await eventually(
      "the tree after a restart",
      () => treeRows(b),
      (r) => r.map((x) => x.join(":")).join() === "Cours:0,Les débuts:1,Semaine 1:2,Autre:0",
    );
    // A remembered collection that is gone is forgotten: the window starts at the top.
    await app.stop();
    const les = (nacre(home.library, "ls", "Cours") as Pearl[])[0];
    nacre(home.library, "rm", `#${les?.id}`);
    app = await startApp(home);
    b = app.browser;
    await eventually(
      "the top, once the remembered collection is in the trash",
      () => textOf(b, '[data-testid="open-title"]'),
      (t) => t === "My pearls",
    );
  });

  it("5. a note is typed in place and a section is drawn as a divider", async () => {
    const home = freshHome();
    nacre(home.library, "add", "--collection", "Lesson");
    nacre(home.library, "add", "https://example.org/one", "--title", "One", "--to", "Lesson");
    app = await startApp(home);
    const b = app.browser;
    await row(b, "Lesson").click();
    await topAction(b, "new-note");
    const note = b.$('textarea[aria-label="Note"]');
    await note.waitForExist();
    await note.addValue("Read chapter one first");
    await b.keys(Key.Enter);
    await eventually(
      "the note in Lesson",
      () => (nacre(home.library, "ls", "Lesson") as Pearl[]).map((p) => p.note),
      (n) => n.includes("Read chapter one first"),
    );
    await topAction(b, "new-section");
    const name = b.$('input[aria-label="New name"]');
    await name.waitForExist();
    await name.addValue("Exercises");
    await b.keys(Key.Enter);
    const divider = b.$(".bead-divider");
    await divider.waitForExist();
    await eventually(
      "the divider's heading",
      () => textOf(b, ".bead-divider"),
      (t) => t === "Exercises",
    );
    const wide: unknown = await b.execute(() => {
      const d = document.querySelector(".bead-divider")?.getBoundingClientRect();
      const branch = document.querySelector(".branch")?.getBoundingClientRect();
      return d && branch ? d.width / branch.width : 0;
    });
    expect(Number(wide), "the section takes the whole row").toBeGreaterThan(0.9);
    await shot(b, "note-and-section.png");
  });

  it("6. a pasted link that is already in the library says where it is", async () => {
    const home = freshHome();
    nacre(home.library, "add", "--collection", "Cours/Les débuts");
    nacre(
      home.library,
      "add",
      "https://example.org/page?utm_source=x",
      "--title",
      "Saved",
      "--to",
      "Cours/Les débuts",
    );
    nacre(home.library, "add", "--collection", "Elsewhere");
    app = await startApp(home);
    const b = app.browser;
    await row(b, "Elsewhere").click();
    const search = b.$('input[aria-label="Search"]');
    await search.setValue("https://example.org/page");
    await b.keys([Key.Ctrl, "a"]);
    await b.keys([Key.Ctrl, "c"]);
    await b.keys(Key.Escape);
    await b.$('[role="tree"]').click();
    await b.keys([Key.Ctrl, "v"]);
    const dup = b.$('[data-testid="duplicate"]');
    await dup.waitForExist();
    expect(await dup.getText()).toContain("Already in Cours / Les débuts");
    expect(titlesIn(home.library, "Elsewhere"), "nothing added yet").toEqual([]);
    await shot(b, "duplicate.png");
    await b.$('//*[@data-testid="duplicate"]//button[normalize-space()="Add anyway"]').click();
    await eventually(
      "the copy in Elsewhere",
      () => titlesIn(home.library, "Elsewhere"),
      (t) => t.length === 1,
    );
    // Duplicates have their own entry on the top bar.
    await topAction(b, "duplicates");
    const dialog = b.$('[role="dialog"][aria-label="Duplicates"]');
    await dialog.waitForExist();
    expect(await dialog.getText()).toContain("1 page saved more than once");
  });

  it("7. the import preview's tree expands, the name says which browser wrote the file, and links that are never fetched are listed", async () => {
    const home = freshHome();
    const file = join(home.dir, "bookmarks.html");
    writeFileSync(
      file,
      `<!DOCTYPE NETSCAPE-Bookmark-file-1>
<TITLE>Bookmarks</TITLE>
<H1>Bookmarks Menu</H1>
<DL><p>
<DT><H3>School</H3>
<DL><p>
<DT><H3>Maths</H3>
<DL><p>
<DT><A HREF="https://maths.example/">Maths site</A>
</DL><p>
<DT><A HREF="javascript:alert(1)">A bookmarklet</A>
<DT><A HREF="mailto:teacher@school.example">Write to the teacher</A>
</DL><p>
</DL><p>
`,
    );
    process.env.NACRE_TEST_DIALOG_PATH = file;
    app = await startApp(home);
    const b = app.browser;
    await topAction(b, "import");
    await b.$("button=Choose a file…").click();
    const tree = b.$('[data-testid="preview-tree"]');
    await tree.waitForExist();
    expect(await tree.getText()).toContain("School");
    expect(await tree.getText(), "closed at first").not.toContain("Maths");
    await b.$('button[aria-label="Open School"]').click();
    await eventually(
      "the preview after opening School",
      () => tree.getText(),
      (t) => t.includes("Maths"),
    );
    await shot(b, "import-preview-expanded.png");
    const title = await b.$('input[aria-label="Collection title"]').getValue();
    expect(title).toMatch(/^Firefox bookmarks, \d{1,2} [A-Z][a-z]{2} \d{4}$/);
    expect(await textOf(b, ".io-dialog h2")).toBe("Import Firefox bookmarks");
    await b.$('[data-testid="import-confirm"]').click();
    const kept = await eventually(
      "the never-fetched links",
      () => textOf(b, '[data-testid="report-never-fetched"]'),
      (t) => t.length > 0,
    );
    expect(kept).toBe("2 links kept but never fetched");
    const report = await b.$('[role="dialog"][aria-label="Import report"]').getText();
    expect(report).toContain("A bookmarklet");
    expect(report).toContain("mailto:");
    await shot(b, "import-report-never-fetched.png");
  });

  it("8. the share dialog puts the web page first and writes a page that speaks the tree's language and shows descriptions", async () => {
    const home = freshHome();
    // A page with a description, served on 127.0.0.1, fetched by the tool as a user's
    // library would have it.
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(
        '<html><head><title>La Loire</title><meta name="description" content="Le plus long fleuve de France."></head><body>Loire</body></html>',
      );
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/loire`;
    nacre(home.library, "add", "--collection", "🌍 Géographie");
    nacre(home.library, "add", "--collection", "🏞 Fleuves", "--to", "🌍 Géographie");
    nacre(home.library, "add", url, "--title", "La Loire", "--to", "🌍 Géographie");
    await runTool(home.library, "fetch", "🌍 Géographie");
    server.closeAllConnections();
    server.close();
    const out = join(home.dir, "geo.html");
    process.env.NACRE_TEST_DIALOG_PATH = out;
    app = await startApp(home);
    const b = app.browser;
    await row(b, "🌍 Géographie").click();
    await topAction(b, "share");
    const first = await b.$('[role="radiogroup"] label').getText();
    expect(first, "the web page comes first, saying who it is for").toContain(
      "for anyone with a browser",
    );
    await b.$('select[aria-label="Language of the page"]').selectByAttribute("value", "fr");
    await shot(b, "share-dialog.png");
    await b.$('[data-testid="export-save"]').click();
    await b.$('[role="dialog"][aria-label="Shared"]').waitForExist();
    expect(await b.$("button=Show in folder").isExisting()).toBe(true);
    expect(await b.$("button=Open").isExisting()).toBe(true);
    await shot(b, "share-done.png");
    expect(existsSync(out), "the page was written where the dialog said").toBe(true);
    expect(readFileSync(out, "utf8")).toContain('<html lang="fr">');
    // What someone opening the page in Chromium sees.
    const dom = pageInChromium(out);
    expect(dom, "the page declares French").toContain('<html lang="fr">');
    expect(dom, "the link's description shows").toContain("Le plus long fleuve de France.");
    expect(dom, "the page's own words are French").toContain("1 lien");
    expect(dom, "the sub-collection is drawn as a collection").toMatch(
      /class="item item-c"[\s\S]*?class="pearl pearl-c emoji"[^>]*>🏞</,
    );
    expect(dom, "no broken character for an emoji title").not.toContain("\uFFFD");
    pageInChromium(out, join(SHOTS, "shared-page.png"));
  });

  it("9. Ctrl+Q quits the app", async () => {
    const home = freshHome();
    app = await startApp(home);
    const b = app.browser;
    await b.$('[role="tree"]').click();
    const running = () => {
      try {
        return execFileSync("pgrep", ["-f", APP], { encoding: "utf8" }).trim().length > 0;
      } catch {
        return false;
      }
    };
    // The app ends while the key is still being sent: the session goes with it, and the
    // driver may never answer that request, so the test waits for the process, not for it.
    void b.keys([Key.Ctrl, "q"]).catch(() => {});
    await eventually("the app after Ctrl+Q", running, (r) => r === false);
  });
});

/** Runs the tool on the library without blocking (the test's own server must answer it). */
function runTool(library: string, ...args: string[]): Promise<string> {
  return new Promise((ok, fail) => {
    execFile(CLI, args, { env: { ...process.env, NACRE_LIBRARY: library } }, (e, out) =>
      e ? fail(e) : ok(out),
    );
  });
}

/** The exported page of a collection with a described link, read by headless Chromium: what a
 * person opening the page sees. */
function pageInChromium(file: string, screenshot?: string): string {
  const look = screenshot
    ? [
        `--screenshot=${screenshot}`,
        "--window-size=1100,800",
        ...(process.env.NACRE_E2E_THEME === "dark" ? ["--force-dark-mode"] : []),
      ]
    : ["--dump-dom"];
  return execFileSync(
    "/usr/bin/chromium",
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--virtual-time-budget=2000",
      ...look,
      pathToFileURL(file).href,
    ],
    { encoding: "utf8", timeout: 60_000, stdio: ["ignore", "pipe", "ignore"] },
  );
}
