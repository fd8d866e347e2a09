/** Where the shared corpora of real pull requests live, and the example configurations of their repositories. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./app-process.js";

/** ../shared/corpus beside the project; tests that read it skip, saying so, when it is absent. */
export const CORPUS = join(REPO_ROOT, "..", "shared", "corpus");

/** ../shared/goals-corpus beside the project: goal-document pull requests of rust-lang/rust-project-goals. */
export const GOALS_CORPUS = join(REPO_ROOT, "..", "shared", "goals-corpus");

/**
 * The configuration of the corpus's repository (rust-lang/wg-async): docs/examples/wg-async.yml,
 * which matches the files the corpus README's configuration matches.
 */
export const WG_ASYNC_CONFIG = readFileSync(join(REPO_ROOT, "docs", "examples", "wg-async.yml"), "utf8");

/** The configuration of rust-lang/rust-project-goals: docs/examples/rust-project-goals.yml. */
export const GOALS_CONFIG = readFileSync(join(REPO_ROOT, "docs", "examples", "rust-project-goals.yml"), "utf8");
