// The live window: when another process writes to the library (a pearl saved from the
// browser, the nacre tool), the collections on screen are read again in place (selection,
// expansion and scroll stay), and links that arrived without details are fetched. `nacre://`
// links reveal their pearl.

import { useEffect } from "react";
import * as ipc from "../../ipc";
import * as act from "../../state/actions";

/** Reads again at most this often while changes keep coming. */
const SETTLE_MS = 100;

export function useLiveWindow(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const changed = (change: ipc.LibraryChange) => {
      if (change.linksToFetch.length > 0) act.newLinksMade(change.linksToFetch);
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        void act.refresh().catch(() => {});
      }, SETTLE_MS);
    };
    const unlisten = [ipc.onLibraryChanged(changed), ipc.onShowPearl((id) => void act.reveal(id))];
    void ipc
      .takeStartPearl()
      .then((id) => (id === null ? undefined : act.reveal(id)))
      .catch(() => {});
    return () => {
      if (timer) clearTimeout(timer);
      for (const u of unlisten) void u.then((f) => f());
    };
  }, []);
}
