// One row of the tree: its indent, a twisty for collections, an icon and the title (or an
// inline rename field). Memoised on plain props so that only rows whose own state changes
// re-render.

import { memo } from "react";
import { countRowRender } from "../../lib/perf";
import type { Row } from "../../lib/treeRows";
import { PearlIcon } from "../pearl/PearlIcon";
import { RenameField } from "../pearl/RenameField";

interface Props {
  row: Row;
  top: number;
  height: number;
  selected: boolean;
  /** Cut with Ctrl+X, waiting to be pasted elsewhere: shown faded. */
  cut: boolean;
  focused: boolean;
  expanded: boolean;
  renaming: boolean;
  onPointerDown: (e: React.PointerEvent, row: Row) => void;
  onClick: (e: React.MouseEvent, row: Row) => void;
  onToggle: (row: Row) => void;
  /** The pointer came to rest on a closed collection: its pearls may be read ahead. */
  onHover: (row: Row) => void;
  onRename: (id: number, title: string | null) => void;
  /** Double-click: a collection opens in the middle (and expands). */
  onOpen: (row: Row) => void;
}

export const PearlRow = memo(function PearlRow(props: Props) {
  countRowRender();
  const { row, top, height, selected, cut, focused, expanded, renaming } = props;
  const p = row.pearl;
  const isCollection = p.kind === "collection";
  const title = p.title || p.url || (p.kind === "note" ? p.note.split("\n")[0] : "") || "Untitled";
  return (
    <div
      role="treeitem"
      id={`pearl-${p.id}`}
      aria-level={row.depth + 1}
      aria-selected={selected}
      aria-expanded={isCollection ? expanded : undefined}
      data-id={p.id}
      data-kind={p.kind}
      className={`tree-row kind-${p.kind}${selected ? " selected" : ""}${focused ? " focused" : ""}${cut ? " cut" : ""}`}
      style={{ top, height, paddingLeft: 8 + row.depth * 16 }}
      onPointerEnter={isCollection && !expanded ? () => props.onHover(row) : undefined}
      onPointerDown={(e) => props.onPointerDown(e, row)}
      onClick={(e) => props.onClick(e, row)}
      onDoubleClick={() => props.onOpen(row)}
    >
      <span
        className={`twisty${isCollection ? "" : " none"}${expanded ? " open" : ""}`}
        onClick={(e) => {
          e.stopPropagation();
          props.onToggle(row);
        }}
        onPointerDown={(e) => e.stopPropagation()}
        aria-hidden
      >
        {isCollection ? "▸" : ""}
      </span>
      <PearlIcon pearl={p} size={18} />
      {renaming ? (
        <RenameField
          initial={p.kind === "note" ? p.note : p.title}
          onDone={(t) => props.onRename(p.id, t)}
        />
      ) : (
        <span className="tree-title">{title}</span>
      )}
      {isCollection && p.childCount > 0 ? <span className="tree-count">{p.childCount}</span> : null}
    </div>
  );
});
