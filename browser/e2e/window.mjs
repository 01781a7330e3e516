// Nacre's own window, opened beside the browser on the same library: the real app, started by
// tauri-driver and driven over plain WebDriver (a few HTTP requests, no client library), so the
// extension's tests can see a pearl saved in the browser arrive in the open window.
import { spawn } from "node:child_process";
import { connect } from "node:net";
import path from "node:path";
import { ROOT } from "./lib.mjs";

const TARGET = process.env.CARGO_TARGET_DIR ?? path.join(ROOT, "target");
export const APP = process.env.NACRE_APP ?? path.join(TARGET, "debug", "nacre-app");
const DRIVER = process.env.TAURI_DRIVER ?? "tauri-driver";

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

function portOpen(port) {
  return new Promise((ok) => {
    const s = connect({ host: "127.0.0.1", port }, () => {
      s.end();
      ok(true);
    });
    s.on("error", () => ok(false));
  });
}

/** One WebDriver command; its `value`, or an error naming the command and what it said. */
async function command(base, method, what, body) {
  let response;
  try {
    response = await fetch(`${base}${what}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new Error(`WebDriver ${method} ${what}: ${e.cause?.message ?? e.message}`);
  }
  const reply = await response.json();
  if (!response.ok)
    throw new Error(`WebDriver ${method} ${what}: ${JSON.stringify(reply.value ?? reply)}`);
  return reply.value;
}

/**
 * Starts the window on `library` (config and data folders under `dir`) and waits until it has
 * drawn its tree. Returns `run(script, ...args)` (a function body run in the page, its return
 * value) and `stop()`.
 */
export async function openWindow(library, dir) {
  const port = 4600 + (process.pid % 300) * 2;
  const driver = spawn(DRIVER, ["--port", String(port), "--native-port", String(port + 1)], {
    env: {
      ...process.env,
      NACRE_LIBRARY: library,
      XDG_CONFIG_HOME: path.join(dir, "config"),
      XDG_DATA_HOME: path.join(dir, "data"),
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise((done) => driver.once("exit", done));
  const base = `http://127.0.0.1:${port}`;
  let session;
  const stop = async () => {
    if (session) await command(base, "DELETE", `/session/${session}`).catch(() => {});
    driver.kill("SIGTERM");
    await exited;
  };
  try {
    // Ready when both tauri-driver and the WebKitWebDriver it starts listen. One CI run saw the
    // session request's connection dropped unanswered ("fetch failed", cause not kept): the
    // request is made again, twice at most, and the cause is now printed.
    for (const p of [port, port + 1]) {
      for (let i = 0; !(await portOpen(p)); i++) {
        if (i > 100) throw new Error(`tauri-driver did not listen on ${p}`);
        await sleep(100);
      }
    }
    const capabilities = {
      alwaysMatch: { browserName: "wry", "tauri:options": { application: APP } },
    };
    let created;
    for (let attempt = 1; !created; attempt++) {
      try {
        created = await command(base, "POST", "/session", { capabilities });
      } catch (e) {
        if (attempt === 3) throw e;
        console.error(`# ${e.message}; asking again`);
        await sleep(1000);
      }
    }
    session = created.sessionId;
    const run = (script, ...args) =>
      command(base, "POST", `/session/${session}/execute/sync`, { script, args });
    for (let i = 0; ; i++) {
      const marks = await run("return (window.__nacrePerf || []).map((m) => m.name);");
      if (Array.isArray(marks) && marks.includes("usable")) break;
      if (i > 200) throw new Error("the window never became usable");
      await sleep(100);
    }
    return { run, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
