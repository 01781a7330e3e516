import { describe, expect, it } from "vitest";
import { actionsThatFit } from "../features/topbar/topActions";
import { DEFAULT_WIDTHS, fitWidths, parseWidths } from "../state/layout";
import { parseRemembered } from "../state/remember";
import { pageLanguageOf } from "./io";

describe("actionsThatFit", () => {
  const widths = [100, 60, 80, 32, 32];
  const priorities = [5, 1, 2, 4, 9];
  it("shows every action when they all fit", () => {
    expect(actionsThatFit(widths, priorities, 400, 40, 8)).toEqual([0, 1, 2, 3, 4]);
  });
  it("folds the actions of least priority first, keeping room for More, in list order", () => {
    // Kept by priority: 4 (32), 0 (100), 3 (32) = 164 + 2 gaps = 180; + gap + More = 228.
    expect(actionsThatFit(widths, priorities, 240, 40, 8)).toEqual([0, 3, 4]);
    expect(actionsThatFit(widths, priorities, 100, 40, 8)).toEqual([4]);
  });
  it("folds everything into More when nothing fits", () => {
    expect(actionsThatFit(widths, priorities, 30, 40, 8)).toEqual([]);
  });
});

describe("panel widths", () => {
  it("reads stored widths within their limits, defaults otherwise", () => {
    expect(parseWidths(null)).toEqual(DEFAULT_WIDTHS);
    expect(parseWidths("not json")).toEqual(DEFAULT_WIDTHS);
    expect(parseWidths('{"side": 9999, "detail": 10}')).toEqual({ side: 520, detail: 220 });
    expect(parseWidths('{"side": 333}')).toEqual({ side: 333, detail: DEFAULT_WIDTHS.detail });
  });
  it("shrinks the details, then the tree, so the open collection keeps its room", () => {
    expect(fitWidths({ side: 280, detail: 300 }, 1200)).toEqual({ side: 280, detail: 300 });
    // 720 wide: 280 + 300 + 280 = 860, 140 too many; the details give 80, the tree 60.
    expect(fitWidths({ side: 280, detail: 300 }, 720)).toEqual({ side: 220, detail: 220 });
  });
});

describe("parseRemembered", () => {
  it("keeps whole ids only and reads anything malformed as nothing", () => {
    expect(parseRemembered('{"open": 7, "expanded": [1, 2.5, "3", 4]}')).toEqual({
      open: 7,
      expanded: [1, 4],
    });
    expect(parseRemembered("{oops")).toEqual({ open: null, expanded: [] });
    expect(parseRemembered(null)).toEqual({ open: null, expanded: [] });
  });
});

describe("pageLanguageOf", () => {
  it("writes French for a French locale and English otherwise", () => {
    expect(pageLanguageOf("fr-FR")).toBe("fr");
    expect(pageLanguageOf("fr")).toBe("fr");
    expect(pageLanguageOf("en-US")).toBe("en");
    expect(pageLanguageOf("de-DE")).toBe("en");
  });
});
