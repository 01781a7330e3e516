import { describe, expect, it } from "vitest";
import type { TreeItem } from "../bindings/TreeItem";
import { insideCopy, pickSource } from "./pick";

const item = (id: number, copies: number[] = [], pickFrom?: number): TreeItem => ({
  id,
  kind: "collection",
  parentId: 1,
  title: `p${id}`,
  url: null,
  note: "",
  childCount: 0,
  copies,
  ...(pickFrom === undefined ? {} : { pickFrom }),
});

describe("pickSource", () => {
  it("is the copy all dragged pearls stand in", () => {
    expect(pickSource([item(5, [9], 9), item(6, [9], 9)])).toBe(9);
  });
  it("is null for one's own pearls, a copy's top, a mix, or pearls of two copies", () => {
    expect(pickSource([item(5)])).toBeNull();
    expect(pickSource([item(9, [9])]), "the top moves the copy").toBeNull();
    expect(pickSource([item(5, [9], 9), item(6)])).toBeNull();
    expect(pickSource([item(5, [9], 9), item(6, [8], 8)])).toBeNull();
    expect(pickSource([undefined])).toBeNull();
  });
});

describe("insideCopy", () => {
  it("knows a loaded collection by the copies above it", () => {
    expect(insideCopy(5, 9, item(5, [9], 9), undefined)).toBe(true);
    expect(insideCopy(9, 9, item(9, [9]), undefined), "the copy's top").toBe(true);
    expect(insideCopy(4, 9, item(4), undefined)).toBe(false);
  });
  it("else asks its pearls, not counting a pearl that is a copy's top itself", () => {
    expect(insideCopy(5, 9, undefined, [item(7, [9], 9)])).toBe(true);
    expect(insideCopy(1, 9, undefined, [item(9, [9])]), "the top of the tree holds it").toBe(false);
    expect(insideCopy(1, 9, undefined, undefined)).toBe(false);
  });
});
