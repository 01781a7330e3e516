// The selected pearl's details on the right, editable: title, URL, note and tags. Each field is
// saved when it loses focus (or on Enter), as its own undoable edit. An alias names the
// collection it points at and goes there; a link shows what its page said when last fetched.

import { useEffect, useState } from "react";
import {
  getPearl,
  openInBrowser,
  type Pearl,
  pageInfo,
  type StoredDetails,
  type TreeItem,
} from "../../ipc";
import { dateText } from "../../lib/dates";
import { pageStatus } from "../../lib/io";
import { titleOf } from "../../lib/pearlLook";
import * as act from "../../state/actions";
import { findPearl, useStore } from "../../state/store";
import { CopySection } from "../archive/CopySection";
import { PearlIcon } from "../pearl/PearlIcon";
import { AlsoValues, useAlsoValues } from "../sync/AlsoValues";
import { SharedSection } from "./SharedSection";

export function PearlDetail() {
  const count = useStore((s) => s.selection.size);
  const item = useStore((s) =>
    s.focus !== null && s.selection.has(s.focus) ? findPearl(s, s.focus) : undefined,
  );
  const pearl = useFullPearl(item);
  if (count > 1) {
    return (
      <aside className="detail" aria-label="Details">
        <p className="detail-empty">
          {count} pearls selected. Drag them together, cut them with <kbd>Ctrl</kbd>+<kbd>X</kbd>{" "}
          and paste them into another collection with <kbd>Ctrl</kbd>+<kbd>V</kbd>, or press{" "}
          <kbd>Delete</kbd> to move them to the trash.
        </p>
      </aside>
    );
  }
  if (item && !pearl) return <aside className="detail" aria-label="Details" aria-busy />;
  if (!pearl) {
    return (
      <aside className="detail" aria-label="Details">
        <p className="detail-empty">
          Select a pearl to see and edit its title, link, note and tags.
        </p>
      </aside>
    );
  }
  return <Editor key={pearl.id} pearl={pearl} />;
}

/**
 * The whole pearl behind a tree item (tags, dates, the full note), read again whenever the item
 * is (after every edit the tree's items are new objects).
 */
function useFullPearl(item: TreeItem | undefined): Pearl | undefined {
  const [pearl, setPearl] = useState<Pearl | undefined>(undefined);
  useEffect(() => {
    if (!item) return;
    let current = true;
    getPearl(item.id)
      .then((p) => {
        if (current) setPearl(p);
      })
      .catch((e: unknown) => act.notify(String(e), "error"));
    return () => {
      current = false;
    };
  }, [item]);
  return pearl && item && pearl.id === item.id ? pearl : undefined;
}

function Editor({ pearl }: { pearl: Pearl }) {
  const info = usePageInfo(pearl);
  const [also, rereadAlso] = useAlsoValues(pearl);
  // A link whose last fetch failed shows its offline copy first.
  const dead = pearl.kind === "link" && !!info?.outcome && info.outcome !== "ok";
  const [title, setTitle] = useState(pearl.title);
  const [url, setUrl] = useState(pearl.url ?? "");
  const [note, setNote] = useState(pearl.note);
  const [tags, setTags] = useState(pearl.tags.join(", "));
  useEffect(() => {
    // The field being typed in keeps what is typed when the pearl is read again (a sync round
    // or another process changed the library meanwhile); it is saved when it loses focus.
    const active = document.activeElement;
    const typing = active?.closest("aside.detail") ? active.getAttribute("name") : null;
    if (typing !== "title") setTitle(pearl.title);
    if (typing !== "url") setUrl(pearl.url ?? "");
    if (typing !== "note") setNote(pearl.note);
    if (typing !== "tags") setTags(pearl.tags.join(", "));
  }, [pearl]);
  const enterSaves = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") e.currentTarget.blur();
  };
  const kindName = {
    collection: "Collection",
    link: "Link",
    note: "Note",
    section: "Section",
    alias: "Alias",
  }[pearl.kind];
  return (
    <aside className="detail" aria-label="Details">
      <div className="detail-head">
        <PearlIcon pearl={pearl} size={36} />
        <div>
          <div className="detail-kind">{kindName}</div>
          <div className="detail-title">{titleOf(pearl)}</div>
        </div>
      </div>
      {pearl.kind !== "note" ? (
        <label className="field">
          <span>Title</span>
          <input
            name="title"
            value={title}
            placeholder={pearl.kind === "link" ? "The page's title" : "Name"}
            onChange={(e) => setTitle(e.target.value)}
            onKeyDown={enterSaves}
            onBlur={() => title !== pearl.title && void act.edit(pearl.id, { title }, "title")}
          />
        </label>
      ) : null}
      <AlsoValues pearl={pearl} field="title" values={also} reread={rereadAlso} />
      {pearl.kind === "link" ? (
        <label className="field">
          <span>URL</span>
          <div className="field-row">
            <input
              name="url"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              onKeyDown={enterSaves}
              onBlur={() => url !== (pearl.url ?? "") && void act.edit(pearl.id, { url }, "URL")}
            />
            <button
              type="button"
              title="Open in your browser"
              onClick={() => pearl.url && void openInBrowser(pearl.url)}
            >
              Open
            </button>
          </div>
        </label>
      ) : null}
      <AlsoValues pearl={pearl} field="url" values={also} reread={rereadAlso} />
      {pearl.kind === "alias" ? (
        <div className="field">
          <span>Points at</span>
          <div className="field-row">
            <span className="detail-target">the collection “{pearl.title}”</span>
            <button
              type="button"
              title="Show the collection this alias points at"
              onClick={() => void act.followAlias(pearl.id)}
            >
              Go to it
            </button>
          </div>
        </div>
      ) : null}
      {pearl.kind === "link" && dead ? <CopySection pearl={pearl} dead /> : null}
      {pearl.kind === "link" ? <PageSection info={info} /> : null}
      {pearl.kind === "link" && !dead ? <CopySection pearl={pearl} dead={false} /> : null}
      <SharedSection pearl={pearl} />
      <label className="field">
        <span>Note</span>
        <textarea
          name="note"
          value={note}
          rows={pearl.kind === "note" ? 10 : 5}
          placeholder="Why it matters, what to remember"
          onChange={(e) => setNote(e.target.value)}
          onBlur={() => note !== pearl.note && void act.edit(pearl.id, { note }, "note")}
        />
      </label>
      <AlsoValues pearl={pearl} field="note" values={also} reread={rereadAlso} />
      <label className="field">
        <span>Tags</span>
        <input
          name="tags"
          value={tags}
          placeholder="comma, separated"
          onChange={(e) => setTags(e.target.value)}
          onKeyDown={enterSaves}
          onBlur={() => tags !== pearl.tags.join(", ") && void act.edit(pearl.id, { tags }, "tags")}
        />
      </label>
      {pearl.kind === "collection" ? (
        <p className="detail-hint muted">
          To have it in two places, drag it with <kbd>Alt</kbd> held: the drop leaves an alias of it
          there.
        </p>
      ) : null}
      <p className="detail-dates muted">
        Added {dateText(pearl.createdAt)} · changed {dateText(pearl.modifiedAt)}
      </p>
    </aside>
  );
}

/** What the library holds about a link's page, read again whenever the pearl is (a fetch's
 * results refresh it); undefined while it is read, and for other kinds. */
function usePageInfo(pearl: Pearl): StoredDetails | null | undefined {
  const [info, setInfo] = useState<StoredDetails | null | undefined>(undefined);
  useEffect(() => {
    if (pearl.kind !== "link") return;
    let current = true;
    pageInfo(pearl.id)
      .then((i) => {
        if (current) setInfo(i);
      })
      .catch(() => {
        if (current) setInfo(null);
      });
    return () => {
      current = false;
    };
  }, [pearl]);
  return info;
}

/** What the link's page said when it was last fetched: site, description, how the fetch went,
 * where the link moved. */
function PageSection({ info }: { info: StoredDetails | null | undefined }) {
  if (info === undefined) return null;
  if (info === null) {
    return (
      <div className="field page-info" data-testid="page-info">
        <span>Page</span>
        <p className="muted">
          Not read yet. <kbd>F5</kbd> or ⟳ Details reads its title and description.
        </p>
      </div>
    );
  }
  const d = info.details;
  const status = pageStatus(info);
  const when = d.fetchedAt !== null ? dateText(d.fetchedAt) : null;
  return (
    <div className="field page-info" data-testid="page-info">
      <span>Page</span>
      {d.siteName ? <p className="page-site">{d.siteName}</p> : null}
      {d.description ? <p className="page-description">{d.description}</p> : null}
      {status ? (
        <p className={`muted page-status${info.outcome === "ok" ? "" : " problem"}`}>
          {status}
          {when ? ` · ${when}` : ""}
          {/* The status already says an error page's HTTP code; other failures say why. */}
          {info.outcome !== "ok" && info.outcome !== "httpError" && d.error ? ` · ${d.error}` : ""}
        </p>
      ) : null}
      {info.movedTo ? <p className="muted page-moved">Moved for good to {info.movedTo}</p> : null}
    </div>
  );
}
