// Offline copies: how many there are and the space they take, and the setting "keep a copy of
// every new link".

import type { ArchiveOverview } from "../../ipc";
import { plural, sizeText } from "../../lib/io";
import { closeDialog } from "../io/ioActions";
import { setKeepNewLinks } from "./archiveActions";

export function CopiesDialog({ overview }: { overview: ArchiveOverview }) {
  const s = overview.size;
  return (
    <div className="io-dialog" role="dialog" aria-label="Offline copies">
      <h2>Offline copies</h2>
      <p data-testid="archive-size">
        {s.copies === 0
          ? "No copy kept yet."
          : `${plural(s.copies, "copy", "copies")} kept, ${sizeText(s.storedBytes)} compressed (the file: ${sizeText(s.fileBytes)}).`}
      </p>
      <p className="muted">
        A copy keeps the page's readable text and a snapshot of how it looked, beside your library,
        so you can read it when the site is gone. Right-click a link or a collection: Keep an
        offline copy.
      </p>
      <label className="io-choice">
        <input
          type="checkbox"
          name="keep-new-links"
          checked={overview.keepNewLinks}
          onChange={(e) => void setKeepNewLinks(e.target.checked)}
        />
        <span>Keep a copy of every new link</span>
      </label>
      <p className="muted copies-path">{overview.path}</p>
      <div className="io-buttons">
        <button type="button" className="primary" onClick={closeDialog}>
          Done
        </button>
      </div>
    </div>
  );
}
