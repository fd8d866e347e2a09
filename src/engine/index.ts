/**
 * The story engine's public API: pure functions from text to verdicts.
 * The CLI (src/cli) and the GitHub App (src/app) both call only this module.
 */
export type { Finding, RuleId, Severity, StoryReport } from "./types.js";
export { RULE_IDS } from "./types.js";
export { checkStory, labelsFor, severityOf, type StoryInput } from "./check.js";
export { kindFor, notAStory, templateCandidates } from "./kinds.js";
export { builtinTemplate, parseTemplate, type Template, type TemplateQuestion, type TemplateSection } from "./template.js";
export { RULES, type Rule } from "./rules/index.js";
export { DEFAULT_MAX_FILE_BYTES } from "./input.js";
export { classifyFindings, findingIdentity, type Origin } from "./baseline.js";
export { parseMarkdown } from "./markdown.js";
export { parseStory } from "./skim.js";
export type { Parse } from "./analyze.js";
export { columnCells, columnIndex, columnTables, keyValueRows, keyValueTable, tablesOf, valueOf, type Cell, type DocTable, type Row } from "./tables.js";
