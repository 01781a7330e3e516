// Pure tree transforms: the rows the tree shows, where each pearl sits, and whether a move
// would put a collection inside itself.

import type { TreeItem } from "../bindings/TreeItem";

/** One visible row of the tree. */
export interface Row {
  pearl: TreeItem;
  /** 0 for pearls at the top of the tree. */
  depth: number;
  /** The collection the pearl is in. */
  parentId: number;
  /** Its position among its siblings. */
  index: number;
}

export type ChildMap = ReadonlyMap<number, readonly TreeItem[]>;

/** The rows shown for the tree under `root`: every pearl whose collections are all expanded. */
export function visibleRows(
  root: number,
  children: ChildMap,
  expanded: ReadonlySet<number>,
): Row[] {
  const rows: Row[] = [];
  const stack: { parentId: number; list: readonly TreeItem[]; next: number; depth: number }[] = [];
  const top = children.get(root);
  if (top) stack.push({ parentId: root, list: top, next: 0, depth: 0 });
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (!frame) break;
    const pearl = frame.list[frame.next];
    if (!pearl) {
      stack.pop();
      continue;
    }
    const index = frame.next;
    frame.next += 1;
    rows.push({ pearl, depth: frame.depth, parentId: frame.parentId, index });
    if (pearl.kind === "collection" && expanded.has(pearl.id)) {
      const list = children.get(pearl.id);
      if (list && list.length > 0) {
        stack.push({ parentId: pearl.id, list, next: 0, depth: frame.depth + 1 });
      }
    }
  }
  return rows;
}

/** Each loaded pearl's collection, from the loaded child lists. */
export function parentIndex(children: ChildMap): Map<number, number> {
  const parents = new Map<number, number>();
  for (const [parent, list] of children) {
    for (const p of list) parents.set(p.id, parent);
  }
  return parents;
}

/** Whether `target` is one of `ids` or lies inside one of them (a move there would loop). */
export function isInsideAny(
  target: number,
  ids: ReadonlySet<number>,
  parents: ReadonlyMap<number, number>,
): boolean {
  let current: number | undefined = target;
  const seen = new Set<number>();
  while (current !== undefined && !seen.has(current)) {
    if (ids.has(current)) return true;
    seen.add(current);
    current = parents.get(current);
  }
  return false;
}

/** The pearls from `anchor` to `to` in row order, for a shift-click range selection. */
export function rangeBetween(rows: readonly Row[], anchor: number, to: number): number[] {
  const a = rows.findIndex((r) => r.pearl.id === anchor);
  const b = rows.findIndex((r) => r.pearl.id === to);
  if (a < 0 || b < 0) return [to];
  const [lo, hi] = a < b ? [a, b] : [b, a];
  return rows.slice(lo, hi + 1).map((r) => r.pearl.id);
}

/**
 * The order a multi-pearl move keeps: the dragged pearls in the order they are shown, so that
 * moving a selection never shuffles it.
 */
export function inShownOrder(rows: readonly Row[], ids: ReadonlySet<number>): number[] {
  const ordered = rows.filter((r) => ids.has(r.pearl.id)).map((r) => r.pearl.id);
  for (const id of ids) if (!ordered.includes(id)) ordered.push(id);
  return ordered;
}

/** Ids inside a multi-selection whose collection is also selected are carried along by it. */
export function topmostOnly(
  ids: readonly number[],
  parents: ReadonlyMap<number, number>,
): number[] {
  const set = new Set(ids);
  return ids.filter((id) => {
    const parent = parents.get(id);
    return parent === undefined || !isInsideAny(parent, set, parents);
  });
}
