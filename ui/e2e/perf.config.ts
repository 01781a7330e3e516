import { defineConfig } from "vitest/config";

// The window's benchmark (scripts/bench-window.sh): the real release app on a 100,000-pearl
// library.
export default defineConfig({
  test: {
    include: ["e2e/**/*.perf.ts"],
    fileParallelism: false,
    pool: "forks",
    teardownTimeout: 2000,
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
