import { describe, expect, it } from "vitest";
import { dateText, dayText } from "./dates";

const now = new Date(2026, 11, 3, 15, 0).getTime();

describe("dayText", () => {
  it("adds the year only for another year", () => {
    expect(dayText(new Date(2026, 11, 3).getTime(), now)).toBe("3 Dec");
    expect(dayText(new Date(2025, 0, 9).getTime(), now)).toBe("9 Jan 2025");
  });
});

describe("dateText", () => {
  it("always says the year, day first, as the credit line does", () => {
    expect(dateText(new Date(2026, 11, 3, 23, 59).getTime())).toBe("3 Dec 2026");
    expect(dateText(new Date(2024, 1, 29).getTime())).toBe("29 Feb 2024");
  });
});
