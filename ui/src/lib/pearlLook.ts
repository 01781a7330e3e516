// How a pearl looks when it has no picture: a colour from its site and the site's initial.

import type { TreeItem } from "../bindings/TreeItem";

export function hostOf(url: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/:?#]+)/i.exec(url.trim());
  return (m?.[1] ?? "").toLowerCase().replace(/^www\./, "");
}

export function hueOf(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) % 360;
  return h;
}

/** The letter on a pearl without a favicon: its site's name ("github" of github.com), or its
 * title's first letter when the address names no site (an IP address, no address at all). */
export function initialOf(pearl: Pick<TreeItem, "url" | "title">): string {
  const host = hostOf(pearl.url ?? "");
  const numeric = /^[\d.]+$/.test(host) || host.startsWith("[");
  const labels = host.split(".");
  const site = numeric ? "" : labels.length >= 2 ? labels[labels.length - 2] : labels[0];
  const source = site || pearl.title || "?";
  return (source.match(/[\p{L}\p{N}]/u)?.[0] ?? "?").toUpperCase();
}

/** The emoji a title opens with ("🎓 Cours" gives "🎓", flags and joined emoji whole), or "". */
export function leadingEmoji(title: string): string {
  const m =
    /^\s*((?:\p{Regional_Indicator}{2}|\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?(?:\u200D\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?)*))/u.exec(
      title,
    );
  return m?.[1] ?? "";
}

export function titleOf(pearl: TreeItem): string {
  if (pearl.title) return pearl.title;
  if (pearl.url) return pearl.url;
  if (pearl.kind === "note") return pearl.note.split("\n")[0] ?? "";
  return "Untitled";
}
