// The import, export, page-details and offline-copy part of the window: their keys (Ctrl+O import, Ctrl+E
// export, F5 refresh details; the buttons are the top bar's), a bookmark file dropped on the
// window, the backend's progress events, and whichever dialog is open.

import { useEffect } from "react";
import "./io.css";
import * as ipc from "../../ipc";
import { carriesFiles } from "../../lib/io";
import "../archive/archive.css";
import { ArchiveBar } from "../archive/ArchiveBar";
import { copiesChanged } from "../archive/archiveActions";
import { CopiesDialog } from "../archive/CopiesDialog";
import { ReaderView } from "../archive/ReaderView";
import { SnapshotView } from "../archive/SnapshotView";
import { ExportDialog, ExportDoneView } from "../export/ExportDialog";
import { FetchBar } from "../fetch/FetchBar";
import { LinkHealthView } from "../fetch/LinkHealth";
import {
  ImportBusy,
  ImportChoose,
  ImportPreviewView,
  ImportReportView,
} from "../import/ImportDialogs";
import * as io from "./ioActions";
import { getIo, setIo, useIo } from "./ioStore";

function typingIn(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))
  );
}

function useIoEvents(): void {
  useEffect(() => {
    const unlisten = [
      ipc.onImportProgress((p) => setIo({ importProgress: p })),
      ipc.onFetchProgress((p) => {
        if (getIo().fetch) setIo({ fetch: p });
        io.detailsArrived(p.finished.map((f) => f.pearl));
      }),
      ipc.onQuickFetch((ids) => io.detailsArrived(ids)),
      ipc.onArchiveProgress((p) => {
        if (getIo().archive) setIo({ archive: p });
        if (p.finished.length > 0) copiesChanged();
      }),
    ];
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && getIo().dialog.kind !== "none") {
        if (getIo().dialog.kind === "importBusy") void io.cancelImport();
        else if (getIo().dialog.kind === "importPreview") void io.cancelImport();
        else io.closeDialog();
        return;
      }
      if (typingIn(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const k = e.key.toLowerCase();
      if (mod && !e.shiftKey && k === "o") void io.startImport();
      else if (mod && !e.shiftKey && k === "e") io.startExport();
      else if (!mod && e.key === "F5") io.refreshSelection();
      else return;
      e.preventDefault();
    };
    const onDragOver = (e: DragEvent) => {
      if (carriesFiles([...(e.dataTransfer?.types ?? [])])) {
        e.preventDefault();
        if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
      }
    };
    const onDrop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      void io.importDropped(file);
    };
    window.addEventListener("keydown", onKey);
    window.addEventListener("dragover", onDragOver);
    window.addEventListener("drop", onDrop);
    return () => {
      for (const u of unlisten) void u.then((stop: () => void) => stop());
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("dragover", onDragOver);
      window.removeEventListener("drop", onDrop);
    };
  }, []);
}

export function IoLayer() {
  useIoEvents();
  const dialog = useIo((s) => s.dialog);
  let body: React.ReactNode = null;
  switch (dialog.kind) {
    case "export":
      body = <ExportDialog id={dialog.id} title={dialog.title} />;
      break;
    case "exportDone":
      body = <ExportDoneView title={dialog.title} format={dialog.format} done={dialog.done} />;
      break;
    case "importChoose":
      body = <ImportChoose profiles={dialog.profiles} />;
      break;
    case "importBusy":
      body = <ImportBusy what={dialog.what} />;
      break;
    case "importPreview":
      body = <ImportPreviewView preview={dialog.preview} offer={dialog.offer ?? null} />;
      break;
    case "importReport":
      body = <ImportReportView report={dialog.report} />;
      break;
    case "health":
      body = (
        <LinkHealthView
          focus={dialog.focus}
          dead={dialog.dead}
          moved={dialog.moved}
          dupes={dialog.dupes}
        />
      );
      break;
    case "copies":
      body = <CopiesDialog overview={dialog.overview} />;
      break;
    case "reader":
    case "snapshot":
    case "none":
      break;
  }
  return (
    <>
      {body ? <div className="io-backdrop">{body}</div> : null}
      {dialog.kind === "reader" ? (
        <ReaderView id={dialog.id} url={dialog.url} copy={dialog.copy} />
      ) : null}
      {dialog.kind === "snapshot" ? (
        <SnapshotView id={dialog.id} url={dialog.url} title={dialog.title} />
      ) : null}
      <FetchBar />
      <ArchiveBar />
    </>
  );
}
