// The extension's user steps, shared by the popup, the shortcut and the context menu: save a
// tab, a link or a selection, look a page up, pearl every tab of a window, find collections.
// Each is one message to the host (host.js); what the user chose last is kept in
// storage.local so the shortcut can save "to the last collection" without asking.

import { ask } from "./host.js";
import { pageOf } from "./page-details.js";

const RECENT_MAX = 6;

/** The collection saved into last, as `{ref, path}` (`ref` is what the host takes). */
export async function lastCollection() {
  const { last } = await chrome.storage.local.get("last");
  return last?.path ? last : { ref: null, path: "Inbox" };
}

/** Collections used recently, newest first. */
export async function recentCollections() {
  const { recent } = await chrome.storage.local.get("recent");
  return Array.isArray(recent) ? recent : [];
}

async function remember(ref, path) {
  const recent = (await recentCollections()).filter((c) => c.path !== path);
  recent.unshift({ ref, path });
  await chrome.storage.local.set({ last: { ref, path }, recent: recent.slice(0, RECENT_MAX) });
}

/** Shows on the toolbar button whether the page in `tabId` is a pearl already. */
export async function markTab(tabId, pearls) {
  const here = pearls.length > 0;
  await chrome.action.setBadgeText({ tabId, text: here ? "✓" : "" });
  if (here) {
    await chrome.action.setBadgeBackgroundColor({ tabId, color: "#2f7d4f" });
    await chrome.action.setTitle({ tabId, title: `Already a pearl: ${whereText(pearls)}` });
  } else {
    await chrome.action.setTitle({ tabId, title: "Pearl this page" });
  }
}

/** Shows a failed quick save on the button; its tooltip says why. */
export async function markFailure(tabId, message) {
  await chrome.action.setBadgeText({ tabId, text: "!" });
  await chrome.action.setBadgeBackgroundColor({ tabId, color: "#b3261e" });
  await chrome.action.setTitle({ tabId, title: `Not pearled: ${message}` });
}

/** "in Cours / Révolution, and 1 more" */
export function whereText(pearls) {
  if (pearls.length === 0) return "";
  const first = `in ${pearls[0].path.split("/").join(" / ")}`;
  const more = pearls.length - 1;
  return more === 0 ? first : `${first}, and ${more} more`;
}

/** The pearls of the library at this page's URL (by normalised URL), `[]` when none or unknown. */
export async function lookup(url) {
  if (!url) return [];
  const reply = await ask({ type: "lookup", url });
  return reply.ok ? reply.pearls : [];
}

/** Looks the tab's page up and marks its button. */
export async function refreshBadge(tab) {
  if (!tab?.id || !tab.url) return;
  await markTab(tab.id, await lookup(tab.url));
}

/**
 * Saves the page in `tab`. `choice` may give `title`, `note`, `tags`, `collection` ({ref, path});
 * what it leaves out comes from the page (title, selected text) and the last collection.
 */
export async function saveTab(tab, choice = {}) {
  const page = choice.page ?? (await pageOf(tab));
  const target = choice.collection ?? (await lastCollection());
  const message = {
    type: "save",
    url: tab.url ?? "",
    title: choice.title ?? page.title ?? "",
    note: choice.note ?? page.selection ?? "",
    tags: choice.tags ?? [],
    details: page.details,
  };
  if (target.ref) message.collection = target.ref;
  const reply = await ask(message);
  if (reply.ok) {
    await remember(target.ref, reply.path);
    await markTab(tab.id, [{ id: reply.id, path: reply.path }]);
  }
  return reply;
}

/** Saves the link under the pointer (context menu), into the last collection. */
export async function saveLink(info) {
  const target = await lastCollection();
  const message = { type: "save", url: info.linkUrl, title: info.linkText ?? "", tags: [] };
  if (target.ref) message.collection = target.ref;
  return ask(message);
}

/** Saves the selected text as a note pearl (context menu), into the last collection. */
export async function saveSelection(info, tab) {
  const target = await lastCollection();
  const message = {
    type: "save-note",
    text: info.selectionText ?? "",
    url: tab?.url ?? info.pageUrl,
  };
  if (target.ref) message.collection = target.ref;
  return ask(message);
}

/** A name for a collection of tabs: "Tabs, 1 December 2026 21:40". */
export function tabsCollectionName(date = new Date()) {
  const day = date.toLocaleDateString(undefined, {
    day: "numeric",
    month: "long",
    year: "numeric",
  });
  const time = date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  return `Tabs, ${day} ${time}`;
}

/** Pearls every tab of the window, in tab order, into a new collection named `title`. */
export async function saveAllTabs(windowId, title) {
  const tabs = await chrome.tabs.query({ windowId });
  tabs.sort((a, b) => a.index - b.index);
  return ask({
    type: "save-tabs",
    title,
    tabs: tabs.map((t) => ({ url: t.url ?? "", title: t.title ?? "" })),
  });
}

/** Collections whose name matches `query`, for the picker. */
export async function findCollections(query) {
  const reply = await ask({ type: "collections", query });
  return reply.ok ? reply.collections : [];
}

/** Whether the optional `tabs` permission is granted (the badge on every page, all tabs). */
export function hasTabsPermission() {
  return chrome.permissions.contains({ permissions: ["tabs"] });
}
