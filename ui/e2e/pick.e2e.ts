// Picking from an imported tree in the real app (issue 13): a curator's page imported, one of
// its branches dragged out of the copy into a collection of one's own is picked (a copy that
// keeps its provenance), the drag's label saying so; Alt-drag leaves an alias instead; undo
// takes a pick away; a drag within the copy still moves.

import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Key } from "webdriverio";
import type { Pearl } from "../src/bindings/Pearl";
import {
  type Browser,
  eventually,
  freshHome,
  nacre,
  type RunningApp,
  row,
  screenshot,
  startApp,
  textOf,
  titlesIn,
} from "./app";

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

/** A recipient's library holding "Shared", the import of M. Durand's page "Révolution", and a
 * collection of their own, "Mes cours". */
function recipientHome(): { dir: string; library: string } {
  const curator = freshHome();
  nacre(curator.library, "add", "--collection", "Révolution/Les débuts");
  nacre(curator.library, "add", "--collection", "Révolution/La Terreur");
  for (const [name, title] of [
    ["bastille", "Prise de la Bastille"],
    ["serment", "Serment du Jeu de paume"],
  ] as const) {
    const url = `https://example.org/${name}`;
    nacre(curator.library, "add", url, "--title", title, "--to", "Révolution/Les débuts");
  }
  const page = join(curator.dir, "revolution.html");
  nacre(
    curator.library,
    "export",
    "-f",
    "page",
    "Révolution",
    "-o",
    page,
    "--curator",
    "M. Durand",
  );
  const home = freshHome();
  nacre(home.library, "import", page, "--title", "Shared");
  nacre(home.library, "add", "--collection", "Mes cours");
  return home;
}

/** Opens Shared and the copy inside it in the tree, so the copy's branches show. */
async function openTheCopy(b: Browser): Promise<void> {
  await row(b, "Shared").$(".twisty").click();
  await row(b, "Révolution").waitForExist();
  await row(b, "Révolution").$(".twisty").click();
  await row(b, "Les débuts").waitForExist();
}

const mouse = { id: "mouse", parameters: { pointerType: "mouse" as const } };

/** Presses on `from` and glides into the closed collection `to`, holding until the drop is
 * armed (the pointer stays down: the caller reads the ghost, then lets go). */
type Row = Awaited<ReturnType<typeof row>>;

function dragInto(b: Browser, from: Row, to: Row) {
  return b
    .action("pointer", mouse)
    .move({ origin: from })
    .down({ button: 0 })
    .move({ origin: from, x: 0, y: 8, duration: 60 })
    .move({ origin: to, x: 0, y: 0, duration: 200 })
    .pause(700)
    .move({ origin: to, x: 1, y: 0, duration: 30 });
}

describe("picking from an imported tree", () => {
  it("copies a branch dragged out of the copy into one's own collection, with its provenance, undoes it, and still moves within the copy", async () => {
    const home = recipientHome();
    app = await startApp(home);
    const b = app.browser;
    await openTheCopy(b);
    const debuts = await row(b, "Les débuts");
    const mine = await row(b, "Mes cours");
    await b.performActions([dragInto(b, debuts, mine).toJSON()]);
    const ghost = await textOf(b, '[data-testid="drag-ghost"]');
    expect(ghost, "the label says what the drop will do").toBe(
      "Pick “Les débuts” into “Mes cours”",
    );
    await b.performActions([b.action("pointer", mouse).up({ button: 0 }).toJSON()]);
    await b.releaseActions();
    await eventually(
      "Mes cours",
      () => titlesIn(home.library, "Mes cours"),
      (t) => t.length === 1,
    );
    expect(titlesIn(home.library, "Mes cours")).toEqual(["Les débuts"]);
    expect(titlesIn(home.library, "Mes cours/Les débuts")).toEqual([
      "Prise de la Bastille",
      "Serment du Jeu de paume",
    ]);
    expect(
      titlesIn(home.library, "Shared/Révolution"),
      "the copy keeps its branch: a pick copies",
    ).toEqual(["Les débuts", "La Terreur"]);
    await eventually(
      "the notice",
      () => textOf(b, '[data-testid="notice"]'),
      (t) =>
        t.startsWith(
          "Picked “Les débuts” (3 pearls) into “Mes cours”, from “Révolution” by M. Durand",
        ),
    );
    // The pick is selected: its details say where it came from.
    await eventually(
      "the provenance in the details",
      () => textOf(b, '[data-testid="shared-info"]'),
      (t) =>
        t.includes("Picked from a shared tree") && t.includes("From “Révolution” by M. Durand"),
    );
    await screenshot(b, "pick.png");
    const [picked] = nacre(home.library, "ls", "Mes cours") as Pearl[];
    expect(picked?.provenance?.pickedAt, "kept in the library").toBeTypeOf("number");

    await b.$('[role="tree"]').click();
    await b.keys([Key.Ctrl, "z"]);
    await eventually(
      "Mes cours after undo",
      () => titlesIn(home.library, "Mes cours"),
      (t) => t.length === 0,
    );

    // Within the copy, a drag moves as ever.
    const terreur = await row(b, "La Terreur");
    const debutsAgain = await row(b, "Les débuts");
    await b.performActions([dragInto(b, terreur, debutsAgain).toJSON()]);
    expect(await textOf(b, '[data-testid="drag-ghost"]')).toBe("La Terreur");
    await b.performActions([b.action("pointer", mouse).up({ button: 0 }).toJSON()]);
    await b.releaseActions();
    await eventually(
      "the copy after a move inside it",
      () => titlesIn(home.library, "Shared/Révolution"),
      (t) => t.length === 1,
    );
    expect(titlesIn(home.library, "Shared/Révolution/Les débuts")).toContain("La Terreur");
  });

  it("leaves an alias of an imported collection when it is dragged out with Alt held", async () => {
    const home = recipientHome();
    app = await startApp(home);
    const b = app.browser;
    await openTheCopy(b);
    const debuts = await row(b, "Les débuts");
    const mine = await row(b, "Mes cours");
    const keys = b.action("key", { id: "keyboard" }).down(Key.Alt).pause(0).pause(0).pause(0);
    await b.performActions([keys.toJSON(), dragInto(b, debuts, mine).toJSON()]);
    const ghost = await textOf(b, '[data-testid="drag-ghost"]');
    expect(ghost).toBe("Pick an alias of “Les débuts” into “Mes cours”");
    await b.performActions([
      b.action("key", { id: "keyboard" }).pause(0).up(Key.Alt).toJSON(),
      b.action("pointer", mouse).up({ button: 0 }).pause(0).toJSON(),
    ]);
    await b.releaseActions();
    await eventually(
      "Mes cours",
      () => nacre(home.library, "ls", "Mes cours") as Pearl[],
      (p) => p.length === 1,
    );
    const [alias] = nacre(home.library, "ls", "Mes cours") as Pearl[];
    expect(alias?.kind).toBe("alias");
    expect(alias?.title).toBe("Les débuts");
    await eventually(
      "the notice",
      () => textOf(b, '[data-testid="notice"]'),
      (t) => t.startsWith("Left an alias of “Les débuts” in “Mes cours”"),
    );
  });
});
