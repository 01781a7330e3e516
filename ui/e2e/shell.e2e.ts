// The shell around the window, in the real app: one instance per user (a second launch hands
// over to the first and leaves), and the window's size and position remembered across a
// restart. Each test on a fresh library and fresh config folders of its own.

import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { APP, eventually, freshHome, nacre, type RunningApp, startApp, treeRows } from "./app";

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe("the app's shell", () => {
  it("runs as a single instance: a second launch leaves at once and the first goes on", async () => {
    const home = freshHome();
    nacre(home.library, "add", "--collection", "Only once");
    app = await startApp(home);
    const second = spawn(APP, [], {
      env: {
        ...process.env,
        NACRE_LIBRARY: home.library,
        XDG_CONFIG_HOME: join(home.dir, "config"),
        XDG_DATA_HOME: join(home.dir, "data"),
      },
      stdio: "ignore",
    });
    const code = await new Promise<number | null>((done) => {
      const killer = setTimeout(() => second.kill("SIGKILL"), 15_000);
      second.once("exit", (c) => {
        clearTimeout(killer);
        done(c);
      });
    });
    expect(code, "the second launch hands over and exits by itself").toBe(0);
    const rows = await treeRows(app.browser);
    expect(
      rows.map((r) => r[0]),
      "the first window is still there and working",
    ).toEqual(["Only once"]);
  });

  it("remembers the window's size and position across a restart", async () => {
    const home = freshHome();
    app = await startApp(home);
    await app.browser.setWindowRect(60, 40, 1000, 640);
    const set = await eventually(
      "the new size",
      () => app?.browser.getWindowRect(),
      (r) => r?.width === 1000 && r?.height === 640,
    );
    // Written while the app runs, soon after the window settles: a crash would not lose it.
    const saved = join(home.dir, "config", "org.nacre.app", ".window-state.json");
    await eventually(
      "the saved window state",
      () => (existsSync(saved) ? readFileSync(saved, "utf8") : ""),
      (text) => text.includes('"width": 1000'),
    );
    await app.stop();
    app = await startApp(home);
    const again = await app.browser.getWindowRect();
    expect({ width: again.width, height: again.height }, "the size is kept").toEqual({
      width: set?.width,
      height: set?.height,
    });
    expect({ x: again.x, y: again.y }, "the position is kept").toEqual({ x: set?.x, y: set?.y });
  });
});
