// Nacre's own right-click menu: on every pearl, the tree, the open collection and the trash,
// instead of the web view's (Back, Forward, Reload), which never appears. Text fields keep the
// system's menu (cut, copy, paste). Driven by the keyboard too: arrows, Home, End, Enter,
// Escape; the Menu key or Shift+F10 opens it on the focused pearl.

import { useEffect, useLayoutEffect, useRef, useState } from "react";
import * as act from "../../state/actions";
import { getState, type MenuTarget, useStore } from "../../state/store";
import { menuFor } from "./menuItems";

function typingIn(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))
  );
}

/** What a right-click at `el` is about, or null for a place without a menu (the top bar). */
export function targetAt(el: HTMLElement): MenuTarget | null {
  const trashRow = el.closest<HTMLElement>(".trash-row[data-pearl-id]");
  if (trashRow) return { kind: "trashPearl", id: Number(trashRow.dataset.pearlId) };
  if (el.closest('[aria-label="Trash"]')) return { kind: "trash" };
  const treeRow = el.closest<HTMLElement>('[role="treeitem"][data-id]');
  if (treeRow) return { kind: "pearl", id: Number(treeRow.dataset.id) };
  const pearl = el.closest<HTMLElement>("[data-pearl-id]");
  if (pearl) return { kind: "pearl", id: Number(pearl.dataset.pearlId) };
  if (el.closest('[aria-label="Open collection"]')) {
    const open = getState().open;
    return open === null ? null : { kind: "collectionView", id: open };
  }
  if (el.closest(".sidebar")) return { kind: "tree" };
  return null;
}

/** Opens the menu where the pointer is (or beside the focused pearl, from the keyboard). */
function installMenuEvents(): () => void {
  const onContextMenu = (e: MouseEvent) => {
    if (typingIn(e.target)) return;
    e.preventDefault();
    if (!(e.target instanceof HTMLElement)) return;
    const target = targetAt(e.target);
    if (!target) return;
    if (target.kind === "pearl" && !getState().selection.has(target.id))
      act.select([target.id], target.id);
    act.openMenu({ x: e.clientX, y: e.clientY, target });
  };
  const onKey = (e: KeyboardEvent) => {
    if (typingIn(e.target)) return;
    if (e.key !== "ContextMenu" && !(e.shiftKey && e.key === "F10")) return;
    const focus = getState().focus;
    if (focus === null) return;
    e.preventDefault();
    const el = document.querySelector(`[data-pearl-id="${focus}"], #pearl-${focus}`);
    const r = el?.getBoundingClientRect();
    act.openMenu({
      x: r ? r.left + 24 : 100,
      y: r ? r.bottom : 100,
      target: { kind: "pearl", id: focus },
    });
  };
  window.addEventListener("contextmenu", onContextMenu);
  window.addEventListener("keydown", onKey);
  return () => {
    window.removeEventListener("contextmenu", onContextMenu);
    window.removeEventListener("keydown", onKey);
  };
}

export function ContextMenu() {
  useEffect(installMenuEvents, []);
  const menu = useStore((s) => s.menu);
  const box = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<{ left: number; top: number } | null>(null);
  const groups = menu ? menuFor(menu.target) : [];

  // Keep the menu inside the window, then focus its first item.
  useLayoutEffect(() => {
    const el = box.current;
    if (!menu || !el) {
      setPlace(null);
      return;
    }
    const r = el.getBoundingClientRect();
    setPlace({
      left: Math.max(4, Math.min(menu.x, window.innerWidth - r.width - 4)),
      top: Math.max(4, Math.min(menu.y, window.innerHeight - r.height - 4)),
    });
    el.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [menu]);

  if (!menu || groups.length === 0) return null;
  const items = () => [...(box.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  const onKeyDown = (e: React.KeyboardEvent) => {
    const all = items();
    const i = all.indexOf(document.activeElement as HTMLElement);
    const go = (j: number) => all[(j + all.length) % all.length]?.focus();
    if (e.key === "ArrowDown") go(i + 1);
    else if (e.key === "ArrowUp") go(i - 1);
    else if (e.key === "Home") go(0);
    else if (e.key === "End") go(all.length - 1);
    else if (e.key === "Escape" || e.key === "Tab") act.closeMenu();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div
      className="menu-backdrop"
      role="presentation"
      onPointerDown={(e) => {
        if (e.target === e.currentTarget) act.closeMenu();
      }}
      onContextMenu={(e) => {
        e.preventDefault();
        act.closeMenu();
      }}
    >
      <div
        ref={box}
        className="menu"
        role="menu"
        aria-label="Pearl menu"
        style={place ?? { left: menu.x, top: menu.y, visibility: "hidden" }}
        onKeyDown={onKeyDown}
      >
        {groups.map((g, gi) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: groups are a fixed list for one opening
          <div key={gi} className="menu-group" role="group">
            {g.map((item) => (
              <button
                key={item.label}
                type="button"
                role="menuitem"
                className={item.danger ? "danger" : undefined}
                onClick={() => {
                  act.closeMenu();
                  item.run();
                }}
              >
                <span>{item.label}</span>
                {item.keys ? <kbd>{item.keys}</kbd> : null}
              </button>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
