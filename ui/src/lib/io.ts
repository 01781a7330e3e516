// Pure helpers of the import, export and fetch screens: progress as a percentage, a file name
// for an export, counts in words, the rows of an import's preview, and what a drop carries.

import type { Counts } from "../bindings/Counts";
import type { ExportFormat } from "../bindings/ExportFormat";
import type { ExportReport } from "../bindings/ExportReport";
import type { PreviewNode } from "../bindings/PreviewNode";
import type { StoredDetails } from "../bindings/StoredDetails";

/** The export formats in menu order, with their names for people. */
export const EXPORT_FORMATS: readonly { format: ExportFormat; label: string }[] = [
  { format: "native", label: "Nacre file (.nacre.json)" },
  { format: "netscape", label: "Browser bookmarks (.html)" },
  { format: "page", label: "Web page (.html)" },
  { format: "markdown", label: "Markdown (.md)" },
  { format: "opml", label: "OPML outline (.opml)" },
];

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

/** What an export wrote, for the notice: where, how big, and what the format could not hold. */
export function exportDoneText(title: string, done: ExportReport): string {
  const wrote = `Exported “${title}” to ${done.file} (${plural(done.bytes, "byte", "bytes")})`;
  const left = countsText(done.leftOut);
  return left === "nothing"
    ? wrote
    : `${wrote}. Left out: ${left}, which this format has no place for`;
}

export interface PreviewRow {
  title: string;
  depth: number;
  /** What it holds at any depth below it. */
  total: Counts;
}

/** A preview's collections as indented rows, in order, at most `limit` of them. */
export function previewRows(root: PreviewNode, limit = 300): PreviewRow[] {
  const out: PreviewRow[] = [];
  const walk = (node: PreviewNode, depth: number) => {
    for (const c of node.collections) {
      if (out.length >= limit) return;
      out.push({ title: c.title || "(untitled)", depth, total: c.total });
      walk(c, depth + 1);
    }
  };
  walk(root, 0);
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
