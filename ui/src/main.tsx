// Starts the window: styles, global keys, the first read of the library, then the layout.

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { installGlobalKeys } from "./keys";
import { perfMark } from "./lib/perf";
import { start } from "./state/actions";
import { rememberSoon } from "./state/remember";
import { watch } from "./state/store";
import "./styles.css";

perfMark("script");
installGlobalKeys();
watch(rememberSoon);
void start();
const el = document.getElementById("root");
if (el) {
  createRoot(el).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
