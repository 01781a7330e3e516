// The shell around the window, in the real app: one instance per user (a second launch hands
// over to the first and leaves), and the window's size and position remembered across a
// restart. Each test on a fresh library and fresh config folders of its own.

import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { APP, eventually, freshHome, type RunningApp, startApp } from "./app";

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe("the app's shell", () => {
  it("runs as a single instance: a second launch hands over to the first and exits", async () => {
    const home = freshHome();
    // The single-instance check goes through the D-Bus session bus every desktop has. The
    // suite runs without one (with one, an app still shutting down from the test before would
    // hold the name); this test starts a bus of its own and the two copies of the app itself.
    const bus = spawn("dbus-daemon", ["--session", "--nofork", "--print-address=1"], {
      stdio: ["ignore", "pipe", "ignore"],
    });
    const apps: ChildProcess[] = [];
    try {
      const address = await new Promise<string>((ok) =>
        bus.stdout?.once("data", (d: Buffer) => ok(d.toString().trim())),
      );
      const env = {
        ...process.env,
        NACRE_LIBRARY: home.library,
        XDG_CONFIG_HOME: join(home.dir, "config"),
        XDG_DATA_HOME: join(home.dir, "data"),
        DBUS_SESSION_BUS_ADDRESS: address,
      };
      const first = spawn(APP, [], { env, stdio: "ignore" });
      apps.push(first);
      await eventually(
        "the first copy's name on the bus",
        () => {
          try {
            return execFileSync(
              "dbus-send",
              [
                "--session",
                "--print-reply",
                "--dest=org.freedesktop.DBus",
                "/",
                "org.freedesktop.DBus.ListNames",
              ],
              { env, encoding: "utf8" },
            );
          } catch {
            return ""; // the bus is not answering yet
          }
        },
        (names) => names.includes("org.nacre.app.SingleInstance"),
      );
      const second = spawn(APP, [], { env, stdio: "ignore" });
      apps.push(second);
      const code = await new Promise<number | null>((done) => {
        const killer = setTimeout(() => second.kill("SIGKILL"), 15_000);
        second.once("exit", (c) => {
          clearTimeout(killer);
          done(c);
        });
      });
      expect(code, "the second launch hands over and exits by itself").toBe(0);
      expect(first.exitCode, "the first copy goes on").toBeNull();
    } finally {
      for (const a of apps) a.kill("SIGKILL");
      bus.kill("SIGTERM");
    }
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
