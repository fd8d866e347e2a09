/**
 * The triage record: what the story board knows of one pull request, written after each triage
 * and read by the page. PURE: built from what the triage read and planned, parsed back from the
 * store field by field (a record written by another version, or by hand, is refused, not shown
 * half-read).
 *
 * Size: a pull request with one story, three or four labels and up to two open questions takes
 * 770 to 910 bytes of JSON (measured on the seeded board); each further story about 300 bytes
 * plus its open questions. Titles are capped at TITLE_CHARS, questions at QUESTION_CHARS, stories
 * per record at MAX_STORIES, labels at MAX_LABELS, so one record stays bounded (under about
 * 450 KB) whatever the pull request holds. 10,000 open pull requests take about 9 MB in Redis and
 * about 17 MB of heap in memory (docs/board.md).
 */
import type { PullRequestInfo } from "../flow/types.js";
import type { BoardConfig } from "../config/types.js";
import { DEFAULT_BOARD } from "../config/index.js";
import type { RuleId, StoryReport } from "../engine/index.js";
import { RULE_IDS } from "../engine/index.js";

export const RECORD_VERSION = 1;
export const TITLE_CHARS = 300;
export const QUESTION_CHARS = 300;
export const MAX_STORIES = 20;
export const MAX_LABELS = 100;
const PATH_CHARS = 1000;
const MAX_QUESTIONS = 50;

export type Conclusion = "success" | "neutral" | "failure";
export type PullState = "open" | "closed" | "merged";

export interface StoryRecord {
  path: string;
  title: string | null;
  kind: string | null;
  /** The story's draft banner. */
  draft: boolean;
  characters: string[];
  /** FAQ questions of the template a story must answer. */
  questions: number;
  /** Those still open (missing, unanswered or a placeholder), by the template's wording. */
  openQuestions: string[];
  /** Findings by rule id (only rules with findings). */
  findings: Partial<Record<RuleId, number>>;
  /** Error findings. */
  errors: number;
}

export interface TriageRecord {
  v: typeof RECORD_VERSION;
  owner: string;
  repo: string;
  number: number;
  title: string;
  author: string;
  /** The pull request is a draft on GitHub (greyed out on the board). */
  draft: boolean;
  headSha: string;
  labels: string[];
  private: boolean;
  openedAt: string;
  updatedAt: string;
  triagedAt: string;
  state: PullState;
  /** When it was closed or merged; null while open. */
  closedAt: string | null;
  /** The check run's conclusion; null when the pull request touches no story. */
  conclusion: Conclusion | null;
  /** Problems of the repository's configuration (the check run fails and lists them). */
  configProblems: number;
  stories: StoryRecord[];
  /** The repository's `board` settings when it was triaged. */
  board: BoardConfig;
}

/** `owner/repo`, lower-cased: GitHub treats names case-insensitively. */
export function repoKey(owner: string, repo: string): string {
  return `${owner}/${repo}`.toLowerCase();
}

/** What a triage knew, for recordOf. */
export interface TriageFacts {
  owner: string;
  repo: string;
  pr: Pick<PullRequestInfo, "number" | "title" | "author" | "draft" | "headSha" | "labels" | "privateRepo" | "createdAt" | "updatedAt">;
  triagedAt: string;
  /** Each story's report and how many required questions its template asks. */
  stories: Array<{ report: StoryReport; questions: number }>;
  conclusion: Conclusion | null;
  configProblems: number;
  /** Labels the plan added and removed (the record keeps the labels as they are after it). */
  labelsAdded: string[];
  labelsRemoved: string[];
  board: BoardConfig | undefined;
}

const FAQ_RULES: ReadonlySet<string> = new Set(["faq-missing", "faq-unanswered", "faq-placeholder"]);

export function recordOf(facts: TriageFacts): TriageRecord {
  const removed = new Set(facts.labelsRemoved.map((l) => l.toLowerCase()));
  const labels = facts.pr.labels.filter((l) => !removed.has(l.toLowerCase()));
  for (const label of facts.labelsAdded) if (!labels.some((l) => l.toLowerCase() === label.toLowerCase())) labels.push(label);
  return {
    v: RECORD_VERSION,
    owner: facts.owner,
    repo: facts.repo,
    number: facts.pr.number,
    title: cap(facts.pr.title, TITLE_CHARS),
    author: facts.pr.author,
    draft: facts.pr.draft,
    headSha: facts.pr.headSha,
    labels: labels.slice(0, MAX_LABELS),
    private: facts.pr.privateRepo,
    openedAt: facts.pr.createdAt,
    updatedAt: facts.pr.updatedAt,
    triagedAt: facts.triagedAt,
    state: "open",
    closedAt: null,
    conclusion: facts.conclusion,
    configProblems: facts.configProblems,
    stories: facts.stories.slice(0, MAX_STORIES).map(({ report, questions }) => storyRecord(report, questions)),
    board: facts.board ?? DEFAULT_BOARD,
  };
}

/**
 * A record built from whatever GitHub answered, checked before it is stored: a field GitHub left
 * out or sent in another shape is filled where a safe value exists (the pull request's times from
 * each other or the triage's, an empty title, no labels), and named in `filled`; a record still
 * not readable back is refused (`problems` names its fields). The board then never holds a
 * record it cannot show.
 */
export function checkedRecord(record: TriageRecord): { record: TriageRecord; filled: string[] } | { record: null; problems: string[] } {
  const filled: string[] = [];
  const isTime = (value: unknown): value is string => typeof value === "string" && Number.isFinite(Date.parse(value));
  const fix = <K extends keyof TriageRecord>(key: K, ok: boolean, value: TriageRecord[K]) => {
    if (ok) return record[key];
    filled.push(key);
    return value;
  };
  const labels: unknown = record.labels;
  const openedAt = fix("openedAt", isTime(record.openedAt), isTime(record.updatedAt) ? record.updatedAt : record.triagedAt);
  const candidate: TriageRecord = {
    ...record,
    title: fix("title", typeof record.title === "string", ""),
    author: fix("author", typeof record.author === "string", "ghost"),
    draft: fix("draft", typeof record.draft === "boolean", false),
    private: fix("private", typeof record.private === "boolean", true),
    labels: fix("labels", Array.isArray(labels) && labels.every((l) => typeof l === "string"), Array.isArray(labels) ? labels.filter((l): l is string => typeof l === "string") : []),
    openedAt,
    updatedAt: fix("updatedAt", isTime(record.updatedAt), openedAt),
  };
  try {
    return { record: parseRecord(JSON.parse(JSON.stringify(candidate))), filled };
  } catch (error) {
    if (error instanceof RecordError) return { record: null, problems: error.problems };
    throw error;
  }
}

function storyRecord(report: StoryReport, questions: number): StoryRecord {
  const open: string[] = [];
  const findings: Partial<Record<RuleId, number>> = {};
  let errors = 0;
  for (const finding of report.findings) {
    findings[finding.rule] = (findings[finding.rule] ?? 0) + 1;
    if (finding.severity === "error") errors += 1;
    if (FAQ_RULES.has(finding.rule) && finding.question !== undefined) {
      const question = cap(finding.question, QUESTION_CHARS);
      if (!open.includes(question) && open.length < MAX_QUESTIONS) open.push(question);
    }
  }
  return {
    path: cap(report.path, PATH_CHARS),
    title: report.title === null ? null : cap(report.title, TITLE_CHARS),
    kind: report.kind,
    draft: report.draft,
    characters: report.characters.slice(0, MAX_LABELS),
    questions: Math.max(questions, open.length),
    openQuestions: open,
    findings,
    errors,
  };
}

function cap(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, chars - 1)}…`;
}

// ---------------------------------------------------------------------------------------------
// Reading a record back

export class RecordError extends Error {
  constructor(readonly problems: string[]) {
    super(`not a story board record: ${problems.join("; ")}`);
    this.name = "RecordError";
  }
}

type Reader = {
  text(key: string): string;
  time(key: string): string;
  maybeTime(key: string): string | null;
  maybeText(key: string): string | null;
  whole(key: string): number;
  flag(key: string): boolean;
  texts(key: string): string[];
};

function reader(record: Record<string, unknown>, where: string, problems: string[]): Reader {
  const at = (key: string) => (where === "" ? `\`${key}\`` : `\`${where}.${key}\``);
  const isTime = (value: unknown): value is string => typeof value === "string" && Number.isFinite(Date.parse(value));
  return {
    text(key) {
      const value = record[key];
      if (typeof value === "string") return value;
      problems.push(`${at(key)} must be a string`);
      return "";
    },
    time(key) {
      const value = record[key];
      if (isTime(value)) return value;
      problems.push(`${at(key)} must be a date and time (ISO 8601)`);
      return "";
    },
    maybeTime(key) {
      const value = record[key];
      if (value === null || isTime(value)) return value;
      problems.push(`${at(key)} must be a date and time (ISO 8601) or null`);
      return null;
    },
    maybeText(key) {
      const value = record[key];
      if (value === null || typeof value === "string") return value;
      problems.push(`${at(key)} must be a string or null`);
      return null;
    },
    whole(key) {
      const value = record[key];
      if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return value;
      problems.push(`${at(key)} must be a whole number`);
      return 0;
    },
    flag(key) {
      const value = record[key];
      if (typeof value === "boolean") return value;
      problems.push(`${at(key)} must be true or false`);
      return false;
    },
    texts(key) {
      const value = record[key];
      if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value as string[];
      problems.push(`${at(key)} must be a list of strings`);
      return [];
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const CONCLUSIONS: readonly string[] = ["success", "neutral", "failure"];
const STATES: readonly string[] = ["open", "closed", "merged"];

/** A record read back from the store (JSON), checked field by field. Throws RecordError. */
export function parseRecord(data: unknown): TriageRecord {
  if (!isRecord(data)) throw new RecordError(["a record must be an object"]);
  const problems: string[] = [];
  if (data["v"] !== RECORD_VERSION) throw new RecordError([`\`v\` must be ${RECORD_VERSION}; found ${JSON.stringify(data["v"])}`]);
  const r = reader(data, "", problems);
  const conclusion = data["conclusion"];
  if (conclusion !== null && !CONCLUSIONS.includes(conclusion as string)) problems.push("`conclusion` must be success, neutral, failure or null");
  const state = data["state"];
  if (!STATES.includes(state as string)) problems.push("`state` must be open, closed or merged");
  const storiesRaw = data["stories"];
  const stories: StoryRecord[] = [];
  if (!Array.isArray(storiesRaw)) problems.push("`stories` must be a list");
  else {
    storiesRaw.forEach((raw: unknown, index) => {
      if (!isRecord(raw)) {
        problems.push(`\`stories.${index}\` must be an object`);
        return;
      }
      const s = reader(raw, `stories.${index}`, problems);
      const findingsRaw = raw["findings"];
      const findings: Partial<Record<RuleId, number>> = {};
      if (!isRecord(findingsRaw)) problems.push(`\`stories.${index}.findings\` must be an object`);
      else {
        for (const [rule, count] of Object.entries(findingsRaw)) {
          if (!(RULE_IDS as readonly string[]).includes(rule) || typeof count !== "number" || !Number.isSafeInteger(count) || count < 0) {
            problems.push(`\`stories.${index}.findings.${rule}\` must be a known rule with a whole count`);
          } else findings[rule as RuleId] = count;
        }
      }
      stories.push({
        path: s.text("path"),
        title: s.maybeText("title"),
        kind: s.maybeText("kind"),
        draft: s.flag("draft"),
        characters: s.texts("characters"),
        questions: s.whole("questions"),
        openQuestions: s.texts("openQuestions"),
        findings,
        errors: s.whole("errors"),
      });
    });
  }
  const board = parseBoard(data["board"], problems);
  const record: TriageRecord = {
    v: RECORD_VERSION,
    owner: r.text("owner"),
    repo: r.text("repo"),
    number: r.whole("number"),
    title: r.text("title"),
    author: r.text("author"),
    draft: r.flag("draft"),
    headSha: r.text("headSha"),
    labels: r.texts("labels"),
    private: r.flag("private"),
    openedAt: r.time("openedAt"),
    updatedAt: r.time("updatedAt"),
    triagedAt: r.time("triagedAt"),
    state: state as PullState,
    closedAt: r.maybeTime("closedAt"),
    conclusion: conclusion as Conclusion | null,
    configProblems: r.whole("configProblems"),
    stories,
    board,
  };
  if (problems.length > 0) throw new RecordError(problems);
  return record;
}

function parseBoard(raw: unknown, problems: string[]): BoardConfig {
  if (!isRecord(raw)) {
    problems.push("`board` must be an object");
    return DEFAULT_BOARD;
  }
  const b = reader(raw, "board", problems);
  const ages = raw["ageDays"];
  const waitingOn = raw["waitingOn"];
  if (waitingOn !== "errors" && waitingOn !== "faq") problems.push("`board.waitingOn` must be errors or faq");
  if (!isRecord(ages)) problems.push("`board.ageDays` must be an object");
  const a = reader(isRecord(ages) ? ages : {}, "board.ageDays", problems);
  return {
    enabled: b.flag("enabled"),
    facets: b.texts("facets"),
    waitingOn: waitingOn === "faq" ? "faq" : "errors",
    ageDays: { warn: a.whole("warn"), late: a.whole("late") },
  };
}
