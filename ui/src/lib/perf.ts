// Timing marks the benchmark reads through WebDriver (window.__nacrePerf): when the window
// became usable, how long expanding a collection took, how many tree rows rendered.

interface PerfEntry {
  name: string;
  at: number;
  detail?: number;
}

interface PerfWindow {
  __nacrePerf?: PerfEntry[];
  __nacreRowRenders?: number;
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
