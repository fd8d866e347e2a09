/**
 * The dashboard issue: the story board as one GitHub issue that the action rewrites, modelled on
 * Renovate's Dependency Dashboard. PURE: from the open story pull requests' triage records (the
 * board's own records, src/board/record.ts) to the issue's body, and back from a body to what
 * an earlier sweep knew. Who a pull request waits on, its FAQ progress and its age come from the
 * board's `rowOf` (src/board/view.ts), so the issue and the board page never disagree.
 *
 * The body ends with a hidden memo: the head each open pull request had when it was last read,
 * and for a story pull request the facts of its triage. The next sweep reads it first and reads
 * again only the pull requests whose head moved, so a sweep with nothing new costs two requests.
 * The memo is a cache, not state: lost or cut short, the sweep reads the pull requests again.
 *
 * GitHub refuses an issue body over BODY_LIMIT characters; the rows are folded (the oldest first)
 * into "and N more" lines and the memo is cut before the body grows past it.
 */
import type { RepoRef } from "../flow/types.js";
import { DEFAULT_BOARD } from "../config/index.js";
import { parseRecord, RECORD_VERSION, type TriageRecord } from "../board/record.js";
import { rowOf, type Row } from "../board/view.js";

export const DASHBOARD_MARKER = "<!-- story-triage:dashboard -->";
export const DASHBOARD_LABEL = "story-triage";
export const DEFAULT_DASHBOARD_TITLE = "Story board";
/** GitHub's limit on an issue body, in characters (JavaScript's UTF-16 units never undercount it). */
export const BODY_LIMIT = 65_536;
export const RERUN_BOX = "- [ ] re-run triage on all open story pull requests";
const RERUN_TICKED = /^- \[[xX]\] re-run triage on all open story pull requests\s*$/m;
const MEMO_START = "<!-- story-triage:dashboard-memo ";
const MEMO_END = " -->";
const MEMO_VERSION = 1;

/** What the dashboard knows of an open pull request: the head it read, and its record when it touches stories. */
export type MemoEntry = { number: number; headSha: string; record: TriageRecord | null };

export interface DashboardInput {
  repo: RepoRef;
  /** GitHub's web address (GITHUB_SERVER_URL), for links. */
  serverUrl: string;
  /** The open pull requests that touch stories (or whose configuration is broken), with their records. */
  records: TriageRecord[];
  /** Open pull requests that touch no story, at the head that was read: kept in the memo only. */
  quiet: Array<{ number: number; headSha: string }>;
  now: number;
  /** Characters the body may have; BODY_LIMIT unless a test says otherwise. */
  limit?: number;
}

/** The whole body of the dashboard issue. */
export function renderDashboard(input: DashboardInput): string {
  const limit = input.limit ?? BODY_LIMIT;
  const rows = input.records.map((record) => rowOf(record, input.now));
  const memo = memoEntries(input);
  const memoFull = memoText(memo);
  // The rows come first; the memo may take up to half of the body, and what it cannot have is read again next time.
  const visibleBudget = limit - Math.min(memoFull.length + 2, Math.floor(limit / 2));
  const visible = fitRows(input, rows, visibleBudget);
  const room = limit - visible.length - 2;
  return `${visible}\n\n${memoFull.length <= room ? memoFull : memoText(cutMemo(memo, room))}`;
}

/** The issue is our dashboard (marker and label) and someone ticked its re-run box. */
export function isRerunRequest(issue: { body: string | null; labels: string[] }): boolean {
  const body = issue.body ?? "";
  return isDashboardBody(body) && issue.labels.some((l) => l.toLowerCase() === DASHBOARD_LABEL) && RERUN_TICKED.test(body);
}

export function isDashboardBody(body: string | null): boolean {
  return body !== null && body.startsWith(DASHBOARD_MARKER);
}

/**
 * What an earlier sweep wrote in the memo, by pull request number. Each entry is checked as the
 * board checks a stored record; an entry that does not pass (edited by hand, an older version) is
 * left out, so that pull request is read again.
 */
export function readMemo(body: string, repo: RepoRef): Map<number, MemoEntry> {
  const found = new Map<number, MemoEntry>();
  const start = body.lastIndexOf(MEMO_START);
  if (start === -1) return found;
  const end = body.indexOf(MEMO_END, start + MEMO_START.length);
  if (end === -1) return found;
  let data: unknown;
  try {
    data = JSON.parse(body.slice(start + MEMO_START.length, end));
  } catch {
    return found;
  }
  if (!isObject(data) || data["v"] !== MEMO_VERSION || !Array.isArray(data["pulls"])) return found;
  for (const item of data["pulls"]) {
    if (!isObject(item) || !Number.isSafeInteger(item["n"]) || typeof item["h"] !== "string") continue;
    const number = item["n"] as number;
    const entry: MemoEntry = { number, headSha: item["h"], record: null };
    if (item["r"] !== undefined) {
      try {
        entry.record = parseRecord(fullRecord(isObject(item["r"]) ? item["r"] : {}, repo, number, item["h"]));
      } catch {
        continue;
      }
    }
    found.set(number, entry);
  }
  return found;
}

/**
 * What the memo keeps of a record: only what the dashboard shows and the pull request listing
 * does not give afresh each sweep (the check's conclusion and the stories, without their
 * findings by rule, which no row shows), and the board settings when they are not the defaults.
 * About 250 characters for a story pull request with one story.
 */
function memoRecord(record: TriageRecord): Record<string, unknown> {
  return {
    conclusion: record.conclusion,
    configProblems: record.configProblems,
    stories: record.stories.map(({ findings: _findings, ...story }) => story),
    ...(JSON.stringify(record.board) === JSON.stringify(DEFAULT_BOARD) ? {} : { board: record.board }),
  };
}

/** Stands for a time the memo does not keep. */
const UNKNOWN_TIME = "1970-01-01T00:00:00.000Z";

/** A memo's record made whole for parseRecord: the listing's fields blank (the sweep fills them in), the rest as memoRecord left it out. */
function fullRecord(kept: Record<string, unknown>, repo: RepoRef, number: number, headSha: string): unknown {
  const stories = Array.isArray(kept["stories"]) ? kept["stories"].map((story: unknown) => (isObject(story) ? { ...story, findings: {} } : story)) : kept["stories"];
  return {
    v: RECORD_VERSION,
    owner: repo.owner,
    repo: repo.repo,
    number,
    headSha,
    title: "",
    author: "",
    draft: false,
    labels: [],
    private: false,
    // Records hold real times: the listing's (opened, updated) are the sweep's to fill in, and
    // the memo does not keep when a pull request was triaged.
    openedAt: UNKNOWN_TIME,
    updatedAt: UNKNOWN_TIME,
    triagedAt: UNKNOWN_TIME,
    state: "open",
    closedAt: null,
    board: DEFAULT_BOARD,
    ...kept,
    stories,
  };
}

function memoEntries(input: DashboardInput): Array<{ n: number; h: string; r?: Record<string, unknown>; at: string }> {
  const stories = input.records.map((record) => ({ n: record.number, h: record.headSha, r: memoRecord(record), at: record.updatedAt }));
  return [...input.quiet.map((q) => ({ n: q.number, h: q.headSha, at: "" })), ...stories].sort((a, b) => a.n - b.n);
}

function memoText(entries: Array<{ n: number; h: string; r?: Record<string, unknown> }>): string {
  const json = JSON.stringify({ v: MEMO_VERSION, pulls: entries.map(({ n, h, r }) => (r === undefined ? { n, h } : { n, h, r })) });
  // "--" occurs only inside JSON strings here (no negative numbers), where the escape reads back the same: "-->" cannot end the comment early.
  return `${MEMO_START}${json.replaceAll("--", "-\\u002d")}${MEMO_END}`;
}

/** The memo without the records of the least recently updated story pull requests, until it fits in `room`. */
function cutMemo(entries: Array<{ n: number; h: string; r?: Record<string, unknown>; at: string }>, room: number): typeof entries {
  const byAge = entries.filter((e) => e.r !== undefined).sort((a, b) => a.at.localeCompare(b.at) || a.n - b.n);
  let kept = entries;
  for (const dropped of byAge) {
    if (memoText(kept).length <= room) return kept;
    kept = kept.filter((e) => e !== dropped);
  }
  while (kept.length > 0 && memoText(kept).length > room) kept = kept.slice(0, Math.floor(kept.length / 2));
  return kept;
}

// ---------------------------------------------------------------------------------------------
// The visible part

type Group = "author" | "maintainers" | "drafts";
const GROUPS: ReadonlyArray<{ group: Group; heading: string }> = [
  { group: "author", heading: "Waiting on the author" },
  { group: "maintainers", heading: "Waiting on maintainers" },
  { group: "drafts", heading: "Drafts" },
];

function groupOf(row: Row): Group {
  return row.prDraft ? "drafts" : row.waitingOn;
}

/** The visible text with as few rows folded as fit in `budget` (the oldest folded first). */
function fitRows(input: DashboardInput, rows: Row[], budget: number): string {
  const lines = new Map(rows.map((row) => [row, rowText(row, input)]));
  const oldestFirst = [...rows].sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.number - b.number);
  const render = (folded: number) => visibleText(input, rows, lines, new Set(oldestFirst.slice(0, folded)));
  let text = render(0);
  if (text.length <= budget) return text;
  // The fewest folded rows that fit: the text only shrinks as more are folded.
  let low = 1;
  let high = rows.length;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (render(mid).length <= budget) high = mid;
    else low = mid + 1;
  }
  text = render(low);
  return text.length <= budget ? text : text.slice(0, Math.max(0, budget - 1)) + "…";
}

function visibleText(input: DashboardInput, rows: Row[], lines: Map<Row, string>, folded: Set<Row>): string {
  const { serverUrl, repo } = input;
  const base = `${serverUrl}/${repo.owner}/${repo.repo}`;
  const board = input.records[0]?.board ?? DEFAULT_BOARD;
  const count = (group: Group) => rows.filter((row) => groupOf(row) === group).length;
  const questions = rows.reduce((sum, row) => sum + row.faq.questions, 0);
  const answered = rows.reduce((sum, row) => sum + row.faq.answered, 0);
  const parts: string[] = [
    DASHBOARD_MARKER,
    "This issue lists the open pull requests that add or edit stories. The story-triage action rewrites it on each sweep, so edits to it do not last; close it and turn its `dashboard` input off to stop it.",
    "",
  ];
  if (rows.length === 0) parts.push("No open pull request adds or edits a story.");
  else {
    parts.push(
      `**${plural(rows.length, "open story pull request", "open story pull requests")}**: ${count("author")} waiting on the author, ${count("maintainers")} waiting on maintainers, ${plural(count("drafts"), "draft", "drafts")}. FAQ: ${answered} of ${questions} questions answered.`,
      "",
      `Age marks: ⚠️ not updated for ${board.ageDays.warn} days, 🛑 for ${board.ageDays.late} days.`,
    );
    const labels = labelCounts(rows);
    if (labels.length > 0) {
      parts.push("", `Labels: ${labels.map(({ label, count: n }) => `[${code(label)}](${search(base, `is:pr is:open label:"${label}"`)}) ${n}`).join(" · ")}`);
    }
  }
  parts.push("", RERUN_BOX);
  for (const { group, heading } of GROUPS) {
    const members = rows.filter((row) => groupOf(row) === group).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.number - a.number);
    if (members.length === 0) continue;
    parts.push("", `## ${heading} (${members.length})`, "");
    const shown = members.filter((row) => !folded.has(row));
    for (const row of shown) parts.push(lines.get(row) ?? "");
    const hidden = members.length - shown.length;
    if (hidden > 0) {
      const query = `is:pr is:open sort:updated-asc${group === "drafts" ? " draft:true" : " draft:false"}`;
      parts.push(`- …and ${hidden} more, the least recently updated: [see them on GitHub](${search(base, query)})`);
    }
  }
  return parts.join("\n");
}

function rowText(row: Row, input: DashboardInput): string {
  const url = `${input.serverUrl}/${row.owner}/${row.repo}/pull/${row.number}`;
  const head = `- [#${row.number}](${url}) ${inline(row.title)} by ${inline(row.author)} · ${checkText(row)} · updated ${row.updatedAt.slice(0, 10)}${AGE_MARK[row.age]}`;
  const lines = [head];
  if (row.configProblems > 0) lines.push(`  - the configuration has ${plural(row.configProblems, "problem", "problems")}: see the check run`);
  for (const story of row.stories) {
    const title = story.title === null ? code(story.path) : `${inline(story.title)} (${code(story.path)})`;
    const facts = [
      story.kind === null ? null : `kind ${code(story.kind)}`,
      story.draft ? "draft story" : null,
      story.characters.length === 0 ? null : `characters: ${story.characters.map(inline).join(", ")}`,
      story.questions === 0 ? null : `FAQ ${story.answered} of ${story.questions} answered`,
      story.openQuestions.length === 0 ? null : `open: ${story.openQuestions.map((q) => `“${inline(q)}”`).join(", ")}`,
    ].filter((fact): fact is string => fact !== null);
    lines.push(`  - ${title}${facts.length === 0 ? "" : ` · ${facts.join(" · ")}`}`);
  }
  return lines.join("\n");
}

const AGE_MARK: Record<Row["age"], string> = { fresh: "", warn: " ⚠️", late: " 🛑" };

function checkText(row: Row): string {
  switch (row.conclusion) {
    case "success":
      return "✅ check passed";
    case "neutral":
      return "⚪ check neutral";
    case "failure":
      return "❌ check failed";
    case null:
      return "not checked";
  }
}

function labelCounts(rows: Row[]): Array<{ label: string; count: number }> {
  const counts = new Map<string, { label: string; count: number }>();
  for (const row of rows) {
    for (const label of new Set(row.labels)) {
      const entry = counts.get(label.toLowerCase()) ?? { label, count: 0 };
      entry.count += 1;
      counts.set(label.toLowerCase(), entry);
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

function search(base: string, query: string): string {
  return `${base}/pulls?q=${encodeURIComponent(query)}`;
}

/**
 * Text from a pull request or a story, safe inline in markdown: markup characters are escaped,
 * HTML cannot open (a title cannot hide the rest of the body in a comment), and `@name` does not
 * notify anyone.
 */
function inline(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/[\\`*_[\]<>&#|~!]/g, (c) => (c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === "&" ? "&amp;" : `\\${c}`))
    .replace(/@(?=\w)/g, "@\u200b");
}

function code(text: string): string {
  const clean = text.replace(/\s+/g, " ");
  const longest = Math.max(0, ...[...clean.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return longest === 0 ? `\`${clean}\`` : `${fence} ${clean} ${fence}`;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
