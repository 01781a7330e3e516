// Where dragged pearls will land in the pearls view: a bar between two pearls, or a ring round
// the collection pearl they go into.

import { dropAllowed } from "../../lib/drag";
import { useDrag } from "../../lib/useDrag";

export function PearlsMarker({ container }: { container: React.RefObject<HTMLDivElement | null> }) {
  const drag = useDrag();
  const el = container.current;
  if (drag?.zone !== "pearls" || !drag.target || !el) return null;
  const t = drag.target;
  const beads = [...el.querySelectorAll<HTMLElement>("[data-pearl-id]")];
  const base = el.getBoundingClientRect();
  const state = drag.refused ? " refused" : dropAllowed(drag) ? "" : " waiting";
  const at = (r: DOMRect) => ({
    left: r.left - base.left + el.scrollLeft,
    top: r.top - base.top + el.scrollTop,
  });
  if (t.kind === "into") {
    const bead = beads.find((b) => Number(b.dataset.pearlId) === t.parent);
    if (!bead) return null;
    const r = bead.getBoundingClientRect();
    return (
      <div
        className={`bead-ring${state}`}
        data-testid="drop-marker"
        style={{ ...at(r), width: r.width, height: r.height }}
      />
    );
  }
  const after = beads[t.index];
  const before = beads[t.index - 1];
  const r = after?.getBoundingClientRect() ?? before?.getBoundingClientRect();
  if (!r) return null;
  const p = at(r);
  const left = after ? p.left - 3 : p.left + r.width + 1;
  return (
    <div
      className={`bead-bar${state}`}
      data-testid="drop-marker"
      style={{ left, top: p.top + 8, height: r.height - 16 }}
    />
  );
}
