// The bar on top: the brand, the search field, the sync status (when the library syncs), and
// the actions of TOP_ACTIONS: as many as the window's width holds, the rest in a "More" menu,
// so every action stays reachable at the smallest window size (720×480).

import { useLayoutEffect, useRef, useState } from "react";
import { SearchBox } from "../search/SearchBox";
import { SyncBadge } from "../sync/SyncBadge";
import { actionsThatFit, TOP_ACTIONS, type TopAction } from "./topActions";

/** The search field keeps at least this much room before any action folds. */
const SEARCH_ROOM = 200;
const GAP = 8;
const MORE_WIDTH = 40;

function ActionButton({ a, sep, measuring }: { a: TopAction; sep: boolean; measuring?: boolean }) {
  return (
    <span className="act-slot">
      {sep ? <span className="sep" /> : null}
      <button
        type="button"
        className={a.icon ? "icon-btn" : undefined}
        onClick={a.run}
        title={a.title}
        aria-label={a.icon ? a.label : undefined}
        data-action={measuring ? undefined : a.id}
        tabIndex={measuring ? -1 : undefined}
      >
        {a.icon ?? a.label}
      </button>
    </span>
  );
}

export function TopBar() {
  const bar = useRef<HTMLElement>(null);
  const brand = useRef<HTMLDivElement>(null);
  const badge = useRef<HTMLButtonElement>(null);
  const measure = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState<readonly number[]>(() => TOP_ACTIONS.map((_, i) => i));
  const [moreOpen, setMoreOpen] = useState(false);

  useLayoutEffect(() => {
    const el = bar.current;
    if (!el) return;
    const compute = () => {
      const slots = [...(measure.current?.children ?? [])] as HTMLElement[];
      const widths = slots.map((s) => s.getBoundingClientRect().width);
      const style = getComputedStyle(el);
      const padding = Number.parseFloat(style.paddingLeft) + Number.parseFloat(style.paddingRight);
      const gap = Number.parseFloat(style.columnGap || "16");
      const badgeWidth = badge.current ? badge.current.offsetWidth + gap : 0;
      const room =
        el.clientWidth -
        padding -
        2 * gap -
        (brand.current?.offsetWidth ?? 0) -
        badgeWidth -
        SEARCH_ROOM;
      const priorities = TOP_ACTIONS.map((a) => a.priority);
      const next = actionsThatFit(widths, priorities, room, MORE_WIDTH, GAP);
      setShown((old) => (old.join() === next.join() ? old : next));
    };
    const ro = new ResizeObserver(compute);
    ro.observe(el);
    // The sync status comes and goes, and its words change width.
    const watchBadge = new MutationObserver(() => {
      if (badge.current) ro.observe(badge.current);
      compute();
    });
    watchBadge.observe(el, { childList: true });
    if (badge.current) ro.observe(badge.current);
    compute();
    return () => {
      ro.disconnect();
      watchBadge.disconnect();
    };
  }, []);

  const onBar = shown.map((i) => TOP_ACTIONS[i]).filter((a): a is TopAction => a !== undefined);
  const folded = TOP_ACTIONS.filter((_, i) => !shown.includes(i));
  return (
    <header className="topbar" ref={bar}>
      <div className="brand" ref={brand}>
        <img src="/pearl.svg" alt="" width={22} height={22} />
        <span>Nacre</span>
      </div>
      <SearchBox />
      <SyncBadge ref={badge} />
      <div className="actions" data-testid="top-actions">
        {onBar.map((a, i) => (
          <ActionButton key={a.id} a={a} sep={i > 0 && onBar[i - 1]?.group !== a.group} />
        ))}
        {folded.length > 0 ? (
          <span className="act-slot more-slot">
            <button
              type="button"
              className="icon-btn"
              aria-label="More actions"
              aria-haspopup="menu"
              aria-expanded={moreOpen}
              title="More actions"
              data-action="more"
              onClick={() => setMoreOpen((o) => !o)}
            >
              ⋯
            </button>
            {moreOpen ? <MoreMenu actions={folded} onClose={() => setMoreOpen(false)} /> : null}
          </span>
        ) : null}
      </div>
      {/* The actions as they would be drawn, measured to know how many fit. */}
      <div className="actions actions-measure" ref={measure} aria-hidden>
        {TOP_ACTIONS.map((a, i) => (
          <ActionButton
            key={a.id}
            a={a}
            sep={i > 0 && TOP_ACTIONS[i - 1]?.group !== a.group}
            measuring
          />
        ))}
      </div>
    </header>
  );
}

function MoreMenu({ actions, onClose }: { actions: readonly TopAction[]; onClose: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    box.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const away = (e: PointerEvent) => {
      if (!(e.target instanceof Node) || !box.current?.parentElement?.contains(e.target)) onClose();
    };
    window.addEventListener("pointerdown", away);
    return () => window.removeEventListener("pointerdown", away);
  }, [onClose]);
  return (
    <div
      ref={box}
      className="menu more-menu"
      role="menu"
      aria-label="More actions"
      onKeyDown={(e) => {
        const all = [...(box.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
        const i = all.indexOf(document.activeElement as HTMLElement);
        if (e.key === "ArrowDown") all[(i + 1) % all.length]?.focus();
        else if (e.key === "ArrowUp") all[(i - 1 + all.length) % all.length]?.focus();
        else if (e.key === "Escape") onClose();
        else return;
        e.preventDefault();
        e.stopPropagation();
      }}
    >
      {actions.map((a) => (
        <button
          key={a.id}
          type="button"
          role="menuitem"
          data-action={a.id}
          title={a.title}
          onClick={() => {
            onClose();
            a.run();
          }}
        >
          <span>{a.label}</span>
        </button>
      ))}
    </div>
  );
}
