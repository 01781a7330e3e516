// The widths of the side panels (the tree on the left, the details on the right), as the user
// dragged them, remembered between runs; and how they give way in a narrow window so that the
// open collection always keeps room.

import { useSyncExternalStore } from "react";

export interface PanelWidths {
  side: number;
  detail: number;
}

export const DEFAULT_WIDTHS: PanelWidths = { side: 280, detail: 300 };
export const LIMITS = {
  side: { min: 180, max: 520 },
  detail: { min: 220, max: 560 },
  /** The open collection never gets narrower than this while the panels can shrink. */
  middle: 280,
};
const KEY = "nacre.panels";

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(n)));
}

/** Stored widths, each within its limits; defaults for anything missing or malformed. */
export function parseWidths(text: string | null): PanelWidths {
  try {
    const v = JSON.parse(text ?? "null") as Partial<PanelWidths> | null;
    return {
      side: clamp(
        Number(v?.side ?? DEFAULT_WIDTHS.side) || DEFAULT_WIDTHS.side,
        LIMITS.side.min,
        LIMITS.side.max,
      ),
      detail: clamp(
        Number(v?.detail ?? DEFAULT_WIDTHS.detail) || DEFAULT_WIDTHS.detail,
        LIMITS.detail.min,
        LIMITS.detail.max,
      ),
    };
  } catch {
    return { ...DEFAULT_WIDTHS };
  }
}

/** The widths actually drawn in a window `total` pixels wide: the wanted ones, shrunk
 * (the details first, then the tree, never below their minimums) until the middle fits. */
export function fitWidths(wanted: PanelWidths, total: number): PanelWidths {
  let { side, detail } = wanted;
  let over = side + detail + LIMITS.middle - total;
  if (over > 0) {
    const d = Math.min(over, detail - LIMITS.detail.min);
    detail -= d;
    over -= d;
  }
  if (over > 0) side -= Math.min(over, side - LIMITS.side.min);
  return { side, detail };
}

let widths: PanelWidths = (() => {
  try {
    return parseWidths(localStorage.getItem(KEY));
  } catch {
    return { ...DEFAULT_WIDTHS };
  }
})();
const listeners = new Set<() => void>();

export function getWidths(): PanelWidths {
  return widths;
}

/** Sets one panel's width (within its limits); `save` writes it for the next run. */
export function setWidth(panel: keyof PanelWidths, px: number, save: boolean): void {
  const lim = LIMITS[panel];
  widths = { ...widths, [panel]: clamp(px, lim.min, lim.max) };
  for (const l of listeners) l();
  if (save) {
    try {
      localStorage.setItem(KEY, JSON.stringify(widths));
    } catch {
      // Not saved: this run keeps the width anyway.
    }
  }
}

export function useWidths(): PanelWidths {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => widths,
  );
}
