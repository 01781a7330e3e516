// Share a collection: the web page first, one line for each format saying who it is for, the
// page's language (from the system's, or chosen here) and whether it carries the links' offline
// copies; then the save dialog; then where the
// file went, with Open and Show in folder.

import { useEffect, useState } from "react";
import {
  type Credit,
  type ExportFormat,
  type ExportReport,
  type PageLanguage,
  shareCredit,
} from "../../ipc";
import { EXPORT_FORMATS, exportDoneText, pageLanguageOf } from "../../lib/io";
import { closeDialog, openShared, runExport } from "../io/ioActions";

export function ExportDialog({ id, title }: { id: number; title: string }) {
  const [format, setFormat] = useState<ExportFormat>("page");
  const [lang, setLang] = useState<PageLanguage>(() => pageLanguageOf(navigator.language));
  const [credit, setCredit] = useState<Credit>({});
  // The credit given the last time this collection was shared.
  useEffect(() => {
    let current = true;
    shareCredit(id)
      .then((c) => {
        if (current) setCredit(c);
      })
      .catch(() => {});
    return () => {
      current = false;
    };
  }, [id]);
  const credited =
    format === "page" || format === "native" || format === "atom" || format === "site";
  const field = (key: keyof Credit) => ({
    value: credit[key] ?? "",
    onChange: (e: { target: { value: string } }) =>
      setCredit((c) => ({ ...c, [key]: e.target.value === "" ? undefined : e.target.value })),
  });
  const [copies, setCopies] = useState(false);
  return (
    <form
      className="io-dialog"
      aria-label="Share"
      onSubmit={(e) => {
        e.preventDefault();
        void runExport(id, title, format, lang, credit, copies);
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
      {credited ? (
        <fieldset className="share-credit">
          <legend>Credit (shown at the top, kept by whoever imports it)</legend>
          <label className="io-field">
            Curator
            <input {...field("curator")} placeholder="Your name" aria-label="Curator" />
          </label>
          <label className="io-field">
            Description
            <input
              {...field("description")}
              placeholder="What this tree is"
              aria-label="Description"
            />
          </label>
          <label className="io-field">
            Licence
            <input
              {...field("license")}
              list="share-licenses"
              placeholder="e.g. CC BY 4.0"
              aria-label="Licence"
            />
            <datalist id="share-licenses">
              {[
                "CC0 1.0",
                "CC BY 4.0",
                "CC BY-SA 4.0",
                "CC BY-NC 4.0",
                "CC BY-NC-SA 4.0",
                "CC BY-ND 4.0",
                "CC BY-NC-ND 4.0",
              ].map((l) => (
                <option key={l} value={l} />
              ))}
            </datalist>
          </label>
        </fieldset>
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
