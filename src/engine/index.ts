/**
 * The story engine's public API: pure functions from text to verdicts.
 * The CLI (src/cli) and the GitHub App (src/app) both call only this module.
 */
export type { Finding, RuleId, Severity, StoryReport } from "./types.js";
export { RULE_IDS } from "./types.js";

// Implemented in the modules below (in progress):
//   checkStory(input: StoryInput): StoryReport
//   kindFor(config: Config, repoPath: string): StoryKind | null   (null for template files too)
//   templateCandidates(kind: StoryKind, repoPath: string): string[] (repo paths to try, in order; then the built-in)
//   parseTemplate(markdown: string): Template
//   builtinTemplate(): Template
//   interface StoryInput { path: string; content: Uint8Array | string; kind: StoryKind | null; template: Template; config: Config }
