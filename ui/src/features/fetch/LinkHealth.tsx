// Link health: dead links (error pages, unreachable hosts) and moved links (permanent
// redirects), with one action that updates every moved link (one undoable edit).

import type { LinkHealth } from "../../ipc";
import * as act from "../../state/actions";
import * as io from "../io/ioActions";

function Row({ h, moved }: { h: LinkHealth; moved: boolean }) {
  return (
    <tr>
      <td>
        <button
          type="button"
          className="link-btn"
          onClick={() => {
            io.closeDialog();
            void act.reveal(h.pearl.id);
          }}
        >
          {h.pearl.title || h.pearl.url}
        </button>
        <div className="muted io-url">{h.pearl.url}</div>
      </td>
      <td>{moved ? (h.movedTo ?? "") : (h.httpStatus ?? h.error ?? h.outcome)}</td>
    </tr>
  );
}

export function LinkHealthView({ dead, moved }: { dead: LinkHealth[]; moved: LinkHealth[] }) {
  return (
    <div className="io-dialog wide" role="dialog" aria-label="Link health">
      <h2>Link health</h2>
      <h3 data-testid="dead-count">
        {dead.length === 1 ? "1 dead link" : `${dead.length} dead links`}
      </h3>
      {dead.length > 0 ? (
        <table className="io-table">
          <thead>
            <tr>
              <th>Link</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {dead.map((h) => (
              <Row key={h.pearl.id} h={h} moved={false} />
            ))}
          </tbody>
        </table>
      ) : null}
      <h3 data-testid="moved-count">
        {moved.length === 1 ? "1 moved link" : `${moved.length} moved links`}
      </h3>
      {moved.length > 0 ? (
        <table className="io-table">
          <thead>
            <tr>
              <th>Link</th>
              <th>Moved to</th>
            </tr>
          </thead>
          <tbody>
            {moved.map((h) => (
              <Row key={h.pearl.id} h={h} moved />
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="muted">As the last fetches found them. Refresh details to check again.</p>
      <div className="io-buttons">
        {moved.length > 0 ? (
          <button type="button" className="primary" onClick={() => void io.updateMoved()}>
            Update moved links
          </button>
        ) : null}
        <button type="button" onClick={io.closeDialog}>
          Close
        </button>
      </div>
    </div>
  );
}
