// Picking from an imported tree by dragging: pearls that live inside an imported copy, dropped
// on a collection outside it, are copied into the user's own tree keeping where they came from
// (with the alias keys, an alias of the collection is left instead); every other drop is what
// it always was (a move, or an alias).

import * as ipc from "../ipc";
import type { Picker } from "../lib/drag";
import { type DropTarget, placementOf } from "../lib/dropGeometry";
import { insideCopy, pickSource } from "../lib/pick";
import * as act from "./actions";
import { findPearl, getState } from "./store";

/** For pearls about to be dragged: where a drop picks them, or null if they are not inside an
 * imported copy (then every drop moves them). */
export function pickerFor(ids: number[]): Picker | null {
  const s = getState();
  const copy = pickSource(ids.map((id) => findPearl(s, id)));
  if (copy === null) return null;
  return (target: DropTarget) => {
    const now = getState();
    const into = target.parent;
    return !insideCopy(into, copy, findPearl(now, into), now.children.get(into));
  };
}

/** Picks the pearls `ids` into `parent` at `placement` (aliases with `alias`): one undoable
 * step; the picks are selected and their collection opened in the tree. */
export async function pickInto(
  ids: number[],
  parent: number,
  placement: ipc.Placement,
  alias: boolean,
): Promise<void> {
  const done = await act.run(
    () => ipc.pickPearls(ids, parent, placement, alias),
    (r) => r.message,
  );
  const [first] = done?.picked ?? [];
  if (done && first !== undefined) {
    if (parent !== getState().info?.root) await act.expand(parent, true);
    act.select(done.picked, first);
  }
}

/** What a drop does in the tree or the open collection: picks when the drag says so, else
 * moves (or leaves an alias) as ever. */
export function dropOrPick(ids: number[], target: DropTarget, alias: boolean, pick: boolean): void {
  if (!pick) {
    act.dropAt(ids, target, alias);
    return;
  }
  const placement = placementOf(target, getState().children.get(target.parent));
  void pickInto(ids, target.parent, placement, alias);
}
