// The top bar's actions, in one list: the bar shows as many as fit, in this order, and folds
// the rest into its "More" menu, so an action added here later (Sync, ...) folds the same way.

import * as act from "../../state/actions";
import * as io from "../io/ioActions";

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
  run: () => void;
}

export const TOP_ACTIONS: readonly TopAction[] = [
  {
    id: "new-collection",
    label: "+ Collection",
    title: "New collection (Ctrl+N)",
    group: 0,
    run: () => void act.newCollection(),
  },
  {
    id: "new-note",
    label: "+ Note",
    title: "New note (Ctrl+Shift+N)",
    group: 0,
    run: () => void act.newNote(),
  },
  {
    id: "new-section",
    label: "+ Section",
    title: "New section (Ctrl+Shift+S)",
    group: 0,
    run: () => void act.newSection(),
  },
  {
    id: "undo",
    label: "Undo",
    icon: "↶",
    title: "Undo (Ctrl+Z)",
    group: 1,
    run: () => void act.undo(),
  },
  {
    id: "redo",
    label: "Redo",
    icon: "↷",
    title: "Redo (Ctrl+Shift+Z)",
    group: 1,
    run: () => void act.redo(),
  },
  {
    id: "import",
    label: "Import…",
    title: "Import bookmarks from a browser or a file (Ctrl+O)",
    group: 2,
    run: () => void io.startImport(),
  },
  {
    id: "share",
    label: "Share…",
    title: "Share this collection as a web page or a file (Ctrl+E)",
    group: 2,
    run: io.startExport,
  },
  {
    id: "details",
    label: "⟳ Details",
    title: "Fetch titles and favicons of the selection or the open collection (F5)",
    group: 2,
    run: io.refreshSelection,
  },
  {
    id: "duplicates",
    label: "Duplicates",
    title: "Pages saved more than once, and where each copy is",
    group: 3,
    run: () => void io.showHealth("duplicates"),
  },
  {
    id: "health",
    label: "Link health",
    title: "Dead and moved links",
    group: 3,
    run: () => void io.showHealth("problems"),
  },
  {
    id: "help",
    label: "Help",
    icon: "?",
    title: "How Nacre works, and its keys (F1)",
    group: 4,
    run: act.openHelp,
  },
];

/**
 * How many actions fit in `room` pixels, given each one's width on the bar (a group's first
 * action carries its separator) and the More button's: all of them, or as many as fit beside
 * the More button.
 */
export function actionsThatFit(
  widths: readonly number[],
  room: number,
  moreWidth: number,
  gap: number,
): number {
  const total = (n: number) =>
    widths.slice(0, n).reduce((a, w) => a + w, 0) + gap * Math.max(0, n - 1);
  if (total(widths.length) <= room) return widths.length;
  let n = widths.length - 1;
  while (n > 0 && total(n) + gap + moreWidth > room) n--;
  return n;
}
