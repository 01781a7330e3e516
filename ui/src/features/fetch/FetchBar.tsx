// The progress of a long fetch (Refresh details): done, failed, remaining, and Cancel. Results
// appear in the tree as they arrive.

import * as ipc from "../../ipc";
import { percent } from "../../lib/io";
import { useIo } from "../io/ioStore";

export function FetchBar() {
  const p = useIo((s) => s.fetch);
  const exporting = useIo((s) => s.exporting);
  if (exporting)
    return (
      <div className="io-bar" role="status">
        <span>Exporting…</span>
        <progress />
      </div>
    );
  if (!p) return null;
  const remaining = Math.max(0, p.total - p.done);
  return (
    <div className="io-bar" role="status" data-testid="fetch-bar">
      <span>Fetching details</span>
      <progress max={100} value={percent(p.done, p.total)} />
      <span>
        {p.done} done · {p.failed} failed · {remaining} remaining
      </span>
      <button type="button" onClick={() => void ipc.cancelFetch()}>
        Cancel
      </button>
    </div>
  );
}
