/** checkStory: one file in, one report out. */
import type { Config, StoryKind } from "../config/types.js";
import { kindFor, notAStory } from "./kinds.js";
import { referenceTest } from "./references.js";
import { labelsFromTables } from "./table-labels.js";
import { analyzeStory, questionAliasKeys, type Parse, type SchemaSettings } from "./analyze.js";
import { normalize } from "./markdown.js";
import { RULES, ruleById, type RuleMessage } from "./rules/index.js";
import type { RepositoryContext, StoryChange } from "./repository.js";
import type { Template } from "./template.js";
import type { Finding, RuleId, Severity, StoryReport } from "./types.js";

export interface StoryInput {
  /** Reported as given. */
  path: string;
  content: Uint8Array | string;
  /** From kindFor(); null: not a story (listed, not checked). */
  kind: StoryKind | null;
  template: Template;
  config: Config;
  /** The file's real size when `content` was cut short by the caller (to honour max-file-bytes without reading it all). */
  size?: number;
  /** The repository around the story (paths, table of contents); without it toc-missing and link-broken stay silent. */
  repo?: RepositoryContext;
  /** How the pull request changed the story; absent (the CLI): every story must be in the table of contents. */
  change?: StoryChange;
  /** How markdown becomes a tree; parseStory by default. parseMarkdown gives the same tree with more work. */
  parse?: Parse;
}

/** A rule's severity for a kind: the kind's own setting, else the configuration's, else the rule's default. */
export function severityOf(config: Config, id: RuleId, kind?: StoryKind | null): Severity | "off" {
  return kind?.rules?.[id] ?? config.rules[id] ?? ruleById(id).defaultSeverity;
}

/** The value rules and optional sections that apply to a kind: its own tables replace the configuration's of the same name. */
export function schemaFor(config: Config, kind: StoryKind): SchemaSettings {
  const own = kind.tables ?? [];
  const ownTables = new Set(own.map((r) => normalize(r.table)));
  const tables = [...(config.tables ?? []).filter((r) => !ownTables.has(normalize(r.table))), ...own];
  return { tables, optionalSections: [...(config.optionalSections ?? []), ...(kind.optionalSections ?? [])] };
}

export function checkStory(input: StoryInput): StoryReport {
  const { config, kind } = input;
  if (!kind) return notAStory(input.path);
  const result = analyzeStory(input.content, input.template, config.characters, config.maxFileBytes, input.size, {
    path: input.path,
    ...(input.parse ? { parse: input.parse } : {}),
    ...(config.questionAliases ? { aliases: aliasKeys(config.questionAliases) } : {}),
    schema: schemaFor(config, kind),
    context: {
      path: input.path.replace(/^\.\//, ""),
      kind: kind.name,
      change: input.change ?? null,
      repo: input.repo ?? null,
      isStory: (p: string) => kindFor(config, p)?.name === kind.name,
      isDefinedReference: referenceTest(input.repo?.bookToml ?? null, config.definedReferences),
    },
  });
  const findings: Finding[] = [];
  const stamp = (id: RuleId, messages: readonly RuleMessage[]) => {
    const severity = severityOf(config, id, kind);
    if (severity === "off") return;
    for (const m of messages) {
      findings.push({
        rule: id,
        severity,
        message: m.message,
        line: m.line,
        column: m.column,
        ...(m.question !== undefined ? { question: m.question } : {}),
        ...(m.section !== undefined ? { section: m.section } : {}),
        ...(m.link !== undefined ? { link: m.link } : {}),
        ...(m.subject !== undefined ? { subject: m.subject } : {}),
        ...(m.fix ? { fix: m.fix } : {}),
      });
    }
  };
  if (!result.ok) {
    stamp("file-unreadable", [result.unreadable]);
    return { path: input.path, kind: kind.name, title: null, draft: false, characters: [], labels: labelsFor(config, kind.name, false, [], findings), findings };
  }
  const story = result.analysis;
  for (const rule of RULES) stamp(rule.id, rule.check(story));
  findings.sort((a, b) => a.line - b.line || a.column - b.column);
  return {
    path: input.path,
    kind: kind.name,
    title: story.title?.text ?? null,
    draft: story.draft,
    characters: story.characters,
    labels: [...labelsFor(config, kind.name, story.draft, story.characters, findings), ...labelsFromTables(config.tableLabels ?? [], story.tables)],
    findings,
  };
}

const aliasCache = new WeakMap<object, Map<string, string[]>>();

/** The configuration's older question wordings as keys, worked out once per configuration. */
function aliasKeys(aliases: NonNullable<Config["questionAliases"]>): Map<string, string[]> {
  let keys = aliasCache.get(aliases);
  if (!keys) aliasCache.set(aliases, (keys = questionAliasKeys(aliases)));
  return keys;
}

export function labelsFor(config: Config, kind: string, draft: boolean, characters: readonly string[], findings: readonly Finding[]): string[] {
  const { labels } = config;
  const out: string[] = [];
  const add = (name: string) => {
    if (name !== "" && !out.includes(name)) out.push(name);
  };
  if (labels.kind !== "") add(labels.kind.replaceAll("{kind}", kind));
  if (draft && labels.draft !== "") add(labels.draft);
  if (labels.character !== "") for (const c of characters) add(labels.character.replaceAll("{name}", c));
  const incomplete = findings.some((f) => f.severity === "error" && ruleById(f.rule).faq);
  if (incomplete && labels.incomplete !== "") add(labels.incomplete);
  return out;
}
