// The open collection in the middle: a header with its path and what can be added, then its
// pearls as a list or as the Pearltrees picture of round pearls on a branch. Both can be
// dragged to reorder, or onto a collection pearl to move into it.

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { openInBrowser, type SortBy, type TreeItem } from "../../ipc";
import { pressForDrag, registerZone } from "../../lib/drag";
import { type Box, pearlsDrop, treeDrop } from "../../lib/dropGeometry";
import { plural } from "../../lib/io";
import { titleOf } from "../../lib/pearlLook";
import type { Row } from "../../lib/treeRows";
import * as act from "../../state/actions";
import * as pick from "../../state/picking";
import { findPearl, getState, loadedParents, setState, useStore } from "../../state/store";
import { PearlIcon } from "../pearl/PearlIcon";
import { RenameField } from "../pearl/RenameField";
import { DropMarker } from "../tree/DropMarker";
import { Welcome } from "../welcome/Welcome";
import { Breadcrumb } from "./Breadcrumb";
import { PearlBead } from "./PearlBead";
import { PearlsMarker } from "./PearlsMarker";

const LIST_ROW = 36;
/** The pearls view draws at most this many pearls; the list (virtualised) shows them all. */
const MAX_BEADS = 400;
const OVERSCAN = 8;
const NONE: readonly TreeItem[] = [];

export function CollectionView() {
  const open = useStore((s) => s.open);
  const rootId = useStore((s) => s.info?.root ?? null);
  const inbox = useStore((s) => s.info?.inbox ?? null);
  const pearls = useStore((s) => (s.open === null ? NONE : (s.children.get(s.open) ?? NONE)));
  const collection = useStore((s) => (s.open === null ? undefined : findPearl(s, s.open)));
  const view = useStore((s) => s.view);
  const selection = useStore((s) => s.selection);
  const renaming = useStore((s) => s.renaming);
  const body = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(800);
  useEffect(() => {
    const el = body.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  // A newly opened collection starts at its top.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when another collection opens
  useEffect(() => {
    if (body.current) body.current.scrollTop = 0;
    setScrollTop(0);
  }, [open]);
  const rows: Row[] = useMemo(
    () =>
      open === null
        ? []
        : pearls.map((pearl, index) => ({ pearl, depth: 0, parentId: open, index })),
    [pearls, open],
  );
  const rowsRef = useRef(rows);
  rowsRef.current = rows;

  useEffect(() => {
    if (open === null) return;
    return registerZone(view, {
      hitTest: (x, y) => {
        const el = body.current;
        if (!el) return null;
        if (view === "list") {
          const rect = el.getBoundingClientRect();
          const t = treeDrop(
            { rows: rowsRef.current, rowHeight: LIST_ROW, root: open, expanded: new Set() },
            y - rect.top + el.scrollTop,
          );
          // In the list every collection is closed, but it is in plain sight: no hover needed.
          return t.kind === "into" ? { ...t, needsHover: false } : t;
        }
        return pearlsDrop(pearlBoxes(el), open, x, y);
      },
      parents: loadedParents,
    });
  }, [open, view]);

  const onPointerDown = useCallback(
    (e: React.PointerEvent, pearl: TreeItem) => {
      if (open === null) return;
      pressForDrag(
        e.nativeEvent,
        () => {
          const sel = getState().selection;
          return sel.has(pearl.id)
            ? rowsRef.current.filter((r) => sel.has(r.pearl.id)).map((r) => r.pearl.id)
            : [pearl.id];
        },
        (n) => (n === 1 ? titleOf(pearl) : `${n} pearls`),
        pick.dropOrPick,
        act.aliasable,
        pick.pickerFor,
      );
    },
    [open],
  );

  const onClick = useCallback((e: React.MouseEvent, pearl: TreeItem) => {
    const s = getState();
    if (e.ctrlKey || e.metaKey) {
      const next = new Set(s.selection);
      if (next.has(pearl.id)) next.delete(pearl.id);
      else next.add(pearl.id);
      act.select([...next], pearl.id);
    } else {
      act.select([pearl.id], pearl.id);
    }
  }, []);

  const onOpen = useCallback((pearl: TreeItem) => {
    if (pearl.kind === "collection") void act.openCollection(pearl.id);
    else if (pearl.kind === "alias") void act.followAlias(pearl.id);
    else if (pearl.kind === "note" || pearl.kind === "section") setState({ renaming: pearl.id });
    else if (pearl.url) void openInBrowser(pearl.url);
  }, []);

  const onRename = useCallback((id: number, text: string | null) => {
    if (text === null) setState({ renaming: null });
    else void act.rename(id, text);
  }, []);

  if (open === null) return <section className="middle" />;
  const title = open === rootId ? "My pearls" : collection ? titleOf(collection) : "Collection";
  const empty = pearls.length === 0;
  // An empty library: nothing at the top but the built-in collections (the Inbox), empty.
  const welcome = open === rootId && pearls.every((p) => p.id === inbox && p.childCount === 0);
  return (
    <section className="middle" aria-label="Open collection">
      <header className="middle-head">
        <div className="crumbs">
          {rootId !== null ? <Breadcrumb open={open} root={rootId} /> : null}
          <div className="title-line">
            {renaming === open && open !== rootId ? (
              <RenameField initial={title} onDone={(t) => onRename(open, t)} />
            ) : (
              <h1 data-testid="open-title" title={title}>
                {title}
              </h1>
            )}
            <span className="muted pearl-count">{plural(pearls.length, "pearl", "pearls")}</span>
          </div>
        </div>
        <div className="toolbar">
          {pearls.length > 1 ? (
            <select
              className="sort-menu"
              aria-label="Sort"
              value=""
              onChange={(e) => {
                const by = e.target.value as SortBy;
                if (by) void act.sortCollection(open, by, title);
              }}
            >
              <option value="" disabled>
                Sort…
              </option>
              <option value="title">By title</option>
              <option value="newest">Newest first</option>
              <option value="site">By site</option>
            </select>
          ) : null}
          <div className="segmented" role="group" aria-label="View">
            <button
              type="button"
              aria-pressed={view === "pearls"}
              onClick={() => setState({ view: "pearls" })}
            >
              Pearls
            </button>
            <button
              type="button"
              aria-pressed={view === "list"}
              onClick={() => setState({ view: "list" })}
            >
              List
            </button>
          </div>
        </div>
      </header>
      <div
        ref={body}
        className={`middle-body view-${view}`}
        data-drop-zone={view}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        {welcome ? (
          <Welcome />
        ) : empty ? (
          <div className="empty">
            <div className="empty-pearl" aria-hidden />
            <p className="empty-title">This collection is empty</p>
            <p>
              Paste a link with <kbd>Ctrl</kbd>+<kbd>V</kbd>, drop one from your browser, or drag
              pearls here from the tree.
            </p>
            <p className="muted">
              New collection <kbd>Ctrl</kbd>+<kbd>N</kbd> · note <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+
              <kbd>N</kbd> · section <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>S</kbd>
            </p>
          </div>
        ) : view === "list" ? (
          <div className="list" style={{ height: pearls.length * LIST_ROW + LIST_ROW }}>
            {rows
              .slice(
                Math.max(0, Math.floor(scrollTop / LIST_ROW) - OVERSCAN),
                Math.ceil((scrollTop + height) / LIST_ROW) + OVERSCAN,
              )
              .map((r) => (
                <div
                  key={r.pearl.id}
                  className={`list-row kind-${r.pearl.kind}${selection.has(r.pearl.id) ? " selected" : ""}`}
                  data-pearl-id={r.pearl.id}
                  style={{ top: r.index * LIST_ROW, height: LIST_ROW }}
                  onPointerDown={(e) => onPointerDown(e, r.pearl)}
                  onClick={(e) => onClick(e, r.pearl)}
                  onDoubleClick={() => onOpen(r.pearl)}
                >
                  <PearlIcon pearl={r.pearl} size={22} />
                  {renaming === r.pearl.id ? (
                    <RenameField
                      initial={r.pearl.kind === "note" ? r.pearl.note : r.pearl.title}
                      onDone={(t) => onRename(r.pearl.id, t)}
                    />
                  ) : (
                    <span className="list-title">{titleOf(r.pearl)}</span>
                  )}
                  <span className="list-url muted">
                    {r.pearl.kind === "collection"
                      ? plural(r.pearl.childCount, "pearl", "pearls")
                      : (r.pearl.url ?? "")}
                  </span>
                </div>
              ))}
            <DropMarker zone="list" rowHeight={LIST_ROW} />
          </div>
        ) : (
          <div className="branch">
            {pearls.slice(0, MAX_BEADS).map((p) => (
              <PearlBead
                key={p.id}
                pearl={p}
                selected={selection.has(p.id)}
                renaming={renaming === p.id}
                onPointerDown={onPointerDown}
                onClick={onClick}
                onOpen={onOpen}
                onRename={onRename}
              />
            ))}
            <PearlsMarker container={body} />
            {pearls.length > MAX_BEADS ? (
              <p className="more muted">
                Showing the first {MAX_BEADS} of {pearls.length} pearls.{" "}
                <button type="button" onClick={() => setState({ view: "list" })}>
                  See them all as a list
                </button>
              </p>
            ) : null}
          </div>
        )}
      </div>
    </section>
  );
}

/** The boxes of the pearls shown in the pearls view, in order. */
function pearlBoxes(el: HTMLElement): Box[] {
  return [...el.querySelectorAll<HTMLElement>("[data-pearl-id]")].map((node) => {
    const r = node.getBoundingClientRect();
    return {
      id: Number(node.dataset.pearlId),
      isCollection: node.dataset.kind === "collection",
      left: r.left,
      top: r.top,
      width: r.width,
      height: r.height,
    };
  });
}
