import { defineConfig } from "vitest/config";

// The capture benchmark's window half (scripts/bench-capture.sh): the real release app on a
// 100,000-pearl library, pearls arriving from the browser's host.
export default defineConfig({
  test: {
    include: ["e2e/**/*.capture.ts"],
    fileParallelism: false,
    pool: "forks",
    teardownTimeout: 2000,
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
