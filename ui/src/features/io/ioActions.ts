// What the user can do with import, export and page details, as functions: each calls the
// backend through ipc, updates the io state and says what happened in a notice.

import * as ipc from "../../ipc";
import { IpcError } from "../../ipc";
import { countsText, exportDoneText, exportFileName, plural } from "../../lib/io";
import { perfMark } from "../../lib/perf";
import * as act from "../../state/actions";
import { findPearl, getState } from "../../state/store";
import { forgetFavicons } from "../fetch/favicons";
import { getIo, setIo } from "./ioStore";

function message(e: unknown): string {
  return e instanceof IpcError ? e.message : String(e);
}

function close(): void {
  setIo({ dialog: { kind: "none" }, importProgress: null });
}

export const closeDialog = close;

/** The collection an action applies to: the selected collection, else the open one. */
export function currentCollection(): { id: number; title: string } | null {
  const s = getState();
  for (const id of s.selection) {
    const p = findPearl(s, id);
    if (p?.kind === "collection") return { id, title: p.title };
  }
  const open = s.open ?? s.info?.root ?? null;
  if (open === null) return null;
  if (open === s.info?.root) return { id: open, title: "My pearls" };
  return { id: open, title: findPearl(s, open)?.title ?? "Collection" };
}

// ---- Export

export function startExport(): void {
  const c = currentCollection();
  if (c) startExportOf(c.id, c.title);
}

/** Opens the share dialog for the collection `id`. */
export function startExportOf(id: number, title: string): void {
  const root = getState().info?.root;
  setIo({ dialog: { kind: "export", id, title: id === root ? "My pearls" : title } });
}

/** Asks where to save, writes the file, then shows the dialog's last step (Open, Show in
 * folder). */
export async function runExport(
  id: number,
  title: string,
  format: ipc.ExportFormat,
  lang: ipc.PageLanguage,
  credit: ipc.Credit,
  copies = false,
): Promise<void> {
  try {
    const path = await ipc.chooseExportPath(exportFileName(title), format);
    if (path === null) return;
    close();
    setIo({ exporting: true });
    const done = await ipc.exportCollection(
      id,
      format,
      lang,
      credit,
      path,
      copies && format === "page",
    );
    setIo({ dialog: { kind: "exportDone", title, format, done } });
    act.notify(exportDoneText(title, done));
  } catch (e) {
    act.notify(`Export failed: ${message(e)}`, "error");
  } finally {
    setIo({ exporting: false });
  }
}

/** Opens the file just shared with the system's program for it, or shows it in its folder. */
export async function openShared(reveal: boolean): Promise<void> {
  try {
    await ipc.openSharedFile(reveal);
  } catch (e) {
    act.notify(message(e), "error");
  }
}

// ---- Import

export async function startImport(): Promise<void> {
  setIo({ dialog: { kind: "importChoose", profiles: null } });
  try {
    const profiles = await ipc.listBrowserProfiles();
    if (getIo().dialog.kind === "importChoose")
      setIo({ dialog: { kind: "importChoose", profiles } });
  } catch {
    setIo({ dialog: { kind: "importChoose", profiles: [] } });
  }
}

async function read(what: string, reading: () => Promise<ipc.ImportPreview>): Promise<void> {
  setIo({ dialog: { kind: "importBusy", what: `Reading ${what}` }, importProgress: null });
  try {
    const preview = await reading();
    const offer = await ipc.importUpdateOffer().catch(() => null);
    setIo({ dialog: { kind: "importPreview", preview, offer }, importProgress: null });
  } catch (e) {
    close();
    if (!(e instanceof IpcError && e.code === "cancelled"))
      act.notify(`Import failed: ${message(e)}`, "error");
  }
}

export async function chooseFile(): Promise<void> {
  try {
    const path = await ipc.chooseImportFile();
    if (path !== null) await read(path, () => ipc.readImportFile(path));
  } catch (e) {
    act.notify(`Import failed: ${message(e)}`, "error");
  }
}

export const importProfile = (p: ipc.BrowserProfile) =>
  read(`${profileName(p)}`, () => ipc.readImportProfile(p));

/** A profile for people: "Firefox, default profile", "Chromium, profile Work". */
export function profileName(p: ipc.BrowserProfile): string {
  const browser = `${p.browser[0]?.toUpperCase() ?? ""}${p.browser.slice(1)}`;
  if (p.isDefault && ["default", "default-release", "Default"].includes(p.profile))
    return `${browser}, default profile`;
  return `${browser}, profile “${p.profile}”`;
}

export async function importDropped(file: File): Promise<void> {
  perfMark("drop-start", file.size);
  const bytes = new Uint8Array(await file.arrayBuffer());
  await read(file.name, () => ipc.readImportBytes(file.name, bytes));
  perfMark("drop-previewed");
}

/** Adds the previewed tree as a new collection titled `title` at the end of `into`. */
export async function commitImport(title: string, into: number | null): Promise<void> {
  if (into === null) return;
  setIo({ dialog: { kind: "importBusy", what: "Adding to the library" }, importProgress: null });
  try {
    const report = await ipc.commitImport(into, title);
    setIo({ dialog: { kind: "importReport", report }, importProgress: null });
    await act.refresh();
    act.notify(`Imported “${report.collectionTitle}”: ${countsText(report.imported)}`);
  } catch (e) {
    close();
    await act.refresh().catch(() => {});
    act.notify(
      e instanceof IpcError && e.code === "cancelled"
        ? "Import cancelled: nothing was added"
        : `Import failed: ${message(e)}`,
      e instanceof IpcError && e.code === "cancelled" ? "info" : "error",
    );
  }
}

/** Updates the copy `copy` from the previewed file ("This is a newer version of …"). */
export async function commitImportUpdate(copy: number): Promise<void> {
  setIo({ dialog: { kind: "importBusy", what: "Updating your copy" }, importProgress: null });
  try {
    const report = await ipc.commitImportUpdate(copy);
    close();
    await act.refresh();
    const n = report.changes.length;
    act.notify(
      `Updated “${report.provenance.title}”: ${n === 1 ? "1 change" : `${n} changes`} (undo with Ctrl+Z)`,
    );
  } catch (e) {
    close();
    await act.refresh().catch(() => {});
    act.notify(`Update failed: ${message(e)}`, "error");
  }
}

export async function cancelImport(): Promise<void> {
  await ipc.cancelImport().catch(() => {});
  if (getIo().dialog.kind === "importPreview") close();
}

// ---- Page details

/** Refreshes the details of these pearls (links, or collections for the links below them). */
export async function refreshDetails(ids: number[], onlyNew = false): Promise<void> {
  if (ids.length === 0 || getIo().fetch) return;
  setIo({ fetch: { total: 0, done: 0, failed: 0, skipped: 0, finished: [] } });
  try {
    const r = await ipc.refreshDetails(ids, onlyNew);
    const failed = Object.values(r.failed).reduce((a: number, b) => a + (b ?? 0), 0);
    if (r.offline > 0)
      act.notify(
        `No site answered: this computer looks offline. Nothing was marked dead (${plural(r.offline, "link", "links")} left as they were)`,
        "error",
      );
    else
      act.notify(
        r.cancelled > 0
          ? `Stopped: ${plural(r.ok, "page", "pages")} read, ${r.cancelled} not fetched`
          : `Details refreshed: ${plural(r.ok, "page", "pages")} read, ${failed} failed, ${r.skipped} never fetched (not web pages)`,
      );
  } catch (e) {
    act.notify(`Fetching failed: ${message(e)}`, "error");
  } finally {
    setIo({ fetch: null });
    await act.refresh().catch(() => {});
  }
}

/** Refresh details for the selection, else the open collection. */
export function refreshSelection(): void {
  const s = getState();
  const ids = s.selection.size > 0 ? [...s.selection] : [currentCollection()?.id ?? -1];
  void refreshDetails(ids.filter((id) => id >= 0));
}

let refreshTimer: ReturnType<typeof setTimeout> | null = null;

/** Pearls whose details were just written: show their new titles and favicons (reads batched). */
export function detailsArrived(ids: readonly number[]): void {
  if (ids.length === 0) return;
  forgetFavicons(ids);
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    void act.refresh().catch(() => {});
  }, 150);
}

/** Opens link health: dead and moved links, or (`focus` "duplicates") pages saved twice. */
export async function showHealth(focus?: "problems" | "duplicates"): Promise<void> {
  const d = getIo().dialog;
  const about = focus ?? (d.kind === "health" ? d.focus : "problems");
  try {
    const [dead, moved, dupes] = await Promise.all([
      ipc.listDeadLinks(),
      ipc.listMovedLinks(),
      ipc.listDuplicates(),
    ]);
    setIo({ dialog: { kind: "health", focus: about, dead, moved, dupes } });
  } catch (e) {
    act.notify(message(e), "error");
  }
}

/** Keeps the oldest link of each group of duplicates and moves the others to the trash, as
 * one undoable edit. */
export async function trashExtraCopies(groups: ipc.DuplicateGroup[]): Promise<void> {
  const extra = groups.flatMap((g) => g.pearls.slice(1).map((h) => h.pearl.id));
  if (extra.length === 0) return;
  try {
    await ipc.trashPearls(extra);
    await act.refresh();
    act.notify(
      `Moved ${plural(extra.length, "extra copy", "extra copies")} to the trash (Ctrl+Z brings them back)`,
    );
    await showHealth();
  } catch (e) {
    act.notify(message(e), "error");
  }
}

export async function updateMoved(): Promise<void> {
  try {
    const changed = await ipc.updateMovedLinks([]);
    await act.refresh();
    act.notify(
      `Updated ${changed.length === 1 ? "1 moved link" : `${changed.length} moved links`}`,
    );
    await showHealth();
  } catch (e) {
    act.notify(message(e), "error");
  }
}
