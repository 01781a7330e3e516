// What the user can do with offline copies: keep copies of a selection or a collection (with
// progress and cancel, like Refresh details), read a copy, open its snapshot, and see the
// archive's size and the setting for new links.

import * as ipc from "../../ipc";
import { IpcError } from "../../ipc";
import { plural } from "../../lib/io";
import * as act from "../../state/actions";
import { findPearl, getState } from "../../state/store";
import { getIo, setIo } from "../io/ioStore";

function message(e: unknown): string {
  return e instanceof IpcError ? e.message : String(e);
}

/** Copies just changed (a run wrote some): the details panel reads its link's copy again. */
const copyListeners = new Set<() => void>();
export function copiesChanged(): void {
  for (const l of copyListeners) l();
}
export function onCopiesChanged(l: () => void): () => void {
  copyListeners.add(l);
  return () => copyListeners.delete(l);
}

/** Keeps an offline copy of these pearls (links, or collections for the links below them). */
export async function keepCopies(ids: number[]): Promise<void> {
  if (ids.length === 0 || getIo().archive) return;
  setIo({ archive: { total: 0, done: 0, failed: 0, finished: [] } });
  try {
    const r = await ipc.keepCopies(ids);
    const failed = r.total - r.saved - r.cancelled;
    const why = r.problems.length === 1 ? `: ${r.problems[0]?.message}` : "";
    act.notify(
      r.cancelled > 0
        ? `Stopped: ${plural(r.saved, "copy", "copies")} kept, ${r.cancelled} not made`
        : r.total === 0
          ? "No link to keep a copy of"
          : `${plural(r.saved, "offline copy", "offline copies")} kept${failed > 0 ? `, ${failed} not kept${why}` : ""}`,
      failed > 0 && r.saved === 0 ? "error" : "info",
    );
  } catch (e) {
    act.notify(`Keeping copies failed: ${message(e)}`, "error");
  } finally {
    setIo({ archive: null });
    copiesChanged();
  }
}

/** Opens the reader view of a link's copy. */
export async function openReader(id: number): Promise<void> {
  try {
    const copy = await ipc.copyOf(id);
    if (!copy) {
      act.notify("This link has no offline copy yet", "error");
      return;
    }
    const url = findPearl(getState(), id)?.url ?? copy.info.url;
    setIo({ dialog: { kind: "reader", id, url, copy } });
  } catch (e) {
    act.notify(message(e), "error");
  }
}

/** Opens a link's snapshot in the sandboxed view. */
export function openSnapshot(id: number, url: string, title: string): void {
  setIo({ dialog: { kind: "snapshot", id, url, title } });
}

/** Opens the offline copies settings: their size, and whether new links get one. */
export async function showCopies(): Promise<void> {
  try {
    setIo({ dialog: { kind: "copies", overview: await ipc.archiveOverview() } });
  } catch (e) {
    act.notify(message(e), "error");
  }
}

export async function setKeepNewLinks(on: boolean): Promise<void> {
  try {
    const overview = await ipc.setKeepNewLinks(on);
    if (getIo().dialog.kind === "copies") setIo({ dialog: { kind: "copies", overview } });
  } catch (e) {
    act.notify(message(e), "error");
  }
}
