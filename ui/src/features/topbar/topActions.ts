// The top bar's actions, in one list: the bar shows as many as fit, in this order, and folds
// the rest into its "More" menu (those of least priority first), so an action added here
// later folds the same way.

import * as act from "../../state/actions";
import { showCopies } from "../archive/archiveActions";
import { openConnectBrowser } from "../browser/ConnectBrowser";
import * as io from "../io/ioActions";
import { openSyncScreen } from "../sync/syncStore";

export interface TopAction {
  id: string;
  /** The words on the button, and in the More menu. */
  label: string;
  /** A symbol shown instead of the label on the bar (the label stays its accessible name). */
  icon?: string;
  /** The tooltip: what it does, and its key. */
  title: string;
  /** Actions of one group sit together, with a separator before the next group. */
  group: number;
  /** When the bar is too narrow, actions of lower priority fold into More first. */
  priority: number;
  run: () => void;
}

export const TOP_ACTIONS: readonly TopAction[] = [
  {
    id: "new-collection",
    label: "+ Collection",
    title: "New collection (Ctrl+N)",
    group: 0,
    priority: 8,
    run: () => void act.newCollection(),
  },
  {
    id: "new-note",
    label: "+ Note",
    title: "New note (Ctrl+Shift+N)",
    group: 0,
    priority: 5,
    run: () => void act.newNote(),
  },
  {
    id: "new-section",
    label: "+ Section",
    title: "New section (Ctrl+Shift+S)",
    group: 0,
    priority: 4,
    run: () => void act.newSection(),
  },
  {
    id: "undo",
    label: "Undo",
    icon: "↶",
    title: "Undo (Ctrl+Z)",
    group: 1,
    priority: 7,
    run: () => void act.undo(),
  },
  {
    id: "redo",
    label: "Redo",
    icon: "↷",
    title: "Redo (Ctrl+Shift+Z)",
    group: 1,
    priority: 6,
    run: () => void act.redo(),
  },
  {
    id: "import",
    label: "Import…",
    title: "Import bookmarks from a browser or a file (Ctrl+O)",
    group: 2,
    priority: 9,
    run: () => void io.startImport(),
  },
  {
    id: "share",
    label: "Share…",
    title: "Share this collection as a web page or a file (Ctrl+E)",
    group: 2,
    priority: 9,
    run: io.startExport,
  },
  {
    id: "details",
    label: "⟳ Details",
    title: "Fetch titles and favicons of the selection or the open collection (F5)",
    group: 2,
    priority: 3,
    run: io.refreshSelection,
  },
  {
    id: "connect-browser",
    label: "Connect browser",
    title: "Pearl pages from your browser: connect it to Nacre",
    group: 3,
    priority: 3,
    run: () => openConnectBrowser(),
  },
  {
    id: "sync",
    label: "Sync…",
    title: "Have this library on your other computers, through a folder a sync service carries",
    group: 3,
    priority: 2,
    run: () => openSyncScreen(),
  },
  {
    id: "duplicates",
    label: "Duplicates",
    title: "Pages saved more than once, and where each copy is",
    group: 3,
    priority: 2,
    run: () => void io.showHealth("duplicates"),
  },
  {
    id: "health",
    label: "Link health",
    title: "Dead and moved links",
    group: 3,
    priority: 1,
    run: () => void io.showHealth("problems"),
  },
  {
    id: "copies",
    label: "Offline copies",
    title: "Copies of pages kept for when their sites are gone: their size, and new links",
    group: 3,
    priority: 1,
    run: () => void showCopies(),
  },
  {
    id: "help",
    label: "Help",
    icon: "?",
    title: "How Nacre works, and its keys (F1)",
    group: 4,
    priority: 10,
    run: act.openHelp,
  },
];

/**
 * Which actions stay on the bar in `room` pixels, given each one's width there (with its
 * separator) and priority, and the More button's width: all of them if they fit, else those of
 * highest priority that fit beside the More button. Returns their indexes, in list order.
 */
export function actionsThatFit(
  widths: readonly number[],
  priorities: readonly number[],
  room: number,
  moreWidth: number,
  gap: number,
): number[] {
  const all = widths.map((_, i) => i);
  const total = (ids: number[]) =>
    ids.reduce((a, i) => a + (widths[i] ?? 0), 0) + gap * Math.max(0, ids.length - 1);
  if (total(all) <= room) return all;
  const byPriority = [...all].sort((a, b) => (priorities[b] ?? 0) - (priorities[a] ?? 0) || a - b);
  const kept: number[] = [];
  for (const i of byPriority) {
    if (total([...kept, i]) + gap + moreWidth > room) break;
    kept.push(i);
  }
  return kept.sort((a, b) => a - b);
}
