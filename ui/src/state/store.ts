// The window's state in small slices, each read through a selector so that a component
// re-renders only when its own slice changes. Rust is the source of truth: after every edit the
// collections on screen are read again.

import { useSyncExternalStore } from "react";
import type { LibraryInfo, Pearl, TreeItem } from "../ipc";
import { parentIndex } from "../lib/treeRows";

export type ViewMode = "list" | "pearls";

export interface Notice {
  text: string;
  kind: "info" | "error";
  /** Increases with every notice, so the same text shown twice restarts its timer. */
  serial: number;
}

export interface State {
  info: LibraryInfo | null;
  /** The loaded collections' pearls, in order. */
  children: ReadonlyMap<number, readonly TreeItem[]>;
  expanded: ReadonlySet<number>;
  selection: ReadonlySet<number>;
  /** The pearl keyboard navigation moves from. */
  focus: number | null;
  /** The start of a shift-click range. */
  anchor: number | null;
  /** The collection shown in the middle. */
  open: number | null;
  view: ViewMode;
  /** The middle shows the trash instead of a collection. */
  trashOpen: boolean;
  trash: readonly Pearl[];
  renaming: number | null;
  notice: Notice | null;
  /** Bumped to ask the tree to scroll its focused row into view. */
  revealSerial: number;
  /** Pearls cut with Ctrl+X, waiting for Ctrl+V to move them into the open collection. */
  cut: ReadonlySet<number> | null;
  /** The help (how Nacre works, and the keys) is open. */
  help: boolean;
  /** Nacre's own right-click menu, where it was asked for and about what. */
  menu: MenuRequest | null;
  /** The "Move to…" picker, for these pearls. */
  movePicker: readonly number[] | null;
  /** A pasted link that is already in the library, waiting for Go there / Add anyway. */
  duplicate: DuplicateNotice | null;
}

/** What a right-click was on. */
export type MenuTarget =
  | { kind: "pearl"; id: number }
  | { kind: "collectionView"; id: number }
  | { kind: "tree" }
  | { kind: "trashPearl"; id: number }
  | { kind: "trash" };

export interface MenuRequest {
  x: number;
  y: number;
  target: MenuTarget;
}

export interface DuplicateNotice {
  url: string;
  /** Where each copy already is: the collections' titles from the top, and the pearl. */
  copies: { pearl: number; path: string[] }[];
}

const initial: State = {
  info: null,
  children: new Map(),
  expanded: new Set(),
  selection: new Set(),
  focus: null,
  anchor: null,
  open: null,
  view: "pearls",
  trashOpen: false,
  trash: [],
  renaming: null,
  notice: null,
  revealSerial: 0,
  cut: null,
  help: false,
  menu: null,
  movePicker: null,
  duplicate: null,
};

let state: State = initial;
const listeners = new Set<() => void>();

export function getState(): State {
  return state;
}

export function setState(patch: Partial<State> | ((s: State) => Partial<State>)): void {
  const next = typeof patch === "function" ? patch(state) : patch;
  state = { ...state, ...next };
  for (const l of listeners) l();
}

/** Calls `listener` after every change of the state; returns the way to stop. */
export function watch(listener: () => void): () => void {
  return subscribe(listener);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** One slice of the state; the component re-renders when the slice changes (by identity). */
export function useStore<T>(select: (s: State) => T): T {
  return useSyncExternalStore(subscribe, () => select(state));
}

/** A pearl among the loaded ones. */
export function findPearl(s: State, id: number): TreeItem | undefined {
  for (const list of s.children.values()) {
    for (const p of list) if (p.id === id) return p;
  }
  return s.trash.find((p) => p.id === id);
}

let parentsOf: { children: State["children"]; parents: Map<number, number> } | null = null;

/**
 * Each loaded pearl's collection. Worked out only when asked (when a drag starts or checks a
 * drop), once per version of the loaded lists, so expanding a big collection does not pay for it.
 */
export function loadedParents(): ReadonlyMap<number, number> {
  if (parentsOf?.children !== state.children) {
    parentsOf = { children: state.children, parents: parentIndex(state.children) };
  }
  return parentsOf.parents;
}
