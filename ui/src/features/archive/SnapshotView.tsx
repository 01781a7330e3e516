// A link's snapshot as the page looked, in a sandboxed frame: served by the app's own protocol
// (nacre-copy:) with a policy that runs no script and loads nothing from the network, and an
// iframe sandbox that allows nothing. A link clicked in it opens in the system browser.

import * as ipc from "../../ipc";
import { closeDialog } from "../io/ioActions";
import { openReader } from "./archiveActions";

export function SnapshotView({ id, url, title }: { id: number; url: string; title: string }) {
  return (
    <div className="reader" role="dialog" aria-label="Snapshot" data-testid="snapshot">
      <div className="reader-bar">
        <span className="muted reader-kept">
          As “{title || url}” looked when it was kept · nothing in it runs
        </span>
        <span className="reader-actions">
          <button type="button" onClick={() => void openReader(id)}>
            Readable text
          </button>
          <button type="button" onClick={() => void ipc.openInBrowser(url)}>
            Open the page
          </button>
          <button type="button" className="primary" onClick={closeDialog}>
            Close
          </button>
        </span>
      </div>
      <iframe
        className="snapshot-frame"
        title={`Snapshot of ${title || url}`}
        sandbox=""
        referrerPolicy="no-referrer"
        src={ipc.snapshotUrl(id)}
      />
    </div>
  );
}
