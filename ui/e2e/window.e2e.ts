// The real app, driven through WebDriver, each test on a fresh library of its own.

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Key } from "webdriverio";
import type { Pearl } from "../src/bindings/Pearl";
import {
  drag,
  eventually,
  freshHome,
  nacre,
  type RunningApp,
  row,
  SHOTS,
  startApp,
  textOf,
  titlesIn,
  treeRows,
} from "./app";

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe("the Nacre window", () => {
  it("creates a collection and names it in place", async () => {
    const home = freshHome();
    app = await startApp(home);
    const b = app.browser;
    await b.$("button=+ Collection").click();
    const field = b.$('input[aria-label="New name"]');
    await field.waitForExist();
    // The new name replaces the selected placeholder as it is typed.
    await field.addValue("Reading list");
    await b.keys(Key.Enter);
    await row(b, "Reading list").waitForExist();
    expect(titlesIn(home.library), "the library holds the new collection").toEqual([
      "Reading list",
    ]);
  });

  it("adds a link pearl to the open collection when a URL is pasted", async () => {
    const home = freshHome();
    app = await startApp(home);
    const b = app.browser;
    await row(b, "Inbox").click();
    await eventually(
      "the open collection",
      () => textOf(b, '[data-testid="open-title"]'),
      (t) => t === "Inbox",
    );
    // Put the URL on the clipboard the way a user would: type it, select it, copy it.
    const search = b.$('input[aria-label="Search"]');
    await search.setValue("https://example.org/pasted-page");
    await b.keys([Key.Ctrl, "a"]);
    await b.keys([Key.Ctrl, "c"]);
    await b.keys(Key.Escape);
    await b.$('[role="tree"]').click();
    await b.keys([Key.Ctrl, "v"]);
    await eventually(
      "links in Inbox",
      () => titlesIn(home.library, "Inbox"),
      (t) => t.length === 1,
    );
    expect(titlesIn(home.library, "Inbox")).toEqual(["https://example.org/pasted-page"]);
    await b.$("[data-pearl-id]").waitForExist();
  });

  it("moves a pearl into another collection and reorders one by dragging, and undoes and redoes the move", async () => {
    const home = freshHome();
    nacre(home.library, "add", "--collection", "Target");
    for (const t of ["First", "Second", "Third"])
      nacre(home.library, "add", `https://example.com/${t}`, "--title", t);
    app = await startApp(home);
    const b = app.browser;
    expect((await treeRows(b)).map((r) => r[0])).toEqual(["Target", "First", "Second", "Third"]);

    // Into a closed collection: hold over its middle until the drop is armed.
    await drag(b, row(b, "Second"), row(b, "Target"), 0, 700);
    await eventually(
      "Target's pearls",
      () => titlesIn(home.library, "Target"),
      (t) => t.length === 1,
    );
    expect(titlesIn(home.library, "Target"), "Second went into Target").toEqual(["Second"]);
    expect(titlesIn(home.library), "the top lost Second").toEqual(["Target", "First", "Third"]);

    // Reorder: Third onto the upper half of First lands just before First.
    await drag(b, row(b, "Third"), row(b, "First"), -7);
    await eventually(
      "the top's order",
      () => titlesIn(home.library),
      (t) => t[1] === "Third",
    );
    expect(titlesIn(home.library)).toEqual(["Target", "Third", "First"]);
    await eventually(
      "the tree's order",
      () => treeRows(b),
      (r) => r.map((x) => x[0]).join() === "Target,Third,First",
    );

    // Undo the reorder and the move, then redo the move.
    await b.$('[role="tree"]').click();
    await b.keys([Key.Ctrl, "z"]);
    await eventually(
      "undone reorder",
      () => titlesIn(home.library),
      (t) => t.join() === "Target,First,Third",
    );
    await b.keys([Key.Ctrl, "z"]);
    await eventually(
      "undone move",
      () => titlesIn(home.library),
      (t) => t.join() === "Target,First,Second,Third",
    );
    await eventually(
      "the notice",
      () => textOf(b, '[data-testid="notice"]'),
      (t) => t === "Undid: Move 1 pearl",
    );
    await b.keys([Key.Ctrl, Key.Shift, "z"]);
    await eventually(
      "redone move",
      () => titlesIn(home.library, "Target"),
      (t) => t.join() === "Second",
    );
    await eventually(
      "the notice",
      () => textOf(b, '[data-testid="notice"]'),
      (t) => t === "Redid: Move 1 pearl",
    );
    await b.keys([Key.Ctrl, "y"]);
    await eventually(
      "redone reorder",
      () => titlesIn(home.library),
      (t) => t.join() === "Target,Third,First",
    );
  });

  it("reorders round pearls and drops one onto a collection pearl in the pearls view", async () => {
    const home = freshHome();
    nacre(home.library, "add", "--collection", "Box");
    for (const t of ["One", "Two", "Three"])
      nacre(home.library, "add", `https://example.com/${t}`, "--title", t);
    app = await startApp(home);
    const b = app.browser;
    const bead = (title: string) =>
      b.$(`//*[@data-pearl-id][.//*[contains(@class,"bead-title")][normalize-space()="${title}"]]`);
    await bead("Three").waitForExist();
    // The left part of a pearl means just before it.
    await drag(b, bead("Three").$(".bead-ball"), bead("One").$(".bead-ball"), 0, 150, -26);
    await eventually(
      "the order",
      () => titlesIn(home.library),
      (t) => t.join() === "Box,Three,One,Two",
    );
    // The middle of a collection pearl means into it.
    await drag(b, bead("Two").$(".bead-ball"), bead("Box").$(".bead-ball"));
    await eventually(
      "Box's pearls",
      () => titlesIn(home.library, "Box"),
      (t) => t.join() === "Two",
    );
    expect(titlesIn(home.library)).toEqual(["Box", "Three", "One"]);
  });

  it("refuses, visibly, to drop a collection into its own descendant", async () => {
    const home = freshHome();
    nacre(home.library, "add", "--collection", "Outer/Inner");
    app = await startApp(home);
    const b = app.browser;
    await row(b, "Outer").$(".twisty").click();
    await row(b, "Inner").waitForExist();
    const outer = await row(b, "Outer");
    const inner = await row(b, "Inner");
    await b
      .action("pointer", { parameters: { pointerType: "mouse" } })
      .move({ origin: outer })
      .down({ button: 0 })
      .move({ origin: outer, x: 0, y: 8, duration: 60 })
      .move({ origin: inner, x: 0, y: 0, duration: 200 })
      .pause(200)
      .perform();
    const marker = b.$('[data-testid="drop-marker"]');
    await eventually(
      "the marker",
      () => marker.getAttribute("class"),
      (c) => c?.includes("refused") ?? false,
    );
    expect(await b.$(".ghost-why").getText()).toContain("into itself");
    await b
      .action("pointer", { parameters: { pointerType: "mouse" } })
      .up({ button: 0 })
      .perform();
    await b.releaseActions();
    expect(titlesIn(home.library), "nothing moved").toEqual(["Outer"]);
    expect(titlesIn(home.library, "Outer")).toEqual(["Inner"]);
  });

  it("leaves an alias of a collection when it is dropped with Alt held, and follows it back", async () => {
    const home = freshHome();
    nacre(home.library, "add", "--collection", "Rust");
    nacre(
      home.library,
      "add",
      "https://www.rust-lang.org/",
      "--title",
      "Rust home",
      "--to",
      "Rust",
    );
    nacre(home.library, "add", "--collection", "Reading");
    app = await startApp(home);
    const b = app.browser;
    const rust = await row(b, "Rust");
    const reading = await row(b, "Reading");
    // Real input: Alt goes down on the keyboard, then the pointer drags Rust into the closed
    // Reading and holds until the drop is armed; the ghost is read while both are still held,
    // then the pointer lets go and Alt comes up.
    const mouse = { id: "mouse", parameters: { pointerType: "mouse" as const } };
    const pointer = b
      .action("pointer", mouse)
      .move({ origin: rust })
      .down({ button: 0 })
      .move({ origin: rust, x: 0, y: 8, duration: 60 })
      .move({ origin: reading, x: 0, y: 0, duration: 200 })
      .pause(700)
      .move({ origin: reading, x: 1, y: 0, duration: 30 });
    const keys = b
      .action("key", { id: "keyboard" })
      .down(Key.Alt)
      .pause(0)
      .pause(0)
      .pause(0)
      .pause(0)
      .pause(0);
    await b.performActions([keys.toJSON(), pointer.toJSON()]);
    const ghost = await textOf(b, '[data-testid="drag-ghost"]');
    expect(ghost, "the ghost says the drop makes an alias").toContain("Alias of Rust");
    await b.performActions([
      b.action("key", { id: "keyboard" }).pause(0).up(Key.Alt).toJSON(),
      b.action("pointer", mouse).up({ button: 0 }).pause(0).toJSON(),
    ]);
    await b.releaseActions();
    await eventually(
      "Reading's pearls",
      () => titlesIn(home.library, "Reading"),
      (t) => t.length === 1,
    );
    const [alias] = nacre(home.library, "ls", "Reading") as Pearl[];
    expect(alias?.kind, "the drop made an alias").toBe("alias");
    expect(alias?.title).toBe("Rust");
    expect(titlesIn(home.library), "Rust stayed where it was").toEqual(["Rust", "Reading"]);
    await eventually(
      "the notice",
      () => textOf(b, '[data-testid="notice"]'),
      (t) => t === "Added an alias of “Rust”",
    );

    // The alias is selected; its details lead to the collection it points at.
    await b.$("button=Go to it").waitForExist();
    mkdirSync(SHOTS, { recursive: true });
    await b.saveScreenshot(join(SHOTS, "alias.png"));
    await b.$("button=Go to it").click();
    await eventually(
      "the open collection",
      () => textOf(b, '[data-testid="open-title"]'),
      (t) => t === "Rust",
    );
    expect(await textOf(b, ".middle"), "Rust's own pearls are shown").toContain("Rust home");

    // One undo takes the alias away.
    await b.$('[role="tree"]').click();
    await b.keys([Key.Ctrl, "z"]);
    await eventually(
      "Reading after undo",
      () => titlesIn(home.library, "Reading"),
      (t) => t.length === 0,
    );
  });

  it("sorts the open collection by title from its header, and one undo puts it back", async () => {
    const home = freshHome();
    for (const t of ["pear", "Apple", "Église", "fig"])
      nacre(home.library, "add", `https://example.com/${t}`, "--title", t);
    app = await startApp(home);
    const b = app.browser;
    await b.$('select[aria-label="Sort"]').selectByAttribute("value", "title");
    await eventually(
      "the sorted top",
      () => titlesIn(home.library),
      (t) => t.join() === "Apple,Église,fig,pear",
    );
    await eventually(
      "the tree's order",
      () => treeRows(b),
      (r) => r.map((x) => x[0]).join() === "Apple,Église,fig,pear",
    );
    expect(await textOf(b, '[data-testid="notice"]')).toBe("Sorted “My pearls” by title");
    await b.$('[role="tree"]').click();
    await b.keys([Key.Ctrl, "z"]);
    await eventually(
      "the order after undo",
      () => titlesIn(home.library),
      (t) => t.join() === "pear,Apple,Église,fig",
    );
    // Every key of the window is listed in one place (F1), and Escape closes the list.
    await b.keys(Key.F1);
    const keys = b.$('[role="dialog"][aria-label="Help"]');
    await keys.waitForExist();
    expect(await keys.getText()).toContain("leave an alias of a collection instead");
    mkdirSync(SHOTS, { recursive: true });
    await b.saveScreenshot(join(SHOTS, "keys.png"));
    await b.keys(Key.Escape);
    await keys.waitForExist({ reverse: true });
  });

  it("moves pearls with Ctrl+X and Ctrl+V into the open collection, as one undoable move", async () => {
    const home = freshHome();
    nacre(home.library, "add", "--collection", "Target");
    for (const t of ["One", "Two", "Three"])
      nacre(home.library, "add", `https://example.com/${t}`, "--title", t);
    app = await startApp(home);
    const b = app.browser;
    await row(b, "Three").click();
    await b.keys([Key.Ctrl, "x"]);
    await eventually(
      "the cut row faded",
      async () => (await row(b, "Three").getAttribute("class")) ?? "",
      (c) => c.includes("cut"),
    );
    await row(b, "Target").click();
    await b.keys([Key.Ctrl, "v"]);
    await eventually(
      "Target's pearls",
      () => titlesIn(home.library, "Target"),
      (t) => t.length === 1,
    );
    expect(titlesIn(home.library, "Target"), "the cut pearl went into the open collection").toEqual(
      ["Three"],
    );
    expect(titlesIn(home.library)).toEqual(["Target", "One", "Two"]);
    await b.keys([Key.Ctrl, "z"]);
    await eventually(
      "the top after undo",
      () => titlesIn(home.library),
      (t) => t.join() === "Target,One,Two,Three",
    );
  });

  it("deletes a pearl to the trash and restores it to its place", async () => {
    const home = freshHome();
    for (const t of ["Keep", "Doomed", "Also keep"])
      nacre(home.library, "add", `https://example.com/${t}`, "--title", t);
    app = await startApp(home);
    const b = app.browser;
    await row(b, "Doomed").click();
    await b.keys(Key.Delete);
    await eventually(
      "the tree",
      () => treeRows(b),
      (r) => r.length === 2,
    );
    expect(titlesIn(home.library)).toEqual(["Keep", "Also keep"]);
    await b.$("button=🗑 Trash").click();
    const restore = b.$(
      '//li[contains(@class,"trash-row")][.//*[normalize-space()="Doomed"]]//button[normalize-space()="Restore"]',
    );
    await restore.click();
    await eventually(
      "the top",
      () => titlesIn(home.library),
      (t) => t.join() === "Keep,Doomed,Also keep",
    );
    await b.$("div.empty").waitForExist();
  });

  it("finds a pearl by searching and reveals it in the tree", async () => {
    const home = freshHome();
    nacre(home.library, "add", "--collection", "Deep/Deeper/Deepest");
    nacre(
      home.library,
      "add",
      "https://example.com/needle",
      "--title",
      "Needle in the tree",
      "--to",
      "Deep/Deeper/Deepest",
    );
    app = await startApp(home);
    const b = app.browser;
    await b.$('[data-testid="open-title"]').click();
    await b.keys([Key.Ctrl, "k"]);
    const search = b.$('input[aria-label="Search"]');
    expect(await search.isFocused(), "Ctrl+K puts the cursor in the search field").toBe(true);
    await search.addValue("needle");
    const hit = b.$('[role="option"]');
    await hit.waitForExist();
    expect(await hit.getText()).toContain("Deep › Deeper › Deepest");
    await hit.click();
    const found = row(b, "Needle in the tree");
    await found.waitForExist();
    expect(await found.getAttribute("aria-selected")).toBe("true");
    expect((await treeRows(b)).map((r) => r.join(":"))).toEqual([
      "Deep:0",
      "Deeper:1",
      "Deepest:2",
      "Needle in the tree:3",
    ]);
  });

  it("keeps the order the user dragged through a restart, and saves a screenshot", async () => {
    const home = freshHome();
    nacre(home.library, "add", "--collection", "Research/Rust");
    for (const t of ["Alpha", "Beta", "Gamma"])
      nacre(home.library, "add", `https://example.com/${t}`, "--title", t);
    app = await startApp(home);
    let b = app.browser;
    await drag(b, row(b, "Gamma"), row(b, "Alpha"), -7);
    await eventually(
      "the order",
      () => titlesIn(home.library),
      (t) => t.join() === "Research,Gamma,Alpha,Beta",
    );
    await app.stop();

    // What a user might have in Research, for the picture.
    const links: [string, string][] = [
      ["https://www.rust-lang.org/", "Rust Programming Language"],
      ["https://en.wikipedia.org/wiki/Pearl", "Pearl - Wikipedia"],
      ["https://github.com/tauri-apps/tauri", "Tauri: build smaller, faster desktop apps"],
      ["https://developer.mozilla.org/", "MDN Web Docs"],
    ];
    for (const [url, title] of links)
      nacre(home.library, "add", url, "--title", title, "--to", "Research");
    nacre(home.library, "add", "--note", "Read the chapter on ownership first", "--to", "Research");

    app = await startApp(home);
    b = app.browser;
    await eventually(
      "the tree after a restart",
      () => treeRows(b),
      (r) => r.map((x) => x[0]).join() === "Research,Gamma,Alpha,Beta",
    );
    await row(b, "Research").$(".twisty").click();
    await row(b, "Rust").waitForExist();
    await row(b, "Research").click();
    await eventually(
      "the open collection",
      () => textOf(b, '[data-testid="open-title"]'),
      (t) => t === "Research",
    );
    await b.$('//*[@data-pearl-id][.//*[normalize-space()="Pearl - Wikipedia"]]').click();
    await b.$('input[name="url"]').waitForExist();
    mkdirSync(SHOTS, { recursive: true });
    // WebKit paints on its own schedule; give it a moment before the picture.
    await b.pause(500);
    await b.saveScreenshot(join(SHOTS, "window.png"));
  });
});
