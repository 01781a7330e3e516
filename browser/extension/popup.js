// The popup: ready the moment it opens with the tab's title and the last collection, then
// filled in from the page (selected text as the note) and the library (already a pearl?).
// Enter saves. Opened as a tab with `?tab=ID` it works on that tab (how tests drive it).

import {
  findCollections,
  hasTabsPermission,
  lastCollection,
  lookup,
  markTab,
  recentCollections,
  saveAllTabs,
  saveTab,
  tabsCollectionName,
  whereText,
} from "./capture.js";
import { pageOf } from "./page-details.js";

const $ = (id) => document.getElementById(id);
const form = $("form");
const title = $("title");
const collection = $("collection");
const choices = $("choices");
const note = $("note");
const tags = $("tags");
const status = $("status");

let tab = null;
let page = null;
let chosen = { ref: null, path: "Inbox" };
let found = [];
let shown = [];
let active = -1;
const edited = { title: false, note: false };

function say(text, kind) {
  status.textContent = text;
  status.className = `status ${kind}`;
  status.hidden = !text;
}

async function currentTab() {
  const asked = new URLSearchParams(location.search).get("tab");
  if (asked) return chrome.tabs.get(Number(asked));
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab;
}

function siteOf(url) {
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
}

/** The tags typed, split on commas, without empty ones. */
export function parseTags(text) {
  return text
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
}

function renderChoices(list, heading) {
  shown = list;
  active = list.length > 0 ? 0 : -1;
  choices.replaceChildren();
  if (heading && list.length > 0) {
    const head = document.createElement("li");
    head.className = "head";
    head.textContent = heading;
    choices.append(head);
  }
  list.forEach((c, i) => {
    const li = document.createElement("li");
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", String(i === active));
    const name = document.createElement("span");
    name.textContent = c.title ?? c.path.split("/").at(-1);
    const path = document.createElement("span");
    path.className = "path";
    path.textContent = c.path.includes("/") ? c.path : "";
    li.append(name, path);
    li.addEventListener("mousedown", (e) => {
      e.preventDefault();
      choose(c);
    });
    choices.append(li);
  });
  const open = list.length > 0;
  choices.hidden = !open;
  collection.setAttribute("aria-expanded", String(open));
}

function highlight(next) {
  if (shown.length === 0) return;
  active = (next + shown.length) % shown.length;
  for (const [i, li] of [...choices.querySelectorAll('li[role="option"]')].entries()) {
    li.setAttribute("aria-selected", String(i === active));
  }
}

function choose(c) {
  chosen = { ref: c.ref ?? `#${c.id}`, path: c.path };
  collection.value = c.path;
  renderChoices([]);
}

let searchTimer = 0;
collection.addEventListener("input", () => {
  clearTimeout(searchTimer);
  const query = collection.value.trim();
  searchTimer = setTimeout(async () => {
    if (!query) {
      renderChoices(await recentCollections(), "Recent");
      return;
    }
    const list = await findCollections(query);
    if (collection.value.trim() === query) renderChoices(list);
  }, 80);
});
collection.addEventListener("focus", async () => {
  collection.select();
  const recent = await recentCollections();
  // Only while nothing has been typed: a search already under way wins.
  if (collection.value.trim() === chosen.path) renderChoices(recent, "Recent");
});
collection.addEventListener("blur", () => renderChoices([]));
collection.addEventListener("keydown", (e) => {
  if (choices.hidden) return;
  if (e.key === "ArrowDown" || e.key === "ArrowUp") {
    e.preventDefault();
    highlight(active + (e.key === "ArrowDown" ? 1 : -1));
  } else if (e.key === "Enter" && active >= 0) {
    e.preventDefault();
    choose(shown[active]);
  } else if (e.key === "Escape") {
    e.preventDefault();
    renderChoices([]);
  }
});

title.addEventListener("input", () => {
  edited.title = true;
});
note.addEventListener("input", () => {
  edited.note = true;
});
note.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !e.shiftKey) {
    e.preventDefault();
    form.requestSubmit();
  }
});

async function save() {
  if (!tab) return;
  if (collection.value.trim() !== chosen.path) {
    // Typed but not picked: the host resolves the path (and says so if there is none).
    const typed = collection.value.trim();
    chosen = typed ? { ref: typed, path: typed } : { ref: null, path: "Inbox" };
  }
  $("save").disabled = true;
  say("Saving…", "done");
  const reply = await saveTab(tab, {
    page: page ?? undefined,
    title: title.value,
    note: note.value,
    tags: parseTags(tags.value),
    collection: chosen,
  });
  $("save").disabled = false;
  if (reply.ok) {
    say(`Pearled in ${reply.path.split("/").join(" / ")}`, "done");
    setTimeout(() => window.close(), 600);
  } else {
    say(reply.error.message, "error");
  }
}

form.addEventListener("submit", (e) => {
  e.preventDefault();
  save();
});

$("open").addEventListener("click", () => {
  const first = found[0];
  if (first) chrome.tabs.create({ url: `nacre://pearl/${first.id}` });
});

$("all-tabs").addEventListener("click", async () => {
  // `tabs` is optional: asked for the first time it is needed, on this click.
  const granted = await chrome.permissions.request({ permissions: ["tabs"] });
  if (!granted) {
    say("Pearling all tabs needs to see the tabs' addresses; nothing was saved.", "error");
    return;
  }
  const count = (await chrome.tabs.query({ windowId: tab.windowId })).length;
  $("tabs-count").textContent = String(count);
  $("tabs-name").value = tabsCollectionName();
  $("tabs-row").hidden = false;
  $("tabs-name").focus();
  $("tabs-name").select();
});
$("tabs-name").addEventListener("keydown", (e) => {
  if (e.key === "Enter") {
    e.preventDefault();
    $("tabs-save").click();
  }
});
$("tabs-save").addEventListener("click", async () => {
  const reply = await saveAllTabs(
    tab.windowId,
    $("tabs-name").value.trim() || tabsCollectionName(),
  );
  if (!reply.ok) {
    say(reply.error.message, "error");
    return;
  }
  const left = reply.skipped.length;
  const skipped = left > 0 ? `; ${left} left out (${reply.skipped[0].reason})` : "";
  say(`${reply.saved} tabs pearled in ${reply.path}${skipped}`, "done");
});

// The badge on every page needs the optional `tabs` permission: offered here, asked on the click.
$("badge-on").addEventListener("click", async () => {
  const granted = await chrome.permissions.request({ permissions: ["tabs"] });
  $("badge-offer").hidden = granted;
  if (granted) say("Pages you have pearled now show ✓ on the toolbar button.", "done");
});

async function start() {
  hasTabsPermission().then((granted) => {
    $("badge-offer").hidden = granted;
  });
  tab = await currentTab();
  chosen = await lastCollection();
  collection.value = chosen.path;
  title.value = tab?.title ?? "";
  $("site").textContent = siteOf(tab?.url ?? "");
  title.focus();
  title.select();
  if (!tab?.url) {
    say("This page cannot be read by extensions; nothing to pearl here.", "error");
    return;
  }
  const [read, pearls] = await Promise.all([pageOf(tab), lookup(tab.url)]);
  page = read;
  if (!edited.title && read.title) title.value = read.title;
  if (!edited.note && read.selection) note.value = read.selection;
  found = pearls;
  if (pearls.length > 0) {
    $("already-text").textContent = `Already a pearl ${whereText(pearls)}`;
    $("already").hidden = false;
    $("save").textContent = "Add anyway";
  }
  await markTab(tab.id, pearls);
}

start();
