// The first screen of an empty library: bring bookmarks in (the browsers' profiles found on
// this computer with their bookmark counts, or a file), or start from scratch; and the short
// card on how Nacre works.

import { useEffect, useState } from "react";
import { listBrowserProfiles, type ProfileBookmarks } from "../../ipc";
import * as act from "../../state/actions";
import { openConnectBrowser } from "../browser/ConnectBrowser";
import { HowItWorks } from "../help/HowItWorks";
import { ProfileList } from "../import/ImportDialogs";
import * as io from "../io/ioActions";

export function Welcome() {
  const [profiles, setProfiles] = useState<ProfileBookmarks[] | null>(null);
  useEffect(() => {
    let live = true;
    listBrowserProfiles()
      .then((p) => live && setProfiles(p))
      .catch(() => live && setProfiles([]));
    return () => {
      live = false;
    };
  }, []);
  return (
    <div className="welcome" data-testid="welcome">
      <div className="empty-pearl" aria-hidden />
      <h2>Welcome to Nacre</h2>
      <p className="muted">Your links, as trees of pearls, in one file on this computer.</p>
      <section className="welcome-card" aria-label="Bring your bookmarks">
        <h3>Bring your bookmarks in</h3>
        <ProfileList profiles={profiles} />
        <div className="welcome-file">
          <button type="button" onClick={() => void io.chooseFile()}>
            Import a file…
          </button>
          <span className="muted">
            a bookmark file from any browser or service (or drop it on the window)
          </span>
        </div>
      </section>
      <section className="welcome-card" aria-label="Pearl from your browser">
        <h3>Pearl pages from your browser</h3>
        <p>
          With Nacre's extension, one click (or Alt+P) keeps the page you are reading; pages without
          a collection land in the Inbox.{" "}
          <button type="button" className="link-btn" onClick={() => openConnectBrowser()}>
            Connect your browser…
          </button>
        </p>
      </section>
      <section className="welcome-card" aria-label="Start from scratch">
        <h3>Or start from scratch</h3>
        <p>
          Paste a link with <kbd>Ctrl</kbd>+<kbd>V</kbd> to make your first pearl, or{" "}
          <button type="button" className="link-btn" onClick={() => void act.newCollection()}>
            make a collection
          </button>
          .
        </p>
      </section>
      <div className="welcome-card">
        <HowItWorks />
      </div>
    </div>
  );
}
