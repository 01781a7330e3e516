// The progress of an archive run (Keep an offline copy): done, not kept, remaining, and Cancel.

import * as ipc from "../../ipc";
import { percent } from "../../lib/io";
import { useIo } from "../io/ioStore";

export function ArchiveBar() {
  const p = useIo((s) => s.archive);
  if (!p) return null;
  const remaining = Math.max(0, p.total - p.done);
  return (
    <div className="io-bar archive-bar" role="status" data-testid="archive-bar">
      <span>Keeping offline copies</span>
      <progress max={100} value={percent(p.done, p.total)} />
      <span>
        {p.done} done · {p.failed} not kept · {remaining} remaining
      </span>
      <button type="button" onClick={() => void ipc.cancelArchive()}>
        Cancel
      </button>
    </div>
  );
}
