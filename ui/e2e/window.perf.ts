// Measures the real app on a large library: how soon the window is usable after launch, how
// long expanding a collection of 10,000 pearls takes, and how many tree rows re-render while a
// drag hovers over the tree. Figures go to stdout; the library is given by NACRE_BENCH_LIBRARY
// (a copy: the app may write to it).

import { copyFileSync, readFileSync, statSync } from "node:fs";
import { expect, it } from "vitest";
import { type Browser, freshHome, row, startApp } from "./app";

interface Mark {
  name: string;
  at: number;
  detail?: number;
}

async function marks(b: Browser): Promise<{ origin: number; marks: Mark[] }> {
  const out: unknown = await b.execute(() => ({
    origin: performance.timeOrigin,
    marks: (window as { __nacrePerf?: Mark[] }).__nacrePerf ?? [],
  }));
  return out as { origin: number; marks: Mark[] };
}

async function renders(b: Browser): Promise<{ rows: number; marker: number }> {
  const n: unknown = await b.execute(() => {
    const w = window as { __nacreRowRenders?: number; __nacreMarkerRenders?: number };
    return { rows: w.__nacreRowRenders ?? 0, marker: w.__nacreMarkerRenders ?? 0 };
  });
  return n as { rows: number; marker: number };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const source = process.env.NACRE_BENCH_LIBRARY ?? "/tmp/nacre-bench/library-100000.sqlite";
const big = process.env.NACRE_BENCH_BIG ?? "Ten thousand siblings";
const dropped = process.env.NACRE_BENCH_DROP ?? "/tmp/nacre-bench/bm-100000.html";

it("measures the window on a 100,000-pearl library", async () => {
  const home = freshHome();
  copyFileSync(source, home.library);
  say(`library: ${source} (copied to ${home.dir})`);

  const launches: number[] = [];
  for (let i = 0; i < 3; i++) {
    const app = await startApp(home);
    const { origin, marks: m } = await marks(app.browser);
    const usable = m.find((x) => x.name === "usable");
    expect(usable, "the window marks when it is usable").toBeDefined();
    launches.push(origin + (usable?.at ?? 0) - app.launchedAt);
    if (i < 2) await app.stop();
    else {
      const b = app.browser;
      try {
        await measureExpand(b);
        await measureDrag(b);
        await measureFileDrop(b);
      } finally {
        await app.stop();
      }
    }
  }
  say(
    `launch to usable (session request to tree painted): ${launches.map((x) => x.toFixed(0)).join(", ")} ms; median ${median(launches).toFixed(0)} ms`,
  );
});

async function measureExpand(b: Browser): Promise<void> {
  const twisty = row(b, big).$(".twisty");
  const times: number[] = [];
  let shown = 0;
  for (let i = 0; i < 5; i++) {
    const before = (await marks(b)).marks.length;
    await twisty.click();
    await b.waitUntil(
      async () => (await marks(b)).marks.slice(before).some((x) => x.name === "expand-painted"),
      {
        timeout: 10_000,
        interval: 20,
      },
    );
    const m = (await marks(b)).marks.slice(before);
    const start = m.find((x) => x.name === "expand-start");
    const painted = m.find((x) => x.name === "expand-painted");
    const data = m.find((x) => x.name === "expand-data");
    shown = painted?.detail ?? 0;
    if (start && painted) times.push(painted.at - start.at);
    const drawn = m.find((x) => x.name === "tree-rendered");
    if (start && data && drawn && painted) {
      say(
        `  expand ${i + 1}: data in ${(data.at - start.at).toFixed(1)} ms, tree committed at ${(drawn.at - start.at).toFixed(1)} ms, painted at ${(painted.at - start.at).toFixed(1)} ms`,
      );
    }
    await twisty.click(); // collapse again
  }
  say(
    `expand a collection of ${shown} pearls (click to painted): ${times.map((x) => x.toFixed(1)).join(", ")} ms; median ${median(times).toFixed(1)} ms`,
  );
  await twisty.click(); // leave it open for the drag
  await b.pause(300);
}

async function measureDrag(b: Browser): Promise<void> {
  const visible = (await b.$$('[role="treeitem"]').length) as number;
  const from = await row(b, "sibling 3");
  const tree = await b.$('[role="tree"]');
  const before = await renders(b);
  let chain = b
    .action("pointer", { parameters: { pointerType: "mouse" } })
    .move({ origin: from })
    .down({ button: 0 })
    .move({ origin: from, x: 0, y: 8, duration: 50 });
  const steps = 40;
  for (let i = 0; i < steps; i++) {
    chain = chain
      .move({ origin: tree, x: (i % 3) * 10 - 10, y: -200 + i * 11, duration: 16 })
      .pause(10);
  }
  // Release over the top bar: nowhere to drop, nothing changes.
  await chain.move({ origin: "viewport", x: 600, y: 20, duration: 16 }).up({ button: 0 }).perform();
  const after = await renders(b);
  say(
    `drag over the tree: ${steps} hover positions, ${visible} rows in the page; ${after.rows - before.rows} row renders, ${after.marker - before.marker} drop-marker renders`,
  );
  await b.releaseActions();
}

/** Drops the big bookmark file on the window: from the drop to its preview on screen (the
 * bytes read in the page, sent to the backend as the request body, parsed and counted). */
async function measureFileDrop(b: Browser): Promise<void> {
  const size = statSync(dropped).size;
  const base64 = readFileSync(dropped).toString("base64");
  // The file is made in the page first: handing 50 MB to WebDriver is not what is measured.
  await b.execute(
    (data: string, name: string) => {
      const raw = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      (window as { __nacreDropFile?: File }).__nacreDropFile = new File([raw], name);
    },
    base64,
    "bm-100000.html",
  );
  const before = (await marks(b)).marks.length;
  await b.execute(() => {
    const transfer = new DataTransfer();
    const file = (window as { __nacreDropFile?: File }).__nacreDropFile;
    if (file) transfer.items.add(file);
    document.body.dispatchEvent(
      new DragEvent("drop", { dataTransfer: transfer, cancelable: true, bubbles: true }),
    );
  });
  await b.waitUntil(
    async () => (await marks(b)).marks.slice(before).some((x) => x.name === "drop-previewed"),
    { timeout: 60_000, interval: 50 },
  );
  const m = (await marks(b)).marks.slice(before);
  const start = m.find((x) => x.name === "drop-start");
  const shown = m.find((x) => x.name === "drop-previewed");
  const total = await b.$('[data-testid="preview-total"]').getText();
  say(
    `drop a ${(size / 2 ** 20).toFixed(1)} MiB bookmark file: preview (${total}) in ${((shown?.at ?? 0) - (start?.at ?? 0)).toFixed(0)} ms`,
  );
}
