import { describe, expect, it } from "vitest";
import { type Box, isRefused, pearlsDrop, placementOf, treeDrop } from "./dropGeometry";
import { pearl } from "./testPearls";
import { parentIndex, visibleRows } from "./treeRows";

// root 1: [A=10 (open: [11, 12]), B=20 (closed, 3 pearls), 30 link]
const children = new Map([
  [1, [pearl(10, "collection", 1, 2), pearl(20, "collection", 1, 3), pearl(30, "link", 1)]],
  [10, [pearl(11, "link", 10), pearl(12, "link", 10)]],
]);
const expanded = new Set([10]);
const rows = visibleRows(1, children, expanded);
const H = 20;
const input = { rows, rowHeight: H, root: 1, expanded };

describe("dropping in the tree", () => {
  it("the upper half of a pearl row means just before it", () => {
    expect(treeDrop(input, 2 * H + 3)).toEqual({
      kind: "between",
      parent: 10,
      index: 1,
      lineRow: 2,
      depth: 1,
    });
  });

  it("the lower half of a pearl row means just after it", () => {
    expect(treeDrop(input, 2 * H + 15)).toMatchObject({ kind: "between", parent: 10, index: 2 });
  });

  it("the middle of a collection row means into it, armed at once if open", () => {
    expect(treeDrop(input, 10)).toEqual({ kind: "into", parent: 10, row: 0, needsHover: false });
  });

  it("a closed collection takes a short hover before it accepts a drop into it", () => {
    expect(treeDrop(input, 3 * H + 10)).toEqual({
      kind: "into",
      parent: 20,
      row: 3,
      needsHover: true,
    });
  });

  it("the top edge of a collection row means before it, among its siblings", () => {
    expect(treeDrop(input, 3 * H + 2)).toMatchObject({
      kind: "between",
      parent: 1,
      index: 1,
      depth: 0,
    });
  });

  it("the bottom edge of an open collection means first inside it", () => {
    expect(treeDrop(input, H - 2)).toEqual({
      kind: "between",
      parent: 10,
      index: 0,
      lineRow: 1,
      depth: 1,
    });
  });

  it("below the last row means the end of the top of the tree", () => {
    expect(treeDrop(input, 40 * H)).toMatchObject({
      kind: "between",
      parent: 1,
      index: 3,
      lineRow: 5,
    });
  });

  it("a drop into a dragged collection or its descendants is refused", () => {
    const parents = parentIndex(children);
    const into10 = treeDrop(input, 10);
    expect(isRefused(into10, new Set([10]), parents)).toBe(true);
    expect(isRefused(treeDrop(input, 2 * H + 3), new Set([10]), parents)).toBe(true);
    expect(isRefused(into10, new Set([30]), parents)).toBe(false);
  });

  it("turns into the core's placements", () => {
    expect(placementOf(treeDrop(input, 10))).toEqual({ at: "end" });
    expect(placementOf(treeDrop(input, 2 * H + 3))).toEqual({ at: "index", pearl: 1 });
  });

  it("names a gap by the pearl after it, or the end", () => {
    const siblings = children.get(10) ?? [];
    expect(
      placementOf({ kind: "between", parent: 10, index: 1, lineRow: 0, depth: 1 }, siblings),
    ).toEqual({
      at: "before",
      pearl: 12,
    });
    expect(
      placementOf({ kind: "between", parent: 10, index: 2, lineRow: 0, depth: 1 }, siblings),
    ).toEqual({
      at: "end",
    });
    expect(placementOf(treeDrop(input, 10), siblings)).toEqual({ at: "end" });
  });
});

describe("dropping in the pearls view", () => {
  // Two lines of pearls 100 px wide: [50 collection, 51] then [52].
  const boxes: Box[] = [
    { id: 50, isCollection: true, left: 0, top: 0, width: 100, height: 100 },
    { id: 51, isCollection: false, left: 100, top: 0, width: 100, height: 100 },
    { id: 52, isCollection: false, left: 0, top: 100, width: 100, height: 100 },
  ];

  it("the middle of a collection pearl means into it", () => {
    expect(pearlsDrop(boxes, 7, 50, 50)).toMatchObject({ kind: "into", parent: 50 });
  });

  it("the left or right part of a pearl means before or after it", () => {
    expect(pearlsDrop(boxes, 7, 110, 50)).toMatchObject({ kind: "between", parent: 7, index: 1 });
    expect(pearlsDrop(boxes, 7, 190, 50)).toMatchObject({ kind: "between", parent: 7, index: 2 });
    expect(pearlsDrop(boxes, 7, 10, 50)).toMatchObject({ kind: "between", parent: 7, index: 0 });
  });

  it("empty space after a line's pearls means after them; below everything, the end", () => {
    expect(pearlsDrop(boxes, 7, 300, 50)).toMatchObject({ index: 2 });
    expect(pearlsDrop(boxes, 7, 300, 150)).toMatchObject({ index: 3 });
    expect(pearlsDrop(boxes, 7, 50, 400)).toMatchObject({ index: 3 });
  });
});
