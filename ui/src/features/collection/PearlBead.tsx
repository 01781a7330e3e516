// One pearl in the pearls view: a round pearl with its initial (or a collection's count) and
// its title underneath.

import { memo } from "react";
import type { TreeItem } from "../../ipc";
import { hostOf, hueOf, initialOf, titleOf } from "../../lib/pearlLook";
import { useFavicon } from "../fetch/favicons";

interface Props {
  pearl: TreeItem;
  selected: boolean;
  onPointerDown: (e: React.PointerEvent, p: TreeItem) => void;
  onClick: (e: React.MouseEvent, p: TreeItem) => void;
  onOpen: (p: TreeItem) => void;
}

export const PearlBead = memo(function PearlBead({
  pearl,
  selected,
  onPointerDown,
  onClick,
  onOpen,
}: Props) {
  const hue = hueOf(hostOf(pearl.url ?? "") || pearl.title);
  const favicon = useFavicon(pearl.id, pearl.kind === "link");
  const face =
    pearl.kind === "collection" ? (
      <span className="bead-count">{pearl.childCount}</span>
    ) : pearl.kind === "note" ? (
      "✎"
    ) : pearl.kind === "section" ? (
      "§"
    ) : favicon ? (
      <img className="bead-favicon" src={favicon} alt="" />
    ) : (
      initialOf(pearl)
    );
  return (
    <div
      className={`bead kind-${pearl.kind}${selected ? " selected" : ""}`}
      data-pearl-id={pearl.id}
      data-kind={pearl.kind}
      onPointerDown={(e) => onPointerDown(e, pearl)}
      onClick={(e) => onClick(e, pearl)}
      onDoubleClick={() => onOpen(pearl)}
      title={pearl.url ?? titleOf(pearl)}
    >
      <div className="bead-stem" aria-hidden />
      <div
        className="bead-ball"
        style={pearl.kind === "link" ? { ["--hue" as string]: String(hue) } : undefined}
      >
        {face}
      </div>
      <div className="bead-title">{titleOf(pearl)}</div>
    </div>
  );
});
