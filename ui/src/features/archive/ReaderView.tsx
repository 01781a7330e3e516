// The reader view of a link's offline copy: the article's readable text (kept clean by the core:
// no script, frame, style or image in it) in a calm column, light or dark with the system.
// Links in it open in the system browser; the window never navigates away.

import * as ipc from "../../ipc";
import { closeDialog } from "../io/ioActions";
import { openSnapshot } from "./archiveActions";

export function ReaderView({ id, url, copy }: { id: number; url: string; copy: ipc.CopyView }) {
  const r = copy.readable;
  const meta = [r.siteName, r.byline, r.published].filter((x): x is string => !!x);
  const kept = new Date(copy.info.archivedAt).toLocaleString();
  const openLink = (e: React.MouseEvent) => {
    const a = (e.target as HTMLElement).closest("a");
    if (!a) return;
    e.preventDefault();
    const href = a.getAttribute("href") ?? "";
    if (/^https?:\/\//.test(href)) void ipc.openInBrowser(href);
  };
  return (
    <div className="reader" role="dialog" aria-label="Offline copy" data-testid="reader">
      <div className="reader-bar">
        <span className="muted reader-kept">Offline copy kept {kept}</span>
        <span className="reader-actions">
          {copy.info.snapshotBytes > 0 ? (
            <button type="button" onClick={() => openSnapshot(id, url, r.title)}>
              As the page looked
            </button>
          ) : null}
          <button type="button" onClick={() => void ipc.openInBrowser(url)}>
            Open the page
          </button>
          <button type="button" className="primary" onClick={closeDialog}>
            Close
          </button>
        </span>
      </div>
      <article className="reader-page" lang={r.lang ?? undefined}>
        <h1 className="reader-title">{r.title || url}</h1>
        {meta.length > 0 ? <p className="reader-meta">{meta.join(" · ")}</p> : null}
        {/* The core cleaned this HTML (archive::snapshot::clean_fragment), and the window's
            policy runs no inline script anyway. */}
        <div
          className="reader-text"
          onClick={openLink}
          // biome-ignore lint/security/noDangerouslySetInnerHtml: cleaned by the core, see above
          dangerouslySetInnerHTML={{ __html: r.html }}
        />
        <p className="reader-source muted">
          From <span className="reader-url">{copy.info.finalUrl}</span> ·{" "}
          {copy.info.words.toLocaleString("en")} words
        </p>
      </article>
    </div>
  );
}
