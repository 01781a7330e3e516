// React access to the drag in progress, for the few components that draw it.

import { useSyncExternalStore } from "react";
import { type DragState, getDrag, subscribeDrag } from "./drag";

export function useDrag(): DragState | null {
  return useSyncExternalStore(subscribeDrag, getDrag);
}
