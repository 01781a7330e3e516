// What Nacre's right-click menu offers, for each thing it can be opened on: a pearl, the open
// collection, the tree, the trash. Each item says what it does and does it; the menu only
// draws them.

import { openInBrowser, type TreeItem } from "../../ipc";
import * as act from "../../state/actions";
import { findPearl, getState, type MenuTarget, setState } from "../../state/store";
import { keepCopies } from "../archive/archiveActions";
import * as io from "../io/ioActions";

export interface MenuItem {
  label: string;
  /** A key that does the same, shown beside the label. */
  keys?: string;
  danger?: boolean;
  run: () => void;
}

/** A row of items, then a separator before the next group. */
export type MenuGroup = MenuItem[];

function newHere(into: number, where: string): MenuGroup {
  return [
    { label: `New collection ${where}`, keys: "Ctrl+N", run: () => void act.newCollection(into) },
    { label: `New note ${where}`, keys: "Ctrl+Shift+N", run: () => void act.newNote(into) },
    { label: `New section ${where}`, keys: "Ctrl+Shift+S", run: () => void act.newSection(into) },
  ];
}

/** The pearls a command on `id` applies to: the selection if `id` is in it, else `id`. */
function actedOn(id: number): number[] {
  const sel = getState().selection;
  return sel.has(id) ? [...sel] : [id];
}

function openItem(p: TreeItem): MenuItem | null {
  switch (p.kind) {
    case "collection":
      return { label: "Open", keys: "Enter", run: () => void act.openCollection(p.id) };
    case "alias":
      return { label: "Open its collection", run: () => void act.followAlias(p.id) };
    case "link":
      return p.url
        ? { label: "Open in the browser", run: () => void openInBrowser(p.url ?? "") }
        : null;
    case "note":
      return { label: "Edit the note", run: () => setState({ renaming: p.id }) };
    case "section":
      return null;
  }
}

function pearlMenu(id: number): MenuGroup[] {
  const p = findPearl(getState(), id);
  if (!p) return [];
  const ids = actedOn(id);
  const many = ids.length > 1;
  // The built-in Inbox stays where it is: it is never moved or trashed.
  const builtIn = ids.includes(getState().info?.inbox ?? -1);
  const into = p.kind === "collection" ? p.id : (p.parentId ?? getState().info?.root ?? null);
  const open = openItem(p);
  const first: MenuGroup = [];
  if (open && !many) first.push(open);
  if (!many && p.kind !== "note")
    first.push({ label: "Rename", keys: "F2", run: () => setState({ renaming: p.id }) });
  const groups: MenuGroup[] = [first];
  if (into !== null && !many)
    groups.push(newHere(into, p.kind === "collection" ? "inside" : "here"));
  const moving: MenuGroup = builtIn
    ? []
    : [
        {
          label: many ? `Move ${ids.length} pearls to…` : "Move to…",
          run: () => act.openMovePicker(ids),
        },
      ];
  if (p.kind === "collection" && !many)
    moving.push({
      label: "Share this collection…",
      keys: "Ctrl+E",
      run: () => io.startExportOf(p.id, p.title),
    });
  if (p.kind === "link" && p.url && !many) {
    const url = p.url;
    moving.push({ label: "Copy link", run: () => void act.copyLink(url) });
  }
  if (p.kind === "link" || p.kind === "collection") {
    moving.push({ label: "Refresh details", keys: "F5", run: () => void io.refreshDetails(ids) });
    moving.push({ label: "Keep an offline copy", run: () => void keepCopies(ids) });
  }
  groups.push(moving);
  if (!builtIn)
    groups.push([
      {
        label: many ? `Move ${ids.length} pearls to the trash` : "Move to trash",
        keys: "Delete",
        danger: true,
        run: () => void act.trashPearls(ids),
      },
    ]);
  return groups.filter((g) => g.length > 0);
}

function collectionMenu(id: number): MenuGroup[] {
  const s = getState();
  const isRoot = id === s.info?.root;
  const title = act.collectionName(id);
  const groups: MenuGroup[] = [newHere(id, "here")];
  const more: MenuGroup = [];
  if (!isRoot) more.push({ label: "Rename", keys: "F2", run: () => setState({ renaming: id }) });
  more.push({
    label: "Share this collection…",
    keys: "Ctrl+E",
    run: () => io.startExportOf(id, title),
  });
  more.push({ label: "Refresh details", keys: "F5", run: () => void io.refreshDetails([id]) });
  more.push({ label: "Keep an offline copy", run: () => void keepCopies([id]) });
  groups.push(more);
  // The top and the built-in Inbox stay where they are.
  if (!isRoot && id !== s.info?.inbox) {
    groups.push([{ label: "Move to…", run: () => act.openMovePicker([id]) }]);
    groups.push([{ label: "Move to trash", danger: true, run: () => void act.trashPearls([id]) }]);
  }
  return groups;
}

/** The menu's groups for what was right-clicked. */
export function menuFor(target: MenuTarget): MenuGroup[] {
  const root = getState().info?.root ?? null;
  switch (target.kind) {
    case "pearl":
      return pearlMenu(target.id);
    case "collectionView":
      return collectionMenu(target.id);
    case "tree":
      return root === null ? [] : [newHere(root, "at the top")];
    case "trashPearl":
      return [
        [{ label: "Restore", run: () => void act.restore(actedOnTrash(target.id)) }],
        [{ label: "Empty the trash", danger: true, run: () => void act.emptyTrash() }],
      ];
    case "trash":
      return [[{ label: "Empty the trash", danger: true, run: () => void act.emptyTrash() }]];
  }
}

function actedOnTrash(id: number): number[] {
  return [id];
}
