// The label that follows the pointer while dragging, saying what is dragged and, when a drop
// is refused, why.

import { useDrag } from "../../lib/useDrag";

export function DragGhost() {
  const drag = useDrag();
  if (!drag) return null;
  return (
    <div
      className={`ghost-label${drag.refused ? " refused" : ""}`}
      style={{ left: drag.x + 14, top: drag.y + 10 }}
    >
      {drag.label}
      {drag.refused ? <div className="ghost-why">Can't move a collection into itself</div> : null}
    </div>
  );
}
