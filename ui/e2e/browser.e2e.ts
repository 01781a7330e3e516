// The live window: a pearl saved from the browser (through Nacre's real host, nacre-host, fed
// the very message the extension sends) shows in the open window within seconds, in place: the
// selection stays, nothing reloads. The extension's own side is tested in real Chromium and
// Firefox by browser/e2e (scripts/test-extension.sh).

import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  eventually,
  freshHome,
  nacre,
  type RunningApp,
  row,
  SHOTS,
  startApp,
  topAction,
} from "./app";
import { sendToHost } from "./host";

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe("the live window", () => {
  it("shows a pearl saved from the browser in place, keeping the selection", async () => {
    const home = freshHome();
    nacre(home.library, "add", "--collection", "Research");
    nacre(home.library, "add", "https://a.example/", "--title", "Already here", "--to", "Research");
    app = await startApp(home);
    const b = app.browser;
    await row(b, "Research").click();
    const selected = () => row(b, "Research").getAttribute("aria-selected");
    expect(await selected()).toBe("true");
    const bodyHas = (text: string) =>
      b.execute((t: string) => (document.body.textContent ?? "").includes(t), text);

    const reply = sendToHost(home.library, {
      type: "save",
      url: "https://histoire.example/bastille",
      title: "La prise de la Bastille",
      note: "le 14 juillet",
      collection: "Research",
      details: { description: "Ce jour-là" },
    });
    expect(reply).toMatchObject({ ok: true, path: "Research" });
    await eventually(
      "the new pearl in the open collection",
      () => bodyHas("La prise de la Bastille"),
      Boolean,
    );
    expect(await bodyHas("Already here"), "what was shown is still shown").toBe(true);
    expect(await selected(), "the selection is kept").toBe("true");

    // Into the Inbox: its count in the tree follows.
    sendToHost(home.library, {
      type: "save",
      url: "http://127.0.0.1:9/for-later",
      title: "For later",
    });
    await eventually(
      "the Inbox's count",
      () =>
        b.execute(() => {
          const inbox = [...document.querySelectorAll('[role="treeitem"]')].find(
            (r) => r.querySelector(".tree-title")?.textContent === "Inbox",
          );
          return inbox?.querySelector(".tree-count")?.textContent ?? "";
        }),
      (count) => count === "1",
    );
    mkdirSync(SHOTS, { recursive: true });
    await b.saveScreenshot(join(SHOTS, "live-window.png"));
  });

  it("connects a browser from the Connect your browser screen, for this library, and disconnects it", async () => {
    const home = freshHome();
    // The app writes browser folders under HOME: the test's own.
    const realHome = process.env.HOME;
    process.env.HOME = home.dir;
    try {
      app = await startApp(home);
    } finally {
      process.env.HOME = realHome;
    }
    const b = app.browser;
    await topAction(b, "connect-browser");
    const chromium = b.$('tr[data-browser="chromium"]');
    await chromium.waitForExist();
    expect(await chromium.$("td").getText()).toBe("Not connected");
    await chromium.$("button=Connect").click();
    await eventually(
      "Chromium connected",
      () => chromium.$("td").getText(),
      (t) => t.startsWith("Connected; add the extension"),
    );
    const manifest = join(home.dir, ".config/chromium/NativeMessagingHosts/org.nacre.host.json");
    expect(existsSync(manifest), manifest).toBe(true);
    const launcher = readFileSync(manifest.replace(/\.json$/, ".sh"), "utf8");
    expect(launcher).toContain(`NACRE_HOST_LIBRARY='${home.library}'`);
    mkdirSync(SHOTS, { recursive: true });
    await b.saveScreenshot(join(SHOTS, "connect-browser.png"));

    await chromium.$('[data-action="disconnect"]').click();
    await eventually(
      "Chromium disconnected",
      () => chromium.$("td").getText(),
      (t) => t === "Not connected",
    );
    expect(existsSync(manifest), "the registration is gone").toBe(false);
    expect(existsSync(manifest.replace(/\.json$/, ".sh")), "and its launcher").toBe(false);
  });
});
