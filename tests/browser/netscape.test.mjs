// A Netscape bookmark file written by `nacre export --format netscape`, parsed by Chromium's own
// HTML parser: the DOM must hold the same folders and links, in order, with the same titles,
// URLs, dates in seconds, tags and notes.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import { buildFixture, exportTo, launch, readNative, scratch, shownTitle } from "./lib.mjs";

let browser;
let work;
let netscapeFile;
let tree;

before(async () => {
  work = scratch();
  buildFixture(work.nacre, "http://127.0.0.1:9/opener");
  netscapeFile = exportTo(work.nacre, work.dir, "netscape");
  tree = readNative(exportTo(work.nacre, work.dir, "native"));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  work?.cleanup();
});

/** What the file should hold, in document order: folders and links with their folder path. */
function expected(root) {
  const out = [];
  const walk = (node, trail) => {
    for (const child of node.kind.children ?? []) {
      const type = child.kind.type;
      if (type === "collection") {
        out.push({ type: "folder", title: shownTitle(child), path: trail.join("/"), addDate: String(Math.floor(child.createdAt / 1000)) });
        walk(child, [...trail, shownTitle(child)]);
      } else if (type === "link") {
        out.push({
          type: "link",
          title: shownTitle(child),
          href: child.kind.url,
          path: trail.join("/"),
          addDate: String(Math.floor(child.createdAt / 1000)),
          tags: (child.tags ?? []).join(","),
          note: child.note ?? "",
        });
      }
    }
  };
  walk(root, []);
  return out;
}

/**
 * Reads folders and links from the DOM Chromium built. A folder's contents are the first <DL>
 * after its <H3> in document order (Chromium nests that <DL> in the <DT>, or in the <DD> when the
 * folder has a description).
 */
function fromDom() {
  const all = [...document.querySelectorAll("*")];
  const folderOfList = new Map();
  all.forEach((el, i) => {
    if (el.tagName !== "DL") return;
    for (let j = i - 1; j >= 0; j--) {
      const prev = all[j];
      if (prev.tagName === "H3") {
        folderOfList.set(el, prev.textContent);
        break;
      }
      if (!["DD", "DT", "P"].includes(prev.tagName)) break;
    }
  });
  const trail = (el) => {
    const names = [];
    for (let dl = el.closest("dl"); dl; dl = dl.parentElement.closest("dl")) {
      if (folderOfList.has(dl)) names.unshift(folderOfList.get(dl));
    }
    return names.join("/");
  };
  const noteOf = (el) => {
    const dd = el.closest("dt")?.nextElementSibling;
    if (!dd || dd.tagName !== "DD") return "";
    const copy = dd.cloneNode(true);
    copy.querySelectorAll("dl").forEach((dl) => dl.remove());
    // The DD runs to the next tag: the indentation before it is not part of the note.
    return copy.textContent.replace(/\s+$/, "");
  };
  return all
    .filter((el) => el.tagName === "H3" || (el.tagName === "A" && el.hasAttribute("href")))
    .map((el) =>
      el.tagName === "H3"
        ? { type: "folder", title: el.textContent, path: trail(el), addDate: el.getAttribute("add_date") }
        : {
            type: "link",
            title: el.textContent,
            href: el.getAttribute("href"),
            path: trail(el),
            addDate: el.getAttribute("add_date"),
            tags: el.getAttribute("tags") ?? "",
            note: noteOf(el),
          },
    );
}

test("chromium's DOM of the bookmark file holds the same folders and links", async () => {
  const page = await browser.newPage();
  let ran = false;
  page.on("dialog", (d) => {
    ran = true;
    d.dismiss();
  });
  await page.goto(pathToFileURL(netscapeFile).href);
  const found = await page.evaluate(fromDom);
  const want = expected(tree);
  assert.ok(want.length >= 10, `the fixture has folders and links (${want.length})`);
  assert.deepEqual(found, want, "folders and links, in order, with titles, URLs, dates, tags, notes");
  assert.equal(await page.evaluate(() => window.__pwned), undefined, "nothing in the file ran");
  assert.equal(ran, false, "no dialog opened");
  assert.equal(
    await page.evaluate(() => document.querySelectorAll("img, script, svg").length),
    0,
    "no element came out of a title, a note or a tag",
  );
  await page.close();
});
