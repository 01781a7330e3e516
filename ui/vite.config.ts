import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// The window's front end; Tauri serves the built files from dist/ (no inline script, so the
// content security policy can forbid it).
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: { target: "safari16", outDir: "dist", emptyOutDir: true },
  test: { include: ["src/**/*.test.ts"], environment: "node" },
});
