// The top bar's sync status: "Synced 5 minutes ago", "Syncing…", "Waiting for 2 files from
// laptop", "Sync folder missing"; the details on hover, a click opens the Sync screen. Nothing
// when the library does not sync.

import type { Ref } from "react";
import { badgeWords } from "../../lib/syncWords";
import { openSyncScreen, useSync } from "./syncStore";

export function SyncBadge({ ref }: { ref?: Ref<HTMLButtonElement> }) {
  const status = useSync((s) => s.status);
  const running = useSync((s) => s.running);
  const failure = useSync((s) => s.failure);
  const now = useSync((s) => s.now);
  const words = badgeWords(status, running, failure, now);
  if (!words) return null;
  return (
    <button
      ref={ref}
      type="button"
      className={`sync-badge ${words.tone}`}
      data-testid="sync-badge"
      title={`${words.detail}\n(click for the Sync screen)`}
      aria-label={`${words.text}: open the Sync screen`}
      onClick={() => openSyncScreen()}
    >
      <span className="sync-dot" aria-hidden />
      <span className="sync-words">{words.text}</span>
    </button>
  );
}
