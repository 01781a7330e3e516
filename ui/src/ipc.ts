// The only place that talks to the backend. Every command of src-tauri/src/commands has a typed
// function here; a failed command rejects with an IpcError carrying the core's error code.

import { invoke } from "@tauri-apps/api/core";
import { openUrl } from "@tauri-apps/plugin-opener";
import type { ChildList } from "./bindings/ChildList";
import type { CollectionChoice } from "./bindings/CollectionChoice";
import type { DuplicateGroup } from "./bindings/DuplicateGroup";
import type { FoundPearl } from "./bindings/FoundPearl";
import type { HistoryEntry } from "./bindings/HistoryEntry";
import type { LibraryInfo } from "./bindings/LibraryInfo";
import type { Pearl } from "./bindings/Pearl";
import type { PearlDraft } from "./bindings/PearlDraft";
import type { PearlEdit } from "./bindings/PearlEdit";
import type { PearlId } from "./bindings/PearlId";
import type { PickReport } from "./bindings/PickReport";
import type { Placement } from "./bindings/Placement";
import type { SearchHit } from "./bindings/SearchHit";
import type { SearchResult } from "./bindings/SearchResult";
import type { SortBy } from "./bindings/SortBy";
import type { TreeItem } from "./bindings/TreeItem";

export type {
  ChildList,
  CollectionChoice,
  DuplicateGroup,
  FoundPearl,
  HistoryEntry,
  LibraryInfo,
  Pearl,
  PearlDraft,
  PearlEdit,
  PearlId,
  PickReport,
  Placement,
  SearchHit,
  SearchResult,
  SortBy,
  TreeItem,
};

import type { ErrorCode } from "./bindings/ErrorCode";
import { ARCHIVE_PROGRESS, FETCH_PROGRESS, FETCH_QUICK, IMPORT_PROGRESS } from "./bindings/events";

export type { ErrorCode };

/** A command that failed: the core's code and its message. */
export class IpcError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = "IpcError";
    this.code = code;
  }
}

function isCommandError(e: unknown): e is { code: ErrorCode; message: string } {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

async function call<T>(
  command: string,
  args?: Record<string, unknown> | Uint8Array,
  headers?: Record<string, string>,
): Promise<T> {
  try {
    return await invoke<T>(command, args, headers ? { headers } : undefined);
  } catch (e) {
    if (isCommandError(e)) throw new IpcError(e.code, e.message);
    throw new IpcError("internal", String(e));
  }
}

export const libraryInfo = () => call<LibraryInfo>("library_info");
export const getPearl = (id: PearlId) => call<Pearl>("get_pearl", { id });
export const listChildren = (parent: PearlId) => call<TreeItem[]>("list_children", { parent });
export const listChildrenOf = (parents: PearlId[]) =>
  call<ChildList[]>("list_children_of", { parents });
export const revealPearl = (id: PearlId) => call<PearlId[]>("reveal_pearl", { id });

export const createPearl = (parent: PearlId, placement: Placement, draft: PearlDraft) =>
  call<Pearl>("create_pearl", { parent, placement, draft });
export const updatePearl = (id: PearlId, edit: PearlEdit) =>
  call<Pearl>("update_pearl", { id, edit });
export const movePearls = (ids: PearlId[], parent: PearlId, placement: Placement) =>
  call<null>("move_pearls", { ids, parent, placement });
/** Picks pearls of an imported tree into a collection of one's own (aliases with `alias`). */
export const pickPearls = (ids: PearlId[], parent: PearlId, placement: Placement, alias: boolean) =>
  call<PickReport>("pick_pearls", { ids, parent, placement, alias });
export const trashPearls = (ids: PearlId[]) => call<null>("trash_pearls", { ids });
export const restorePearls = (ids: PearlId[]) => call<null>("restore_pearls", { ids });
export const emptyTrash = () => call<number>("empty_trash");
export const sortCollection = (id: PearlId, by: SortBy) =>
  call<boolean>("sort_collection", { id, by });

export const undo = () => call<HistoryEntry | null>("undo");
export const redo = () => call<HistoryEntry | null>("redo");
export const listHistory = () => call<HistoryEntry[]>("list_history");

/** Title, note and tag matches first, then links found inside their offline copies (each with
 * a snippet of the words in context). */
export const searchPearls = (text: string, limit: number) =>
  call<SearchResult[]>("search_pearls", { text, limit });
export const listTrash = () => call<Pearl[]>("list_trash");
/** Collections whose names match `text` (case and accents ignored), best first: the same
 * finder as the browser popup's (nacre::api::capture). */
export const findCollections = (text: string, limit: number) =>
  call<CollectionChoice[]>("find_collections", { text, limit });
/** The links already in the library to the same page as `url`, each with where it is. */
export const savedCopies = (url: string) => call<FoundPearl[]>("saved_copies", { url });
/** Ends the app. */
export const quitApp = () => call<null>("quit_app");
/** Opens the file the last share wrote, or (`reveal`) shows it in its folder. */
export const openSharedFile = (reveal: boolean) => call<null>("open_shared_file", { reveal });

/** Opens a link in the system's browser; the window itself never navigates away. */
export const openInBrowser = (url: string) => openUrl(url);

// Import, export and page details (src-tauri/src/commands/{import,export,fetch}.rs).

import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { BrowserProfile } from "./bindings/BrowserProfile";
import type { Credit } from "./bindings/Credit";
import type { ExportFormat } from "./bindings/ExportFormat";
import type { ExportReport } from "./bindings/ExportReport";
import type { FetchProgress } from "./bindings/FetchProgress";
import type { ImportPreview } from "./bindings/ImportPreview";
import type { ImportProgress } from "./bindings/ImportProgress";
import type { ImportReport } from "./bindings/ImportReport";
import type { LinkHealth } from "./bindings/LinkHealth";
import type { NeverFetched } from "./bindings/NeverFetched";
import type { PageLanguage } from "./bindings/PageLanguage";
import type { PearlFavicon } from "./bindings/PearlFavicon";
import type { ProfileBookmarks } from "./bindings/ProfileBookmarks";
import type { Relations } from "./bindings/Relations";
import type { Report as FetchReport } from "./bindings/Report";
import type { StoredDetails } from "./bindings/StoredDetails";
import type { UpdateOffer } from "./bindings/UpdateOffer";
import type { UpdateReport } from "./bindings/UpdateReport";

export type {
  BrowserProfile,
  Credit,
  ExportFormat,
  ExportReport,
  FetchProgress,
  FetchReport,
  ImportPreview,
  ImportProgress,
  ImportReport,
  LinkHealth,
  NeverFetched,
  PageLanguage,
  PearlFavicon,
  ProfileBookmarks,
  Relations,
  StoredDetails,
  UpdateOffer,
  UpdateReport,
};

export const chooseImportFile = () => call<string | null>("choose_import_file");
export const listBrowserProfiles = () => call<ProfileBookmarks[]>("list_browser_profiles");
export const readImportFile = (path: string) => call<ImportPreview>("read_import_file", { path });
export const readImportProfile = (p: BrowserProfile) =>
  call<ImportPreview>("read_import_profile", { browser: p.browser, profile: p.profile });
/** A dropped file: its bytes go as the raw request body, its name in a header. */
export const readImportBytes = (name: string, bytes: Uint8Array) =>
  call<ImportPreview>("read_import_bytes", bytes, { "x-file-name": encodeURIComponent(name) });
export const commitImport = (into: PearlId, title: string) =>
  call<ImportReport>("commit_import", { into, title });
export const cancelImport = () => call<null>("cancel_import");
/** Whether the previewed file is a newer version of a tree imported before. */
export const importUpdateOffer = () => call<UpdateOffer | null>("import_update_offer");
/** Updates the copy `copy` from the previewed file instead of importing it anew. */
export const commitImportUpdate = (copy: PearlId) =>
  call<UpdateReport>("commit_import_update", { copy });

export const chooseExportPath = (name: string, format: ExportFormat) =>
  call<string | null>("choose_export_path", { name, format });
export const exportCollection = (
  id: PearlId,
  format: ExportFormat,
  lang: PageLanguage,
  credit: Credit,
  path: string,
  copies = false,
) => call<ExportReport>("export_collection", { id, format, lang, credit, copies, path });
/** The credit the Share dialog last used for the collection `id`. */
export const shareCredit = (id: PearlId) => call<Credit>("share_credit", { id });
/** Where else a pearl stands: a link's other places, a collection's similar imported trees. */
export const pearlRelations = (id: PearlId) => call<Relations>("pearl_relations", { id });

export const fetchNewLinks = (ids: PearlId[]) => call<FetchReport>("fetch_new_links", { ids });
export const refreshDetails = (ids: PearlId[], onlyNew: boolean) =>
  call<FetchReport>("refresh_details", { ids, onlyNew });
export const cancelFetch = () => call<null>("cancel_fetch");
export const listDeadLinks = () => call<LinkHealth[]>("list_dead_links");
export const listDuplicates = () => call<DuplicateGroup[]>("list_duplicates");
export const listMovedLinks = () => call<LinkHealth[]>("list_moved_links");
export const updateMovedLinks = (ids: PearlId[]) => call<PearlId[]>("update_moved_links", { ids });
export const faviconsOf = (ids: PearlId[]) => call<PearlFavicon[]>("favicons_of", { ids });
export const pageInfo = (id: PearlId) => call<StoredDetails | null>("page_info", { id });

export const onImportProgress = (f: (p: ImportProgress) => void): Promise<UnlistenFn> =>
  listen<ImportProgress>(IMPORT_PROGRESS, (e) => f(e.payload));
export const onFetchProgress = (f: (p: FetchProgress) => void): Promise<UnlistenFn> =>
  listen<FetchProgress>(FETCH_PROGRESS, (e) => f(e.payload));
export const onQuickFetch = (f: (ids: PearlId[]) => void): Promise<UnlistenFn> =>
  listen<PearlId[]>(FETCH_QUICK, (e) => f(e.payload));

// The browser and the live window (src-tauri/src/commands/browser.rs, src-tauri/src/live.rs).

import type { HostStatus } from "./bindings/HostStatus";
import type { LibraryChange } from "./bindings/LibraryChange";

export type { HostStatus, LibraryChange };

export const browserStatus = () => call<HostStatus[]>("browser_status");
export const connectBrowser = (browser: string) => call<HostStatus>("connect_browser", { browser });
export const disconnectBrowser = (browser: string) =>
  call<HostStatus>("disconnect_browser", { browser });
/** The pearl a `nacre://pearl/ID` link asked for when it started the window (once). */
export const takeStartPearl = () => call<PearlId | null>("take_start_pearl");
/** Another process (the browser's host, the nacre tool) changed the library. */
export const onLibraryChanged = (f: (c: LibraryChange) => void): Promise<UnlistenFn> =>
  listen<LibraryChange>("library-changed", (e) => f(e.payload));
/** A `nacre://` link asks to show a pearl. */
export const onShowPearl = (f: (id: PearlId) => void): Promise<UnlistenFn> =>
  listen<PearlId>("show-pearl", (e) => f(e.payload));

// Offline copies (src-tauri/src/commands/archive.rs).

import type { ArchiveOverview } from "./bindings/ArchiveOverview";
import type { ArchiveProgress } from "./bindings/ArchiveProgress";
import type { ArchiveReport } from "./bindings/ArchiveReport";
import type { CopyView } from "./bindings/CopyView";

export type { ArchiveOverview, ArchiveProgress, ArchiveReport, CopyView };

/** Keeps an offline copy of these links (collections: every link below them), again for links
 * that have one; `archive-progress` events tell how it goes. */
export const keepCopies = (ids: PearlId[]) => call<ArchiveReport>("keep_copies", { ids });
export const cancelArchive = () => call<null>("cancel_archive");
/** Keeps copies of links just made, if the setting asks for it (null: it does not). */
export const keepNewLinkCopies = (ids: PearlId[]) =>
  call<ArchiveReport | null>("keep_new_link_copies", { ids });
export const copyOf = (id: PearlId) => call<CopyView | null>("copy_of", { id });
export const archiveOverview = () => call<ArchiveOverview>("archive_overview");
export const setKeepNewLinks = (on: boolean) => call<ArchiveOverview>("set_keep_new_links", { on });
export const onArchiveProgress = (f: (p: ArchiveProgress) => void): Promise<UnlistenFn> =>
  listen<ArchiveProgress>(ARCHIVE_PROGRESS, (e) => f(e.payload));

/** Where the sandboxed view loads a link's snapshot from: the app's own protocol (Linux and
 * macOS name it nacre-copy://localhost, Windows http://nacre-copy.localhost). */
export function snapshotUrl(id: PearlId): string {
  const windows = navigator.userAgent.includes("Windows");
  return `${windows ? "http://nacre-copy.localhost" : "nacre-copy://localhost"}/snapshot/${id}`;
}

/** The Wayback Machine's page for a URL, for the user to follow in the system browser. */
export const waybackUrl = (url: string) => `https://web.archive.org/web/${url.trim()}`;

// Sync (src-tauri/src/commands/sync.rs; the rounds that run by themselves: src-tauri/src/sync_loop.rs).

import type { AlsoValue } from "./bindings/AlsoValue";
import { SYNC_ROUND } from "./bindings/events";
import type { RoundEvent } from "./bindings/RoundEvent";
import type { SyncDevice } from "./bindings/SyncDevice";
import type { SyncReport } from "./bindings/SyncReport";
import type { SyncStatus } from "./bindings/SyncStatus";
import type { WaitingFile } from "./bindings/WaitingFile";

export type { AlsoValue, RoundEvent, SyncDevice, SyncReport, SyncStatus, WaitingFile };

export const syncStatus = () => call<SyncStatus>("sync_status");
/** This computer's name: the default name of this device. */
export const defaultDeviceName = () => call<string>("default_device_name");
/** The system's folder picker; null if it was closed. */
export const chooseSyncFolder = () => call<string | null>("choose_sync_folder");
/** Joins a folder (merging with what other devices left there) and runs the first round. */
export const joinSyncFolder = (folder: string, name: string) =>
  call<SyncReport>("join_sync_folder", { folder, name });
/** Asks for a round now: it is told by `sync-round` events. */
export const syncNow = () => call<null>("sync_now");
/** Stops syncing; the library keeps everything. Returns the folder it synced through. */
export const leaveSyncFolder = () => call<string>("leave_sync_folder");
/** A pearl's values that lost to a concurrent edit on another device. */
export const alsoValues = (id: PearlId) => call<AlsoValue[]>("also_values", { id });
export const dismissAlso = (id: PearlId, field: string) =>
  call<number>("dismiss_also", { id, field });
/** A round began or ended, or how syncing stands changed. */
export const onSyncRound = (f: (e: RoundEvent) => void): Promise<UnlistenFn> =>
  listen<RoundEvent>(SYNC_ROUND, (e) => f(e.payload));
