// Bringing bookmarks home: choose a file or a browser profile, see what will be imported (the
// tree with counts), follow the progress (cancel stops it and changes nothing), and read the
// report (counts, skipped entries with where and why, links already in the library).

import { useState } from "react";
import type { ImportPreview, ImportReport, ProfileBookmarks } from "../../ipc";
import { countsText, keptText, percent, plural, previewRows } from "../../lib/io";
import * as act from "../../state/actions";
import { findPearl, useStore } from "../../state/store";
import * as io from "../io/ioActions";
import { useIo } from "../io/ioStore";

/** The browsers' profiles found on this computer, each with its bookmark count and an
 * Import button ("Firefox, default profile: 1,234 bookmarks · Import"). */
export function ProfileList({ profiles }: { profiles: ProfileBookmarks[] | null }) {
  if (profiles === null) return <p className="muted">Looking for browsers…</p>;
  if (profiles.length === 0)
    return (
      <p className="muted">No Firefox, Chrome, Chromium, Edge, Brave or Vivaldi profile found.</p>
    );
  return (
    <ul className="io-list profile-list" data-testid="profiles">
      {profiles.map(({ profile: p, bookmarks }) => (
        <li key={p.file}>
          <span className="profile-name">
            {io.profileName(p)}
            <span className="muted">
              {bookmarks === null ? "" : `: ${plural(bookmarks, "bookmark", "bookmarks")}`}
            </span>
          </span>
          <button type="button" className="primary" onClick={() => void io.importProfile(p)}>
            Import
          </button>
        </li>
      ))}
    </ul>
  );
}

export function ImportChoose({ profiles }: { profiles: ProfileBookmarks[] | null }) {
  return (
    <div className="io-dialog" role="dialog" aria-label="Import">
      <h2>Import bookmarks</h2>
      <p>A bookmark file from any browser or service (you can also drop it on the window).</p>
      <div className="io-buttons start">
        <button type="button" className="primary" onClick={() => void io.chooseFile()}>
          Choose a file…
        </button>
      </div>
      <h3>From a browser on this computer</h3>
      <ProfileList profiles={profiles} />
      <div className="io-buttons">
        <button type="button" onClick={io.closeDialog}>
          Cancel
        </button>
      </div>
    </div>
  );
}

export function ImportBusy({ what }: { what: string }) {
  const p = useIo((s) => s.importProgress);
  const pc = p ? percent(p.done, p.total) : 0;
  return (
    <div className="io-dialog" role="dialog" aria-label="Importing">
      <h2>{what}</h2>
      <progress max={100} value={pc} data-testid="import-progress" />
      <p className="muted">
        {p
          ? p.phase === "add"
            ? `${p.done.toLocaleString("en")} of ${p.total.toLocaleString("en")} pearls added`
            : `${pc}% read`
          : "Starting…"}
      </p>
      <div className="io-buttons">
        <button type="button" onClick={() => void io.cancelImport()}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** Where an import can land: the top of the library, or the collection open in the middle. */
function usePlaces(): { id: number; label: string }[] {
  const root = useStore((s) => s.info?.root ?? null);
  const open = useStore((s) => s.open);
  const openTitle = useStore((s) => (s.open === null ? "" : (findPearl(s, s.open)?.title ?? "")));
  const places = root === null ? [] : [{ id: root, label: "My pearls (the top level)" }];
  if (open !== null && open !== root && openTitle)
    places.push({ id: open, label: `“${openTitle}” (the open collection)` });
  return places;
}

export function ImportPreviewView({ preview }: { preview: ImportPreview }) {
  const [title, setTitle] = useState(preview.title);
  const places = usePlaces();
  const [into, setInto] = useState<number | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const rows = previewRows(preview.preview.root, expanded);
  const toggle = (key: string) =>
    setExpanded((e) => {
      const next = new Set(e);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const p = preview.preview;
  return (
    <form
      className="io-dialog wide"
      aria-label="Import preview"
      onSubmit={(e) => {
        e.preventDefault();
        void io.commitImport(title, into ?? places[0]?.id ?? null);
      }}
    >
      <h2>Import {p.source}</h2>
      <p className="muted io-file">{preview.file}</p>
      <p data-testid="preview-total">
        <strong>{countsText(p.total)}</strong>
        {p.skipped === 1 ? " · 1 entry will be skipped" : ""}
        {p.skipped > 1 ? ` · ${p.skipped} entries will be skipped` : ""}
      </p>
      {keptText(p.kept) ? (
        <p className="muted" data-testid="preview-kept">
          Kept as tags and notes: {keptText(p.kept)}
        </p>
      ) : null}
      <div className="io-tree" data-testid="preview-tree">
        <div className="io-tree-row top">
          <span>(top level)</span>
          <span className="muted">{countsText(p.root.own)}</span>
        </div>
        {rows.map((r) => (
          <div key={r.key} className="io-tree-row" style={{ paddingLeft: 8 + r.depth * 16 }}>
            {r.hasCollections ? (
              <button
                type="button"
                className="io-twisty"
                aria-expanded={expanded.has(r.key)}
                aria-label={`${expanded.has(r.key) ? "Close" : "Open"} ${r.title}`}
                onClick={() => toggle(r.key)}
              >
                <span className={`twisty${expanded.has(r.key) ? " open" : ""}`}>▸</span>
                <span>{r.title}</span>
              </button>
            ) : (
              <span className="io-leaf">{r.title}</span>
            )}
            <span className="muted">{countsText(r.total)}</span>
          </div>
        ))}
      </div>
      <label className="io-field">
        New collection
        <input
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          aria-label="Collection title"
        />
      </label>
      {places.length > 1 ? (
        <label className="io-field">
          Put it in
          <select
            value={into ?? places[0]?.id}
            onChange={(e) => setInto(Number(e.target.value))}
            aria-label="Import into"
          >
            {places.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <div className="io-buttons">
        <button type="button" onClick={() => void io.cancelImport()}>
          Cancel
        </button>
        <button type="submit" className="primary" data-testid="import-confirm">
          Import
        </button>
      </div>
    </form>
  );
}

export function ImportReportView({ report }: { report: ImportReport }) {
  const links = report.imported.links;
  return (
    <div className="io-dialog wide" role="dialog" aria-label="Import report">
      <h2>Imported “{report.collectionTitle}”</h2>
      <p data-testid="report-counts">
        <strong>{countsText(report.imported)}</strong>
      </p>
      {keptText(report.kept) ? (
        <p className="muted" data-testid="report-kept">
          Kept as tags and notes: {keptText(report.kept)}
        </p>
      ) : null}
      <p data-testid="report-already">
        {report.alreadyInLibrary === 1
          ? "1 link was already in the library"
          : `${report.alreadyInLibrary} links were already in the library`}
      </p>
      {report.skipped.length > 0 ? (
        <>
          <h3 data-testid="report-skipped">{report.skipped.length} skipped</h3>
          <table className="io-table">
            <thead>
              <tr>
                <th>Where</th>
                <th>What</th>
                <th>Why</th>
              </tr>
            </thead>
            <tbody>
              {report.skipped.slice(0, 200).map((s, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list from one report
                <tr key={i}>
                  <td>{s.location}</td>
                  <td>{s.what}</td>
                  <td>{s.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p className="muted">Nothing was skipped.</p>
      )}
      {report.neverFetched.length > 0 ? (
        <>
          <h3 data-testid="report-never-fetched">
            {plural(report.neverFetched.length, "link", "links")} kept but never fetched
          </h3>
          <p className="muted">
            Bookmarklets (javascript:), data:, file: and mailto: addresses came in as pearls, but
            they are not web pages: Nacre never fetches a title or details for them.
          </p>
          <table className="io-table">
            <thead>
              <tr>
                <th>Where</th>
                <th>What</th>
                <th>Kind</th>
              </tr>
            </thead>
            <tbody>
              {report.neverFetched.slice(0, 200).map((n, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list from one report
                <tr key={i}>
                  <td>{n.location}</td>
                  <td>{n.title}</td>
                  <td>{n.scheme}:</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <p className="muted">Ctrl+Z undoes the whole import.</p>
      <div className="io-buttons">
        <button
          type="button"
          onClick={() => {
            io.closeDialog();
            void act.reveal(report.collection);
          }}
        >
          Show it
        </button>
        {links > 0 ? (
          <button
            type="button"
            className="primary"
            onClick={() => {
              io.closeDialog();
              void act.reveal(report.collection);
              void io.refreshDetails([report.collection], true);
            }}
          >
            Fetch titles of {links === 1 ? "the link" : `the ${links} links`}
          </button>
        ) : null}
        <button type="button" onClick={io.closeDialog}>
          Close
        </button>
      </div>
    </div>
  );
}
