// A link's offline copy in its details: when it was kept and how big, Read and "As the page
// looked", or Keep an offline copy; a dead link also gets "Look it up in the Wayback Machine"
// (a link for the system browser: nothing is fetched from it unasked).

import { useEffect, useState } from "react";
import type { Pearl } from "../../ipc";
import * as ipc from "../../ipc";
import { dateText } from "../../lib/dates";
import { plural, sizeText } from "../../lib/io";
import { useIo } from "../io/ioStore";
import { keepCopies, onCopiesChanged, openReader, openSnapshot } from "./archiveActions";

/** The link's copy, read again whenever the pearl is or a run has changed copies. */
function useCopy(pearl: Pearl): ipc.CopyView | null | undefined {
  const [copy, setCopy] = useState<ipc.CopyView | null | undefined>(undefined);
  const [serial, setSerial] = useState(0);
  useEffect(() => onCopiesChanged(() => setSerial((n) => n + 1)), []);
  useEffect(() => {
    let current = true;
    void serial;
    ipc
      .copyOf(pearl.id)
      .then((c) => current && setCopy(c))
      .catch(() => current && setCopy(null));
    return () => {
      current = false;
    };
  }, [pearl, serial]);
  return copy;
}

export function CopySection({ pearl, dead }: { pearl: Pearl; dead: boolean }) {
  const copy = useCopy(pearl);
  const running = useIo((s) => s.archive !== null);
  if (copy === undefined) return null;
  const url = pearl.url ?? "";
  const wayback = (
    <button
      type="button"
      className="link-button"
      title="Opens web.archive.org in your browser"
      onClick={() => void ipc.openInBrowser(ipc.waybackUrl(url))}
    >
      Look it up in the Wayback Machine
    </button>
  );
  const keep = (label: string) => (
    <button type="button" disabled={running} onClick={() => void keepCopies([pearl.id])}>
      {label}
    </button>
  );
  return (
    <div className={`field copy-info${dead ? " dead" : ""}`} data-testid="copy-info">
      <span>Offline copy</span>
      {copy ? (
        <>
          <p className="muted">
            Kept {dateText(copy.info.archivedAt)} · {plural(copy.info.words, "word", "words")} ·{" "}
            {sizeText(copy.info.storedBytes)}
          </p>
          <div className="field-row copy-buttons">
            <button
              type="button"
              className={dead ? "primary" : ""}
              onClick={() => void openReader(pearl.id)}
            >
              Read
            </button>
            {copy.info.snapshotBytes > 0 ? (
              <button
                type="button"
                onClick={() => openSnapshot(pearl.id, url, copy.readable.title || pearl.title)}
              >
                As it looked
              </button>
            ) : null}
            {keep("Keep again")}
          </div>
        </>
      ) : (
        <>
          <p className="muted">
            {dead
              ? "None was kept before the page went away."
              : "None yet: a copy keeps the page's text for when the site is gone."}
          </p>
          {dead ? null : (
            <div className="field-row copy-buttons">{keep("Keep an offline copy")}</div>
          )}
        </>
      )}
      {dead ? wayback : null}
    </div>
  );
}
