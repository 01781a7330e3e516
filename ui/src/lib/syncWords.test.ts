import { describe, expect, it } from "vitest";
import type { SyncStatus } from "../bindings/SyncStatus";
import { agoText, alsoText, andList, badgeWords, waitingText } from "./syncWords";

const now = new Date(2026, 11, 3, 15, 0).getTime();
const MIN = 60_000;

const synced: SyncStatus = {
  syncing: true,
  folder: "/home/ada/Sync/nacre",
  deviceId: "aaaa000011112222",
  deviceName: "desktop",
  lastRound: now - 5 * MIN,
  folderProblem: null,
  devices: [{ deviceId: "bbbb000011112222", name: "laptop", lastSeen: now - 90 * MIN }],
  pendingChanges: 0,
  waitingFiles: [],
};

describe("agoText", () => {
  it("says a moment, minutes, hours, yesterday, then the day", () => {
    expect(agoText(now - 20_000, now)).toBe("a moment ago");
    expect(agoText(now - MIN, now)).toBe("1 minute ago");
    expect(agoText(now - 5 * MIN - 30_000, now)).toBe("5 minutes ago");
    expect(agoText(now - 3 * 60 * MIN, now)).toBe("3 hours ago");
    expect(agoText(now - 30 * 60 * MIN, now)).toBe("yesterday");
    expect(agoText(new Date(2026, 10, 20, 9, 0).getTime(), now)).toBe("on 20 Nov");
  });
  it("never says a time in the future (another computer's clock ahead)", () => {
    expect(agoText(now + 10 * MIN, now)).toBe("a moment ago");
  });
});

describe("badgeWords", () => {
  it("shows nothing when the library does not sync", () => {
    expect(badgeWords(null, false, null, now)).toBeNull();
    expect(badgeWords({ ...synced, syncing: false }, false, null, now)).toBeNull();
  });
  it("says when it last synced, with the devices in the details", () => {
    const w = badgeWords(synced, false, null, now);
    expect(w?.text).toBe("Synced 5 minutes ago");
    expect(w?.tone).toBe("quiet");
    expect(w?.detail).toContain("laptop: last seen 1 hour ago.");
    expect(w?.detail).toContain("/home/ada/Sync/nacre");
    expect(badgeWords({ ...synced, lastRound: now - 1000 }, false, null, now)?.text).toBe(
      "Synced a moment ago",
    );
  });
  it("says Syncing… while a round runs, whatever else stands", () => {
    const w = badgeWords({ ...synced, folderProblem: "gone" }, true, null, now);
    expect(w).toMatchObject({ text: "Syncing…", tone: "busy" });
  });
  it("says the folder is missing, and in the details that edits stay here", () => {
    const w = badgeWords(
      { ...synced, folderProblem: "cannot read /home/ada/Sync/nacre: No such file or directory" },
      false,
      null,
      now,
    );
    expect(w?.text).toBe("Sync folder missing");
    expect(w?.tone).toBe("problem");
    expect(w?.detail).toContain(
      "The folder /home/ada/Sync/nacre cannot be read: edits stay here and sync when it is back.",
    );
  });
  it("counts the files waiting, by the name of the device that wrote them", () => {
    const waiting = {
      ...synced,
      waitingFiles: [
        { name: "b.1.nacresync", deviceId: "bbbb000011112222", reason: "incomplete" },
        { name: "b.2.nacresync", deviceId: "bbbb000011112222", reason: "incomplete" },
      ],
    };
    expect(badgeWords(waiting, false, null, now)?.text).toBe("Waiting for 2 files from laptop");
  });
  it("says a round failed, with why in the details", () => {
    const w = badgeWords(synced, false, "the library is locked", now);
    expect(w?.text).toBe("Sync failed");
    expect(w?.detail.split("\n")[0]).toBe("the library is locked");
  });
  it("counts the changes waiting to be sent", () => {
    const w = badgeWords({ ...synced, pendingChanges: 3 }, false, null, now);
    expect(w?.detail).toContain("3 changes made here to send.");
  });
  it("says not synced yet before a first round", () => {
    expect(badgeWords({ ...synced, lastRound: null }, false, null, now)?.text).toBe(
      "Not synced yet",
    );
  });
});

describe("waitingText", () => {
  it("names a device not met yet by the start of its id, and lists several", () => {
    const w = waitingText({
      ...synced,
      waitingFiles: [
        { name: "c.1.nacresync", deviceId: "cccc999911112222", reason: "from a newer Nacre" },
        { name: "b.1.nacresync", deviceId: "bbbb000011112222", reason: "corrupt" },
      ],
    });
    expect(w).toBe("Waiting for 2 files from device cccc99 and laptop");
    expect(waitingText(synced)).toBeNull();
  });
  it("joins three names with commas and and", () => {
    expect(andList(["a", "b", "c"])).toBe("a, b and c");
    expect(andList(["a"])).toBe("a");
  });
});

describe("alsoText", () => {
  it("quotes the lost value and names the device and the day", () => {
    expect(
      alsoText(
        {
          field: "title",
          value: "Old title",
          device: "laptop",
          at: new Date(2026, 11, 3).getTime(),
        },
        now,
      ),
    ).toBe("also: “Old title” from laptop, 3 Dec");
  });
  it("says an emptied value in words, and cuts a long one", () => {
    expect(alsoText({ field: "note", value: "", device: "phone", at: now }, now)).toBe(
      "also: no note from phone, 3 Dec",
    );
    const long = alsoText({ field: "note", value: "x".repeat(200), device: "p", at: now }, now);
    expect(long).toContain(`“${"x".repeat(79)}…”`);
  });
});
