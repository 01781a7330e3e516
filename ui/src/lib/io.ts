// Pure helpers of the import, export and fetch screens: progress as a percentage, a file name
// for an export, counts in words, the rows of an import's preview, and what a drop carries.

import type { Counts } from "../bindings/Counts";
import type { ExportFormat } from "../bindings/ExportFormat";
import type { ExportReport } from "../bindings/ExportReport";
import type { Kept } from "../bindings/Kept";
import type { PageLanguage } from "../bindings/PageLanguage";
import type { PreviewNode } from "../bindings/PreviewNode";
import type { StoredDetails } from "../bindings/StoredDetails";

/** The export formats in the share dialog's order, with their names and who each is for. */
export const EXPORT_FORMATS: readonly { format: ExportFormat; label: string; forWhom: string }[] = [
  { format: "page", label: "Web page (.html)", forWhom: "for anyone with a browser" },
  { format: "native", label: "Nacre file (.nacre.json)", forWhom: "to import into Nacre" },
  { format: "netscape", label: "Bookmarks (.html)", forWhom: "for a browser's bookmarks" },
  { format: "markdown", label: "Markdown (.md)", forWhom: "for notes and documents" },
  { format: "opml", label: "OPML outline (.opml)", forWhom: "for outliners and feed readers" },
  {
    format: "atom",
    label: "Atom feed (.atom)",
    forWhom: "to follow its newest pearls in a feed reader",
  },
  {
    format: "site",
    label: "Web site (a folder)",
    forWhom: "a page per collection, for any web host",
  },
];

/** The exported page's language for a locale ("fr-FR" → French; English otherwise). */
export function pageLanguageOf(locale: string): PageLanguage {
  return locale.trim().toLowerCase().startsWith("fr") ? "fr" : "en";
}

/** A whole percentage in 0..=100; 0 when the total is unknown. */
export function percent(done: number, total: number): number {
  if (!(total > 0) || !(done > 0)) return 0;
  return Math.min(100, Math.floor((done * 100) / total));
}

/** A file name (without its extension) made from a collection's title: no path separators,
 * control or reserved characters, at most 80 characters, never empty. */
export function exportFileName(title: string): string {
  const cleaned = title
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+/, "")
    .slice(0, 80)
    .trim();
  return cleaned || "Nacre export";
}

/** A count with its noun, singular or plural ("1 link", "1,200 links"). */
export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

/** Counts in words, leaving out kinds there are none of ("3 collections, 1 link"). */
export function countsText(c: Counts): string {
  const parts = [
    c.collections ? plural(c.collections, "collection", "collections") : "",
    c.links ? plural(c.links, "link", "links") : "",
    c.notes ? plural(c.notes, "note", "notes") : "",
    c.sections ? plural(c.sections, "section", "sections") : "",
    c.aliases ? plural(c.aliases, "alias", "aliases") : "",
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "nothing";
}

/**
 * What an import keeps as tags and notes, in words ("Tags on 4,120 links: unread 3,000,
 * archived 1,100, and 12 more · 312 notes"), or "" when it keeps neither.
 */
export function keptText(k: Kept): string {
  const parts: string[] = [];
  if (k.taggedLinks > 0) {
    const named = k.topTags.map((t) => `${t.tag} ${t.links.toLocaleString("en")}`).join(", ");
    const more = k.distinctTags - k.topTags.length;
    parts.push(
      `Tags on ${plural(k.taggedLinks, "link", "links")}: ${named}${more > 0 ? `, and ${more} more` : ""}`,
    );
  }
  if (k.noted > 0) parts.push(plural(k.noted, "note", "notes"));
  return parts.join(" · ");
}

/** What an export wrote, for the notice: where, how big, and what the format could not hold. */
export function exportDoneText(title: string, done: ExportReport): string {
  const copies =
    done.offlineCopies > 0
      ? `, with ${plural(done.offlineCopies, "offline copy", "offline copies")}`
      : "";
  const wrote = `Shared “${title}” as ${done.file} (${sizeText(done.bytes)})${copies}`;
  const left = countsText(done.leftOut);
  return left === "nothing"
    ? wrote
    : `${wrote}. Left out: ${left}, which this format has no place for`;
}

/** A file's size for people ("812 bytes", "14 KB", "3.2 MB"). */
export function sizeText(bytes: number): string {
  if (bytes < 1000) return plural(bytes, "byte", "bytes");
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000).toLocaleString("en")} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

export interface PreviewRow {
  /** Where it is in the preview: the indexes of its collections from the top, joined. */
  key: string;
  title: string;
  depth: number;
  /** What it holds at any depth below it. */
  total: Counts;
  /** Whether it holds collections (and so can be expanded). */
  hasCollections: boolean;
}

/** A preview's collections as indented rows, in order: the top level, and below each
 * collection whose key is in `expanded`; at most `limit` rows. */
export function previewRows(
  root: PreviewNode,
  expanded: ReadonlySet<string> = new Set(),
  limit = 300,
): PreviewRow[] {
  const out: PreviewRow[] = [];
  const walk = (node: PreviewNode, depth: number, prefix: string) => {
    node.collections.forEach((c, i) => {
      if (out.length >= limit) return;
      const key = prefix ? `${prefix}.${i}` : String(i);
      out.push({
        key,
        title: c.title || "(untitled)",
        depth,
        total: c.total,
        hasCollections: c.collections.length > 0,
      });
      if (expanded.has(key)) walk(c, depth + 1, key);
    });
  };
  walk(root, 0, "");
  return out;
}

/** Whether a drag carries files (a bookmark file dropped from the file manager). */
export function carriesFiles(types: readonly string[]): boolean {
  return types.includes("Files");
}

/** How a link's last fetch went, in words, with the HTTP status when there was one; null when
 * it was never fetched (details that only came from an import). */
export function pageStatus(info: StoredDetails): string | null {
  const status = info.details.httpStatus;
  const http = status !== null ? ` (HTTP ${status})` : "";
  switch (info.outcome) {
    case null:
      return null;
    case "ok":
      return `Page read${http}`;
    case "httpError":
      return `An error page${http}`;
    case "blocked":
      return `A bot wall stood in the way${http}`;
    case "unreachable":
      return "The site could not be reached";
    case "timeout":
      return "The site did not answer in time";
    case "failed":
      return "The page could not be read";
  }
}
