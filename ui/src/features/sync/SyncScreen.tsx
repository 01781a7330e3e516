// The Sync screen: to join a folder (picked or typed, and this device's name), with a word on
// the services that carry such a folder; once syncing, this device, the others with when each
// was last seen, what waits to be sent, the files waiting and why, a folder problem, "Sync
// now" and "Stop syncing" (after a confirmation).

import { useEffect, useState } from "react";
import * as ipc from "../../ipc";
import { plural } from "../../lib/io";
import { agoText, badgeWords, deviceNames, folderProblemText } from "../../lib/syncWords";
import { ScreenFrame } from "../io/ScreenFrame";
import { joinFolder, leaveFolder, openSyncScreen, syncNow, useSync } from "./syncStore";
import "./sync.css";

/** The screen, when open (the top bar's Sync action and its status open it). */
export function SyncLayer() {
  const open = useSync((s) => s.screenOpen);
  return open ? <SyncScreen onClose={() => openSyncScreen(false)} /> : null;
}

function SyncScreen({ onClose }: { onClose: () => void }) {
  const status = useSync((s) => s.status);
  return (
    <ScreenFrame label="Sync" className="sync-screen" onClose={onClose}>
      {status === null ? (
        <h2>Sync</h2>
      ) : status.syncing ? (
        <Syncing status={status} onClose={onClose} />
      ) : (
        <Join onClose={onClose} />
      )}
    </ScreenFrame>
  );
}

function Join({ onClose }: { onClose: () => void }) {
  const [folder, setFolder] = useState("");
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const busy = useSync((s) => s.running);
  useEffect(() => {
    void ipc.defaultDeviceName().then((n) => setName((old) => old || n));
  }, []);
  const choose = async () => {
    try {
      const picked = await ipc.chooseSyncFolder();
      if (picked !== null) setFolder(picked);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const join = async () => setError(await joinFolder(folder, name));
  return (
    <form
      className="sync-join"
      onSubmit={(e) => {
        e.preventDefault();
        void join();
      }}
    >
      <h2>Sync this library</h2>
      <p className="sync-lead">
        Have this library on your other computers, with no server and no account: choose a folder
        that a sync service you already use carries between them, such as Syncthing, Dropbox,
        Nextcloud, iCloud Drive, OneDrive or a git repository. Each device writes only its own files
        there, so the service never has two writers of one file; Nacre merges what each device did.
      </p>
      <label className="field">
        <span>Folder</span>
        <div className="field-row">
          <input
            name="sync-folder"
            value={folder}
            placeholder="/home/you/Sync/nacre"
            spellCheck={false}
            onChange={(e) => setFolder(e.target.value)}
          />
          <button type="button" onClick={() => void choose()}>
            Choose…
          </button>
        </div>
      </label>
      <label className="field">
        <span>This device's name</span>
        <input
          name="device-name"
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <p className="muted">
        The other devices show under this name (“also: … from {name.trim() || "this computer"}”). On
        your other computers, join the same folder: a library that joins merges with what is there,
        it never replaces it.
      </p>
      {error ? (
        <p className="sync-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="io-buttons">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Joining…" : "Start syncing"}
        </button>
      </div>
    </form>
  );
}

function Syncing({ status, onClose }: { status: ipc.SyncStatus; onClose: () => void }) {
  const running = useSync((s) => s.running);
  const failure = useSync((s) => s.failure);
  const now = useSync((s) => s.now);
  const [confirming, setConfirming] = useState(false);
  const words = badgeWords(status, running, failure, now);
  const name = deviceNames(status);
  return (
    <>
      <h2>Sync</h2>
      <p className={`sync-state ${words?.tone ?? ""}`} data-testid="sync-state">
        {words?.text}
      </p>
      {status.folderProblem ? (
        <div className="sync-problem" role="alert">
          <p>{folderProblemText(status.folder)}</p>
          <p className="muted">{status.folderProblem}</p>
        </div>
      ) : null}
      {failure && !status.folderProblem ? <p className="sync-error">{failure}</p> : null}
      <dl className="sync-facts">
        <dt>Folder</dt>
        <dd className="sync-folder">{status.folder}</dd>
        <dt>This device</dt>
        <dd data-testid="sync-this-device">{status.deviceName}</dd>
        <dt>To send</dt>
        <dd data-testid="sync-pending">
          {status.pendingChanges > 0
            ? `${plural(status.pendingChanges, "change", "changes")} made here, sent in a moment`
            : "Nothing: every change made here has been sent"}
        </dd>
      </dl>
      <h3>Other devices</h3>
      {status.devices.length === 0 ? (
        <p className="muted">
          None yet. Join this folder from Nacre on another computer; it shows here after its first
          round.
        </p>
      ) : (
        <table className="sync-devices">
          <tbody>
            {status.devices.map((d) => (
              <tr key={d.deviceId} data-device={d.name}>
                <th scope="row">{d.name}</th>
                <td className="muted">last seen {agoText(d.lastSeen, now)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {status.waitingFiles.length > 0 ? (
        <>
          <h3>Files waiting</h3>
          <ul className="sync-waiting">
            {status.waitingFiles.map((f) => (
              <li key={f.name}>
                <span className="sync-file">{f.name}</span> from {name(f.deviceId)}:{" "}
                <span className="muted">{f.reason}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {confirming ? (
        <div className="sync-confirm" role="alert">
          <p>
            <strong>Stop syncing this library?</strong> It keeps every pearl; it stops exchanging
            edits with {status.folder}. The files this device wrote stay there for the others.
          </p>
          <div className="io-buttons">
            <button type="button" onClick={() => setConfirming(false)}>
              Keep syncing
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => {
                setConfirming(false);
                void leaveFolder();
              }}
            >
              Stop syncing
            </button>
          </div>
        </div>
      ) : (
        <div className="io-buttons">
          <button type="button" className="sync-leave" onClick={() => setConfirming(true)}>
            Stop syncing…
          </button>
          <button type="button" disabled={running} onClick={() => void syncNow()}>
            {running ? "Syncing…" : "Sync now"}
          </button>
          <button type="button" className="primary" onClick={onClose}>
            Done
          </button>
        </div>
      )}
    </>
  );
}
