// In a pearl's details, under a field: the values of it that lost to a concurrent edit on
// another device ("also: “Old title” from laptop, 3 Dec"), each with Dismiss (on every device,
// at the next round). Read again whenever the pearl is; nothing when the library does not sync.

import { useEffect, useState } from "react";
import * as ipc from "../../ipc";
import { alsoText } from "../../lib/syncWords";
import * as act from "../../state/actions";
import { useSync } from "./syncStore";

/** The pearl's lost values, by field, or none. */
export function useAlsoValues(pearl: ipc.Pearl): [ipc.AlsoValue[], () => void] {
  const syncing = useSync((s) => s.status?.syncing ?? false);
  const rounds = useSync((s) => s.rounds);
  const [values, setValues] = useState<ipc.AlsoValue[]>([]);
  const [serial, setSerial] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: serial and rounds ask for a read again
  useEffect(() => {
    if (!syncing) {
      setValues([]);
      return;
    }
    let current = true;
    ipc
      .alsoValues(pearl.id)
      .then((v) => {
        if (current) setValues(v);
      })
      .catch(() => {});
    return () => {
      current = false;
    };
  }, [pearl, syncing, serial, rounds]);
  return [values, () => setSerial((n) => n + 1)];
}

export function AlsoValues({
  pearl,
  field,
  values,
  reread,
}: {
  pearl: ipc.Pearl;
  field: "title" | "url" | "note";
  values: ipc.AlsoValue[];
  reread: () => void;
}) {
  const mine = values.filter((v) => v.field === field);
  if (mine.length === 0) return null;
  const now = Date.now();
  const dismiss = async () => {
    try {
      await ipc.dismissAlso(pearl.id, field);
    } catch (e) {
      act.notify((e as Error).message, "error");
    }
    reread();
  };
  return (
    <ul className="also-values" data-field={field} aria-label={`Other values of the ${field}`}>
      {mine.map((v) => (
        <li key={`${v.device}-${v.at}`}>
          <span className="also-text" title="Typed on another device at the same time as this one">
            {alsoText(v, now)}
          </span>
          {v === mine[mine.length - 1] ? (
            <button
              type="button"
              title="Forget the other value (on every device)"
              onClick={() => void dismiss()}
            >
              Dismiss
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
