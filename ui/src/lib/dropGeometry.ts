// Pure drop geometry: from a pointer position over the tree (or a list, or the pearls view) to
// exactly where dragged pearls would land, and whether that place is allowed.

import type { Placement } from "../bindings/Placement";
import { isInsideAny, type Row } from "./treeRows";

/** Where a drop lands. */
export type DropTarget =
  | {
      kind: "into";
      /** The collection the pearls go into (at its end). */
      parent: number;
      /** The row highlighted, -1 for none. */
      row: number;
      /** True when the collection is closed: it takes a short hover to arm. */
      needsHover: boolean;
    }
  | {
      kind: "between";
      /** The collection the pearls go into. */
      parent: number;
      /** The gap among its children, counted as they are before the move (0 = first). */
      index: number;
      /** Where the line is drawn: the row it sits above (rows.length for after the last). */
      lineRow: number;
      /** The line's indent, as a depth. */
      depth: number;
    };

/** What the tree needs to know about each row. */
export interface GeometryInput {
  rows: readonly Row[];
  rowHeight: number;
  root: number;
  expanded: ReadonlySet<number>;
}

/** Share of a collection row's height at its top and bottom that means "between", not "into". */
export const EDGE = 0.25;

/**
 * Where a drop at `y` (pixels from the top of the rows) lands in the tree.
 *
 * Over the top or bottom quarter of a collection row, or the top or bottom half of any other
 * row, the pearls go between rows; over the middle of a collection row, into it. Below the last
 * row, they go to the end of the top of the tree. The line below an open collection with
 * pearls goes first inside it, where it is drawn.
 */
export function treeDrop(
  { rows, rowHeight, root, expanded }: GeometryInput,
  y: number,
): DropTarget {
  const last = rows.length;
  if (y < 0) return { kind: "between", parent: root, index: 0, lineRow: 0, depth: 0 };
  const i = Math.floor(y / rowHeight);
  const row = rows[i];
  if (!row) {
    return { kind: "between", parent: root, index: topLevelCount(rows), lineRow: last, depth: 0 };
  }
  const f = y / rowHeight - i;
  const isCollection = row.pearl.kind === "collection";
  const open = isCollection && expanded.has(row.pearl.id) && row.pearl.childCount > 0;
  if (isCollection && f >= EDGE && f <= 1 - EDGE) {
    return { kind: "into", parent: row.pearl.id, row: i, needsHover: !open };
  }
  const upper = isCollection ? f < EDGE : f < 0.5;
  if (upper) {
    return {
      kind: "between",
      parent: row.parentId,
      index: row.index,
      lineRow: i,
      depth: row.depth,
    };
  }
  if (open) {
    return {
      kind: "between",
      parent: row.pearl.id,
      index: 0,
      lineRow: i + 1,
      depth: row.depth + 1,
    };
  }
  // After this row: the gap after it among its siblings, drawn at its own indent.
  return {
    kind: "between",
    parent: row.parentId,
    index: row.index + 1,
    lineRow: i + 1,
    depth: row.depth,
  };
}

function topLevelCount(rows: readonly Row[]): number {
  let n = 0;
  for (const r of rows) if (r.depth === 0) n += 1;
  return n;
}

/** A pearl's box in the pearls view, in page pixels. */
export interface Box {
  id: number;
  isCollection: boolean;
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Where a drop at (x, y) lands in the pearls view of collection `parent`, whose pearls are laid
 * out left to right in lines. Over the middle of a collection pearl: into it; over the left or
 * right part of a pearl: before or after it; elsewhere on a line: after the line's last pearl
 * it passes; below everything: at the end.
 */
export function pearlsDrop(
  boxes: readonly Box[],
  parent: number,
  x: number,
  y: number,
): DropTarget {
  for (let i = 0; i < boxes.length; i++) {
    const b = boxes[i];
    if (!b) continue;
    if (y < b.top || y > b.top + b.height || x < b.left || x > b.left + b.width) continue;
    const f = (x - b.left) / b.width;
    if (b.isCollection && f >= EDGE && f <= 1 - EDGE) {
      return { kind: "into", parent: b.id, row: i, needsHover: false };
    }
    const index = f < 0.5 ? i : i + 1;
    return { kind: "between", parent, index, lineRow: index, depth: 0 };
  }
  let index = 0;
  for (let i = 0; i < boxes.length; i++) {
    const b = boxes[i];
    if (!b) continue;
    const sameLineOrAbove = y >= b.top + b.height || (y >= b.top && x >= b.left + b.width / 2);
    if (sameLineOrAbove) index = i + 1;
  }
  return { kind: "between", parent, index, lineRow: index, depth: 0 };
}

/**
 * Whether dropping `dragged` at `target` is refused: into one of the dragged pearls or
 * anything inside them.
 */
export function isRefused(
  target: DropTarget,
  dragged: ReadonlySet<number>,
  parents: ReadonlyMap<number, number>,
): boolean {
  return isInsideAny(target.parent, dragged, parents);
}

/**
 * The core placement for a drop target. A gap is named by the pearl just after it (`siblings`:
 * the target collection's pearls as shown), so the core places the pearls without counting
 * through the collection: a drop costs the same among 10 pearls as among 10,000. Without the
 * siblings, the gap is named by its index.
 */
export function placementOf(target: DropTarget, siblings?: readonly { id: number }[]): Placement {
  if (target.kind === "into") return { at: "end" };
  if (siblings === undefined) return { at: "index", pearl: target.index };
  const after = siblings[target.index];
  return after === undefined ? { at: "end" } : { at: "before", pearl: after.id };
}
