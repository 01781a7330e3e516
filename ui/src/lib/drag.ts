// Dragging pearls with the pointer: which pearls, where the pointer is, and where they would
// land. Built on pointer events (not HTML5 drag and drop), so the drop geometry is ours and the
// same in the tree, the list and the pearls view. Only the drop marker and the ghost listen to
// the pointer while dragging; the rows under it do not re-render. Holding Alt (or Ctrl+Shift)
// while dropping one collection leaves an alias of it there instead of moving it. Pearls that
// live inside an imported tree, dropped outside it, are picked (copied into one's own tree)
// instead of moved: the caller says where that holds (a `Picker`).

import { type DropTarget, isRefused } from "./dropGeometry";

/** A place that accepts drops: the tree, or the open collection. */
export interface DropZone {
  /** Where a drop at this client point lands, or null for nowhere. */
  hitTest(x: number, y: number): DropTarget | null;
  /** The collection each loaded pearl is in, to refuse drops into a dragged collection. */
  parents(): ReadonlyMap<number, number>;
  /** Called when a closed collection has been hovered long enough: open it. */
  springOpen?(id: number): void;
}

export interface DragState {
  ids: number[];
  label: string;
  x: number;
  y: number;
  zone: string | null;
  target: DropTarget | null;
  refused: boolean;
  /** Why the drop is refused, for the ghost; null when it is not. */
  why: string | null;
  /** A closed collection's "into" target is armed once hovered for HOVER_MS. */
  armed: boolean;
  /** Alt or Ctrl+Shift is held: the drop makes an alias instead of moving. */
  alias: boolean;
  /** Whether what is dragged can be aliased: exactly one collection. */
  aliasable: boolean;
  /** The drop picks (copies out of an imported tree) instead of moving. */
  pick: boolean;
}

/** For pearls dragged from inside an imported tree: whether a drop on `target` picks them
 * (it stands outside that tree) rather than moving them within it. */
export type Picker = (target: DropTarget) => boolean;

/** The keys held with the pointer or a key press. */
interface Modifiers {
  altKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
}

/** Whether the keys held ask for an alias: Alt, or Ctrl+Shift (the link gesture of GNOME's
 * file manager, for desktops where Alt+drag moves the window). */
export function wantsAlias(m: Modifiers): boolean {
  return m.altKey || (m.ctrlKey && m.shiftKey);
}

/** Why a drop is refused, or null: into what is dragged (or below it), or an alias of
 * something other than one collection. */
export function refusal(alias: boolean, aliasable: boolean, inside: boolean): string | null {
  if (alias && !aliasable) return "Only one collection at a time can have an alias";
  if (inside)
    return alias
      ? "Can't put an alias inside its own collection"
      : "Can't move a collection into itself";
  return null;
}

/** How long a closed collection must be hovered before a drop into it is accepted. */
export const HOVER_MS = 400;
/** How long until a hovered closed collection opens by itself. */
export const SPRING_MS = 1000;
/** How far the pointer must travel before a press becomes a drag. */
const SLOP = 4;

const zones = new Map<string, DropZone>();
let drag: DragState | null = null;
let picker: Picker | null = null;
const listeners = new Set<() => void>();
let hoverTimer: ReturnType<typeof setTimeout> | undefined;
let springTimer: ReturnType<typeof setTimeout> | undefined;

export function registerZone(name: string, zone: DropZone): () => void {
  zones.set(name, zone);
  return () => zones.delete(name);
}

export function subscribeDrag(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getDrag(): DragState | null {
  return drag;
}

function emit(): void {
  for (const l of listeners) l();
}

function sameTarget(a: DropTarget | null, b: DropTarget | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function update(x: number, y: number, keys: Modifiers): void {
  if (!drag) return;
  const el = document.elementFromPoint(x, y)?.closest<HTMLElement>("[data-drop-zone]");
  const name = el?.dataset.dropZone ?? null;
  const zone = name ? zones.get(name) : undefined;
  const target = zone ? zone.hitTest(x, y) : null;
  const changed = !sameTarget(target, drag.target) || name !== drag.zone;
  const alias = wantsAlias(keys);
  const inside =
    target !== null && zone !== undefined && isRefused(target, new Set(drag.ids), zone.parents());
  const why = target === null ? null : refusal(alias, drag.aliasable, inside);
  drag = {
    ...drag,
    pick: target !== null && (picker?.(target) ?? false),
    x,
    y,
    zone: name,
    target,
    refused: why !== null,
    why,
    alias,
    armed: changed ? false : drag.armed,
  };
  if (changed) {
    clearTimeout(hoverTimer);
    clearTimeout(springTimer);
    if (target?.kind === "into" && target.needsHover && why === null) {
      const armedFor = target;
      hoverTimer = setTimeout(() => {
        if (drag && sameTarget(drag.target, armedFor)) {
          drag = { ...drag, armed: true };
          emit();
        }
      }, HOVER_MS);
      springTimer = setTimeout(() => {
        if (drag && sameTarget(drag.target, armedFor)) zone?.springOpen?.(armedFor.parent);
      }, SPRING_MS);
    }
  }
  emit();
}

/** Whether the current target accepts the drop. */
export function dropAllowed(d: DragState): boolean {
  if (!d.target || d.refused) return false;
  return !(d.target.kind === "into" && d.target.needsHover && !d.armed);
}

/**
 * Starts watching a press on pearls `ids`; it becomes a drag once the pointer moves a little.
 * `onDrop` receives the accepted target, whether an alias was asked for (only ever when
 * `aliasable` says the pearls can have one), and whether the drop picks (as `picking` says for
 * the pearls chosen). Returns nothing; listeners remove themselves.
 */
export function pressForDrag(
  e: PointerEvent | { clientX: number; clientY: number; button: number },
  ids: () => number[],
  label: (n: number) => string,
  onDrop: (ids: number[], target: DropTarget, alias: boolean, pick: boolean) => void,
  aliasable: (ids: number[]) => boolean = () => false,
  picking: (ids: number[]) => Picker | null = () => null,
): void {
  if (e.button !== 0) return;
  const startX = e.clientX;
  const startY = e.clientY;
  let started = false;
  const move = (ev: PointerEvent) => {
    if (!started) {
      if (Math.hypot(ev.clientX - startX, ev.clientY - startY) < SLOP) return;
      started = true;
      const chosen = ids();
      drag = {
        ids: chosen,
        label: label(chosen.length),
        x: ev.clientX,
        y: ev.clientY,
        zone: null,
        target: null,
        refused: false,
        why: null,
        armed: false,
        alias: false,
        aliasable: aliasable(chosen),
        pick: false,
      };
      picker = picking(chosen);
      document.body.classList.add("is-dragging");
    }
    ev.preventDefault();
    update(ev.clientX, ev.clientY, ev);
  };
  const end = (ev: PointerEvent) => {
    window.removeEventListener("pointermove", move);
    window.removeEventListener("pointerup", end);
    window.removeEventListener("pointercancel", end);
    window.removeEventListener("keydown", onEscape, true);
    window.removeEventListener("keydown", onModifier, true);
    window.removeEventListener("keyup", onModifier, true);
    clearTimeout(hoverTimer);
    clearTimeout(springTimer);
    document.body.classList.remove("is-dragging");
    if (!started || !drag) return;
    if (ev.type === "pointerup") update(ev.clientX, ev.clientY, ev);
    const d: DragState = drag;
    drag = null;
    picker = null;
    emit();
    if (ev.type === "pointerup" && dropAllowed(d) && d.target)
      onDrop(d.ids, d.target, d.alias, d.pick);
    // The click that follows a drag must not select the row under the pointer.
    const swallow = (c: MouseEvent) => c.stopPropagation();
    window.addEventListener("click", swallow, { capture: true, once: true });
    setTimeout(() => window.removeEventListener("click", swallow, { capture: true }), 0);
  };
  const onEscape = (ev: KeyboardEvent) => {
    if (ev.key === "Escape" && drag) {
      ev.stopPropagation();
      drag = { ...drag, target: null };
      end(new PointerEvent("pointercancel"));
    }
  };
  // Pressing or releasing Alt, Ctrl or Shift without moving changes what the drop will do.
  const onModifier = (ev: KeyboardEvent) => {
    if (drag && ["Alt", "Control", "Shift"].includes(ev.key)) update(drag.x, drag.y, ev);
  };
  window.addEventListener("pointermove", move);
  window.addEventListener("pointerup", end);
  window.addEventListener("pointercancel", end);
  window.addEventListener("keydown", onEscape, true);
  window.addEventListener("keydown", onModifier, true);
  window.addEventListener("keyup", onModifier, true);
}
