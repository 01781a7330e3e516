// The extension's pure helpers, in plain Node (no browser): what the popup and the badge say.
import assert from "node:assert/strict";
import { test } from "node:test";
import { tabsCollectionName, whereText } from "../extension/capture.js";
import { readPage } from "../extension/page-details.js";

test("where a page already is, in words", () => {
  assert.equal(whereText([]), "");
  assert.equal(whereText([{ id: 1, path: "Cours/Révolution" }]), "in Cours / Révolution");
  assert.equal(
    whereText([
      { id: 1, path: "Cours/Révolution" },
      { id: 2, path: "Inbox" },
    ]),
    "in Cours / Révolution, and 1 more",
  );
});

test("a collection of tabs is named by its date and time", () => {
  const name = tabsCollectionName(new Date(2026, 11, 1, 21, 40));
  // The date and time in the browser's own locale (21:40 or 09:40 PM).
  assert.match(name, /^Tabs, .*2026.* (21|0?9).40/);
});

test("the page reader stays self-contained (it runs inside the page)", () => {
  const source = readPage.toString();
  for (const outside of ["import", "chrome.", "ask(", "pageOf"]) {
    assert.ok(!source.includes(outside), `readPage uses ${outside}`);
  }
});
