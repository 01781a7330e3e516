// The trash: what was deleted, each restorable, and a button to empty it.

import { titleOf } from "../../lib/pearlLook";
import * as act from "../../state/actions";
import { useStore } from "../../state/store";
import { PearlIcon } from "../pearl/PearlIcon";

export function TrashView() {
  const trash = useStore((s) => s.trash);
  return (
    <section className="middle" aria-label="Trash">
      <header className="middle-head">
        <div className="crumbs">
          <h1 data-testid="open-title">Trash</h1>
          <span className="muted">{trash.length === 1 ? "1 pearl" : `${trash.length} pearls`}</span>
        </div>
        <div className="toolbar">
          <button type="button" onClick={() => void act.showTrash(false)}>
            Back to my pearls
          </button>
          <button
            type="button"
            className="danger"
            disabled={trash.length === 0}
            onClick={() => void act.emptyTrash()}
          >
            Empty trash
          </button>
        </div>
      </header>
      <div className="middle-body">
        {trash.length === 0 ? (
          <div className="empty">
            <p className="empty-title">The trash is empty</p>
            <p>
              Pearls you delete wait here until you empty the trash; restore puts them back where
              they were.
            </p>
          </div>
        ) : (
          <ul className="trash-list">
            {trash.map((p) => (
              <li key={p.id} className="trash-row" data-pearl-id={p.id}>
                <PearlIcon pearl={p} size={22} />
                <span className="list-title">{titleOf(p)}</span>
                <button type="button" onClick={() => void act.restore([p.id])}>
                  Restore
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
