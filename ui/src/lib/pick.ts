// Picking from an imported tree by dragging, as pure rules: the imported copy dragged pearls
// would be picked from, and whether a collection stands inside that copy (a drop there moves as
// ever; a drop anywhere else picks: a copy of one's own, keeping where it came from).

import type { TreeItem } from "../bindings/TreeItem";

/** The copy every one of `items` would be picked from, or null when any of them is not inside
 * an imported copy (the user's own, a pick, a copy's top) or they come from different copies. */
export function pickSource(items: readonly (TreeItem | undefined)[]): number | null {
  let copy: number | null = null;
  for (const item of items) {
    const from = item?.pickFrom ?? null;
    if (from === null || (copy !== null && copy !== from)) return null;
    copy = from;
  }
  return copy;
}

/**
 * Whether the collection `id` stands inside the copy `copy` (or is its top). `item` is its own
 * tree item when it is loaded in a list; else its loaded pearls say (each knows the copies
 * above it). Neither known: outside (the backend refuses a pick into the copy anyway).
 */
export function insideCopy(
  id: number,
  copy: number,
  item: TreeItem | undefined,
  children: readonly TreeItem[] | undefined,
): boolean {
  if (id === copy) return true;
  if (item) return (item.copies ?? []).includes(copy);
  return (children ?? []).some((c) => (c.copies ?? []).some((k) => k === copy && k !== c.id));
}
