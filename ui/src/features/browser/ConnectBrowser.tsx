// "Connect your browser": per browser, whether Nacre's host is registered for this library and
// the extension has spoken to it, buttons to connect and disconnect it, and how to add the
// extension.

import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import * as ipc from "../../ipc";
import { ScreenFrame } from "../io/ScreenFrame";
import "./browser.css";

const NAMES: Record<string, string> = {
  chromium: "Chromium",
  chrome: "Chrome",
  brave: "Brave",
  edge: "Edge",
  vivaldi: "Vivaldi",
  firefox: "Firefox",
};

function ago(at: number): string {
  const minutes = Math.max(0, Math.round((Date.now() - at) / 60_000));
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h ago`;
  return `${Math.round(minutes / 1440)} days ago`;
}

/** One line for people about a browser's connection. */
export function statusText(s: ipc.HostStatus): string {
  if (!s.registered)
    return s.problem === "not registered" ? "Not connected" : `Broken: ${s.problem}`;
  if (s.lastContact === null) return "Connected; add the extension, then pearl a page";
  return `Connected; the extension spoke to Nacre ${ago(s.lastContact)}`;
}

let screenOpen = false;
const watchers = new Set<() => void>();

/** Opens the screen from anywhere (the top bar, the empty library's first screen). */
export function openConnectBrowser(open = true): void {
  screenOpen = open;
  for (const w of watchers) w();
}

function useScreenOpen(): boolean {
  return useSyncExternalStore(
    (w) => {
      watchers.add(w);
      return () => watchers.delete(w);
    },
    () => screenOpen,
  );
}

/** The screen, when it is open (the top bar's action and the first screen open it). */
export function ConnectBrowserLayer() {
  const open = useScreenOpen();
  return open ? <ConnectScreen onClose={() => openConnectBrowser(false)} /> : null;
}

/** The top-bar button and, when open, the screen. */
export function ConnectBrowser() {
  const open = useScreenOpen();
  return (
    <>
      <button type="button" onClick={() => openConnectBrowser()} title="Connect your browser">
        Connect browser
      </button>
      {open ? <ConnectScreen onClose={() => openConnectBrowser(false)} /> : null}
    </>
  );
}

function ConnectScreen({ onClose }: { onClose: () => void }) {
  const [statuses, setStatuses] = useState<ipc.HostStatus[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    ipc
      .browserStatus()
      .then(setStatuses, (e: unknown) => setError(String((e as Error).message ?? e)));
  }, []);
  useEffect(() => {
    load();
  }, [load]);
  const change = async (browser: string, connect: boolean) => {
    try {
      await (connect ? ipc.connectBrowser(browser) : ipc.disconnectBrowser(browser));
      setError(null);
      load();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <ScreenFrame label="Connect your browser" className="connect-browser" onClose={onClose}>
      <h2>Connect your browser</h2>
      <p className="connect-lead">
        With Nacre's extension, one click (or Alt+P) makes the page you are on a pearl, with its own
        title, in the collection you choose or the Inbox.
      </p>
      <ol className="connect-steps">
        <li>
          <strong>Connect Nacre</strong> to each browser you use:
          <table className="connect-table">
            <tbody>
              {(statuses ?? []).map((s) => (
                <tr key={s.browser} data-browser={s.browser}>
                  <th scope="row">{NAMES[s.browser] ?? s.browser}</th>
                  <td className={s.registered ? "ok" : "muted"}>{statusText(s)}</td>
                  <td className="connect-buttons">
                    <button type="button" onClick={() => void change(s.browser, true)}>
                      {s.registered ? "Connect again" : "Connect"}
                    </button>
                    {s.registered || s.problem !== "not registered" ? (
                      <button
                        type="button"
                        data-action="disconnect"
                        onClick={() => void change(s.browser, false)}
                      >
                        Disconnect
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </li>
        <li>
          <strong>Add the extension</strong> (store pages will come later). In Chromium, Chrome,
          Brave, Edge or Vivaldi: open <code>chrome://extensions</code>, turn on Developer mode,
          choose “Load unpacked” and pick <code>target/extension/chromium</code>. In Firefox: open{" "}
          <code>about:debugging</code>, “This Firefox”, “Load Temporary Add-on…” and pick{" "}
          <code>target/extension/firefox/manifest.json</code>.
        </li>
        <li>
          <strong>Pearl a page</strong>: the pearl button in the toolbar (Ctrl+Shift+Y) to choose
          where, or Alt+P to save straight to the last collection. It shows here at once.
        </li>
      </ol>
      {error ? <p className="connect-error">{error}</p> : null}
      <div className="io-buttons">
        <button type="button" onClick={load}>
          Check again
        </button>
        <button type="button" className="primary" onClick={onClose}>
          Done
        </button>
      </div>
    </ScreenFrame>
  );
}
