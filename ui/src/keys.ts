// Keys and clipboard that work anywhere in the window: undo and redo, new pearls, delete, cut
// and paste pearls to move them, paste a URL, and links dropped from a browser.

import * as act from "./state/actions";
import { getState } from "./state/store";

function typingIn(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))
  );
}

/** Text that a user would mean as a link: an absolute URL, or a bare host with a dot. */
export function looksLikeUrl(text: string): boolean {
  const t = text.trim();
  if (!t || /\s/.test(t)) return false;
  return /^[a-z][a-z0-9+.-]*:\S+$/i.test(t) || /^[\w-]+(\.[\w-]+)+(\/\S*)?$/.test(t);
}

export function installGlobalKeys(): () => void {
  const onKey = (e: KeyboardEvent) => {
    const mod = e.ctrlKey || e.metaKey;
    // Ctrl+Q quits from anywhere, a text field included.
    if (mod && !e.shiftKey && e.key.toLowerCase() === "q") {
      e.preventDefault();
      act.quit();
      return;
    }
    if (typingIn(e.target)) return;
    if (e.key === "Delete" && !mod) {
      e.preventDefault();
      void act.trashSelection();
      return;
    }
    if (e.key === "Escape") {
      act.cancelCut();
      act.closeHelp();
      act.closeMenu();
    }
    if (e.key === "F1" || (e.key === "?" && !mod)) {
      e.preventDefault();
      act.openHelp();
      return;
    }
    if (!mod) return;
    const k = e.key.toLowerCase();
    if (k === "z" && !e.shiftKey) void act.undo();
    else if ((k === "z" && e.shiftKey) || k === "y") void act.redo();
    else if (k === "n" && !e.shiftKey) void act.newCollection();
    else if (k === "n" && e.shiftKey) void act.newNote();
    else if (k === "s" && e.shiftKey) void act.newSection();
    else if (k === "x" && !e.shiftKey) act.cutSelection();
    // With pearls cut, Ctrl+V moves them (and no paste event follows).
    else if (k === "v" && !e.shiftKey && getState().cut !== null) void act.pasteCut();
    else return;
    e.preventDefault();
  };
  const onPaste = (e: ClipboardEvent) => {
    if (typingIn(e.target)) return;
    const text = e.clipboardData?.getData("text/plain") ?? "";
    if (looksLikeUrl(text)) {
      e.preventDefault();
      void act.addLink(text);
    } else if (text.trim()) {
      act.notify("Paste a link (a URL such as https://example.com) to make a pearl", "error");
    }
  };
  // Links dragged in from a browser (HTML5 drag and drop; Tauri's own file drop is off).
  const onDragOver = (e: DragEvent) => {
    const types = e.dataTransfer?.types ?? [];
    if (types.includes("text/uri-list") || types.includes("text/plain")) {
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
    }
  };
  const onDrop = (e: DragEvent) => {
    const dt = e.dataTransfer;
    if (!dt) return;
    e.preventDefault();
    const list = dt
      .getData("text/uri-list")
      .split(/\r?\n/)
      .find((l) => l && !l.startsWith("#"));
    const text = list ?? dt.getData("text/plain");
    if (looksLikeUrl(text)) void act.addLink(text);
  };
  window.addEventListener("keydown", onKey);
  window.addEventListener("paste", onPaste);
  window.addEventListener("dragover", onDragOver);
  window.addEventListener("drop", onDrop);
  return () => {
    window.removeEventListener("keydown", onKey);
    window.removeEventListener("paste", onPaste);
    window.removeEventListener("dragover", onDragOver);
    window.removeEventListener("drop", onDrop);
  };
}
