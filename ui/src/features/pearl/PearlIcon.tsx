// A pearl's small round icon: the initial of its site or title on a colour of its own, or a
// symbol for collections, notes and sections; a link's stored favicon when it has one.

import type { TreeItem } from "../../ipc";
import { hostOf, hueOf, initialOf } from "../../lib/pearlLook";
import { useFavicon } from "../fetch/favicons";

export function PearlIcon({ pearl, size }: { pearl: TreeItem; size: number }) {
  const favicon = useFavicon(pearl.id, pearl.kind === "link");
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
  if (favicon)
    return (
      <span className="icon icon-favicon" style={style} aria-hidden>
        <img src={favicon} alt="" width={size} height={size} />
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
