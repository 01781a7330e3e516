// The short card on how Nacre works: the five kinds of pearl, each with a small picture drawn
// the way the window draws it, and the three gestures. Shown on an empty library's first
// screen and in Help (the ? button).

const KINDS: { kind: string; name: string; what: string }[] = [
  { kind: "link", name: "Pearl", what: "a link to a page, with its title, note and tags" },
  { kind: "collection", name: "Collection", what: "holds pearls, and other collections" },
  { kind: "note", name: "Note", what: "your own words, standing among the pearls" },
  { kind: "section", name: "Section", what: "a heading that divides a long collection" },
  { kind: "alias", name: "Alias", what: "a collection shown in a second place too" },
];

const GESTURES: [string, string][] = [
  ["Paste", "a link (Ctrl+V) anywhere: it becomes a pearl in the open collection"],
  [
    "Drag",
    "a pearl to move it, into a collection or between pearls; out of a tree someone shared, to pick a copy that keeps their credit",
  ],
  ["Alt-drag", "a collection to leave an alias of it where you drop"],
];

function Picture({ kind }: { kind: string }) {
  if (kind === "section")
    return (
      <span className="how-pic how-section" aria-hidden>
        <span>Part</span>
      </span>
    );
  const face = { link: "W", collection: "", note: "✎", alias: "↪" }[kind] ?? "";
  return (
    <span className={`how-pic how-ball how-${kind}`} aria-hidden>
      {face}
    </span>
  );
}

export function HowItWorks() {
  return (
    <section className="how" aria-label="How Nacre works">
      <h3>How Nacre works</h3>
      <ul className="how-kinds">
        {KINDS.map((k) => (
          <li key={k.kind}>
            <Picture kind={k.kind} />
            <span>
              <strong>{k.name}</strong>: {k.what}
            </span>
          </li>
        ))}
      </ul>
      <ul className="how-gestures">
        {GESTURES.map(([g, what]) => (
          <li key={g}>
            <kbd>{g}</kbd> {what}
          </li>
        ))}
      </ul>
    </section>
  );
}
