import { describe, expect, it } from "vitest";
import type { PreviewNode } from "../bindings/PreviewNode";
import {
  carriesFiles,
  countsText,
  exportDoneText,
  exportFileName,
  keptText,
  pageStatus,
  percent,
  previewRows,
} from "./io";

const none = { collections: 0, links: 0, notes: 0, sections: 0, aliases: 0 };

describe("percent", () => {
  it("is whole, capped at 100, and 0 when the total is unknown", () => {
    expect(percent(1, 3)).toBe(33);
    expect(percent(5, 4)).toBe(100);
    expect(percent(3, 0)).toBe(0);
    expect(percent(0, 10)).toBe(0);
  });
});

describe("exportFileName", () => {
  it("removes path separators and reserved characters", () => {
    expect(exportFileName("Research/Rust: a <tour>?")).toBe("Research Rust a tour");
    expect(exportFileName("../../etc/passwd")).toBe("etc passwd");
  });
  it("never gives an empty name", () => {
    expect(exportFileName("  ///  ")).toBe("Nacre export");
    expect(exportFileName("")).toBe("Nacre export");
  });
  it("cuts long titles", () => {
    expect(exportFileName("a".repeat(200))).toHaveLength(80);
  });
});

describe("countsText", () => {
  it("names only the kinds there are, with plurals", () => {
    expect(countsText({ ...none, collections: 1, links: 1200 })).toBe("1 collection, 1,200 links");
    expect(countsText({ ...none, aliases: 2, notes: 1 })).toBe("1 note, 2 aliases");
    expect(countsText(none)).toBe("nothing");
  });
});

describe("exportDoneText", () => {
  it("says where the file went and names what the format left out", () => {
    const done = {
      format: "page" as const,
      file: "/tmp/x.html",
      bytes: 12345,
      exported: none,
      leftOut: none,
      offlineCopies: 0,
    };
    expect(exportDoneText("Research", done)).toBe("Shared “Research” as /tmp/x.html (12 KB)");
    expect(
      exportDoneText("Research", { ...done, leftOut: { ...none, notes: 3, aliases: 1 } }),
    ).toBe(
      "Shared “Research” as /tmp/x.html (12 KB). Left out: 3 notes, 1 alias, which this format has no place for",
    );
    expect(exportDoneText("Research", { ...done, offlineCopies: 2 })).toBe(
      "Shared “Research” as /tmp/x.html (12 KB), with 2 offline copies",
    );
  });
});

describe("previewRows", () => {
  const node = (title: string, links: number, collections: PreviewNode[] = []): PreviewNode => ({
    title,
    own: { ...none, links },
    total: { ...none, links },
    collections,
  });
  it("lists the top level, and below a collection only once it is expanded", () => {
    const root = node("", 0, [node("Bar", 2, [node("Rust", 1)]), node("Other", 3)]);
    expect(previewRows(root).map((r) => [r.title, r.depth, r.hasCollections])).toEqual([
      ["Bar", 0, true],
      ["Other", 0, false],
    ]);
    expect(previewRows(root, new Set(["0"])).map((r) => [r.title, r.depth, r.key])).toEqual([
      ["Bar", 0, "0"],
      ["Rust", 1, "0.0"],
      ["Other", 0, "1"],
    ]);
  });
  it("stops at the limit", () => {
    const root = node("", 0, [node("a", 1), node("b", 1), node("c", 1)]);
    expect(previewRows(root, new Set(), 2)).toHaveLength(2);
  });
});

describe("carriesFiles", () => {
  it("tells a file drag from a link drag", () => {
    expect(carriesFiles(["Files"])).toBe(true);
    expect(carriesFiles(["text/uri-list", "text/plain"])).toBe(false);
  });
});

describe("pageStatus", () => {
  const details = {
    finalUrl: null,
    httpStatus: null,
    title: null,
    description: null,
    siteName: null,
    imageUrl: null,
    faviconUrl: null,
    fetchedAt: null,
    error: null,
  };
  it("says how the last fetch went, with the HTTP status when there was one", () => {
    expect(
      pageStatus({ details: { ...details, httpStatus: 200 }, outcome: "ok", movedTo: null }),
    ).toBe("Page read (HTTP 200)");
    expect(
      pageStatus({ details: { ...details, httpStatus: 404 }, outcome: "httpError", movedTo: null }),
    ).toBe("An error page (HTTP 404)");
    expect(pageStatus({ details, outcome: "unreachable", movedTo: null })).toBe(
      "The site could not be reached",
    );
  });
  it("says nothing for details that only came from an import", () => {
    expect(pageStatus({ details, outcome: null, movedTo: null })).toBeNull();
  });
});

describe("keptText", () => {
  it("names the most used tags and how many more, then the notes", () => {
    expect(
      keptText({
        taggedLinks: 4120,
        distinctTags: 14,
        topTags: [
          { tag: "unread", links: 3000 },
          { tag: "archived", links: 1100 },
        ],
        noted: 312,
      }),
    ).toBe("Tags on 4,120 links: unread 3,000, archived 1,100, and 12 more · 312 notes");
  });
  it("says nothing when nothing is kept", () => {
    expect(keptText({ taggedLinks: 0, distinctTags: 0, topTags: [], noted: 0 })).toBe("");
  });
});
