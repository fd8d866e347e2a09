/** Where the shared corpus of real story pull requests lives, and the configuration its README gives. */
import { join } from "node:path";
import { REPO_ROOT } from "./app-process.js";

/** ../shared/corpus beside the project; tests that read it skip, saying so, when it is absent. */
export const CORPUS = join(REPO_ROOT, "..", "shared", "corpus");

/** The configuration equivalent to the corpus's layout (rust-lang/wg-async), as its README gives it. */
export const WG_ASYNC_CONFIG = `stories:
  status-quo:
    paths: ["src/vision/status_quo/*.md", "src/vision/submitted_stories/status_quo/*.md"]
  shiny-future:
    paths: ["src/vision/shiny_future/*.md", "src/vision/submitted_stories/shiny_future/*.md"]
    exclude: ["**/users_manual.md"]
characters: [Alan, Grace, Niklaus, Barbara]
`;
