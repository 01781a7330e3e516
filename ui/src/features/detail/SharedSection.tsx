// Where a pearl came from and where else it stands: the provenance of a branch imported from a
// shared tree ("From “Révolution” by M. Durand, CC BY 4.0, 3 Dec 2026", also on every pearl
// picked from one), the other places
// holding a link's page with their tree and curator, and the imported trees sharing the most
// links with a collection.

import { useEffect, useState } from "react";
import { type Pearl, pearlRelations, type Relations } from "../../ipc";
import { dateText } from "../../lib/dates";
import * as act from "../../state/actions";

export function SharedSection({ pearl }: { pearl: Pearl }) {
  const [relations, setRelations] = useState<Relations | null>(null);
  useEffect(() => {
    let current = true;
    if (pearl.kind !== "link" && pearl.kind !== "collection") return;
    pearlRelations(pearl.id)
      .then((r) => {
        if (current) setRelations(r);
      })
      .catch(() => {});
    return () => {
      current = false;
    };
  }, [pearl]);
  const provenance = pearl.provenance;
  const others = relations?.otherPlaces ?? [];
  const similar = relations?.similarTrees ?? [];
  if (!provenance && others.length === 0 && similar.length === 0) return null;
  return (
    <div className="field shared-info" data-testid="shared-info">
      {provenance ? (
        <>
          <span>
            {provenance.pickedAt === undefined ? "Shared tree" : "Picked from a shared tree"}
          </span>
          <p data-testid="provenance">{provenance.summary}</p>
          {provenance.pickedAt === undefined ? null : (
            <p className="muted" data-testid="picked">
              Yours since {dateText(provenance.pickedAt)}: updates of the tree leave it as it is
            </p>
          )}
          {provenance.description ? <p className="muted">{provenance.description}</p> : null}
        </>
      ) : null}
      {others.length > 0 ? (
        <>
          <span>Also pearled in</span>
          <ul className="shared-list" data-testid="other-places">
            {others.map((o) => (
              <li key={o.pearl}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => void act.reveal(o.pearl)}
                >
                  {o.path}
                </button>
                {o.tree ? (
                  <span className="muted">
                    {" "}
                    · “{o.tree.title}”{o.tree.curator ? ` by ${o.tree.curator}` : ""}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {similar.length > 0 ? (
        <>
          <span>Trees sharing links</span>
          <ul className="shared-list" data-testid="similar-trees">
            {similar.map((t) => (
              <li key={t.branch}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => void act.reveal(t.branch)}
                >
                  “{t.provenance.title}”
                </button>
                <span className="muted">
                  {t.provenance.curator ? ` by ${t.provenance.curator}` : ""} · {t.sharedLinks}{" "}
                  {t.sharedLinks === 1 ? "link" : "links"} in common
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
