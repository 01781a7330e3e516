// A small notice at the bottom that names the last edit (or what went wrong), then fades.

import { useEffect, useState } from "react";
import { useStore } from "../../state/store";

export function Notice() {
  const notice = useStore((s) => s.notice);
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!notice) return;
    setShown(true);
    const t = setTimeout(() => setShown(false), notice.kind === "error" ? 6000 : 3500);
    return () => clearTimeout(t);
  }, [notice]);
  if (!notice || !shown) return null;
  return (
    <div className={`notice ${notice.kind}`} role="status" aria-live="polite" data-testid="notice">
      {notice.text}
    </div>
  );
}
