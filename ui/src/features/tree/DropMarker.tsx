// Where the dragged pearls will land in the tree or list: a line between rows, or a box around
// the collection they go into; red and crossed when the drop is refused.

import { dropAllowed } from "../../lib/drag";
import { countMarkerRender } from "../../lib/perf";
import { useDrag } from "../../lib/useDrag";

export function DropMarker({ zone, rowHeight }: { zone: string; rowHeight: number }) {
  const drag = useDrag();
  countMarkerRender();
  if (!drag || drag.zone !== zone || !drag.target) return null;
  const t = drag.target;
  const state = drag.refused ? " refused" : dropAllowed(drag) ? "" : " waiting";
  if (t.kind === "into") {
    return (
      <div
        className={`drop-into${state}`}
        data-testid="drop-marker"
        style={{ top: t.row * rowHeight, height: rowHeight }}
      />
    );
  }
  return (
    <div
      className={`drop-line${state}`}
      data-testid="drop-marker"
      style={{ top: t.lineRow * rowHeight - 1, left: 8 + t.depth * 16 + 20 }}
    />
  );
}
