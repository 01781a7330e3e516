// Help: how Nacre works (the kinds of pearl and the gestures), then the keys of the window;
// opened with F1 or "?", or the "?" button on the top bar; Escape or a click outside closes it.

import * as act from "../../state/actions";
import { useStore } from "../../state/store";
import { HowItWorks } from "./HowItWorks";

const GROUPS: { title: string; keys: [string, string][] }[] = [
  {
    title: "Pearls",
    keys: [
      ["Ctrl+V", "paste a link: a new pearl in the open collection"],
      ["Ctrl+N", "new collection (named in place)"],
      ["Ctrl+Shift+N / Ctrl+Shift+S", "new note / new section"],
      ["F2", "rename the selected pearl"],
      ["Delete", "move the selection to the trash"],
      ["Ctrl+X, then Ctrl+V", "move the selection into the collection opened meanwhile"],
    ],
  },
  {
    title: "Tree",
    keys: [
      ["↑ ↓ Home End PageUp PageDown", "move"],
      ["→ ←", "open or close a collection"],
      ["Enter", "show a collection in the middle (an alias: its collection)"],
      ["Shift+click / Ctrl+click / Ctrl+A", "select a range / one more / all"],
    ],
  },
  {
    title: "Dragging",
    keys: [
      ["drag", "move or reorder; hold over a closed collection to drop into it"],
      ["Alt (or Ctrl+Shift) while dropping", "leave an alias of a collection instead"],
      ["Escape", "cancel the drag"],
    ],
  },
  {
    title: "Everything else",
    keys: [
      ["Ctrl+K or Ctrl+F", "search"],
      ["Ctrl+Z / Ctrl+Shift+Z or Ctrl+Y", "undo / redo any edit"],
      ["right-click, Menu key or Shift+F10", "what can be done with a pearl or a collection"],
      ["Ctrl+O / Ctrl+E", "import bookmarks / share the open collection"],
      ["F5", "fetch titles and details of the selection or the open collection"],
      ["F1 or ?", "this help"],
      ["Ctrl+Q", "quit"],
    ],
  },
];

export function Help() {
  const open = useStore((s) => s.help);
  if (!open) return null;
  return (
    <div className="io-backdrop" onClick={act.closeHelp} role="presentation">
      <div
        className="io-dialog wide keys-help"
        role="dialog"
        aria-label="Help"
        onClick={(e) => e.stopPropagation()}
      >
        <h2>Help</h2>
        <HowItWorks />
        <h3 className="keys-title">Keys</h3>
        {GROUPS.map((g) => (
          <section key={g.title}>
            <h3>{g.title}</h3>
            <table>
              <tbody>
                {g.keys.map(([k, what]) => (
                  <tr key={k}>
                    <th scope="row">
                      <kbd>{k}</kbd>
                    </th>
                    <td>{what}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
        <div className="io-buttons">
          <button type="button" className="primary" onClick={act.closeHelp}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
