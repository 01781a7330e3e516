// Share a collection: the web page first, one line for each format saying who it is for, the
// page's language (from the system's, or chosen here) and whether it carries the links' offline
// copies; then the save dialog; then where the
// file went, with Open and Show in folder.

import { useState } from "react";
import type { ExportFormat, ExportReport, PageLanguage } from "../../ipc";
import { EXPORT_FORMATS, exportDoneText, pageLanguageOf } from "../../lib/io";
import { closeDialog, openShared, runExport } from "../io/ioActions";

export function ExportDialog({ id, title }: { id: number; title: string }) {
  const [format, setFormat] = useState<ExportFormat>("page");
  const [lang, setLang] = useState<PageLanguage>(() => pageLanguageOf(navigator.language));
  const [copies, setCopies] = useState(false);
  return (
    <form
      className="io-dialog"
      aria-label="Share"
      onSubmit={(e) => {
        e.preventDefault();
        void runExport(id, title, format, lang, copies);
      }}
    >
      <h2>Share “{title}”</h2>
      <div className="io-formats" role="radiogroup" aria-label="Format">
        {EXPORT_FORMATS.map((f) => (
          <label key={f.format} className="io-choice share-choice">
            <input
              type="radio"
              name="format"
              value={f.format}
              checked={format === f.format}
              onChange={() => setFormat(f.format)}
            />
            <span>
              <strong>{f.label}</strong>
              <span className="muted share-for"> {f.forWhom}</span>
            </span>
          </label>
        ))}
      </div>
      {format === "page" ? (
        <label className="io-field share-lang">
          The page speaks
          <select
            value={lang}
            onChange={(e) => setLang(e.target.value as PageLanguage)}
            aria-label="Language of the page"
          >
            <option value="en">English</option>
            <option value="fr">Français</option>
          </select>
        </label>
      ) : null}
      {format === "page" ? (
        <label className="io-choice share-copies">
          <input
            type="checkbox"
            name="include-copies"
            checked={copies}
            onChange={(e) => setCopies(e.target.checked)}
          />
          <span>
            Include offline copies
            <span className="muted share-for">
              {" "}
              the readable text of each link kept offline, to read without the web
            </span>
          </span>
        </label>
      ) : null}
      <div className="io-buttons">
        <button type="button" onClick={closeDialog}>
          Cancel
        </button>
        <button type="submit" className="primary" data-testid="export-save">
          Save…
        </button>
      </div>
    </form>
  );
}

/** The share's last step: what was written where, and the way to it. */
export function ExportDoneView({
  title,
  format,
  done,
}: {
  title: string;
  format: ExportFormat;
  done: ExportReport;
}) {
  const label = EXPORT_FORMATS.find((f) => f.format === format)?.label ?? format;
  return (
    <div className="io-dialog" role="dialog" aria-label="Shared">
      <h2>Shared “{title}”</h2>
      <p data-testid="export-done">{exportDoneText(title, done)}</p>
      <p className="muted">
        {format === "page"
          ? "Send this file to anyone: it opens in any browser, offline, with nothing to install."
          : `${label}.`}
      </p>
      <div className="io-buttons">
        <button type="button" onClick={() => void openShared(true)}>
          Show in folder
        </button>
        <button type="button" onClick={() => void openShared(false)}>
          Open
        </button>
        <button type="button" className="primary" onClick={closeDialog}>
          Done
        </button>
      </div>
    </div>
  );
}
