// Layout only: the bar on top, the tree on the left, the open collection (or the trash) in the
// middle, the selected pearl on the right.

import { ConnectBrowser } from "./features/browser/ConnectBrowser";
import { useLiveWindow } from "./features/browser/liveWindow";
import { CollectionView } from "./features/collection/CollectionView";
import { PearlDetail } from "./features/detail/PearlDetail";
import { KeysHelp } from "./features/help/KeysHelp";
import { IoButtons, IoLayer } from "./features/io/IoLayer";
import { DragGhost } from "./features/notice/DragGhost";
import { Notice } from "./features/notice/Notice";
import { SearchBox } from "./features/search/SearchBox";
import { TrashView } from "./features/trash/TrashView";
import { PearlTree } from "./features/tree/PearlTree";
import * as act from "./state/actions";
import { setState, useStore } from "./state/store";

export function App() {
  const trashOpen = useStore((s) => s.trashOpen);
  const root = useStore((s) => s.info?.root ?? null);
  useLiveWindow();
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <img src="/pearl.svg" alt="" width={22} height={22} />
          <span>Nacre</span>
        </div>
        <SearchBox />
        <div className="actions">
          <button
            type="button"
            onClick={() => void act.newCollection()}
            title="New collection (Ctrl+N)"
          >
            + Collection
          </button>
          <button type="button" onClick={() => void act.newNote()} title="New note (Ctrl+Shift+N)">
            + Note
          </button>
          <button
            type="button"
            onClick={() => void act.newSection()}
            title="New section (Ctrl+Shift+S)"
          >
            + Section
          </button>
          <span className="sep" />
          <button
            type="button"
            className="icon-btn"
            onClick={() => void act.undo()}
            title="Undo (Ctrl+Z)"
            aria-label="Undo"
          >
            ↶
          </button>
          <button
            type="button"
            className="icon-btn"
            onClick={() => void act.redo()}
            title="Redo (Ctrl+Shift+Z)"
            aria-label="Redo"
          >
            ↷
          </button>
          <IoButtons />
          <ConnectBrowser />
          <button
            type="button"
            className="icon-btn"
            onClick={act.openHelp}
            title="Keys (F1)"
            aria-label="Keys"
          >
            ?
          </button>
        </div>
      </header>
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
      </nav>
      {trashOpen ? <TrashView /> : <CollectionView />}
      <PearlDetail />
      <Notice />
      <DragGhost />
      <IoLayer />
      <KeysHelp />
    </div>
  );
}
