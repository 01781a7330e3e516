// A panel's border that can be dragged to resize it (or moved with the arrow keys when
// focused); the width is remembered for the next run. Dragging never selects the window's
// text.

import { getWidths, LIMITS, type PanelWidths, setWidth } from "../../state/layout";

export function Splitter({ panel, label }: { panel: keyof PanelWidths; label: string }) {
  // The tree grows to the right of its border; the details panel grows to the left of its own.
  const sign = panel === "side" ? 1 : -1;
  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    const el = e.currentTarget;
    el.setPointerCapture(e.pointerId);
    const startX = e.clientX;
    const startWidth = getWidths()[panel];
    document.body.classList.add("is-resizing");
    const onMove = (m: PointerEvent) =>
      setWidth(panel, startWidth + sign * (m.clientX - startX), false);
    const onUp = (u: PointerEvent) => {
      setWidth(panel, startWidth + sign * (u.clientX - startX), true);
      document.body.classList.remove("is-resizing");
      el.removeEventListener("pointermove", onMove);
      el.removeEventListener("pointerup", onUp);
      el.removeEventListener("pointercancel", onUp);
    };
    el.addEventListener("pointermove", onMove);
    el.addEventListener("pointerup", onUp);
    el.addEventListener("pointercancel", onUp);
  };
  const w = getWidths()[panel];
  return (
    <div
      className={`splitter splitter-${panel}`}
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuemin={LIMITS[panel].min}
      aria-valuemax={LIMITS[panel].max}
      aria-valuenow={w}
      tabIndex={0}
      data-testid={`splitter-${panel}`}
      onPointerDown={onPointerDown}
      onDoubleClick={() => setWidth(panel, panel === "side" ? 280 : 300, true)}
      onKeyDown={(e) => {
        const step = e.shiftKey ? 48 : 16;
        if (e.key === "ArrowLeft") setWidth(panel, w - sign * step, true);
        else if (e.key === "ArrowRight") setWidth(panel, w + sign * step, true);
        else return;
        e.preventDefault();
      }}
    />
  );
}
