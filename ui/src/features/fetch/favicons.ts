// Stored favicons, shown offline: asked for in batches as rows appear, cached by pearl, and
// asked again for the pearls a fetch has just written.

import { useSyncExternalStore } from "react";
import * as ipc from "../../ipc";

/** Pearl id → data URL, or null when the pearl has no stored favicon. */
const cache = new Map<number, string | null>();
const wanted = new Set<number>();
const listeners = new Set<() => void>();
let version = 0;
let scheduled = false;

function changed(): void {
  version += 1;
  for (const l of listeners) l();
}

async function flush(): Promise<void> {
  scheduled = false;
  const ids = [...wanted];
  wanted.clear();
  if (ids.length === 0) return;
  try {
    const found = await ipc.faviconsOf(ids);
    for (const id of ids) cache.set(id, null);
    for (const f of found) cache.set(f.pearl, f.dataUrl);
    changed();
  } catch {
    // Without favicons the pearls keep their initials.
  }
}

function want(id: number): void {
  if (cache.has(id) || wanted.has(id)) return;
  wanted.add(id);
  if (!scheduled) {
    scheduled = true;
    setTimeout(() => void flush(), 0);
  }
}

/** Asks again for these pearls' favicons (a fetch has just written them). */
export function forgetFavicons(ids: readonly number[]): void {
  for (const id of ids) {
    cache.delete(id);
    want(id);
  }
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The stored favicon of a link pearl as a data URL, or null (not stored, or not known yet). */
export function useFavicon(id: number, isLink: boolean): string | null {
  useSyncExternalStore(subscribe, () => version);
  if (!isLink) return null;
  want(id);
  return cache.get(id) ?? null;
}
