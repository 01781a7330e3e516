// Timing marks the benchmark reads through WebDriver (window.__nacrePerf): when the window
// became usable, how long expanding a collection took, how many tree rows rendered, how long a
// dropped bookmark file took to reach its preview.

interface PerfEntry {
  name: string;
  at: number;
  detail?: number;
}

interface PerfWindow {
  __nacrePerf?: PerfEntry[];
  __nacreRowRenders?: number;
  __nacreMarkerRenders?: number;
}

const w = globalThis as PerfWindow;

export function perfMark(name: string, detail?: number): void {
  w.__nacrePerf ??= [];
  w.__nacrePerf.push(
    detail === undefined
      ? { name, at: performance.now() }
      : { name, at: performance.now(), detail },
  );
}

/** Counts renders of tree rows, so a benchmark can tell whether a hover re-rendered the tree. */
export function countRowRender(): void {
  w.__nacreRowRenders = (w.__nacreRowRenders ?? 0) + 1;
}

/** Counts renders of the drop marker: one per hover position that changed where a drop lands. */
export function countMarkerRender(): void {
  w.__nacreMarkerRenders = (w.__nacreMarkerRenders ?? 0) + 1;
}
