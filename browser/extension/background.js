// The background script (a service worker on Chromium, an event page on Firefox): the context
// menu, the one-key shortcut that saves straight to the last collection, and the badge that
// says a page is a pearl already (on every page once the optional `tabs` permission is given;
// otherwise on the pages the user acted on).

import {
  hasTabsPermission,
  markFailure,
  markTab,
  refreshBadge,
  saveLink,
  saveSelection,
  saveTab,
} from "./capture.js";

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.removeAll(() => {
    chrome.contextMenus.create({ id: "pearl-page", title: "Pearl this page", contexts: ["page"] });
    chrome.contextMenus.create({ id: "pearl-link", title: "Pearl this link", contexts: ["link"] });
    chrome.contextMenus.create({
      id: "pearl-selection",
      title: "Pearl the selection as a note",
      contexts: ["selection"],
    });
  });
});

async function quickSave(tab) {
  if (!tab?.id) return;
  const reply = await saveTab(tab);
  if (!reply.ok) await markFailure(tab.id, reply.error.message);
}

chrome.commands.onCommand.addListener((command, tab) => {
  if (command !== "pearl-page") return;
  if (tab) {
    quickSave(tab);
  } else {
    chrome.tabs.query({ active: true, currentWindow: true }).then(([active]) => quickSave(active));
  }
});

chrome.contextMenus.onClicked.addListener(async (info, tab) => {
  let reply;
  if (info.menuItemId === "pearl-page") {
    await quickSave(tab);
    return;
  }
  if (info.menuItemId === "pearl-link") reply = await saveLink(info);
  if (info.menuItemId === "pearl-selection") reply = await saveSelection(info, tab);
  if (reply && !reply.ok && tab?.id) await markFailure(tab.id, reply.error.message);
});

// With `tabs`, every page the user opens is looked up once it has loaded.
chrome.tabs.onUpdated.addListener(async (_tabId, change, tab) => {
  if (change.status !== "complete" || !(await hasTabsPermission())) return;
  await refreshBadge(tab);
});
chrome.tabs.onActivated.addListener(async ({ tabId }) => {
  if (!(await hasTabsPermission())) return;
  const tab = await chrome.tabs.get(tabId);
  await refreshBadge(tab);
});

// For tests and tools: the service worker's own entry points, on `globalThis`.
globalThis.nacre = { saveTab, markTab, refreshBadge };
