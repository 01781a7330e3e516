// What the window knows of syncing: the last status read, whether a round runs, why the last
// one failed, and whether the Sync screen is open; read again at every `sync-round` event (a
// round began or ended, the folder went or came back, an edit waits to be sent); its clock
// moves on every 30 s (so "5 minutes ago" stays true). Rounds run by themselves in the backend.

import { useEffect, useSyncExternalStore } from "react";
import * as ipc from "../../ipc";
import { IpcError } from "../../ipc";
import * as act from "../../state/actions";

export interface SyncState {
  status: ipc.SyncStatus | null;
  running: boolean;
  failure: string | null;
  screenOpen: boolean;
  /** The clock the words are written against; moves on each minute. */
  now: number;
  /** How many rounds ended since the window opened (what they found is read again). */
  rounds: number;
}

let state: SyncState = {
  status: null,
  running: false,
  failure: null,
  screenOpen: false,
  now: Date.now(),
  rounds: 0,
};
const listeners = new Set<() => void>();

function set(patch: Partial<SyncState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

export function useSync<T>(pick: (s: SyncState) => T): T {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => pick(state),
  );
}

export function getSync(): SyncState {
  return state;
}

function message(e: unknown): string {
  return e instanceof IpcError ? e.message : String(e);
}

let reading: Promise<void> | null = null;
let readAgain = false;

/** Reads the status again (reading the folder): one read at a time, and one more after it
 * when asked meanwhile, however many events came. */
export function readStatus(): Promise<void> {
  if (reading) {
    readAgain = true;
    return reading;
  }
  reading = (async () => {
    do {
      readAgain = false;
      try {
        set({ status: await ipc.syncStatus(), now: Date.now() });
      } catch (e) {
        set({ failure: message(e) });
      }
    } while (readAgain);
    reading = null;
  })();
  return reading;
}

function heard(e: ipc.RoundEvent): void {
  if (e.kind === "started") {
    set({ running: true });
    return;
  }
  // A round may keep this device's value and still find the other's: "also" values are read
  // again after every round, whether or not it changed the library.
  if (e.kind === "finished") set({ running: false, failure: null, rounds: state.rounds + 1 });
  if (e.kind === "failed") set({ running: false, failure: e.message });
  void readStatus();
}

/** Keeps the state in step with the backend while the window is open. */
export function useSyncWatch(): void {
  useEffect(() => {
    void readStatus();
    const unlisten = ipc.onSyncRound(heard);
    // "5 minutes ago" moves on by itself; what changes otherwise comes as events.
    const minute = setInterval(() => {
      if (state.status?.syncing) set({ now: Date.now() });
    }, 30_000);
    return () => {
      clearInterval(minute);
      void unlisten.then((f) => f());
    };
  }, []);
}

/** Opens (or closes) the Sync screen. */
export function openSyncScreen(open = true): void {
  set({ screenOpen: open });
  if (open) void readStatus();
}

/** Joins a folder under this device's name; the error's words if it could not. */
export async function joinFolder(folder: string, name: string): Promise<string | null> {
  if (folder.trim() === "") return "Choose the folder to sync through first.";
  try {
    set({ running: true });
    const report = await ipc.joinSyncFolder(folder, name);
    const from = report.fromDevices.length > 0 ? `, with ${report.fromDevices.join(" and ")}` : "";
    act.notify(`This library syncs through ${folder.trim()}${from}`);
    // What the other devices had is in the library now: show it, in place.
    if (report.received > 0) await act.refresh();
    return null;
  } catch (e) {
    return message(e);
  } finally {
    set({ running: false });
    await readStatus();
  }
}

/** A round now. */
export async function syncNow(): Promise<void> {
  try {
    await ipc.syncNow();
  } catch (e) {
    set({ failure: message(e) });
  }
}

/** Stops syncing (the library keeps everything). */
export async function leaveFolder(): Promise<void> {
  try {
    const folder = await ipc.leaveSyncFolder();
    act.notify(`This library no longer syncs through ${folder}; it keeps everything`);
  } catch (e) {
    act.notify(message(e), "error");
  }
  set({ failure: null });
  await readStatus();
}
