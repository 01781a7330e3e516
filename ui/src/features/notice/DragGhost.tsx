// The label that follows the pointer while dragging, saying what is dragged, whether the drop
// leaves an alias instead of moving it, or picks it out of an imported tree into a collection
// of one's own ("Pick “Les débuts” into “Mes cours”"), and, when a drop is refused, why.

import { useDrag } from "../../lib/useDrag";
import { collectionName } from "../../state/actions";

export function DragGhost() {
  const drag = useDrag();
  if (!drag) return null;
  const alias = drag.alias && drag.aliasable;
  const what = drag.pick && drag.ids.length === 1 ? `“${drag.label}”` : drag.label;
  return (
    <div
      className={`ghost-label${drag.refused ? " refused" : ""}`}
      data-testid="drag-ghost"
      style={{ left: drag.x + 14, top: drag.y + 10 }}
    >
      {drag.pick ? (
        <>
          <span className="ghost-alias">{alias ? "Pick an alias of " : "Pick "}</span>
          {what}
          {drag.target ? ` into “${collectionName(drag.target.parent)}”` : null}
        </>
      ) : (
        <>
          {alias ? <span className="ghost-alias">Alias of </span> : null}
          {drag.label}
        </>
      )}
      {drag.why ? <div className="ghost-why">{drag.why}</div> : null}
    </div>
  );
}
