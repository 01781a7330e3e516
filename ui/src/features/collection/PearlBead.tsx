// One pearl in the pearls view: a round pearl with its initial (or a collection's count) and
// its title underneath; a section is drawn as what it is, a divider with its heading that
// starts a new row. A pearl being named (or a note being typed) shows its field in place.

import { memo } from "react";
import type { TreeItem } from "../../ipc";
import { hostOf, hueOf, initialOf, leadingEmoji, titleOf } from "../../lib/pearlLook";
import { useFavicon } from "../fetch/favicons";
import { RenameField } from "../pearl/RenameField";

interface Props {
  pearl: TreeItem;
  selected: boolean;
  renaming: boolean;
  onPointerDown: (e: React.PointerEvent, p: TreeItem) => void;
  onClick: (e: React.MouseEvent, p: TreeItem) => void;
  onOpen: (p: TreeItem) => void;
  onRename: (id: number, text: string | null) => void;
}

export const PearlBead = memo(function PearlBead({
  pearl,
  selected,
  renaming,
  onPointerDown,
  onClick,
  onOpen,
  onRename,
}: Props) {
  const hue = hueOf(hostOf(pearl.url ?? "") || pearl.title);
  const favicon = useFavicon(pearl.id, pearl.kind === "link");
  const field = renaming ? (
    <RenameField
      initial={pearl.kind === "note" ? pearl.note : pearl.title}
      multiline={pearl.kind === "note"}
      onDone={(t) => onRename(pearl.id, t)}
    />
  ) : null;
  const events = {
    "data-pearl-id": pearl.id,
    "data-kind": pearl.kind,
    onPointerDown: (e: React.PointerEvent) => onPointerDown(e, pearl),
    onClick: (e: React.MouseEvent) => onClick(e, pearl),
    onDoubleClick: () => onOpen(pearl),
  };
  if (pearl.kind === "section")
    return (
      <div className={`bead-divider${selected ? " selected" : ""}`} {...events}>
        {field ?? <span className="divider-title">{titleOf(pearl)}</span>}
        <span className="divider-rule" aria-hidden />
      </div>
    );
  const face =
    pearl.kind === "collection" ? (
      leadingEmoji(pearl.title) ? (
        <span className="bead-emoji">{leadingEmoji(pearl.title)}</span>
      ) : (
        <span className="bead-count">{pearl.childCount}</span>
      )
    ) : pearl.kind === "note" ? (
      "✎"
    ) : favicon ? (
      <img className="bead-favicon" src={favicon} alt="" />
    ) : (
      initialOf(pearl)
    );
  return (
    <div className={`bead kind-${pearl.kind}${selected ? " selected" : ""}`} {...events}>
      <div className="bead-stem" aria-hidden />
      <div
        className="bead-ball"
        style={pearl.kind === "link" ? { ["--hue" as string]: String(hue) } : undefined}
      >
        {face}
      </div>
      {field ?? <div className="bead-title">{titleOf(pearl)}</div>}
    </div>
  );
});
