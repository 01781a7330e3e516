// A pearl's small round icon: the initial of its site or title on a colour of its own, or a
// symbol for collections, notes and sections. (Favicons arrive with page fetching.)

import type { TreeItem } from "../../ipc";
import { hostOf, hueOf, initialOf } from "../../lib/pearlLook";

export function PearlIcon({ pearl, size }: { pearl: TreeItem; size: number }) {
  const style = { width: size, height: size, fontSize: size * 0.55 };
  if (pearl.kind === "collection")
    return <span className="icon icon-collection" style={style} aria-hidden />;
  if (pearl.kind === "note")
    return (
      <span className="icon icon-note" style={style} aria-hidden>
        ✎
      </span>
    );
  if (pearl.kind === "section")
    return (
      <span className="icon icon-section" style={style} aria-hidden>
        §
      </span>
    );
  if (pearl.kind === "alias")
    return (
      <span className="icon icon-alias" style={style} aria-hidden>
        ↪
      </span>
    );
  const key = hostOf(pearl.url ?? "") || pearl.title;
  return (
    <span
      className="icon icon-link"
      style={{ ...style, background: `hsl(${hueOf(key)} 55% 48%)` }}
      aria-hidden
    >
      {initialOf(pearl)}
    </span>
  );
}
