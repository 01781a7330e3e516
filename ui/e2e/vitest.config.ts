import { defineConfig } from "vitest/config";

// End-to-end tests of the real built app, one at a time (one display, one driver port).
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    fileParallelism: false,
    pool: "forks",
    teardownTimeout: 2000,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
