// A pasted or dropped link that is already in the library: says where it already is
// ("Already in Cours / Les débuts"), with Go there and Add anyway. Nothing is added until the
// user chooses.

import * as act from "../../state/actions";
import { setState, useStore } from "../../state/store";

export function DuplicateNotice() {
  const dup = useStore((s) => s.duplicate);
  if (!dup) return null;
  const [first] = dup.copies;
  if (!first) return null;
  const where = (path: string[]) => (path.length > 0 ? path.join(" / ") : "My pearls");
  const others = dup.copies.length - 1;
  return (
    <div
      className="dup-notice"
      role="alertdialog"
      aria-label="Already saved"
      data-testid="duplicate"
    >
      <div className="dup-text">
        <strong>Already in {where(first.path)}</strong>
        {others > 0 ? (
          <span className="muted">
            {" "}
            and {others === 1 ? "1 other place" : `${others} other places`}
          </span>
        ) : null}
        <div className="muted dup-url">{dup.url}</div>
      </div>
      <button
        type="button"
        className="primary"
        onClick={() => {
          setState({ duplicate: null });
          void act.reveal(first.pearl);
        }}
      >
        Go there
      </button>
      <button type="button" onClick={() => void act.addLink(dup.url, true)}>
        Add anyway
      </button>
      <button
        type="button"
        className="ghost"
        aria-label="Dismiss"
        onClick={() => setState({ duplicate: null })}
      >
        ✕
      </button>
    </div>
  );
}
