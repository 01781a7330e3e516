// Layout only: the bar on top, the tree on the left, the open collection (or the trash) in the
// middle, the selected pearl on the right, the borders between them draggable; and the layers
// above (menus, dialogs, notices).

import { useEffect, useState } from "react";
import { ConnectBrowserLayer } from "./features/browser/ConnectBrowser";
import { useLiveWindow } from "./features/browser/liveWindow";
import { CollectionView } from "./features/collection/CollectionView";
import { PearlDetail } from "./features/detail/PearlDetail";
import { Help } from "./features/help/KeysHelp";
import { IoLayer } from "./features/io/IoLayer";
import { Splitter } from "./features/layout/Splitter";
import { ContextMenu } from "./features/menu/ContextMenu";
import { MovePicker } from "./features/menu/MovePicker";
import { DragGhost } from "./features/notice/DragGhost";
import { DuplicateNotice } from "./features/notice/DuplicateNotice";
import { Notice } from "./features/notice/Notice";
import { SyncLayer } from "./features/sync/SyncScreen";
import { useSyncWatch } from "./features/sync/syncStore";
import { TopBar } from "./features/topbar/TopBar";
import { TrashView } from "./features/trash/TrashView";
import { PearlTree } from "./features/tree/PearlTree";
import * as act from "./state/actions";
import { fitWidths, useWidths } from "./state/layout";
import { setState, useStore } from "./state/store";

function useWindowWidth(): number {
  const [w, setW] = useState(window.innerWidth);
  useEffect(() => {
    const on = () => setW(window.innerWidth);
    window.addEventListener("resize", on);
    return () => window.removeEventListener("resize", on);
  }, []);
  return w;
}

export function App() {
  const trashOpen = useStore((s) => s.trashOpen);
  const root = useStore((s) => s.info?.root ?? null);
  useLiveWindow();
  useSyncWatch();
  const widths = fitWidths(useWidths(), useWindowWidth());
  return (
    <div
      className="app"
      style={{ gridTemplateColumns: `${widths.side}px minmax(0, 1fr) ${widths.detail}px` }}
    >
      <TopBar />
      <nav className="sidebar" aria-label="Library">
        <button
          type="button"
          className="sidebar-home"
          onClick={() => {
            if (root !== null) void act.openCollection(root);
            setState({ selection: new Set(), focus: null });
          }}
        >
          My pearls
        </button>
        <PearlTree />
        <button
          type="button"
          className={`sidebar-trash${trashOpen ? " active" : ""}`}
          onClick={() => void act.showTrash(!trashOpen)}
        >
          🗑 Trash
        </button>
        <Splitter panel="side" label="Resize the tree" />
      </nav>
      {trashOpen ? <TrashView /> : <CollectionView />}
      <div className="detail-wrap">
        <Splitter panel="detail" label="Resize the details" />
        <PearlDetail />
      </div>
      <Notice />
      <DuplicateNotice />
      <DragGhost />
      <IoLayer />
      <Help />
      <ConnectBrowserLayer />
      <SyncLayer />
      <MovePicker />
      <ContextMenu />
    </div>
  );
}
