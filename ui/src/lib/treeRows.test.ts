import { describe, expect, it } from "vitest";
import { pearl } from "./testPearls";
import {
  inShownOrder,
  isInsideAny,
  parentIndex,
  rangeBetween,
  topmostOnly,
  visibleRows,
} from "./treeRows";

// root 1: [A=10 (collection: [11, B=12 (collection: [13])]), 20]
const children = new Map([
  [1, [pearl(10, "collection", 1, 2), pearl(20, "link", 1)]],
  [10, [pearl(11, "link", 10), pearl(12, "collection", 10, 1)]],
  [12, [pearl(13, "note", 12)]],
]);

describe("visibleRows", () => {
  it("shows only the top of the tree when nothing is expanded", () => {
    const rows = visibleRows(1, children, new Set());
    expect(rows.map((r) => r.pearl.id)).toEqual([10, 20]);
  });

  it("shows expanded collections' pearls right under them, indented, in order", () => {
    const rows = visibleRows(1, children, new Set([10, 12]));
    expect(rows.map((r) => [r.pearl.id, r.depth, r.parentId, r.index])).toEqual([
      [10, 0, 1, 0],
      [11, 1, 10, 0],
      [12, 1, 10, 1],
      [13, 2, 12, 0],
      [20, 0, 1, 1],
    ]);
  });

  it("hides the pearls of an expanded collection inside a closed one", () => {
    const rows = visibleRows(1, children, new Set([12]));
    expect(rows.map((r) => r.pearl.id)).toEqual([10, 20]);
  });

  it("lists ten thousand pearls without recursion", () => {
    const big = Array.from({ length: 10_000 }, (_, i) => pearl(100 + i, "link", 10));
    const rows = visibleRows(1, new Map([...children, [10, big]]), new Set([10]));
    expect(rows.length).toBe(10_002);
  });
});

describe("moves that would loop", () => {
  const parents = parentIndex(children);

  it("are found for a collection dropped into its own descendant", () => {
    expect(isInsideAny(12, new Set([10]), parents)).toBe(true);
    expect(isInsideAny(10, new Set([10]), parents)).toBe(true);
  });

  it("are not found for a collection dropped beside itself or elsewhere", () => {
    expect(isInsideAny(1, new Set([10]), parents)).toBe(false);
    expect(isInsideAny(10, new Set([12]), parents)).toBe(false);
  });
});

describe("selection helpers", () => {
  const rows = visibleRows(1, children, new Set([10, 12]));

  it("a shift-click range covers the rows between, either way", () => {
    expect(rangeBetween(rows, 11, 13)).toEqual([11, 12, 13]);
    expect(rangeBetween(rows, 20, 12)).toEqual([12, 13, 20]);
  });

  it("dragged pearls keep the order they are shown in", () => {
    expect(inShownOrder(rows, new Set([20, 11]))).toEqual([11, 20]);
  });

  it("a pearl inside a selected collection goes along with it", () => {
    expect(topmostOnly([10, 13, 20], parentIndex(children))).toEqual([10, 20]);
  });
});
