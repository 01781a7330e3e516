// Naming a pearl in place: a collection's or a section's title, or a note's text (typed in
// place, several lines allowed: Shift+Enter starts a new line). Enter keeps it, Escape leaves
// it as it was; leaving the field keeps what was typed.

import { useEffect, useRef } from "react";

interface Props {
  initial: string;
  /** A note's text rather than a one-line title. */
  multiline?: boolean;
  onDone: (text: string | null) => void;
}

export function RenameField({ initial, multiline = false, onDone }: Props) {
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const done = useRef(false);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  const finish = (t: string | null) => {
    if (done.current) return;
    done.current = true;
    onDone(t);
  };
  const common = {
    ref,
    className: multiline ? "rename-field rename-note" : "rename-field",
    "aria-label": multiline ? "Note" : "New name",
    defaultValue: initial,
    onPointerDown: (e: React.PointerEvent) => e.stopPropagation(),
    onClick: (e: React.MouseEvent) => e.stopPropagation(),
    onDoubleClick: (e: React.MouseEvent) => e.stopPropagation(),
    onKeyDown: (e: React.KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      e.stopPropagation();
      if (e.key === "Enter" && !e.shiftKey) {
        e.preventDefault();
        finish(e.currentTarget.value.trim() || null);
      }
      if (e.key === "Escape") finish(null);
    },
    onBlur: (e: React.FocusEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      finish(e.currentTarget.value.trim() || null),
  };
  return multiline ? <textarea rows={3} {...common} /> : <input {...common} />;
}
