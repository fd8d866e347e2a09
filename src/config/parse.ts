/**
 * Parses `.github/story-triage.yml` once, at the boundary: from `unknown` (or YAML text) to a
 * validated Config with compiled globs. Every problem names its key and says what was expected;
 * all problems are collected and thrown together as one ConfigError.
 */
import picomatch from "picomatch";
import { bracketEnd, kindMatcher } from "./glob.js";
import YAML, { LineCounter, isMap, isScalar, isSeq, type Node as YamlNode } from "yaml";
import { RULE_IDS, type RuleId } from "../engine/types.js";
import { compilePattern } from "../engine/references.js";
import type { BoardConfig, Config, ContextSettings, DefinedReferenceSettings, TableLabel, LabelNames, QuestionAlias, RuleSetting, StoryKind, TableValueRule, TocSettings } from "./types.js";

/** Bounds that keep a hostile configuration cheap to parse and to match with. */
/** Line comments one review makes unless the configuration says otherwise (`review.max-comments`). */
export const DEFAULT_MAX_REVIEW_COMMENTS = 30;

export const LIMITS = {
  /** `review.max-comments` at most: each comment notifies people. */
  reviewComments: 100,
  yamlBytes: 1024 * 1024,
  yamlAliases: 100,
  kinds: 200,
  globsPerList: 1000,
  /** Over all kinds, paths and exclude together: compiling a glob costs tens of microseconds. */
  globsTotal: 5000,
  globChars: 1000,
  /** `*` and `**` runs per glob: each one multiplies the backtracking a regex match can do. */
  globWildcards: 4,
  /** `{a,b}` groups per glob, for the same reason. */
  globBraces: 4,
  characters: 200,
  nameChars: 50,
  templatePathChars: 1000,
  /** GitHub's limit on label names. */
  labelChars: 50,
  maxFileBytes: 10 * 1024 * 1024,
  /** Problems listed in one ConfigError; the rest are counted. */
  problems: 100,
} as const;

/** Top-level keys read in the part "Checks that read more than the story" below. */
const CONTEXT_KEYS = ["question-aliases", "toc", "defined-references"] as const;
const DEFINED_REFERENCE_KEYS = ["names", "patterns"] as const;
const TOC_KEYS = ["summary", "index"] as const;
/** Keys of the `board` section, read in its part below. */
const BOARD_KEYS = ["enabled", "facets", "waiting-on", "age-days"] as const;
const SEVERITIES = ["error", "warning", "info", "off"] as const;
const REVIEW_EVENTS = ["COMMENT", "REQUEST_CHANGES"] as const;
/** Keys read in the part "What a template cannot say" below. */
const SCHEMA_KEYS = ["tables", "optional-sections"] as const;
const VALUE_RULE_KEYS = ["one-of", "ignore-case", "pattern", "required", "required-when"] as const;
const TOP_KEYS = ["stories", "characters", "labels", "rules", "max-file-bytes", "review", "fail-on", "board", ...CONTEXT_KEYS, ...SCHEMA_KEYS, "table-labels"] as const;
/** Keys of each entry of `table-labels`. */
const TABLE_LABEL_KEYS = ["table", "column", "row"] as const;
const FAIL_ON = ["introduced", "all"] as const;
const KIND_KEYS = ["paths", "exclude", "template", "rules", ...SCHEMA_KEYS] as const;
const LABEL_KEYS = ["draft", "character", "kind", "incomplete"] as const;
const REVIEW_KEYS = ["event", "max-comments"] as const;

/**
 * Every key the parser accepts, by where it sits: the top level (""), a story kind
 * (`stories.<kind>`), `labels`, `rules` and `review`. The documentation is checked against it.
 */
export const CONFIG_KEYS = {
  "": TOP_KEYS,
  "stories.<kind>": KIND_KEYS,
  labels: LABEL_KEYS,
  rules: RULE_IDS,
  review: REVIEW_KEYS,
  toc: TOC_KEYS,
  board: BOARD_KEYS,
  "tables.<table>.<row or column>": VALUE_RULE_KEYS,
  "defined-references": DEFINED_REFERENCE_KEYS,
  "table-labels.<label>": TABLE_LABEL_KEYS,
} as const;

const DEFAULT_CHARACTERS = ["Alan", "Grace", "Niklaus", "Barbara"];
const DEFAULT_LABELS: LabelNames = {
  draft: "draft",
  character: "character:{name}",
  kind: "{kind}",
  incomplete: "needs-faq",
};
const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
const GLOB_OPTIONS = { dot: true, strictBrackets: true, noextglob: true } as const;

/** A configuration a user can fix: every problem names its key and what was expected. */
export class ConfigError extends Error {
  readonly problems: string[];
  /** The file the configuration came from, when known. */
  readonly source: string | null;

  constructor(problems: string[], source: string | null = null, heading = "Invalid configuration") {
    const where = source === null ? "" : ` in ${source}`;
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(`${heading}${where} (${count}):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
    this.source = source;
  }
}

/** The configuration used when a repository has no `.github/story-triage.yml`. */
export function defaultConfig(): Config {
  return {
    kinds: [makeKind("story", ["stories/**/*.md"], [], null)],
    characters: [...DEFAULT_CHARACTERS],
    labels: { ...DEFAULT_LABELS },
    rules: {},
    maxFileBytes: DEFAULT_MAX_FILE_BYTES,
    review: { event: "COMMENT", maxComments: DEFAULT_MAX_REVIEW_COMMENTS },
    failOn: "introduced",
  };
}

/** Validates an already-decoded value (null or undefined: all defaults). Throws ConfigError. */
export function parseConfig(raw: unknown): Config {
  const problems = new Problems();
  const config = readConfig(raw, problems);
  if (config === null || problems.count > 0) throw new ConfigError(problems.render(() => null));
  return config;
}

/** Where the configuration lives, relative to the repository root. */
export const CONFIG_PATH = ".github/story-triage.yml";

/**
 * Parses the YAML text of a configuration file named `source` (used in messages). An empty file
 * means all defaults. Problems carry the line they are on.
 */
export function parseConfigYaml(text: string, source: string = CONFIG_PATH): Config {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > LIMITS.yamlBytes) {
    throw new ConfigError([`the file has ${bytes} bytes; expected at most ${LIMITS.yamlBytes} (1 MiB)`], source);
  }
  const lineCounter = new LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const syntax: string[] = [];
  for (const issue of [...doc.errors, ...doc.warnings]) {
    const { line, col } = lineCounter.linePos(issue.pos[0]);
    syntax.push(`line ${line}, column ${col}: ${issue.message}`);
  }
  YAML.visit(doc, {
    Pair(_key, pair) {
      if (pair.key !== null && !isScalar(pair.key) && syntax.length < LIMITS.problems) {
        const start = isNodeWithRange(pair.key) ? pair.key.range[0] : 0;
        const { line, col } = lineCounter.linePos(start);
        syntax.push(`line ${line}, column ${col}: a key must be a plain value, not a list or mapping`);
      }
    },
  });
  if (syntax.length > 0) throw new ConfigError(capList(syntax), source, "Invalid YAML");

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: LIMITS.yamlAliases });
  } catch (err) {
    if (err instanceof ReferenceError) {
      throw new ConfigError(
        [`too many alias (*name) expansions; expected at most ${LIMITS.yamlAliases}`],
        source,
        "Invalid YAML",
      );
    }
    throw err;
  }
  const problems = new Problems();
  const config = readConfig(raw, problems);
  if (config === null || problems.count > 0) {
    throw new ConfigError(
      problems.render((path) => lineOf(doc.contents, path, lineCounter)),
      source,
    );
  }
  return config;
}

// ---------------------------------------------------------------------------------------------
// Reading the value

type KeyPath = (string | number)[];

interface Problem {
  path: KeyPath;
  message: string;
}

class Problems {
  private readonly list: Problem[] = [];
  count = 0;

  add(path: KeyPath, message: string): void {
    this.count += 1;
    if (this.list.length < LIMITS.problems) this.list.push({ path, message });
  }

  /** One line per problem, in file order when lines are known (stable otherwise). */
  render(lineFor: (path: KeyPath) => number | null): string[] {
    const rows = this.list.map(({ path, message }) => {
      const line = path.length > 0 ? lineFor(path) : null;
      const key = path.length > 0 ? formatKey(path) : "(top level)";
      return { line: line ?? 0, text: line === null ? `${key}: ${message}` : `${key} (line ${line}): ${message}` };
    });
    const out = rows.sort((a, b) => a.line - b.line).map((row) => row.text);
    if (this.count > this.list.length) out.push(`... and ${this.count - this.list.length} more problems`);
    return out;
  }
}

function capList(items: string[]): string[] {
  if (items.length <= LIMITS.problems) return items;
  return [...items.slice(0, LIMITS.problems), `... and ${items.length - LIMITS.problems} more problems`];
}

/** `stories.status-quo.paths[1]`; names that are not plain words are quoted: `stories["a b"]`. */
export function formatKey(path: KeyPath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(part)) out += out === "" ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

function readConfig(raw: unknown, problems: Problems): Config | null {
  const config = defaultConfig();
  if (raw === null || raw === undefined) return config;
  const top = readMapping(raw, [], TOP_KEYS, `a mapping with the keys ${oneOf(TOP_KEYS)}`, problems);
  if (top === null) return null;

  if (top.stories !== undefined) config.kinds = readKinds(top.stories, problems);
  if (top.characters !== undefined) config.characters = readCharacters(top.characters, problems);
  if (top.labels !== undefined) config.labels = readLabels(top.labels, problems);
  if (top.rules !== undefined) config.rules = readRules(top.rules, ["rules"], problems);
  if (top.tables !== undefined) config.tables = readTables(top.tables, ["tables"], problems);
  if (top["optional-sections"] !== undefined) config.optionalSections = readSectionNames(top["optional-sections"], ["optional-sections"], problems);
  if (top["max-file-bytes"] !== undefined) {
    const value = top["max-file-bytes"];
    if (typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= LIMITS.maxFileBytes) {
      config.maxFileBytes = value;
    } else {
      problems.add(
        ["max-file-bytes"],
        `expected a whole number of bytes from 1 to ${LIMITS.maxFileBytes} (10 MiB), found ${describe(value)}`,
      );
    }
  }
  if (top.review !== undefined) {
    const review = readMapping(top.review, ["review"], REVIEW_KEYS, "a mapping with the keys event and max-comments", problems);
    if (review !== null && review.event !== undefined) {
      const event = review.event;
      if (event === "COMMENT" || event === "REQUEST_CHANGES") config.review = { ...config.review, event };
      else problems.add(["review", "event"], `expected ${oneOf(REVIEW_EVENTS)}, found ${describe(event)}`);
    }
    const most = review?.["max-comments"];
    if (most !== undefined) {
      if (typeof most === "number" && Number.isInteger(most) && most >= 0 && most <= LIMITS.reviewComments) config.review = { ...config.review, maxComments: most };
      else problems.add(["review", "max-comments"], `expected a whole number from 0 to ${LIMITS.reviewComments}, found ${describe(most)}`);
    }
  }
  if (top["fail-on"] !== undefined) {
    const value = top["fail-on"];
    if (value === "introduced" || value === "all") config.failOn = value;
    else problems.add(["fail-on"], `expected ${oneOf(FAIL_ON)}, found ${describe(value)}`);
  }
  if (top.board !== undefined) config.board = readBoard(top.board, problems);
  if (top["table-labels"] !== undefined) {
    config.tableLabels = readTableLabels(top["table-labels"], problems);
    // The board shows them as facets: every label a template gives (`T-{value}` as `T-*`).
    const board = config.board ?? { ...DEFAULT_BOARD, facets: [], ageDays: { ...DEFAULT_BOARD.ageDays } };
    for (const t of config.tableLabels) {
      const facet = t.label.replace("{value}", "*");
      if (!board.facets.includes(facet) && board.facets.length < MAX_FACETS) board.facets.push(facet);
    }
    config.board = board;
  }
  checkLabelLengths(config, top, problems);
  Object.assign(config, readContextSettings(top, config, problems));
  return config;
}

function readKinds(value: unknown, problems: Problems): StoryKind[] {
  const path: KeyPath = ["stories"];
  if (!isPlainObject(value)) {
    problems.add(path, `expected a mapping from story kind name to {paths, exclude, template}, found ${describe(value)}`);
    return [];
  }
  const names = Object.keys(value);
  if (names.length === 0) {
    problems.add(path, "expected at least one story kind, found an empty mapping");
    return [];
  }
  if (names.length > LIMITS.kinds) {
    problems.add(path, `expected at most ${LIMITS.kinds} story kinds, found ${names.length}`);
    return [];
  }
  let total = 0;
  for (const name of names) {
    const body = value[name];
    if (isPlainObject(body)) {
      for (const key of ["paths", "exclude"]) {
        const list = body[key];
        if (Array.isArray(list)) total += list.length;
      }
    }
  }
  if (total > LIMITS.globsTotal) {
    problems.add(path, `expected at most ${LIMITS.globsTotal} globs in all kinds together, found ${total}`);
    return [];
  }
  const kinds: StoryKind[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const kindPath: KeyPath = ["stories", name];
    const nameProblem = checkName(name, "a story kind name");
    if (nameProblem !== null) problems.add(kindPath, nameProblem);
    const folded = name.toLowerCase();
    const earlier = seen.get(folded);
    if (earlier !== undefined) {
      problems.add(
        kindPath,
        `same name as ${formatKey(["stories", earlier])} apart from case; kind names are labels, which GitHub compares without case`,
      );
    } else {
      seen.set(folded, name);
    }
    const body = readMapping(value[name], kindPath, KIND_KEYS, `a mapping with the keys ${oneOf(KIND_KEYS)}`, problems);
    if (body === null) continue;
    let paths: string[] = [];
    if (body.paths === undefined) problems.add([...kindPath, "paths"], "missing; expected a list of globs");
    else paths = readGlobs(body.paths, [...kindPath, "paths"], true, problems);
    const exclude = body.exclude === undefined ? [] : readGlobs(body.exclude, [...kindPath, "exclude"], false, problems);
    // A list names the template and its earlier paths: the first one the repository has is read.
    const templates = body.template === undefined ? [null] : Array.isArray(body.template) && body.template.length > 0 && body.template.length <= 20 ? body.template.map((t: unknown, i) => readTemplatePath(t, [...kindPath, "template", i], problems)) : [readTemplatePath(body.template, [...kindPath, "template"], problems)];
    const template = templates[0] ?? null;
    // A kind whose name is unusable is left out, so that its name is not also checked as a label.
    const kind = makeKind(name, paths, exclude, template);
    const earlierTemplates = templates.slice(1).filter((t): t is string => t !== null);
    if (earlierTemplates.length > 0) kind.earlierTemplates = earlierTemplates;
    if (body.rules !== undefined) kind.rules = readRules(body.rules, [...kindPath, "rules"], problems);
    if (body.tables !== undefined) kind.tables = readTables(body.tables, [...kindPath, "tables"], problems);
    if (body["optional-sections"] !== undefined) kind.optionalSections = readSectionNames(body["optional-sections"], [...kindPath, "optional-sections"], problems);
    if (nameProblem === null) kinds.push(kind);
  }
  return kinds;
}

function readGlobs(value: unknown, path: KeyPath, required: boolean, problems: Problems): string[] {
  if (!Array.isArray(value)) {
    problems.add(path, `expected a list of globs, found ${describe(value)}`);
    return [];
  }
  if (value.length === 0 && required) {
    problems.add(path, "expected at least one glob, found an empty list");
    return [];
  }
  if (value.length > LIMITS.globsPerList) {
    problems.add(path, `expected at most ${LIMITS.globsPerList} globs, found ${value.length}`);
    return [];
  }
  const globs: string[] = [];
  value.forEach((glob: unknown, i) => {
    const problem = checkGlob(glob);
    if (problem !== null) problems.add([...path, i], problem);
    else if (typeof glob === "string") globs.push(glob);
  });
  return globs;
}

/** Null when `glob` is a usable glob, else what is wrong with it (the words of a configuration problem). */
export function globProblem(glob: unknown): string | null {
  return checkGlob(glob);
}

/** Null when `glob` is a usable glob, else what is wrong with it. */
function checkGlob(glob: unknown): string | null {
  if (typeof glob !== "string") return `expected a glob (a string), found ${describe(glob)}`;
  if (glob.length === 0) return "expected a non-empty glob, found an empty string";
  if (glob.length > LIMITS.globChars) {
    return `expected a glob of at most ${LIMITS.globChars} characters, found ${glob.length}`;
  }
  if (glob.startsWith("/")) {
    return `expected a glob relative to the repository root, found ${describe(glob)} (remove the leading "/")`;
  }
  if (glob.startsWith("!")) {
    return `expected a glob without a leading "!", found ${describe(glob)} (list the files to leave out under exclude)`;
  }
  if (glob.split("/").includes("..")) {
    return `expected a glob inside the repository, found ${describe(glob)} (a ".." segment never matches)`;
  }
  const { wildcards, braces } = countOperators(glob);
  if (wildcards > LIMITS.globWildcards) {
    return `expected at most ${LIMITS.globWildcards} "*" or "**" wildcards in one glob, found ${wildcards} (split it into several globs)`;
  }
  if (braces > LIMITS.globBraces) {
    return `expected at most ${LIMITS.globBraces} "{…}" groups in one glob, found ${braces} (split it into several globs)`;
  }
  try {
    picomatch.makeRe(glob, GLOB_OPTIONS);
  } catch (err) {
    const reason = err instanceof Error ? err.message.replace(/ - use .*$/, "") : String(err);
    return `expected a valid glob, found ${describe(glob)} (${reason})`;
  }
  return shapeProblem(glob);
}

/**
 * Null when the glob keeps to the language glob.ts matches in linear time, which reads every
 * such glob as picomatch does: `**` only as a whole segment outside braces, no regex groups
 * (picomatch reads `(a|b)` as one), no `{1..3}` ranges, no empty alternatives or segments, no
 * POSIX classes (after which picomatch reads `.` as any character).
 */
function shapeProblem(glob: string): string | null {
  let depth = 0;
  for (let i = 0; i < glob.length; i += 1) {
    const ch = glob[i];
    if (ch === "\\") {
      i += 1;
    } else if (ch === "[") {
      // A bracket expression is one character: a `*` or `(` inside it is literal.
      i = bracketEnd(glob, i);
    } else if (ch === "{") {
      depth += 1;
    } else if (ch === "}") {
      depth = Math.max(0, depth - 1);
    } else if (ch === "(" || ch === ")" || ch === "|") {
      return `expected a glob without "(", ")" or "|", found ${describe(glob)} (write alternatives as {a,b}, or put a "\\" before the character)`;
    } else if (ch === "*") {
      const start = i;
      while (glob[i + 1] === "*") i += 1;
      const run = i - start + 1;
      const alone = run === 2 && depth === 0 && (start === 0 || glob[start - 1] === "/") && (i + 1 === glob.length || glob[i + 1] === "/");
      if (run > 1 && !alone) {
        return `expected "**" only as a whole path segment outside {…} (as in "docs/**/*.md"), found ${describe(glob)} (use "*" within a name)`;
      }
    }
  }
  if (/\[:[a-z]+:\]/.test(glob)) {
    return `expected a glob without POSIX classes like [:alpha:], found ${describe(glob)} (write the characters, as in [a-zA-Z])`;
  }
  if (glob.includes("//")) {
    return `expected a glob without an empty path segment ("//"), found ${describe(glob)}`;
  }
  if (/(?:^|[^\\])\{,|(?:^|[^\\]),[,}]/.test(glob)) {
    return `expected "{…}" without an empty alternative, found ${describe(glob)} (write the glob once with and once without it)`;
  }
  if (/(?:^|[^\\])\{[^{},]*\.\.[^{},]*\}/.test(glob)) {
    return `expected "{…}" to list alternatives separated by commas, found ${describe(glob)} (a range like {1..3} is not supported: list the values, {1,2,3})`;
  }
  return null;
}

/** Counts unescaped runs of `*` and `{` characters. */
function countOperators(glob: string): { wildcards: number; braces: number } {
  let wildcards = 0;
  let braces = 0;
  for (let i = 0; i < glob.length; i += 1) {
    const ch = glob[i];
    if (ch === "\\") {
      i += 1;
    } else if (ch === "*") {
      wildcards += 1;
      while (glob[i + 1] === "*") i += 1;
    } else if (ch === "{") {
      braces += 1;
    }
  }
  return { wildcards, braces };
}

function readTemplatePath(value: unknown, path: KeyPath, problems: Problems): string | null {
  if (value === null) return null;
  const expected = "a repository path to a markdown file (or null for the default)";
  if (typeof value !== "string") {
    problems.add(path, `expected ${expected}, found ${describe(value)}`);
    return null;
  }
  const normalized = value.startsWith("./") ? value.slice(2) : value;
  let problem: string | null = null;
  if (normalized.length === 0) problem = `expected ${expected}, found an empty string`;
  else if (normalized.length > LIMITS.templatePathChars) {
    problem = `expected a path of at most ${LIMITS.templatePathChars} characters, found ${normalized.length}`;
  } else if (normalized.startsWith("/")) {
    problem = `expected a path relative to the repository root, found ${describe(value)} (remove the leading "/")`;
  } else if (normalized.includes("\\")) {
    problem = `expected a path with forward slashes, found ${describe(value)}`;
  } else if (normalized.split("/").some((seg) => seg === ".." || seg === "." || seg === "")) {
    problem = `expected a plain path inside the repository (no "..", "." or empty segments), found ${describe(value)}`;
  }
  if (problem !== null) {
    problems.add(path, problem);
    return null;
  }
  return normalized;
}

function readCharacters(value: unknown, problems: Problems): string[] {
  const path: KeyPath = ["characters"];
  if (!Array.isArray(value)) {
    problems.add(path, `expected a list of character names, found ${describe(value)}`);
    return [];
  }
  if (value.length > LIMITS.characters) {
    problems.add(path, `expected at most ${LIMITS.characters} characters, found ${value.length}`);
    return [];
  }
  const names: string[] = [];
  const seen = new Map<string, number>();
  value.forEach((name: unknown, i) => {
    if (typeof name !== "string") {
      problems.add([...path, i], `expected a character name (a string), found ${describe(name)}`);
      return;
    }
    const problem = checkName(name, "a character name");
    if (problem !== null) {
      problems.add([...path, i], problem);
      return;
    }
    const earlier = seen.get(name.toLowerCase());
    if (earlier !== undefined) {
      problems.add([...path, i], `${describe(name)} is already listed at ${formatKey([...path, earlier])}`);
      return;
    }
    seen.set(name.toLowerCase(), i);
    names.push(name);
  });
  return names;
}

/** Null when `name` can be a kind or character name (and so part of a label). */
function checkName(name: string, what: string): string | null {
  if (name.trim().length === 0) return `expected ${what}, found ${describe(name)}`;
  if (name.trim() !== name) return `expected ${what} without leading or trailing spaces, found ${describe(name)}`;
  if (/[\u0000-\u001f\u007f]/.test(name)) return `expected ${what} without control characters, found ${describe(name)}`;
  const length = [...name].length;
  if (length > LIMITS.nameChars) return `expected ${what} of at most ${LIMITS.nameChars} characters, found ${length}`;
  return null;
}

function readLabels(value: unknown, problems: Problems): LabelNames {
  const labels: LabelNames = { ...DEFAULT_LABELS };
  const body = readMapping(value, ["labels"], LABEL_KEYS, `a mapping with the keys ${oneOf(LABEL_KEYS)}`, problems);
  if (body === null) return labels;
  const placeholders: Record<keyof LabelNames, string | null> = {
    draft: null,
    character: "{name}",
    kind: "{kind}",
    incomplete: null,
  };
  for (const key of LABEL_KEYS) {
    const template = body[key];
    if (template === undefined) continue;
    const path: KeyPath = ["labels", key];
    const wanted = placeholders[key];
    if (typeof template !== "string") {
      const what = wanted === null ? "a label name" : `a label template containing ${wanted}`;
      problems.add(path, `expected ${what} (a string; "" turns the label off), found ${describe(template)}`);
      continue;
    }
    const problem = checkLabelTemplate(template, wanted);
    if (problem !== null) {
      problems.add(path, problem);
      continue;
    }
    labels[key] = template;
  }
  return labels;
}

function checkLabelTemplate(template: string, wanted: string | null): string | null {
  if (template === "") return null;
  if (template.trim() !== template) {
    return `expected a label without leading or trailing spaces, found ${describe(template)}`;
  }
  if (/[\u0000-\u001f\u007f]/.test(template)) {
    return `expected a label without control characters, found ${describe(template)}`;
  }
  for (const match of template.matchAll(/\{[^{}]*\}/g)) {
    if (match[0] !== wanted) {
      const expected = wanted === null ? "this label takes no placeholders" : `expected ${wanted}`;
      return `unknown placeholder ${match[0]}; ${expected}`;
    }
  }
  if (wanted !== null && !template.includes(wanted)) {
    return `expected a label template containing ${wanted} (or "" to turn the label off), found ${describe(template)}`;
  }
  return null;
}

/** Label names are checked after substitution, with the longest configured name. */
function checkLabelLengths(config: Config, top: Record<string, unknown>, problems: Problems): void {
  const userLabels = isPlainObject(top.labels) ? top.labels : {};
  const check = (key: keyof LabelNames, placeholder: string | null, values: string[], what: string): void => {
    const template = config.labels[key];
    if (template === "") return;
    const longest = values.reduce((a, b) => ([...b].length > [...a].length ? b : a), "");
    const label = placeholder === null ? template : template.split(placeholder).join(longest);
    const length = [...label].length;
    if (length <= LIMITS.labelChars) return;
    const detail = placeholder === null ? "" : ` for the ${what} ${JSON.stringify(longest)}`;
    const source = key in userLabels ? JSON.stringify(template) : `the default ${JSON.stringify(template)}`;
    problems.add(
      ["labels", key],
      `${source} gives the label ${JSON.stringify(label)} (${length} characters)${detail}; GitHub allows at most ${LIMITS.labelChars}`,
    );
  };
  check("draft", null, [], "");
  check("incomplete", null, [], "");
  if (config.characters.length > 0) check("character", "{name}", config.characters, "character");
  if (config.kinds.length > 0) check("kind", "{kind}", config.kinds.map((k) => k.name), "story kind");
}

function readRules(value: unknown, path: KeyPath, problems: Problems): Partial<Record<RuleId, RuleSetting>> {
  const rules: Partial<Record<RuleId, RuleSetting>> = {};
  const body = readMapping(value, path, RULE_IDS, "a mapping from rule id to error, warning, info or off", problems);
  if (body === null) return rules;
  for (const id of RULE_IDS) {
    const setting = body[id];
    if (setting === undefined) continue;
    if (typeof setting === "string" && (SEVERITIES as readonly string[]).includes(setting)) {
      rules[id] = setting as RuleSetting;
    } else {
      problems.add([...path, id], `expected ${oneOf(SEVERITIES)}, found ${describe(setting)}`);
    }
  }
  return rules;
}

/**
 * A plain mapping whose keys are all in `allowed`, else null (problems recorded). Unknown keys
 * are reported one by one, with a suggestion when one is close.
 */
function readMapping(
  value: unknown,
  path: KeyPath,
  allowed: readonly string[],
  expected: string,
  problems: Problems,
): Record<string, unknown> | null {
  if (!isPlainObject(value)) {
    problems.add(path, `expected ${expected}, found ${describe(value)}`);
    return null;
  }
  for (const key of Object.keys(value)) {
    if (allowed.includes(key)) continue;
    const near = closest(key, allowed);
    const hint = near === null ? "" : ` (did you mean ${JSON.stringify(near)}?)`;
    problems.add([...path, key], `unknown key; expected ${oneOf(allowed)}${hint}`);
  }
  return value;
}

/** "a, b or c" */
function oneOf(words: readonly string[]): string {
  return words.length <= 1 ? words.join("") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** "the string \"x\"", "the number 3", "a list", ...: what was found, for messages. */
export function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value (null)";
  if (typeof value === "string") {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return `the string ${JSON.stringify(shown)}`;
  }
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "boolean") return `the boolean ${value}`;
  if (Array.isArray(value)) return "a list";
  if (value instanceof Uint8Array) return "binary data";
  if (isPlainObject(value)) return "a mapping";
  return `a value of type ${typeof value}`;
}

function closest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (bestDistance <= 2) return best;
  const prefix = word.slice(0, 4).toLowerCase();
  return word.length >= 4 ? (candidates.find((c) => c.toLowerCase().startsWith(prefix)) ?? null) : null;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3 || a.length > 100) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? Infinity;
}

function makeKind(name: string, paths: string[], exclude: string[], template: string | null): StoryKind {
  return { name, paths, exclude, template, matches: kindMatcher(paths, exclude) };
}

// ---------------------------------------------------------------------------------------------
// What a template cannot say: the values its tables' cells may hold, the sections that may go

const SCHEMA_LIMITS = { tables: 50, rulesPerTable: 50, values: 100, valueChars: 200, patternChars: 500, sections: 100 } as const;

/** `tables`: table (first header cell) -> row or column -> {one-of, ignore-case, pattern, required-when}. */
function readTables(value: unknown, path: KeyPath, problems: Problems): TableValueRule[] {
  const expected = "a mapping from a table's first header cell to its rows or columns";
  if (!isPlainObject(value)) {
    problems.add(path, `expected ${expected}, found ${describe(value)}`);
    return [];
  }
  const names = Object.keys(value);
  if (names.length > SCHEMA_LIMITS.tables) {
    problems.add(path, `expected at most ${SCHEMA_LIMITS.tables} tables, found ${names.length}`);
    return [];
  }
  const out: TableValueRule[] = [];
  for (const table of names) {
    const tablePath: KeyPath = [...path, table];
    const targets = value[table];
    if (table.trim() === "") problems.add(tablePath, "expected a table's first header cell, found an empty name");
    if (!isPlainObject(targets) || Object.keys(targets).length === 0) {
      problems.add(tablePath, `expected a mapping from a row (key-value table) or column (column table) to its value rule, found ${isPlainObject(targets) ? "an empty mapping" : describe(targets)}`);
      continue;
    }
    if (Object.keys(targets).length > SCHEMA_LIMITS.rulesPerTable) {
      problems.add(tablePath, `expected at most ${SCHEMA_LIMITS.rulesPerTable} rows or columns, found ${Object.keys(targets).length}`);
      continue;
    }
    for (const target of Object.keys(targets)) {
      const rule = readValueRule(table, target, targets[target], [...tablePath, target], problems);
      if (rule !== null) out.push(rule);
    }
  }
  return out;
}

function readValueRule(table: string, target: string, value: unknown, path: KeyPath, problems: Problems): TableValueRule | null {
  const body = readMapping(value, path, VALUE_RULE_KEYS, `a mapping with the keys ${oneOf(VALUE_RULE_KEYS)}`, problems);
  // Unknown keys are reported by readMapping; the rule is then left out without more said about it.
  if (body === null || Object.keys(body).some((k) => !(VALUE_RULE_KEYS as readonly string[]).includes(k))) return null;
  const rule: TableValueRule = { table, target, oneOf: null, ignoreCase: false, pattern: null, requiredWhen: null, required: null };
  let ok = true;
  if (body["one-of"] !== undefined) {
    const values = readValues(body["one-of"], [...path, "one-of"], problems);
    if (values === null) ok = false;
    else rule.oneOf = values;
  }
  for (const key of ["ignore-case", "required"] as const) {
    const flag = body[key];
    if (flag === undefined) continue;
    if (typeof flag !== "boolean") {
      problems.add([...path, key], `expected true or false, found ${describe(flag)}`);
      ok = false;
    } else if (key === "required") rule.required = flag;
    else rule.ignoreCase = flag;
  }
  if (body.pattern !== undefined) {
    const source = body.pattern;
    if (typeof source !== "string" || source === "" || source.length > SCHEMA_LIMITS.patternChars) {
      problems.add([...path, "pattern"], `expected a regular expression of 1 to ${SCHEMA_LIMITS.patternChars} characters, found ${describe(source)}`);
      ok = false;
    } else {
      try {
        rule.pattern = new RegExp(source, "u");
      } catch (err) {
        problems.add([...path, "pattern"], `expected a regular expression (JavaScript syntax), found ${describe(source)}: ${(err as Error).message}`);
        ok = false;
      }
    }
  }
  if (body["required-when"] !== undefined) {
    const when = body["required-when"];
    const at: KeyPath = [...path, "required-when"];
    const keys = isPlainObject(when) ? Object.keys(when) : [];
    if (!isPlainObject(when) || keys.length !== 1) {
      problems.add(at, `expected a mapping of one row or column to the value (or list of values) that makes this one required, such as {Status: Accepted}, found ${isPlainObject(when) ? `${keys.length} keys` : describe(when)}`);
      ok = false;
    } else {
      const key = keys[0]!;
      const raw = when[key];
      const values = typeof raw === "string" ? readValues([raw], [...at, key], problems) : readValues(raw, [...at, key], problems);
      if (values === null) ok = false;
      else rule.requiredWhen = { key, values };
    }
  }
  if (ok && rule.oneOf === null && rule.pattern === null && rule.requiredWhen === null && rule.required === null) {
    problems.add(path, "expected at least one of one-of, pattern, required or required-when");
    return null;
  }
  return ok ? rule : null;
}

/** A non-empty list of short strings, or null (problem recorded). */
function readValues(value: unknown, path: KeyPath, problems: Problems): string[] | null {
  if (!Array.isArray(value) || value.length === 0 || value.length > SCHEMA_LIMITS.values) {
    problems.add(path, `expected a list of 1 to ${SCHEMA_LIMITS.values} values, found ${Array.isArray(value) ? `${value.length} values` : describe(value)}`);
    return null;
  }
  const out: string[] = [];
  let ok = true;
  value.forEach((v: unknown, i) => {
    if (typeof v === "number" || typeof v === "boolean") v = String(v);
    if (typeof v !== "string" || v.trim() === "" || v.length > SCHEMA_LIMITS.valueChars) {
      problems.add([...path, i], `expected a value of 1 to ${SCHEMA_LIMITS.valueChars} characters, found ${describe(v)}`);
      ok = false;
    } else out.push(v.trim());
  });
  return ok ? out : null;
}

/** `optional-sections`: headings as the template writes them. */
function readSectionNames(value: unknown, path: KeyPath, problems: Problems): string[] {
  if (!Array.isArray(value) || value.length > SCHEMA_LIMITS.sections) {
    problems.add(path, `expected a list of at most ${SCHEMA_LIMITS.sections} section headings, found ${Array.isArray(value) ? `${value.length} headings` : describe(value)}`);
    return [];
  }
  const out: string[] = [];
  value.forEach((v: unknown, i) => {
    if (typeof v !== "string" || v.trim() === "" || v.length > SCHEMA_LIMITS.valueChars) problems.add([...path, i], `expected a section heading of 1 to ${SCHEMA_LIMITS.valueChars} characters, found ${describe(v)}`);
    else out.push(v.trim());
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Checks that read more than the story: older question wordings, the book's tables of contents

const CONTEXT_LIMITS = { questions: 200, aliasesPerQuestion: 20, questionChars: 500, indexPagesPerKind: 20 } as const;

function readContextSettings(top: Record<string, unknown>, config: Config, problems: Problems): ContextSettings {
  const out: ContextSettings = {};
  if (top["question-aliases"] !== undefined) out.questionAliases = readQuestionAliases(top["question-aliases"], problems);
  if (top.toc !== undefined) out.toc = readToc(top.toc, config, problems);
  if (top["defined-references"] !== undefined) out.definedReferences = readDefinedReferences(top["defined-references"], problems);
  return out;
}

const REFERENCE_LIMITS = { entries: 500, nameChars: 200 } as const;

function readDefinedReferences(value: unknown, problems: Problems): DefinedReferenceSettings {
  const out: DefinedReferenceSettings = { names: [], patterns: [] };
  const body = readMapping(value, ["defined-references"], DEFINED_REFERENCE_KEYS, "a mapping with the keys names or patterns", problems);
  if (body === null) return out;
  for (const key of DEFINED_REFERENCE_KEYS) {
    const list = body[key];
    if (list === undefined) continue;
    const at: KeyPath = ["defined-references", key];
    const what = key === "names" ? "reference labels" : "regular expressions";
    if (!Array.isArray(list)) {
      problems.add(at, `expected a list of ${what}, found ${describe(list)}`);
      continue;
    }
    if (list.length > REFERENCE_LIMITS.entries) {
      problems.add(at, `expected at most ${REFERENCE_LIMITS.entries} ${what}, found ${list.length}`);
      continue;
    }
    list.forEach((entry: unknown, i) => {
      if (typeof entry !== "string" || entry.trim() === "") {
        problems.add([...at, i], `expected ${key === "names" ? "a label" : "a regular expression"} (a non-empty string), found ${describe(entry)}`);
      } else if (key === "names") {
        if (entry.length > REFERENCE_LIMITS.nameChars) problems.add([...at, i], `expected a label of at most ${REFERENCE_LIMITS.nameChars} characters, found ${entry.length}`);
        else out.names.push(entry);
      } else {
        const compiled = compilePattern(entry);
        if (typeof compiled === "string") problems.add([...at, i], `${compiled}, in ${describe(entry)}`);
        else out.patterns.push(entry);
      }
    });
  }
  return out;
}

function readQuestionAliases(value: unknown, problems: Problems): QuestionAlias[] {
  const path: KeyPath = ["question-aliases"];
  const expected = "a mapping from a template question to a list of its older wordings";
  if (!isPlainObject(value)) {
    problems.add(path, `expected ${expected}, found ${describe(value)}`);
    return [];
  }
  const questions = Object.keys(value);
  if (questions.length > CONTEXT_LIMITS.questions) {
    problems.add(path, `expected at most ${CONTEXT_LIMITS.questions} questions, found ${questions.length}`);
    return [];
  }
  const out: QuestionAlias[] = [];
  for (const question of questions) {
    const at: KeyPath = [...path, question];
    const problem = questionProblem(question);
    if (problem !== null) problems.add(at, problem);
    const list = value[question];
    const wordings = typeof list === "string" ? [list] : list;
    if (!Array.isArray(wordings) || wordings.length === 0) {
      problems.add(at, `expected a list of older wordings of this question, found ${Array.isArray(wordings) ? "an empty list" : describe(list)}`);
      continue;
    }
    if (wordings.length > CONTEXT_LIMITS.aliasesPerQuestion) {
      problems.add(at, `expected at most ${CONTEXT_LIMITS.aliasesPerQuestion} wordings, found ${wordings.length}`);
      continue;
    }
    const aliases: string[] = [];
    wordings.forEach((wording: unknown, i) => {
      const bad = questionProblem(wording);
      if (bad !== null) problems.add(typeof list === "string" ? at : [...at, i], bad);
      else if (typeof wording === "string") aliases.push(wording);
    });
    if (problem === null) out.push({ question, aliases });
  }
  return out;
}

function questionProblem(value: unknown): string | null {
  if (typeof value !== "string") return `expected a question (a string), found ${describe(value)}`;
  if (!/[\p{L}\p{N}]/u.test(value)) return `expected a question with words in it, found ${describe(value)}`;
  if (value.length > CONTEXT_LIMITS.questionChars) return `expected a question of at most ${CONTEXT_LIMITS.questionChars} characters, found ${value.length}`;
  return null;
}

function readToc(value: unknown, config: Config, problems: Problems): TocSettings {
  const toc: TocSettings = { summary: null, index: {} };
  const body = readMapping(value, ["toc"], TOC_KEYS, "a mapping with the keys summary or index", problems);
  if (body === null) return toc;
  if (body.summary !== undefined) toc.summary = readTemplatePath(body.summary, ["toc", "summary"], problems);
  if (body.index === undefined) return toc;
  const index = body.index;
  if (!isPlainObject(index)) {
    problems.add(["toc", "index"], `expected a mapping from story kind name to index pages, found ${describe(index)}`);
    return toc;
  }
  const kinds = config.kinds.map((k) => k.name);
  for (const [kind, pages] of Object.entries(index)) {
    const at: KeyPath = ["toc", "index", kind];
    if (!kinds.includes(kind)) {
      problems.add(at, `not a story kind; expected ${oneOf(kinds)}`);
      continue;
    }
    const list = typeof pages === "string" ? [pages] : pages;
    if (!Array.isArray(list) || list.length === 0 || list.length > CONTEXT_LIMITS.indexPagesPerKind) {
      problems.add(at, `expected a repository path or a list of 1 to ${CONTEXT_LIMITS.indexPagesPerKind} of them, found ${describe(pages)}`);
      continue;
    }
    const paths: string[] = [];
    list.forEach((page: unknown, i) => {
      const read = readTemplatePath(page, typeof pages === "string" ? at : [...at, i], problems);
      if (read !== null) paths.push(read);
    });
    toc.index[kind] = paths;
  }
  return toc;
}

// `table-labels`: labels from table values

const MAX_TABLE_LABELS = 20;

function readTableLabels(value: unknown, problems: Problems): TableLabel[] {
  const out: TableLabel[] = [];
  const expected = 'a mapping from a label containing {value} ("T-{value}") to {table, column} or {table, row}';
  if (!isPlainObject(value)) {
    problems.add(["table-labels"], `expected ${expected}, found ${describe(value)}`);
    return out;
  }
  const labels = Object.keys(value);
  if (labels.length > MAX_TABLE_LABELS) {
    problems.add(["table-labels"], `expected at most ${MAX_TABLE_LABELS} labels, found ${labels.length}`);
    return out;
  }
  for (const label of labels) {
    const at: KeyPath = ["table-labels", label];
    let ok = true;
    const problem = checkLabelTemplate(label, "{value}") ?? (label === "" ? "expected a label containing {value}, found an empty string" : null);
    if (problem !== null) {
      problems.add(at, problem);
      ok = false;
    } else if (label.indexOf("{value}") !== label.lastIndexOf("{value}")) {
      problems.add(at, `expected {value} once, found ${describe(label)}`);
      ok = false;
    } else if ([...label].length - "{value}".length >= LIMITS.labelChars) {
      problems.add(at, `expected fewer than ${LIMITS.labelChars} characters besides {value} (GitHub's limit on label names), found ${[...label].length - "{value}".length}`);
      ok = false;
    }
    const body = readMapping(value[label], at, TABLE_LABEL_KEYS, "a mapping with the keys table, and column or row", problems);
    if (body === null) continue;
    const text = (key: string, what: string): string | null => {
      const v = body[key];
      if (v === undefined) return null;
      if (typeof v !== "string" || v.trim() === "" || v.length > 200) {
        problems.add([...at, key], `expected ${what} (a non-empty string of at most 200 characters), found ${describe(v)}`);
        ok = false;
        return null;
      }
      return v;
    };
    const table = text("table", "the table's first header cell");
    const column = text("column", "a column's header");
    const row = text("row", "a row's key");
    if (body.table === undefined) {
      problems.add([...at, "table"], "missing; expected the table's first header cell (`Team`, `Metadata`)");
      ok = false;
    }
    if ((body.column === undefined) === (body.row === undefined)) {
      problems.add(at, "expected exactly one of column (the values of a column table's column) or row (the value of a key-value table's row)");
      ok = false;
    }
    if (ok && table !== null) out.push({ table, column, row, label });
  }
  return out;
}

// The `board` section: how the repository shows on the story board (src/board)

const AGE_KEYS = ["warn", "late"] as const;
const WAITING_ON = ["errors", "faq"] as const;
/** Facet labels one repository may ask for. */
const MAX_FACETS = 20;
const MAX_AGE_DAYS = 365;

/** The board settings of a repository whose configuration has no `board` section. */
export const DEFAULT_BOARD: BoardConfig = Object.freeze({
  enabled: true,
  facets: [],
  waitingOn: "errors",
  ageDays: Object.freeze({ warn: 7, late: 14 }),
}) as BoardConfig;

function readBoard(value: unknown, problems: Problems): BoardConfig {
  const board: BoardConfig = { ...DEFAULT_BOARD, facets: [], ageDays: { ...DEFAULT_BOARD.ageDays } };
  const body = readMapping(value, ["board"], BOARD_KEYS, `a mapping with the keys ${oneOf(BOARD_KEYS)}`, problems);
  if (body === null) return board;
  if (body.enabled !== undefined) {
    if (typeof body.enabled === "boolean") board.enabled = body.enabled;
    else problems.add(["board", "enabled"], `expected true or false, found ${describe(body.enabled)}`);
  }
  if (body.facets !== undefined) {
    const facets = body.facets;
    if (!Array.isArray(facets)) problems.add(["board", "facets"], `expected a list of label names, found ${describe(facets)}`);
    else if (facets.length > MAX_FACETS) problems.add(["board", "facets"], `expected at most ${MAX_FACETS} labels, found ${facets.length}`);
    else {
      facets.forEach((facet: unknown, index) => {
        if (typeof facet !== "string" || facet.trim() === "") problems.add(["board", "facets", index], `expected a label name, found ${describe(facet)}`);
        else if (facet.length > LIMITS.labelChars) problems.add(["board", "facets", index], `expected at most ${LIMITS.labelChars} characters (GitHub's limit on label names), found ${facet.length}`);
        else if (!board.facets.includes(facet)) board.facets.push(facet);
      });
    }
  }
  if (body["waiting-on"] !== undefined) {
    const rule = body["waiting-on"];
    if (rule === "errors" || rule === "faq") board.waitingOn = rule;
    else problems.add(["board", "waiting-on"], `expected ${oneOf(WAITING_ON)}, found ${describe(rule)}`);
  }
  if (body["age-days"] !== undefined) {
    const ages = readMapping(body["age-days"], ["board", "age-days"], AGE_KEYS, "a mapping with the keys warn and late", problems);
    if (ages !== null) {
      for (const key of AGE_KEYS) {
        const days = ages[key];
        if (days === undefined) continue;
        if (typeof days === "number" && Number.isInteger(days) && days >= 1 && days <= MAX_AGE_DAYS) board.ageDays[key] = days;
        else problems.add(["board", "age-days", key], `expected a whole number of days from 1 to ${MAX_AGE_DAYS}, found ${describe(days)}`);
      }
      if (board.ageDays.warn >= board.ageDays.late) {
        problems.add(["board", "age-days"], `expected warn below late, found warn ${board.ageDays.warn} and late ${board.ageDays.late}`);
      }
    }
  }
  return board;
}

// ---------------------------------------------------------------------------------------------
// Lines for problems found in YAML

function isNodeWithRange(node: unknown): node is { range: [number, number, number] } {
  return typeof node === "object" && node !== null && "range" in node && Array.isArray(node.range);
}

/** The line of the key (for mapping entries) or item (for list items) at `path`, if found. */
function lineOf(root: YamlNode | null, path: KeyPath, counter: LineCounter): number | null {
  let node: unknown = root;
  let offset: number | null = null;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(part));
      if (pair === undefined) return offset === null ? null : counter.linePos(offset).line;
      offset = isNodeWithRange(pair.key) ? pair.key.range[0] : offset;
      node = pair.value;
    } else if (isSeq(node) && typeof part === "number") {
      node = node.items[part];
      offset = isNodeWithRange(node) ? node.range[0] : offset;
    } else {
      break;
    }
  }
  return offset === null ? null : counter.linePos(offset).line;
}
