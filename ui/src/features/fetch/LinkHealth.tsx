// Link health: dead links (error pages, unreachable hosts), moved links (permanent redirects)
// with one action that updates every moved link, and duplicates (links to the same page) with
// one action that keeps the oldest of each; each action one undoable edit.

import type { DuplicateGroup, LinkHealth } from "../../ipc";
import { plural } from "../../lib/io";
import { titleOf } from "../../lib/pearlLook";
import * as act from "../../state/actions";
import * as io from "../io/ioActions";

/** A pearl named in the dialog: a click closes the dialog and shows the pearl in the tree. */
function RevealLink({ id, children }: { id: number; children: React.ReactNode }) {
  return (
    <button
      type="button"
      className="link-btn"
      onClick={() => {
        io.closeDialog();
        void act.reveal(id);
      }}
    >
      {children}
    </button>
  );
}

/** A table of the dialog, with its two column headings. */
function HealthTable({ head, children }: { head: [string, string]; children: React.ReactNode }) {
  return (
    <table className="io-table">
      <thead>
        <tr>
          <th>{head[0]}</th>
          <th>{head[1]}</th>
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

function Row({ h, moved }: { h: LinkHealth; moved: boolean }) {
  return (
    <tr>
      <td>
        <RevealLink id={h.pearl.id}>{h.pearl.title || h.pearl.url}</RevealLink>
        <div className="muted io-url">{h.pearl.url}</div>
      </td>
      <td>{moved ? (h.movedTo ?? "") : (h.httpStatus ?? h.error ?? h.outcome)}</td>
    </tr>
  );
}

/** How many groups of duplicates the dialog lists; the action covers all of them. */
const GROUPS_SHOWN = 100;

function Duplicates({ groups }: { groups: DuplicateGroup[] }) {
  const extra = groups.reduce((n, g) => n + g.pearls.length - 1, 0);
  return (
    <>
      <h3 data-testid="dupe-count">
        {groups.length === 1
          ? "1 page saved more than once"
          : `${groups.length.toLocaleString("en")} pages saved more than once`}
      </h3>
      {groups.length > 0 ? (
        <HealthTable head={["Page", "Where"]}>
          {groups.slice(0, GROUPS_SHOWN).map((g) => (
            <tr key={g.normalizedUrl}>
              <td>
                <div className="io-url">{g.normalizedUrl}</div>
              </td>
              <td>
                {g.pearls.map((h, i) => (
                  <div key={h.pearl.id}>
                    <RevealLink id={h.pearl.id}>
                      {[...(h.path.length > 0 ? h.path : ["My pearls"]), titleOf(h.pearl)].join(
                        " › ",
                      )}
                    </RevealLink>
                    {i === 0 ? <span className="muted"> (oldest)</span> : null}
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </HealthTable>
      ) : null}
      {groups.length > GROUPS_SHOWN ? (
        <p className="muted">and {(groups.length - GROUPS_SHOWN).toLocaleString("en")} more</p>
      ) : null}
      {extra > 0 ? (
        <p>
          <button
            type="button"
            data-testid="trash-extra"
            onClick={() => void io.trashExtraCopies(groups)}
          >
            Keep the oldest of each, move the other {plural(extra, "copy", "copies")} to the trash
          </button>
        </p>
      ) : null}
    </>
  );
}

export function LinkHealthView({
  focus,
  dead,
  moved,
  dupes,
}: {
  focus: "problems" | "duplicates";
  dead: LinkHealth[];
  moved: LinkHealth[];
  dupes: DuplicateGroup[];
}) {
  if (focus === "duplicates")
    return (
      <div className="io-dialog wide" role="dialog" aria-label="Duplicates">
        <h2>Duplicates</h2>
        <p className="muted">
          Links to the same page (compared without tracking parameters such as utm_source).
        </p>
        <Duplicates groups={dupes} />
        <div className="io-buttons">
          <button type="button" onClick={() => void io.showHealth("problems")}>
            Dead and moved links…
          </button>
          <button type="button" className="primary" onClick={io.closeDialog}>
            Close
          </button>
        </div>
      </div>
    );
  return (
    <div className="io-dialog wide" role="dialog" aria-label="Link health">
      <h2>Link health</h2>
      <h3 data-testid="dead-count">
        {dead.length === 1 ? "1 dead link" : `${dead.length} dead links`}
      </h3>
      {dead.length > 0 ? (
        <HealthTable head={["Link", "Status"]}>
          {dead.map((h) => (
            <Row key={h.pearl.id} h={h} moved={false} />
          ))}
        </HealthTable>
      ) : null}
      <h3 data-testid="moved-count">
        {moved.length === 1 ? "1 moved link" : `${moved.length} moved links`}
      </h3>
      {moved.length > 0 ? (
        <HealthTable head={["Link", "Moved to"]}>
          {moved.map((h) => (
            <Row key={h.pearl.id} h={h} moved />
          ))}
        </HealthTable>
      ) : null}
      <p className="muted">
        Dead and moved: as the last fetches found them. Refresh details to check again.
      </p>
      <Duplicates groups={dupes} />
      <div className="io-buttons">
        {moved.length > 0 ? (
          <button type="button" className="primary" onClick={() => void io.updateMoved()}>
            Update moved links
          </button>
        ) : null}
        <button type="button" onClick={io.closeDialog}>
          Close
        </button>
      </div>
    </div>
  );
}
