import { describe, expect, it } from "vitest";
import { refusal, wantsAlias } from "./drag";

const keys = (altKey: boolean, ctrlKey: boolean, shiftKey: boolean) => ({
  altKey,
  ctrlKey,
  shiftKey,
});

describe("wantsAlias", () => {
  it("is Alt, or Ctrl and Shift together", () => {
    expect(wantsAlias(keys(true, false, false))).toBe(true);
    expect(wantsAlias(keys(false, true, true))).toBe(true);
    expect(wantsAlias(keys(false, true, false)), "Ctrl alone selects").toBe(false);
    expect(wantsAlias(keys(false, false, true)), "Shift alone selects").toBe(false);
    expect(wantsAlias(keys(false, false, false))).toBe(false);
  });
});

describe("refusal", () => {
  it("allows a move or an alias of one collection outside itself", () => {
    expect(refusal(false, false, false)).toBeNull();
    expect(refusal(true, true, false)).toBeNull();
  });
  it("says why a drop inside what is dragged is refused", () => {
    expect(refusal(false, true, true)).toBe("Can't move a collection into itself");
    expect(refusal(true, true, true)).toBe("Can't put an alias inside its own collection");
  });
  it("refuses an alias of anything but one collection", () => {
    expect(refusal(true, false, false)).toBe("Only one collection at a time can have an alias");
  });
});
