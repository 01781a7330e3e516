import { describe, expect, it } from "vitest";
import { initialOf, leadingEmoji } from "./pearlLook";

describe("initialOf", () => {
  it("is the site's name's first letter", () => {
    expect(initialOf({ url: "https://www.github.com/x", title: "Zed" })).toBe("G");
    expect(initialOf({ url: "https://docs.rs/tauri", title: "Tauri" })).toBe("D");
  });
  it("is the title's first letter when the address names no site", () => {
    expect(initialOf({ url: "http://127.0.0.1:8080/page", title: "Gone page" })).toBe("G");
    expect(initialOf({ url: "http://[::1]:8080/", title: "local" })).toBe("L");
    expect(initialOf({ url: null, title: "" })).toBe("?");
  });
});

describe("leadingEmoji", () => {
  it("takes the emoji a title opens with, joined and flagged ones whole", () => {
    expect(leadingEmoji("🎓 Cours")).toBe("🎓");
    expect(leadingEmoji("👩‍🏫 Teaching")).toBe("👩‍🏫");
    expect(leadingEmoji("🇫🇷 France")).toBe("🇫🇷");
    expect(leadingEmoji("❤️ Favourites")).toBe("❤️");
  });
  it("gives nothing to a title that opens with a word or a digit", () => {
    expect(leadingEmoji("Cours 🎓")).toBe("");
    expect(leadingEmoji("2024")).toBe("");
    expect(leadingEmoji("")).toBe("");
  });
});
