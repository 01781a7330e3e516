// The frame of a screen over the window (Connect your browser, Sync): the dimmed backdrop
// that closes it when clicked, Escape that closes it, and the dialog box itself.

import { type ReactNode, useEffect } from "react";

export function ScreenFrame({
  label,
  className,
  onClose,
  children,
}: {
  label: string;
  className: string;
  onClose: () => void;
  children: ReactNode;
}) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  return (
    <div className="io-backdrop" role="presentation" onClick={onClose}>
      <div
        className={`io-dialog wide ${className}`}
        role="dialog"
        aria-modal="true"
        aria-label={label}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.stopPropagation()}
      >
        {children}
      </div>
    </div>
  );
}
