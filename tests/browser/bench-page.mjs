// Times an exported page in headless Chromium: from navigation to "the search box is usable and a
// search shows results". Not a test (no pass or fail); run by scripts/bench-export.sh.
// Usage: node bench-page.mjs PAGE.html WORD [RUNS]
import { pathToFileURL } from "node:url";
import { statSync } from "node:fs";
import { launch } from "./lib.mjs";

const [file, word = "quokka", runs = "3"] = process.argv.slice(2);
if (!file) {
  console.error("usage: node bench-page.mjs PAGE.html WORD [RUNS]");
  process.exit(2);
}
const url = pathToFileURL(file).href;
const browser = await launch();
const times = [];
let results = "";
for (let i = 0; i < Number(runs); i++) {
  const page = await browser.newPage();
  const started = performance.now();
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForSelector("#search:not([disabled])", { timeout: 60000 });
  const usable = performance.now() - started;
  await page.fill("#search", word);
  await page.waitForSelector("#results:not([hidden]) .result", { timeout: 60000 });
  const searched = performance.now() - started;
  results = await page.textContent("#status");
  const ready = await page.evaluate(() => performance.now());
  times.push({ usable, searched, ready });
  await page.close();
}
await browser.close();
times.sort((a, b) => a.searched - b.searched);
const mid = times[Math.floor(times.length / 2)];
const size = statSync(file).size / (1024 * 1024);
console.log(
  `page in chromium (${size.toFixed(1)} MiB): search box usable ${(mid.usable / 1000).toFixed(2)} s, ` +
    `search "${word}" shows results ${(mid.searched / 1000).toFixed(2)} s after navigation ` +
    `(median of ${times.length}; ${results})`,
);
