// Share a collection: choose the format, then the save dialog; the notice says where it went.

import { useState } from "react";
import type { ExportFormat } from "../../ipc";
import { EXPORT_FORMATS } from "../../lib/io";
import { closeDialog, runExport } from "../io/ioActions";

export function ExportDialog({ id, title }: { id: number; title: string }) {
  const [format, setFormat] = useState<ExportFormat>("native");
  return (
    <form
      className="io-dialog"
      aria-label="Export"
      onSubmit={(e) => {
        e.preventDefault();
        void runExport(id, title, format);
      }}
    >
      <h2>Share “{title}”</h2>
      <div className="io-formats" role="radiogroup" aria-label="Format">
        <span className="muted">Format</span>
        {EXPORT_FORMATS.map((f) => (
          <label key={f.format} className="io-choice">
            <input
              type="radio"
              name="format"
              value={f.format}
              checked={format === f.format}
              onChange={() => setFormat(f.format)}
            />
            {f.label}
          </label>
        ))}
      </div>
      <div className="io-buttons">
        <button type="button" onClick={closeDialog}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          data-testid="export-save"
          onClick={() => void runExport(id, title, format)}
        >
          Save…
        </button>
      </div>
    </form>
  );
}
