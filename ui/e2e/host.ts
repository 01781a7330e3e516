// Nacre's native messaging host as a browser drives it: one framed message (4-byte length,
// UTF-8 JSON) on its input, one framed reply on its output.

import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";

const repo = resolve(import.meta.dirname, "../..");
export const HOST = process.env.NACRE_HOST ?? join(repo, "target/debug/nacre-host");

/** Sends one message to the host for `library` and returns its reply. */
export function sendToHost(library: string, message: object): Record<string, unknown> {
  const body = Buffer.from(JSON.stringify(message));
  const head = Buffer.alloc(4);
  head.writeUInt32LE(body.length);
  const out = spawnSync(HOST, ["chrome-extension://cnhkpcdjihcbmkechnohnncopnhjeelm/"], {
    input: Buffer.concat([head, body]),
    env: { ...process.env, NACRE_LIBRARY: library },
  });
  if (out.status !== 0) throw new Error(`nacre-host failed: ${out.stderr}`);
  return JSON.parse(out.stdout.subarray(4).toString("utf8"));
}
