// Sync in the window: the window's library and a second one (the `nacre` tool's, on
// "laptop") share a folder. The window joins it from the Sync screen (the folder picker
// answered by NACRE_TEST_DIALOG_PATH, the device named by hand); what the tool adds and
// renames there and sends with `nacre sync` shows in the open window in place, without a
// reload; an edit in the window reaches the other library at its next `nacre sync` (the
// window's own round sent it, with no one asking); a title changed on both at once keeps one
// and shows the other under it ("also: … from laptop") until dismissed; a folder that goes
// away is said on the top bar; Stop syncing asks first.

import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Key } from "webdriverio";
import type { Pearl } from "../src/bindings/Pearl";
import type { SyncStatus } from "../src/bindings/SyncStatus";
import {
  type Browser,
  eventually,
  freshHome,
  nacre,
  type RunningApp,
  row,
  screenshot,
  startApp,
  textOf,
  titlesIn,
  topAction,
} from "./app";

let app: RunningApp | undefined;
afterEach(async () => {
  // How the window stood at the end (where a failed test stopped).
  if (app) await screenshot(app.browser, "sync-last.png").catch(() => {});
  await app?.stop();
  app = undefined;
  delete process.env.NACRE_TEST_DIALOG_PATH;
});

/** Types `text` over a field's whole value, as a person does (click, select all, type),
 * never leaving it empty and unfocused in between. */
async function typeOver(b: Browser, field: ReturnType<Browser["$"]>, text: string) {
  await field.click();
  await b.keys([Key.Ctrl, "a"]);
  // Typed into the focused field over its selection (key actions would drop doubled letters).
  await field.addValue(text);
}

const badge = (b: Browser) => textOf(b, '[data-testid="sync-badge"]');

describe("sync in the window", () => {
  it("joins a folder from the Sync screen, and edits go both ways by themselves", async () => {
    const home = freshHome();
    const shared = join(home.dir, "shared");
    mkdirSync(shared);
    nacre(home.library, "add", "--collection", "Research");
    nacre(
      home.library,
      "add",
      "https://histoire.example/",
      "--title",
      "Bastille",
      "--to",
      "Research",
    );
    const laptop = join(home.dir, "laptop.sqlite");
    nacre(laptop, "add", "--collection", "Voyages");
    nacre(laptop, "sync", "init", shared, "--name", "laptop");

    process.env.NACRE_TEST_DIALOG_PATH = shared;
    app = await startApp(home);
    const b = app.browser;
    expect(await badge(b), "no sync status while the library does not sync").toBe("");

    await topAction(b, "sync");
    const name = b.$('input[name="device-name"]');
    await name.waitForExist();
    const hostname = existsSync("/etc/hostname")
      ? readFileSync("/etc/hostname", "utf8").trim()
      : "";
    await eventually(
      "the device named after this computer at first",
      () => name.getValue(),
      (v) => (hostname ? v === hostname : v !== ""),
    );
    await eventually(
      "the name in the words under it",
      () => textOf(b, ".sync-join p.muted"),
      (t) => t.includes(`from ${hostname || ""}`) && !t.includes("from this computer"),
    );
    await screenshot(b, "sync-join.png");
    await name.setValue("desktop");
    // A folder that is not there is refused, saying which and what to do.
    const missing = join(home.dir, "no-such-folder");
    await b.$('input[name="sync-folder"]').setValue(missing);
    await b.$("button=Start syncing").click();
    const refusal = await eventually(
      "the refusal",
      () => textOf(b, ".sync-error"),
      (t) => t !== "",
    );
    expect(refusal).toBe(
      `${missing} is not a folder (make it, or choose the folder your sync service shares)`,
    );
    expect(await badge(b), "the library does not sync").toBe("");
    await b.$("button=Choose…").click();
    await eventually(
      "the picked folder in the field",
      () => b.$('input[name="sync-folder"]').getValue(),
      (v) => v === shared,
    );
    await b.$("button=Start syncing").click();
    const laptopRow = b.$('tr[data-device="laptop"]');
    await laptopRow.waitForExist({ timeout: 20_000 });
    expect(await laptopRow.getText()).toContain("last seen a moment ago");
    expect(await textOf(b, '[data-testid="sync-this-device"]')).toBe("desktop");
    await eventually(
      "the state on the screen",
      () => textOf(b, '[data-testid="sync-state"]'),
      (t) => t.startsWith("Synced"),
    );
    await screenshot(b, "sync-screen.png");
    await b.$("button=Done").click();
    expect(await badge(b)).toMatch(/^Synced (a moment|1 minute) ago$/);
    await row(b, "Voyages").waitForExist();

    // The laptop takes in the window's pearls, adds one and renames the collection.
    nacre(laptop, "sync");
    expect(titlesIn(laptop).sort()).toEqual(["Research", "Voyages"]);
    await row(b, "Research").click();
    await b.execute(() => {
      (window as { __sameDocument?: boolean }).__sameDocument = true;
    });
    nacre(
      laptop,
      "add",
      "https://lune.example/",
      "--title",
      "Premiers pas sur la Lune",
      "--to",
      "Research",
    );
    nacre(laptop, "rename", "Research", "Recherche");
    nacre(laptop, "sync");
    const sentAt = Date.now();
    await row(b, "Recherche").waitForExist({ timeout: 15_000, interval: 20 });
    // Told, not checked: how long from the laptop's file to the window showing it.
    process.stderr.write(
      `sync e2e: the laptop's round -> the window shows it: ${Date.now() - sentAt} ms\n`,
    );
    await eventually(
      "the laptop's new pearl in the open collection",
      () => b.execute(() => (document.body.textContent ?? "").includes("Premiers pas sur la Lune")),
      Boolean,
    );
    expect(await row(b, "Recherche").getAttribute("aria-selected"), "the selection stays").toBe(
      "true",
    );
    expect(
      await b.execute(() => (window as { __sameDocument?: boolean }).__sameDocument === true),
      "shown in place: the page was not reloaded",
    ).toBe(true);
    await screenshot(b, "sync-received.png");

    // An edit in the window reaches the laptop: the window's own round sends it.
    const title = b.$('aside.detail input[name="title"]');
    await typeOver(b, title, "Recherche 2026");
    await b.keys("Enter");
    const editedAt = Date.now();
    await eventually(
      "the window's rename in the laptop's library",
      () => {
        nacre(laptop, "sync");
        return titlesIn(laptop);
      },
      (t) => t.includes("Recherche 2026"),
    );
    process.stderr.write(
      `sync e2e: the window's edit -> in the laptop's library after its sync: ${Date.now() - editedAt} ms\n`,
    );

    // The same title changed on both at once: one holds, the other shows under it.
    const [bastille] = (nacre(laptop, "ls", "Recherche 2026") as Pearl[]).filter((p) =>
      p.url?.includes("histoire"),
    );
    expect(bastille, "the laptop has the window's link").toBeDefined();
    nacre(laptop, "rename", `#${bastille?.id}`, "La prise de la Bastille");
    await b.$('//*[@data-pearl-id][.//*[normalize-space()="Bastille"]]').click();
    const linkTitle = b.$('aside.detail input[name="title"]');
    await eventually(
      "the link's details",
      () => linkTitle.getValue(),
      (v) => v === "Bastille",
    );
    await typeOver(b, linkTitle, "Bastille, 14 juillet");
    await b.keys("Enter");
    // The window sends its title; then the laptop sends its own, made before it saw that one.
    await eventually(
      "the window's round sent its title",
      () => (nacre(home.library, "sync", "status") as SyncStatus).pendingChanges,
      (n) => n === 0,
    );
    nacre(laptop, "sync");
    const also = b.$("ul.also-values");
    // The details show what the round kept, and under it the other value, once both are read.
    const [kept, alsoLine] = await eventually(
      "the kept title and the other one under it",
      async () => [
        await linkTitle.getValue(),
        (await also.isExisting()) ? (await also.getText()).replace(/\s*Dismiss$/, "") : "",
      ],
      ([k, a]) => a !== "" && !a.includes(`“${k}”`),
    );
    expect(
      kept === "La prise de la Bastille"
        ? /^also: “Bastille, 14 juillet” from desktop \(this device\), \d+ \w+$/.test(
            alsoLine ?? "",
          )
        : kept === "Bastille, 14 juillet" &&
            /^also: “La prise de la Bastille” from laptop, \d+ \w+$/.test(alsoLine ?? ""),
      `one title holds, the other is shown with where it came from: ${kept} / ${alsoLine}`,
    ).toBe(true);
    await screenshot(b, "sync-also.png");
    await also.$("button=Dismiss").click();
    await also.waitForExist({ reverse: true });

    // A note being typed keeps what is typed when a round brings others' changes.
    const note = b.$('aside.detail textarea[name="note"]');
    await typeOver(b, note, "Mon brouillon");
    nacre(laptop, "rename", "Voyages", "Voyages 2027");
    nacre(laptop, "sync");
    await row(b, "Voyages 2027").waitForExist({ timeout: 15_000 });
    expect(await note.getValue(), "what was being typed is still there").toBe("Mon brouillon");
    await b.keys("Tab");
    await eventually(
      "the note saved once typed",
      () =>
        (nacre(home.library, "ls", "Recherche 2026") as Pearl[]).find((p) =>
          p.url?.includes("histoire"),
        )?.note,
      (n) => n === "Mon brouillon",
    );

    // A file no Nacre wrote, under another device's name: waiting, and why.
    const junk = join(shared, "ffff000011112222.0000000000001.nacresync");
    writeFileSync(junk, "not a sync file");
    await eventually(
      "the file waiting on the top bar",
      () => badge(b),
      (t) => t === "Waiting for 1 file from device ffff00",
    );
    await b.$('[data-testid="sync-badge"]').click();
    const waiting = b.$(".sync-waiting");
    await waiting.waitForExist();
    expect(await waiting.getText()).toMatch(
      /^ffff000011112222\.0000000000001\.nacresync from device ffff00: \S/,
    );
    await screenshot(b, "sync-waiting.png");
    await b.$("button=Done").click();
    unlinkSync(junk);
    await eventually(
      "nothing waiting",
      () => badge(b),
      (t) => t.startsWith("Synced"),
    );

    // The folder goes away (a drive unplugged): the top bar says so; back, it syncs again.
    renameSync(shared, `${shared}-away`);
    await eventually(
      "the missing folder on the top bar",
      () => badge(b),
      (t) => t === "Sync folder missing",
    );
    await b.setWindowSize(720, 480);
    await eventually(
      "the top bar fitting 720 px with the sync status on it: [width, bar's right, actions' right, badge's right, actions' left]",
      () =>
        b.execute(() => {
          const r = (sel: string) => document.querySelector(sel)?.getBoundingClientRect();
          return [
            window.innerWidth,
            r(".topbar")?.right ?? 0,
            r('[data-testid="top-actions"]')?.right ?? 9999,
            r('[data-testid="sync-badge"]')?.right ?? 9999,
            r('[data-testid="top-actions"]')?.left ?? 0,
          ];
        }),
      ([w = 9999, bar = 0, actions = 9999, badgeRight = 9999, actionsLeft = 0]) =>
        w <= 720 && actions <= bar + 0.5 && badgeRight <= actionsLeft,
    );
    expect(await badge(b)).toBe("Sync folder missing");
    await screenshot(b, "sync-folder-missing-720x480.png");
    await b.$('[data-testid="sync-badge"]').click();
    expect(await textOf(b, ".sync-problem p")).toBe(
      `The folder ${shared} cannot be read: edits stay here and sync when it is back.`,
    );
    await screenshot(b, "sync-screen-problem-720x480.png");
    await b.keys("Escape");
    renameSync(`${shared}-away`, shared);
    await eventually(
      "the folder back",
      () => badge(b),
      (t) => t.startsWith("Synced"),
    );

    // Stop syncing asks first; then the library syncs no more, and keeps everything.
    await topAction(b, "sync");
    await b.$("button=Stop syncing…").click();
    await screenshot(b, "sync-leave-720x480.png");
    await b.$(".sync-confirm").$("button=Stop syncing").click();
    await eventually(
      "the badge gone",
      () => badge(b),
      (t) => t === "",
    );
    expect((nacre(home.library, "sync", "status") as SyncStatus).syncing).toBe(false);
    expect(titlesIn(home.library).sort()).toEqual(["Recherche 2026", "Voyages 2027"]);
  });
});
