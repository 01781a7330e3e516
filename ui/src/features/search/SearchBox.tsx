// The search field: results as you type, each with its path; choosing one reveals it in the
// tree. Title, note and tag matches come first, then links found inside their offline copies,
// each with a snippet that shows the words in context. Ctrl+K or Ctrl+F focuses it from
// anywhere.

import { useEffect, useRef, useState } from "react";
import { type SearchResult, searchPearls } from "../../ipc";
import { titleOf } from "../../lib/pearlLook";
import * as act from "../../state/actions";
import { PearlIcon } from "../pearl/PearlIcon";

export function SearchBox() {
  const [text, setText] = useState("");
  const [hits, setHits] = useState<SearchResult[]>([]);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const asked = useRef(0);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && ["k", "f"].includes(e.key.toLowerCase())) {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  useEffect(() => {
    const serial = ++asked.current;
    if (!text.trim()) {
      setHits([]);
      return;
    }
    const t = setTimeout(() => {
      searchPearls(text, 50)
        .then((found) => {
          if (serial === asked.current) {
            setHits(found);
            setActive(0);
          }
        })
        .catch((e: unknown) => act.notify(String(e), "error"));
    }, 60);
    return () => clearTimeout(t);
  }, [text]);

  const choose = (hit: SearchResult | undefined) => {
    if (!hit) return;
    setOpen(false);
    input.current?.blur();
    void act.reveal(hit.pearl.id);
  };

  return (
    <div className="search">
      <input
        ref={input}
        type="search"
        aria-label="Search"
        placeholder="Search  (Ctrl+K)"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") setActive((a) => Math.min(hits.length - 1, a + 1));
          else if (e.key === "ArrowUp") setActive((a) => Math.max(0, a - 1));
          else if (e.key === "Enter") choose(hits[active]);
          else if (e.key === "Escape") {
            setText("");
            input.current?.blur();
          } else return;
          e.preventDefault();
        }}
      />
      {open && text.trim() ? (
        <div className="search-results" role="listbox" aria-label="Search results">
          {hits.length === 0 ? (
            <div className="muted search-none">Nothing matches “{text}”</div>
          ) : null}
          {hits.map((h, i) => (
            <div
              key={h.pearl.id}
              tabIndex={-1}
              role="option"
              aria-selected={i === active}
              className={i === active ? "active" : ""}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(h);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <PearlIcon pearl={h.pearl} size={18} />
              <div className="hit-text">
                <div className="hit-title">{titleOf(h.pearl)}</div>
                <div className="hit-path muted">
                  {h.path.length ? h.path.join(" › ") : "Top of the tree"}
                </div>
                {h.inPage ? (
                  <div className="hit-snippet" data-testid="hit-snippet">
                    <span className="hit-where">In the page: </span>
                    {h.snippet.map((piece, n) =>
                      piece.hit ? (
                        // biome-ignore lint/suspicious/noArrayIndexKey: pieces never move
                        <mark key={n}>{piece.text}</mark>
                      ) : (
                        // biome-ignore lint/suspicious/noArrayIndexKey: pieces never move
                        <span key={n}>{piece.text}</span>
                      ),
                    )}
                  </div>
                ) : null}
              </div>
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
