// The tree of collections and pearls: virtualised (only the rows in view are in the page),
// with expand and collapse, multi-select, inline rename, keyboard navigation, and dragging.

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { pressForDrag, registerZone } from "../../lib/drag";
import { treeDrop } from "../../lib/dropGeometry";
import { perfMark } from "../../lib/perf";
import { inShownOrder, type Row, rangeBetween, topmostOnly, visibleRows } from "../../lib/treeRows";
import * as act from "../../state/actions";
import * as pick from "../../state/picking";
import { getState, loadedParents, setState, useStore } from "../../state/store";
import { DropMarker } from "./DropMarker";
import { PearlRow } from "./PearlRow";

export const ROW_HEIGHT = 28;
const OVERSCAN = 8;

export function PearlTree() {
  const root = useStore((s) => s.info?.root ?? null);
  const inbox = useStore((s) => s.info?.inbox ?? null);
  const children = useStore((s) => s.children);
  const expanded = useStore((s) => s.expanded);
  const selection = useStore((s) => s.selection);
  const cut = useStore((s) => s.cut);
  const focus = useStore((s) => s.focus);
  const renaming = useStore((s) => s.renaming);
  // A pearl shown in the middle too is named there, not in the tree.
  const open = useStore((s) => (s.trashOpen ? null : s.open));
  const revealSerial = useStore((s) => s.revealSerial);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  const rows = useMemo(
    () => (root === null ? [] : visibleRows(root, children, expanded)),
    [root, children, expanded],
  );
  const rowsRef = useRef(rows);
  rowsRef.current = rows;

  useLayoutEffect(() => {
    perfMark("tree-rendered", rows.length);
  }, [rows]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  // Scroll the focused row into view when asked (reveal, keyboard).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when a reveal is asked for
  useEffect(() => {
    const el = scroller.current;
    const i = rowsRef.current.findIndex((r) => r.pearl.id === getState().focus);
    if (!el || i < 0) return;
    const top = i * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight)
      el.scrollTop = top - el.clientHeight / 2;
  }, [revealSerial, rows]);

  useEffect(
    () =>
      registerZone("tree", {
        hitTest: (_x, y) => {
          const el = scroller.current;
          if (!el || root === null) return null;
          const rect = el.getBoundingClientRect();
          return treeDrop(
            { rows: rowsRef.current, rowHeight: ROW_HEIGHT, root, expanded: getState().expanded },
            y - rect.top + el.scrollTop,
          );
        },
        parents: loadedParents,
        springOpen: (id) => void act.expand(id, true),
      }),
    [root],
  );

  const onToggle = useCallback((row: Row) => {
    void act.expand(row.pearl.id, !getState().expanded.has(row.pearl.id));
  }, []);

  const onHover = useCallback((row: Row) => act.readAheadChildren(row.pearl.id), []);

  const onOpen = useCallback((row: Row) => {
    if (row.pearl.kind === "collection") {
      void act.openCollection(row.pearl.id);
      void act.expand(row.pearl.id, true);
    } else if (row.pearl.kind === "alias") void act.followAlias(row.pearl.id);
    else if (row.pearl.kind === "note") setState({ renaming: row.pearl.id });
  }, []);

  const onClick = useCallback((e: React.MouseEvent, row: Row) => {
    const id = row.pearl.id;
    const s = getState();
    if (e.shiftKey && s.anchor !== null) {
      act.select(rangeBetween(rowsRef.current, s.anchor, id), id, s.anchor);
    } else if (e.ctrlKey || e.metaKey) {
      const next = new Set(s.selection);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      act.select([...next], id);
    } else {
      act.select([id], id);
      void act.openCollection(row.pearl.kind === "collection" ? id : row.parentId);
    }
    scroller.current?.focus({ preventScroll: true });
  }, []);

  const onPointerDown = useCallback((e: React.PointerEvent, row: Row) => {
    if (getState().renaming !== null) return;
    pressForDrag(
      e.nativeEvent,
      () => {
        const sel = getState().selection;
        const ids = sel.has(row.pearl.id) ? sel : new Set([row.pearl.id]);
        return topmostOnly(inShownOrder(rowsRef.current, ids), loadedParents());
      },
      (n) => (n === 1 ? row.pearl.title || row.pearl.url || "1 pearl" : `${n} pearls`),
      pick.dropOrPick,
      act.aliasable,
      pick.pickerFor,
    );
  }, []);

  const onRename = useCallback((id: number, title: string | null) => {
    if (title === null) setState({ renaming: null });
    else void act.rename(id, title);
    scroller.current?.focus({ preventScroll: true });
  }, []);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const s = getState();
    const i = rows.findIndex((r) => r.pearl.id === s.focus);
    const row = rows[i];
    const go = (j: number) => {
      const to = rows[Math.max(0, Math.min(rows.length - 1, j))];
      if (!to) return;
      if (e.shiftKey && s.anchor !== null)
        act.select(rangeBetween(rows, s.anchor, to.pearl.id), to.pearl.id, s.anchor);
      else act.select([to.pearl.id], to.pearl.id);
      setState((st) => ({ revealSerial: st.revealSerial + 1 }));
    };
    switch (e.key) {
      case "ArrowDown":
        go(i + 1);
        break;
      case "ArrowUp":
        go(i < 0 ? 0 : i - 1);
        break;
      case "Home":
        go(0);
        break;
      case "End":
        go(rows.length - 1);
        break;
      case "PageDown":
        go(i + Math.floor(height / ROW_HEIGHT));
        break;
      case "PageUp":
        go(i - Math.floor(height / ROW_HEIGHT));
        break;
      case "ArrowRight":
        if (row?.pearl.kind === "collection") {
          if (!s.expanded.has(row.pearl.id)) void act.expand(row.pearl.id, true);
          else go(i + 1);
        }
        break;
      case "ArrowLeft":
        if (row && row.pearl.kind === "collection" && s.expanded.has(row.pearl.id))
          void act.expand(row.pearl.id, false);
        else if (row) go(rows.findIndex((r) => r.pearl.id === row.parentId));
        break;
      case "Enter":
        if (row?.pearl.kind === "alias") void act.followAlias(row.pearl.id);
        else if (row)
          void act.openCollection(row.pearl.kind === "collection" ? row.pearl.id : row.parentId);
        break;
      case "F2":
        if (row) setState({ renaming: row.pearl.id });
        break;
      case "a":
        if (e.ctrlKey || e.metaKey)
          act.select(
            rows.map((r) => r.pearl.id),
            s.focus,
          );
        else return;
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const shown = rows.slice(first, last);

  return (
    <div
      ref={scroller}
      className="tree"
      role="tree"
      aria-label="Collections and pearls"
      aria-multiselectable
      aria-activedescendant={focus === null ? undefined : `pearl-${focus}`}
      tabIndex={0}
      data-drop-zone="tree"
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div className="tree-inner" style={{ height: rows.length * ROW_HEIGHT + ROW_HEIGHT * 2 }}>
        {shown.map((row, k) => (
          <PearlRow
            key={row.pearl.id}
            row={row}
            top={(first + k) * ROW_HEIGHT}
            height={ROW_HEIGHT}
            selected={selection.has(row.pearl.id)}
            cut={cut?.has(row.pearl.id) ?? false}
            focused={focus === row.pearl.id}
            expanded={expanded.has(row.pearl.id)}
            renaming={renaming === row.pearl.id && row.parentId !== open}
            onPointerDown={onPointerDown}
            onClick={onClick}
            onToggle={onToggle}
            onHover={onHover}
            onRename={onRename}
            onOpen={onOpen}
          />
        ))}
        <DropMarker zone="tree" rowHeight={ROW_HEIGHT} />
      </div>
      {/* An empty library: said here only while the middle shows something else than the
          first screen, which says it better. */}
      {root !== null &&
      open !== root &&
      rows.every((r) => r.pearl.id === inbox && r.pearl.childCount === 0) ? (
        <div className="empty-tree">
          <p>Your library is empty.</p>
          <p>
            Bring your bookmarks in (<kbd>Ctrl</kbd>+<kbd>O</kbd>), make a collection (
            <kbd>Ctrl</kbd>+<kbd>N</kbd>) or paste a link (<kbd>Ctrl</kbd>+<kbd>V</kbd>).
          </p>
        </div>
      ) : null}
    </div>
  );
}
