// The label that follows the pointer while dragging, saying what is dragged, whether the drop
// leaves an alias instead of moving it, and, when a drop is refused, why.

import { useDrag } from "../../lib/useDrag";

export function DragGhost() {
  const drag = useDrag();
  if (!drag) return null;
  return (
    <div
      className={`ghost-label${drag.refused ? " refused" : ""}`}
      data-testid="drag-ghost"
      style={{ left: drag.x + 14, top: drag.y + 10 }}
    >
      {drag.alias && drag.aliasable ? <span className="ghost-alias">Alias of </span> : null}
      {drag.label}
      {drag.why ? <div className="ghost-why">{drag.why}</div> : null}
    </div>
  );
}
