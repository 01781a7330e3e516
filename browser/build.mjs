// Builds the extension for each browser from the one source tree in extension/: copies the
// files and writes each browser's manifest.json (Chromium: a service worker and the fixed
// `key` that gives the extension the same ID everywhere; Firefox: an event page and the gecko
// id). Output: <out>/chromium/ and <out>/firefox/ (default ../target/extension).
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const source = path.join(here, "extension");
const out = path.resolve(process.argv[2] ?? path.join(here, "..", "target", "extension"));

/** The public half of the extension's signing key: Chromium derives the ID from it. */
export const CHROMIUM_KEY =
  "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAzrrfx3XBsAg0Fvd+82cBhRuUkBVxv79upL7Wf3oxEceJ3y80MPE2Af3miNK+Pp42l8SKh4nJRGHTBM+OJUN9uynj7CHRozQOkK9asIRe822ATi9w6p/MDPno4ypEqZB7fZ5FqnvoEJJ4y8vHLxghbSl2NEmB3vNV8z+5DVkwnDkaBMOfV3XCmgAeXLR2oYRurgt8eILKas/KBW/6t8sEWg1sxB3E7U0oQaMK5+N+zT4KdJx7luidKOHjOjQC26waaM/LteewoSJtGknpqZWfMEi0uLD3E7G0ACkdVxXsQn+o6o7yoNyYKOwaH/z/msVqe2MrIS2QFR0lY6d7GHciFQIDAQAB";
/** The Firefox add-on's ID. */
export const GECKO_ID = "nacre@nacre.invalid";

const base = JSON.parse(readFileSync(path.join(source, "manifest.base.json"), "utf8"));
const files = [
  "background.js",
  "capture.js",
  "host.js",
  "page-details.js",
  "popup.html",
  "popup.css",
  "popup.js",
  "icons",
];

const manifests = {
  chromium: {
    ...base,
    key: CHROMIUM_KEY,
    background: { service_worker: "background.js", type: "module" },
    minimum_chrome_version: "116",
  },
  firefox: {
    ...base,
    background: { scripts: ["background.js"], type: "module" },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: "142.0",
        // Nothing leaves the machine: the add-on talks only to the local host.
        data_collection_permissions: { required: ["none"] },
      },
    },
  },
};

for (const [browser, manifest] of Object.entries(manifests)) {
  const dir = path.join(out, browser);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const file of files)
    cpSync(path.join(source, file), path.join(dir, file), { recursive: true });
  writeFileSync(path.join(dir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`built ${path.relative(process.cwd(), dir) || dir}`);
}
