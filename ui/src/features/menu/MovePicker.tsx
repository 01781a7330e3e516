// "Move to…": a collection picker driven by the keyboard. Type to find a collection (the same
// finder as the browser popup's picker, in the core), ↑ ↓ to choose, Enter to move, Escape to
// close. The pearls being moved and what is below them are never offered.

import { useEffect, useRef, useState } from "react";
import { type CollectionChoice, findCollections } from "../../ipc";
import { plural } from "../../lib/io";
import { titleOf } from "../../lib/pearlLook";
import * as act from "../../state/actions";
import { findPearl, getState, useStore } from "../../state/store";

const LIMIT = 50;

export function MovePicker() {
  const ids = useStore((s) => s.movePicker);
  if (!ids) return null;
  return <Picker ids={ids} />;
}

function Picker({ ids }: { ids: readonly number[] }) {
  const [text, setText] = useState("");
  const [found, setFound] = useState<CollectionChoice[]>([]);
  const [active, setActive] = useState(0);
  const asked = useRef(0);
  const root = getState().info?.root ?? null;

  useEffect(() => {
    const serial = ++asked.current;
    const t = setTimeout(
      () => {
        findCollections(text, LIMIT)
          .then((list) => {
            if (serial !== asked.current) return;
            // The pearls being moved are no place to move them to (the core refuses a move
            // below itself too, and says so).
            setFound(list.filter((c) => !ids.includes(c.id)));
            setActive(0);
          })
          .catch((e: unknown) => act.notify(String(e), "error"));
      },
      text ? 60 : 0,
    );
    return () => clearTimeout(t);
  }, [text, ids]);

  // The top of the tree is a place too, offered first while nothing is typed.
  const choices: { id: number; title: string; path: string }[] = [
    ...(text.trim() === "" && root !== null
      ? [{ id: root, title: "My pearls", path: "the top" }]
      : []),
    ...found.map((c) => ({
      id: c.id,
      title: c.title || "Untitled",
      path: ["My pearls", ...act.splitPath(c.path).slice(0, -1)].join(" / "),
    })),
  ];
  const choose = (i: number) => {
    const c = choices[i];
    if (c) void act.moveTo([...ids], c.id, c.title);
  };
  const what = ids.length === 1 ? titleOfOne(ids[0]) : plural(ids.length, "pearl", "pearls");
  return (
    <div className="io-backdrop" role="presentation" onClick={act.closeMovePicker}>
      <div
        className="io-dialog picker"
        role="dialog"
        aria-label="Move to"
        onClick={(e) => e.stopPropagation()}
      >
        <h2>Move {what} to…</h2>
        <input
          // biome-ignore lint/a11y/noAutofocus: the picker is for typing at once
          autoFocus
          className="picker-input"
          placeholder="Type a collection's name"
          aria-label="Collection to move to"
          aria-controls="move-choices"
          aria-activedescendant={choices[active] ? `move-choice-${active}` : undefined}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown") setActive((a) => Math.min(choices.length - 1, a + 1));
            else if (e.key === "ArrowUp") setActive((a) => Math.max(0, a - 1));
            else if (e.key === "Enter") choose(active);
            else if (e.key === "Escape") act.closeMovePicker();
            else return;
            e.preventDefault();
            e.stopPropagation();
          }}
        />
        <div className="picker-list" id="move-choices" role="listbox" aria-label="Collections">
          {choices.map((c, i) => (
            <div
              key={c.id}
              id={`move-choice-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? "active" : undefined}
              onPointerEnter={() => setActive(i)}
              onClick={() => choose(i)}
            >
              <span className="icon icon-collection" aria-hidden />
              <span className="picker-title">{c.title}</span>
              <span className="picker-path muted">{c.path}</span>
            </div>
          ))}
          {choices.length === 0 ? (
            <div className="picker-none muted">No collection is called that</div>
          ) : null}
        </div>
        <p className="muted picker-hint">
          <kbd>↑</kbd> <kbd>↓</kbd> choose · <kbd>Enter</kbd> move · <kbd>Esc</kbd> close
        </p>
      </div>
    </div>
  );
}

function titleOfOne(id: number | undefined): string {
  const p = id === undefined ? undefined : findPearl(getState(), id);
  return p ? `“${titleOf(p)}”` : "1 pearl";
}
