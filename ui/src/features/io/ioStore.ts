// The state of the import, export, fetch and offline-copy screens, apart from the window's own state so the
// tree does not re-render when a progress bar moves.

import { useSyncExternalStore } from "react";
import type {
  ArchiveOverview,
  ArchiveProgress,
  CopyView,
  DuplicateGroup,
  ExportFormat,
  ExportReport,
  FetchProgress,
  ImportPreview,
  ImportProgress,
  ImportReport,
  LinkHealth,
  ProfileBookmarks,
  UpdateOffer,
} from "../../ipc";

export type IoDialog =
  | { kind: "none" }
  | { kind: "export"; id: number; title: string }
  | { kind: "exportDone"; title: string; format: ExportFormat; done: ExportReport }
  | { kind: "importChoose"; profiles: ProfileBookmarks[] | null }
  | { kind: "importBusy"; what: string }
  | { kind: "importPreview"; preview: ImportPreview; offer?: UpdateOffer | null }
  | { kind: "importReport"; report: ImportReport }
  | {
      kind: "health";
      /** Which part the dialog is about: dead and moved links, or duplicates. */
      focus: "problems" | "duplicates";
      dead: LinkHealth[];
      moved: LinkHealth[];
      dupes: DuplicateGroup[];
    }
  /** The reader view of a link's offline copy. */
  | { kind: "reader"; id: number; url: string; copy: CopyView }
  /** A link's snapshot in the sandboxed view. */
  | { kind: "snapshot"; id: number; url: string; title: string }
  /** Offline copies: the archive's size and the setting for new links. */
  | { kind: "copies"; overview: ArchiveOverview };

export interface IoState {
  dialog: IoDialog;
  importProgress: ImportProgress | null;
  /** The long fetch running now (Refresh details), if any. */
  fetch: FetchProgress | null;
  /** The archive run now (Keep an offline copy), if any. */
  archive: ArchiveProgress | null;
  exporting: boolean;
}

let state: IoState = {
  dialog: { kind: "none" },
  importProgress: null,
  fetch: null,
  archive: null,
  exporting: false,
};
const listeners = new Set<() => void>();

export function getIo(): IoState {
  return state;
}

export function setIo(patch: Partial<IoState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useIo<T>(select: (s: IoState) => T): T {
  return useSyncExternalStore(subscribe, () => select(state));
}
