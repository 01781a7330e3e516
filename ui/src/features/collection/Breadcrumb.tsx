// Where am I: the path from the top of the tree down to the open collection, each part a
// button that opens that collection. The titles come from the collections already read; any
// missing ones are read once.

import { useEffect } from "react";
import * as ipc from "../../ipc";
import { titleOf } from "../../lib/pearlLook";
import * as act from "../../state/actions";
import { findPearl, getState, loadedParents, setState, useStore } from "../../state/store";

/** The ids from the top (the root) down to `open`'s own collection, from the loaded lists;
 * null when some collection above is not loaded. */
function chainAbove(open: number, root: number): number[] | null {
  const parents = loadedParents();
  const chain: number[] = [];
  let at = open;
  for (let guard = 0; guard < 1000 && at !== root; guard++) {
    const up = parents.get(at);
    if (up === undefined) return null;
    chain.unshift(up);
    at = up;
  }
  return chain;
}

export function Breadcrumb({ open, root }: { open: number; root: number }) {
  const children = useStore((s) => s.children);
  const chain = open === root ? [] : chainAbove(open, root);

  // Collections above that are not loaded yet (opened from search, restored at start).
  const missing = chain === null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: asks again when the lists change
  useEffect(() => {
    if (!missing) return;
    let stale = false;
    void ipc
      .revealPearl(open)
      .then((above) => ipc.listChildrenOf([root, ...above]))
      .then((lists) => {
        if (stale) return;
        setState((s) => {
          const missing = lists.filter((l) => !s.children.has(l.parent));
          if (missing.length === 0) return {};
          const next = new Map(s.children);
          for (const l of missing) next.set(l.parent, l.children);
          return { children: next };
        });
      })
      .catch(() => {});
    return () => {
      stale = true;
    };
  }, [open, root, missing, children]);

  if (open === root || !chain) return null;
  return (
    <nav className="breadcrumb" aria-label="Path">
      {chain.map((id) => {
        const p = id === root ? null : findPearl(getState(), id);
        const name = id === root ? "My pearls" : p ? titleOf(p) : "…";
        return (
          <span key={id} className="crumb">
            <button
              type="button"
              className="crumb-btn"
              title={`Open “${name}”`}
              onClick={() => void act.openCollection(id)}
            >
              {name}
            </button>
            <span className="crumb-sep" aria-hidden>
              ›
            </span>
          </span>
        );
      })}
    </nav>
  );
}
