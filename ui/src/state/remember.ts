// What the window remembers between runs, per library file: the open collection and the
// expanded collections. Kept in the webview's local storage under the library's path; pearls
// that no longer exist are forgotten when read back (the caller checks them against the file).

import { getState, type State } from "./store";

export interface RememberedView {
  open: number | null;
  expanded: number[];
}

const PREFIX = "nacre.view:";

function keyOf(libraryPath: string): string {
  return PREFIX + libraryPath;
}

/** Parses what was stored; anything malformed reads as nothing remembered. */
export function parseRemembered(text: string | null): RememberedView {
  const none = { open: null, expanded: [] };
  if (!text) return none;
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== "object" || v === null) return none;
    const o = v as { open?: unknown; expanded?: unknown };
    const open = typeof o.open === "number" && Number.isInteger(o.open) ? o.open : null;
    const expanded = Array.isArray(o.expanded)
      ? o.expanded.filter((id): id is number => typeof id === "number" && Number.isInteger(id))
      : [];
    return { open, expanded };
  } catch {
    return none;
  }
}

/** What was remembered for the library at `libraryPath`. */
export function recall(libraryPath: string): RememberedView {
  try {
    return parseRemembered(localStorage.getItem(keyOf(libraryPath)));
  } catch {
    return { open: null, expanded: [] };
  }
}

let timer: ReturnType<typeof setTimeout> | null = null;
let last: { open: State["open"]; expanded: State["expanded"] } | null = null;

/** Writes the open collection and the expanded ones, shortly after they change. */
export function rememberSoon(): void {
  const s = getState();
  if (!s.info) return;
  if (last && last.open === s.open && last.expanded === s.expanded) return;
  last = { open: s.open, expanded: s.expanded };
  if (timer) clearTimeout(timer);
  const path = s.info.path;
  timer = setTimeout(() => {
    timer = null;
    const now = getState();
    const view: RememberedView = { open: now.open, expanded: [...now.expanded] };
    try {
      localStorage.setItem(keyOf(path), JSON.stringify(view));
    } catch {
      // Storage full or refused: the next run starts at the top, nothing else is lost.
    }
  }, 150);
}
