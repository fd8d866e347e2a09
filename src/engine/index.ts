/**
 * The story engine's public API: pure functions from text to verdicts.
 * The CLI (src/cli) and the GitHub App (src/app) both call only this module.
 */
export type { Finding, RuleId, Severity, StoryReport } from "./types.js";
export { RULE_IDS } from "./types.js";

// Being implemented now; these are the signatures to code against:
//   checkStory(input: StoryInput): StoryReport
//   kindFor(config: Config, repoPath: string): StoryKind | null   (null for template files too)
//   templateCandidates(kind: StoryKind, repoPath: string): string[] (repo paths to try, in order; then builtinTemplate())
//   parseTemplate(markdown: string): Template
//   builtinTemplate(): Template
//   RULES: readonly RuleMeta[]  ({ id, description, defaultSeverity })
//   interface StoryInput { path: string; content: Uint8Array | string; kind: StoryKind | null; template: Template; config: Config }
//   interface Template { title: string | null; faq: { heading: string; questions: TemplateQuestion[] } | null; ... }
//   interface TemplateQuestion { text: string; optional: boolean; markdown: string /* heading + hint, ready to paste */ }
