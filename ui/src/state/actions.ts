// What the user can do, as functions: each calls the backend through ipc, then reads again the
// collections on screen and says what happened in a notice.

import * as ipc from "../ipc";
import { IpcError, type PearlDraft, type Placement, type SortBy } from "../ipc";
import { type DropTarget, placementOf } from "../lib/dropGeometry";
import { plural } from "../lib/io";
import { titleOf } from "../lib/pearlLook";
import { perfMark } from "../lib/perf";
import { recall } from "./remember";
import { findPearl, getState, type MenuRequest, setState } from "./store";

let noticeSerial = 0;

export function notify(text: string, kind: "info" | "error" = "info"): void {
  noticeSerial += 1;
  setState({ notice: { text, kind, serial: noticeSerial } });
}

function fail(e: unknown): void {
  notify(e instanceof IpcError ? e.message : String(e), "error");
}

/** Every collection whose pearls are on screen. */
function shownCollections(): number[] {
  const s = getState();
  const ids = new Set<number>();
  if (s.info) ids.add(s.info.root);
  for (const id of s.expanded) ids.add(id);
  if (s.open !== null) ids.add(s.open);
  return [...ids];
}

/** Reads again every collection on screen (and the trash when it is shown). */
export async function refresh(): Promise<void> {
  const lists = await ipc.listChildrenOf(shownCollections());
  const children = new Map(lists.map((l) => [l.parent, l.children]));
  const trash = getState().trashOpen ? await ipc.listTrash() : getState().trash;
  setState((s) => {
    const expanded = new Set([...s.expanded].filter((id) => children.has(id)));
    const open = s.open !== null && children.has(s.open) ? s.open : (s.info?.root ?? null);
    return { children, trash, expanded, open };
  });
}

export async function start(): Promise<void> {
  try {
    const info = await ipc.libraryInfo();
    const kept = recall(info.path);
    // The collection open last time, if it is still in the tree (not deleted, not trashed).
    let open = info.root;
    if (kept.open !== null && kept.open !== info.root) {
      open = await ipc.revealPearl(kept.open).then(
        () => kept.open ?? info.root,
        () => info.root,
      );
    }
    setState({ info, open, expanded: new Set(kept.expanded) });
    await refresh();
    // Usable once the tree is painted: the frame after the one that drew it.
    requestAnimationFrame(() => setTimeout(() => perfMark("usable"), 0));
  } catch (e) {
    fail(e);
  }
}

/** Collections' items read ahead while the pointer rests on their row, for a quick expand. */
const readAhead = new Map<number, { at: number; items: Promise<ipc.TreeItem[]> }>();
/** How long items read ahead stay good (edits in this window forget them at once). */
const READ_AHEAD_MS = 3000;

/** Starts reading a closed collection's items, expecting it to be opened. */
export function readAheadChildren(id: number): void {
  if (getState().expanded.has(id)) return;
  const known = readAhead.get(id);
  if (known && performance.now() - known.at < READ_AHEAD_MS) return;
  const items = ipc.listChildren(id);
  items.catch(() => readAhead.delete(id));
  readAhead.set(id, { at: performance.now(), items });
}

function takeReadAhead(id: number): Promise<ipc.TreeItem[]> | undefined {
  const known = readAhead.get(id);
  readAhead.delete(id);
  return known && performance.now() - known.at < READ_AHEAD_MS ? known.items : undefined;
}

/** Runs an edit: then reads the collections on screen again and says what happened (or what
 * went wrong) in a notice. */
export async function run<T>(
  work: () => Promise<T>,
  said?: (out: T) => string,
): Promise<T | undefined> {
  readAhead.clear();
  try {
    const out = await work();
    await refresh();
    if (said) notify(said(out));
    return out;
  } catch (e) {
    fail(e);
    await refresh().catch(() => {});
    return undefined;
  }
}

export async function expand(id: number, open: boolean): Promise<void> {
  const s = getState();
  if (open === s.expanded.has(id)) return;
  if (!open) {
    const expanded = new Set(s.expanded);
    expanded.delete(id);
    setState({ expanded });
    return;
  }
  perfMark("expand-start");
  try {
    const list = await (takeReadAhead(id) ?? ipc.listChildren(id));
    setState((st) => {
      const children = new Map(st.children);
      children.set(id, list);
      const expanded = new Set(st.expanded);
      expanded.add(id);
      return { children, expanded };
    });
    perfMark("expand-data", list.length);
    requestAnimationFrame(() => setTimeout(() => perfMark("expand-painted", list.length), 0));
  } catch (e) {
    fail(e);
  }
}

export async function openCollection(id: number): Promise<void> {
  if (!getState().children.has(id)) {
    try {
      const list = await ipc.listChildren(id);
      setState((st) => ({ children: new Map(st.children).set(id, list) }));
    } catch (e) {
      fail(e);
      return;
    }
  }
  setState({ open: id, trashOpen: false });
}

export function select(ids: number[], focus: number | null, anchor?: number | null): void {
  setState((s) => ({
    selection: new Set(ids),
    focus,
    anchor: anchor === undefined ? (focus ?? s.anchor) : anchor,
  }));
}

/** The collection new pearls go into: the open one, else the top of the tree. */
export function targetCollection(): number | null {
  const s = getState();
  return s.open ?? s.info?.root ?? null;
}

/** Links just made (typed, pasted, dropped, saved from the browser): their titles fetched at
 * once, then an offline copy kept if the setting "keep a copy of every new link" is on. Their
 * failures are the pages', not the edit's. */
export function newLinksMade(ids: number[]): void {
  void ipc
    .fetchNewLinks(ids)
    .catch(() => {})
    .then(() => ipc.keepNewLinkCopies(ids))
    .catch(() => {});
}

export async function create(
  draft: PearlDraft,
  rename = false,
  into: number | null = null,
): Promise<void> {
  const parent = into ?? targetCollection();
  if (parent === null) return;
  const made = await run(
    () => ipc.createPearl(parent, { at: "end" }, draft),
    (p) => `Added ${p.kind} “${p.title || p.url || p.note.slice(0, 40)}”`,
  );
  if (made) {
    // The title arrives a moment later (the fetch-quick event); a failure is the page's, not the edit's.
    if (made.kind === "link") newLinksMade([made.id]);
    if (parent !== getState().info?.root) await expand(parent, true);
    select([made.id], made.id);
    setState((s) => ({ renaming: rename ? made.id : null, revealSerial: s.revealSerial + 1 }));
  }
}

/** New pearls, named (a note: typed) in place, in `into` or the open collection. */
export const newCollection = (into: number | null = null) =>
  create({ kind: "collection", title: "New collection", note: "" }, true, into);
export const newSection = (into: number | null = null) =>
  create({ kind: "section", title: "New section", note: "" }, true, into);
export const newNote = (into: number | null = null) =>
  create({ kind: "note", title: "", note: "New note" }, true, into);

/** Makes a link pearl from pasted or dropped text, if it is a URL; a link already in the
 * library is announced first ("Already in …", with Go there and Add anyway). */
export async function addLink(text: string, evenIfSaved = false): Promise<void> {
  const url = text.trim().split(/\s+/)[0] ?? "";
  if (!url) return;
  if (!evenIfSaved) {
    const copies = await ipc.savedCopies(url).catch(() => []);
    if (copies.length > 0) {
      setState({
        duplicate: { url, copies: copies.map((c) => ({ pearl: c.id, path: splitPath(c.path) })) },
      });
      return;
    }
  }
  setState({ duplicate: null });
  await create({ kind: "link", title: "", url, note: "" });
}

/** A collection path as the core writes it ("Cours/Les débuts", a slash in a title written
 * `\/`) as its titles; the top of the tree is the empty path. */
export function splitPath(path: string): string[] {
  if (!path) return [];
  return path.split(/(?<!\\)\//).map((t) => t.replace(/\\\//g, "/"));
}

/** Renames a pearl; for a note, `text` is its new text. */
export async function rename(id: number, text: string): Promise<void> {
  setState({ renaming: null });
  const pearl = findPearl(getState(), id);
  if (pearl?.kind === "note") {
    if (pearl.note === text) return;
    await run(
      () => ipc.updatePearl(id, { note: text }),
      () => "Changed the note",
    );
    return;
  }
  if (pearl && pearl.title === text) return;
  await run(
    () => ipc.updatePearl(id, { title: text }),
    () => `Renamed to “${text}”`,
  );
}

/** Opens Nacre's own menu (right-click) at a point, about a pearl or a place. */
export function openMenu(request: MenuRequest): void {
  setState({ menu: request });
}

export const closeMenu = () => setState({ menu: null });

/** Opens the "Move to…" picker for these pearls. */
export function openMovePicker(ids: number[]): void {
  if (ids.length > 0) setState({ movePicker: ids, menu: null });
}

export const closeMovePicker = () => setState({ movePicker: null });

/** Moves pearls to the end of the collection `into`, as the "Move to…" picker does. */
export async function moveTo(ids: number[], into: number, title: string): Promise<void> {
  setState({ movePicker: null });
  await move(ids, into, { at: "end" }, title);
}

/** Copies a link's address to the clipboard. */
export async function copyLink(url: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(url);
    notify("Copied the link");
  } catch (e) {
    notify(`Could not copy the link: ${String(e)}`, "error");
  }
}

/** Moves these pearls to the trash. */
export async function trashPearls(ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await run(
    () => ipc.trashPearls(ids),
    () => `Moved ${plural(ids.length, "pearl", "pearls")} to the trash`,
  );
  setState((s) => ({ selection: new Set([...s.selection].filter((id) => !ids.includes(id))) }));
}

/** Quits the app (Ctrl+Q). */
export const quit = () => void ipc.quitApp();

export async function edit(id: number, change: ipc.PearlEdit, what: string): Promise<void> {
  await run(
    () => ipc.updatePearl(id, change),
    () => `Changed the ${what}`,
  );
}

/** A collection's name for people ("My pearls" for the top of the tree). */
export function collectionName(id: number): string {
  const s = getState();
  if (id === s.info?.root) return "My pearls";
  const p = findPearl(s, id);
  return p ? titleOf(p) : "the collection";
}

export async function move(
  ids: number[],
  parent: number,
  placement: Placement,
  parentTitle?: string,
): Promise<boolean> {
  const where = parentTitle ?? collectionName(parent);
  const out = await run(
    async () => {
      await ipc.movePearls(ids, parent, placement);
      return true;
    },
    () => `Moved ${plural(ids.length, "pearl", "pearls")} to “${where}”`,
  );
  return out === true;
}

/** Whether dragged pearls can have an alias: exactly one collection. */
export function aliasable(ids: number[]): boolean {
  const [only] = ids;
  return (
    ids.length === 1 && only !== undefined && findPearl(getState(), only)?.kind === "collection"
  );
}

/** Leaves an alias of the collection `target` at `placement` in `parent`: one undoable step. */
export async function makeAlias(
  target: number,
  parent: number,
  placement: Placement,
): Promise<void> {
  const made = await run(
    () => ipc.createPearl(parent, placement, { kind: "alias", title: "", note: "", target }),
    (p) => `Added an alias of “${p.title}”`,
  );
  if (made) {
    if (parent !== getState().info?.root) await expand(parent, true);
    select([made.id], made.id);
  }
}

/** What a drop on `target` does, in the tree or the open collection: moves the pearls, or,
 * with the alias keys held, leaves an alias. The gap is named by the pearl after it. */
export function dropAt(ids: number[], target: DropTarget, alias: boolean): void {
  const placement = placementOf(target, getState().children.get(target.parent));
  const [only] = ids;
  if (alias && only !== undefined) void makeAlias(only, target.parent, placement);
  else void move(ids, target.parent, placement);
}

/** Sorts the collection `id`, titled `title`, as one undoable edit (sections stay put). */
export async function sortCollection(id: number, by: SortBy, title: string): Promise<void> {
  const words = { title: "by title", newest: "newest first", site: "by site" }[by];
  await run(
    () => ipc.sortCollection(id, by),
    (changed) => (changed ? `Sorted “${title}” ${words}` : `“${title}” is already in that order`),
  );
}

/** Opens the list of keys. */
export const openHelp = () => setState({ help: true });
/** Closes the list of keys. */
export const closeHelp = () => setState({ help: false });

/** Cuts the selection: the next Ctrl+V moves it into the collection open then. */
export function cutSelection(): void {
  const ids = [...getState().selection];
  if (ids.length === 0) return;
  setState({ cut: new Set(ids) });
  const what = ids.length === 1 ? "1 pearl" : `${ids.length} pearls`;
  notify(
    `Cut ${what}: open a collection and press Ctrl+V to move ${ids.length === 1 ? "it" : "them"} there`,
  );
}

/** Forgets a cut that was not pasted. */
export function cancelCut(): void {
  if (getState().cut !== null) setState({ cut: null });
}

/** Moves the cut pearls to the end of the open collection (one undoable move). */
export async function pasteCut(): Promise<void> {
  const cut = getState().cut;
  const into = targetCollection();
  if (cut === null || into === null) return;
  setState({ cut: null });
  await move([...cut], into, { at: "end" });
}

export async function trashSelection(): Promise<void> {
  await trashPearls([...getState().selection]);
}

export async function restore(ids: number[]): Promise<void> {
  await run(
    () => ipc.restorePearls(ids),
    () => `Restored ${plural(ids.length, "pearl", "pearls")}`,
  );
}

export async function emptyTrash(): Promise<void> {
  await run(
    () => ipc.emptyTrash(),
    (n) => `Emptied the trash (${plural(n, "pearl", "pearls")})`,
  );
}

export async function showTrash(open: boolean): Promise<void> {
  setState({ trashOpen: open });
  await refresh().catch(fail);
}

export async function undo(): Promise<void> {
  await run(ipc.undo, (e) => (e ? `Undid: ${e.label}` : "Nothing to undo"));
}

export async function redo(): Promise<void> {
  await run(ipc.redo, (e) => (e ? `Redid: ${e.label}` : "Nothing to redo"));
}

/** Goes to the collection an alias points at: reveals it in the tree and opens it. */
export async function followAlias(id: number): Promise<void> {
  try {
    const alias = await ipc.getPearl(id);
    if (alias.aliasTarget === null) return;
    await reveal(alias.aliasTarget);
    await openCollection(alias.aliasTarget);
  } catch (e) {
    fail(e);
  }
}

/** Opens every collection above a pearl, selects it and scrolls it into view. */
export async function reveal(id: number): Promise<void> {
  try {
    const above = await ipc.revealPearl(id);
    const lists = await ipc.listChildrenOf(above);
    setState((s) => {
      const children = new Map(s.children);
      for (const l of lists) children.set(l.parent, l.children);
      const expanded = new Set(s.expanded);
      for (const a of above) expanded.add(a);
      const open = above.length > 0 ? (above[above.length - 1] ?? null) : (s.info?.root ?? null);
      return { children, expanded, open, trashOpen: false, revealSerial: s.revealSerial + 1 };
    });
    select([id], id);
  } catch (e) {
    fail(e);
  }
}
