// Days in words, the same everywhere in the window: "3 Dec 2026" in a pearl's details (as the
// credit line of a shared tree says it), "3 Dec" where this year goes without saying.

const FULL: Intl.DateTimeFormatOptions = { day: "numeric", month: "short", year: "numeric" };

/** A day as "3 Dec 2026". */
export function dateText(at: number): string {
  return new Date(at).toLocaleDateString("en-GB", FULL);
}

/** A day as "3 Dec" (with the year when it is not this year's). */
export function dayText(at: number, now: number): string {
  const d = new Date(at);
  if (d.getFullYear() !== new Date(now).getFullYear()) return dateText(at);
  return d.toLocaleDateString("en-GB", { day: "numeric", month: "short" });
}
