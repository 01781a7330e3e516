import { describe, expect, it } from "vitest";
import { looksLikeUrl } from "../keys";

describe("pasted text", () => {
  it("is taken as a link when it is a URL or a bare host", () => {
    for (const t of [
      "https://example.com/a?b=1",
      "  http://x.org  ",
      "example.com/page",
      "mailto:a@b.c",
    ]) {
      expect(looksLikeUrl(t), t).toBe(true);
    }
  });
  it("is not taken as a link when it is prose", () => {
    for (const t of ["", "hello world", "just-a-word", "see https://example.com now"]) {
      expect(looksLikeUrl(t), t).toBe(false);
    }
  });
});
