// Benchmark: a save through Nacre's native messaging host, as a browser makes it: start
// nacre-host, send one framed "save" message, read the reply (the host then exits). On a copy of
// a large library; prints the median and p95 over N saves (default 100).
// Usage: node host-save.mjs HOST LIBRARY [N]
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const [host, source, count = "100"] = process.argv.slice(2);
if (!host || !source) {
  console.error("usage: node host-save.mjs HOST LIBRARY [N]");
  process.exit(2);
}
const dir = mkdtempSync(path.join(tmpdir(), "nacre-bench-capture-"));
const library = path.join(dir, "library.sqlite");
copyFileSync(source, library);

function save(i) {
  const message = {
    type: "save",
    url: `https://bench.example/page/${i}?utm_source=bench`,
    title: `Benchmark page ${i}`,
    note: "selected text on the page",
    tags: ["bench"],
    details: { description: "A page saved by the capture benchmark", siteName: "Bench" },
  };
  const body = Buffer.from(JSON.stringify(message));
  const head = Buffer.alloc(4);
  head.writeUInt32LE(body.length);
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(host, ["chrome-extension://cnhkpcdjihcbmkechnohnncopnhjeelm/"], {
      env: { ...process.env, NACRE_LIBRARY: library },
      stdio: ["pipe", "pipe", "inherit"],
    });
    let out = Buffer.alloc(0);
    child.stdout.on("data", (d) => {
      out = Buffer.concat([out, d]);
      if (out.length >= 4 && out.length >= 4 + out.readUInt32LE(0)) {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const reply = JSON.parse(out.subarray(4, 4 + out.readUInt32LE(0)).toString("utf8"));
        if (!reply.ok) reject(new Error(JSON.stringify(reply)));
        else resolve(ms);
      }
    });
    child.on("error", reject);
    child.stdin.end(Buffer.concat([head, body]));
  });
}

const times = [];
for (let i = 0; i < Number(count); i++) times.push(await save(i));
times.sort((a, b) => a - b);
const at = (q) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
console.log(
  `host save on ${path.basename(source)}: ${times.length} saves, median ${at(0.5).toFixed(1)} ms, ` +
    `p95 ${at(0.95).toFixed(1)} ms, max ${times.at(-1).toFixed(1)} ms (goal: p95 under 50 ms)`,
);
rmSync(dir, { recursive: true, force: true });
