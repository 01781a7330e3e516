// Pure helpers of the Sync screen and the top bar's sync status: how long ago, in words; what
// the top bar says for a status; a device's line; a value that lost to another device's edit.

import type { AlsoValue } from "../bindings/AlsoValue";
import type { SyncStatus } from "../bindings/SyncStatus";
import { dayText } from "./dates";
import { plural } from "./io";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long ago `at` was: "a moment ago", "5 minutes ago", "2 hours ago", "yesterday", "3 Dec". */
export function agoText(at: number, now: number): string {
  const past = Math.max(0, now - at);
  if (past < MINUTE) return "a moment ago";
  if (past < HOUR) return `${plural(Math.floor(past / MINUTE), "minute", "minutes")} ago`;
  if (past < DAY) return `${plural(Math.floor(past / HOUR), "hour", "hours")} ago`;
  if (past < 2 * DAY) return "yesterday";
  return `on ${dayText(at, now)}`;
}

/** What the top bar shows, with the details for its tooltip; null when the library does not
 * sync. `tone` says how it looks: quiet, busy, or a problem to see to. */
export interface SyncBadgeWords {
  text: string;
  detail: string;
  tone: "quiet" | "busy" | "problem";
}

/** The names of devices, by id, from a status (a device not met yet by its id's start). */
export function deviceNames(status: SyncStatus): (id: string) => string {
  const names = new Map(status.devices.map((d) => [d.deviceId, d.name]));
  return (id) => names.get(id) ?? `device ${id.slice(0, 6)}`;
}

/** "laptop", "laptop and phone", "laptop, phone and tablet". */
export function andList(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** What is wrong with the folder, in the words the user reads. */
export function folderProblemText(folder: string | null): string {
  return `The folder ${folder ?? "you sync through"} cannot be read: edits stay here and sync when it is back.`;
}

/** "2 files waiting from laptop", for the files of other devices not taken in yet. */
export function waitingText(status: SyncStatus): string | null {
  const n = status.waitingFiles.length;
  if (n === 0) return null;
  const name = deviceNames(status);
  const from = andList([...new Set(status.waitingFiles.map((f) => name(f.deviceId)))]);
  return `Waiting for ${plural(n, "file", "files")} from ${from}`;
}

/** The top bar's words for a status. `running`: a round is under way; `failure`: why the last
 * round failed, if it did. */
export function badgeWords(
  status: SyncStatus | null,
  running: boolean,
  failure: string | null,
  now: number,
): SyncBadgeWords | null {
  if (!status?.syncing) return null;
  const lines = [
    `Syncing through ${status.folder ?? "a folder"} as “${status.deviceName ?? ""}”.`,
    status.pendingChanges > 0
      ? `${plural(status.pendingChanges, "change", "changes")} made here to send.`
      : "",
    ...status.devices.map((d) => `${d.name}: last seen ${agoText(d.lastSeen, now)}.`),
  ];
  const detail = (first?: string) => [first ?? "", ...lines].filter(Boolean).join("\n");
  if (running) return { text: "Syncing…", detail: detail(), tone: "busy" };
  if (status.folderProblem)
    return {
      text: "Sync folder missing",
      detail: detail(folderProblemText(status.folder)),
      tone: "problem",
    };
  if (failure) return { text: "Sync failed", detail: detail(failure), tone: "problem" };
  const waiting = waitingText(status);
  if (waiting) return { text: waiting, detail: detail(), tone: "busy" };
  if (status.lastRound === null) return { text: "Not synced yet", detail: detail(), tone: "quiet" };
  return { text: `Synced ${agoText(status.lastRound, now)}`, detail: detail(), tone: "quiet" };
}

/** The field's name as the details panel says it. */
const FIELD_NAMES: Record<string, string> = { title: "title", note: "note", url: "URL" };

/** A value that lost to a concurrent edit: "also: “Old title” from laptop, 3 Dec". */
export function alsoText(also: AlsoValue, now: number): string {
  const value = also.value.length > 80 ? `${also.value.slice(0, 79)}…` : also.value;
  const shown = value === "" ? `no ${FIELD_NAMES[also.field] ?? also.field}` : `“${value}”`;
  return `also: ${shown} from ${also.device}, ${dayText(also.at, now)}`;
}
