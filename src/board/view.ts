/**
 * What a board page shows, decided from the records, the query string and the clock. PURE:
 * the HTML page (page.ts) and the JSON (json.ts) both render this one view, so they always agree.
 *
 * The query string is the state: every filter and the sort order live in it (BoardQuery), so a
 * view can be shared and reloaded; `queryString` writes it back in one canonical order.
 */
import type { RepoRef } from "../flow/types.js";
import { repoKey, type Conclusion, type PullState, type StoryRecord, type TriageRecord } from "./record.js";
import type { SweepStatus } from "./store.js";

/** Rows on one page; the rest are on the next pages (10,000 open pull requests are 20 pages). */
export const PAGE_ROWS = 500;
const DAY_MS = 86_400_000;

export type Sort = "age" | "newest" | "number" | "repo";
export const SORTS: readonly Sort[] = ["age", "newest", "number", "repo"];
export type Layout = "table" | "board";
export type WaitingOn = "author" | "maintainers";
export type Column = "needs-faq" | "draft" | "ready";
export const COLUMNS: readonly Column[] = ["needs-faq", "draft", "ready"];

export interface BoardQuery {
  kind: string | null;
  character: string | null;
  /** A story's draft banner. */
  draft: "yes" | "no" | null;
  needsFaq: "yes" | "no" | null;
  waiting: WaitingOn | null;
  /** Labels the pull request must have, and must not have. */
  labels: string[];
  notLabels: string[];
  author: string | null;
  /** Words the title, story titles or paths must contain. */
  text: string;
  /** Hide pull requests that are drafts on GitHub (shown greyed out otherwise). */
  hideDrafts: boolean;
  sort: Sort;
  layout: Layout;
  page: number;
}

export const EMPTY_QUERY: BoardQuery = {
  kind: null,
  character: null,
  draft: null,
  needsFaq: null,
  waiting: null,
  labels: [],
  notLabels: [],
  author: null,
  text: "",
  hideDrafts: false,
  sort: "age",
  layout: "table",
  page: 1,
};

const MAX_PARAM_CHARS = 200;
const MAX_LABEL_FILTERS = 10;

/** Reads the query string; values it does not know are ignored (a shared link never breaks the page). */
export function parseQuery(params: URLSearchParams): BoardQuery {
  const one = (name: string): string | null => {
    const value = params.get(name);
    return value === null || value.trim() === "" ? null : value.trim().slice(0, MAX_PARAM_CHARS);
  };
  const many = (name: string): string[] =>
    [...new Set(params.getAll(name).map((v) => v.trim().slice(0, MAX_PARAM_CHARS)).filter((v) => v !== ""))].slice(0, MAX_LABEL_FILTERS);
  const yesNo = (name: string): "yes" | "no" | null => {
    const value = one(name);
    return value === "yes" || value === "no" ? value : null;
  };
  const waiting = one("waiting");
  const sort = one("sort");
  const page = Number(one("page") ?? "1");
  return {
    kind: one("kind"),
    character: one("character"),
    draft: yesNo("draft"),
    needsFaq: yesNo("needs-faq"),
    waiting: waiting === "author" || waiting === "maintainers" ? waiting : null,
    labels: many("label"),
    notLabels: many("not-label"),
    author: one("author"),
    text: (params.get("q") ?? "").trim().slice(0, MAX_PARAM_CHARS),
    hideDrafts: one("hide-drafts") === "1",
    sort: SORTS.includes(sort as Sort) ? (sort as Sort) : "age",
    layout: one("view") === "board" ? "board" : "table",
    page: Number.isSafeInteger(page) && page >= 1 ? page : 1,
  };
}

/** The query string of a query, canonical, without the leading "?" ("" for the default view). */
export function queryString(query: BoardQuery): string {
  const params = new URLSearchParams();
  if (query.kind !== null) params.set("kind", query.kind);
  if (query.character !== null) params.set("character", query.character);
  if (query.draft !== null) params.set("draft", query.draft);
  if (query.needsFaq !== null) params.set("needs-faq", query.needsFaq);
  if (query.waiting !== null) params.set("waiting", query.waiting);
  for (const label of query.labels) params.append("label", label);
  for (const label of query.notLabels) params.append("not-label", label);
  if (query.author !== null) params.set("author", query.author);
  if (query.text !== "") params.set("q", query.text);
  if (query.hideDrafts) params.set("hide-drafts", "1");
  if (query.sort !== "age") params.set("sort", query.sort);
  if (query.layout !== "table") params.set("view", query.layout);
  if (query.page !== 1) params.set("page", String(query.page));
  return params.toString();
}

export interface RowStory extends Omit<StoryRecord, "findings"> {
  answered: number;
}

export interface Row {
  owner: string;
  repo: string;
  number: number;
  title: string;
  author: string;
  /** A draft on GitHub. */
  prDraft: boolean;
  labels: string[];
  stories: RowStory[];
  kinds: string[];
  characters: string[];
  /** Any story carries the draft banner. */
  storyDraft: boolean;
  faq: { questions: number; answered: number; open: string[] };
  needsFaq: boolean;
  conclusion: Conclusion | null;
  configProblems: number;
  waitingOn: WaitingOn;
  updatedAt: string;
  /** Whole days since the last update. */
  ageDays: number;
  age: "fresh" | "warn" | "late";
  column: Column;
  state: PullState;
  closedAt: string | null;
  triagedAt: string;
}

export interface FacetValue {
  value: string;
  count: number;
  selected: boolean;
}

export interface Facet {
  /** The query parameter it sets. */
  name: "kind" | "character" | "draft" | "needs-faq" | "waiting" | "label";
  title: string;
  values: FacetValue[];
}

/** Who the viewer is, as far as the board is concerned. */
export interface Viewer {
  /** Whether the viewer may see a private repository's pull requests. */
  canSee(repo: RepoRef): boolean;
  /** The signed-in login, or null for an anonymous viewer. */
  login: string | null;
}

export const ANONYMOUS: Viewer = { canSee: () => false, login: null };

export interface BoardView {
  scope: RepoRef | null;
  query: BoardQuery;
  /** Open pull requests that pass the filters, sorted, on this page. */
  rows: Row[];
  /** All open pull requests that pass the filters. */
  matching: number;
  /** All open pull requests the viewer may see, before filters. */
  open: number;
  page: number;
  pages: number;
  columns: Array<{ column: Column; rows: Row[] }>;
  facets: Facet[];
  recentlyClosed: Row[];
  /** Repositories the viewer may see, for the index. */
  repositories: Array<{ owner: string; repo: string; open: number }>;
  asOf: string | null;
  sweep: SweepStatus | null;
  /** Stored records that could not be read (logged): left out, and counted on the page. */
  unreadable: number;
  /** Private repositories are not shown to this viewer (sign-in not configured, or not signed in). */
  privateNotice: "sign-in-unavailable" | "sign-in" | null;
  stats: { questions: number; answered: number; averageAgeDays: number; waitingOnAuthor: number; waitingOnMaintainers: number };
}

export interface ViewInput {
  records: TriageRecord[];
  query: BoardQuery;
  scope: RepoRef | null;
  viewer: Viewer;
  /** Whether viewers can sign in at all (OAuth settings present). */
  signInAvailable: boolean;
  sweep: SweepStatus | null;
  /** Stored records the store could not read; 0 when not given. */
  unreadable?: number;
  now: number;
}

export function rowOf(record: TriageRecord, now: number): Row {
  const stories = record.stories.map((story) => ({
    path: story.path,
    title: story.title,
    kind: story.kind,
    draft: story.draft,
    characters: story.characters,
    questions: story.questions,
    answered: Math.max(0, story.questions - story.openQuestions.length),
    openQuestions: story.openQuestions,
    errors: story.errors,
  }));
  const questions = stories.reduce((sum, s) => sum + s.questions, 0);
  const open = stories.flatMap((s) => s.openQuestions);
  const errors = stories.reduce((sum, s) => sum + s.errors, 0) + record.configProblems;
  const needsFaq = open.length > 0;
  const blocked = record.board.waitingOn === "faq" ? needsFaq : errors > 0 || record.conclusion === "failure";
  const storyDraft = stories.some((s) => s.draft);
  const updated = Date.parse(record.updatedAt);
  const ageDays = Number.isFinite(updated) ? Math.max(0, Math.floor((now - updated) / DAY_MS)) : 0;
  return {
    owner: record.owner,
    repo: record.repo,
    number: record.number,
    title: record.title,
    author: record.author,
    prDraft: record.draft,
    labels: record.labels,
    stories,
    kinds: unique(stories.flatMap((s) => (s.kind === null ? [] : [s.kind]))),
    characters: unique(stories.flatMap((s) => s.characters)),
    storyDraft,
    faq: { questions, answered: Math.max(0, questions - open.length), open },
    needsFaq,
    conclusion: record.conclusion,
    configProblems: record.configProblems,
    waitingOn: blocked ? "author" : "maintainers",
    updatedAt: record.updatedAt,
    ageDays,
    age: ageDays >= record.board.ageDays.late ? "late" : ageDays >= record.board.ageDays.warn ? "warn" : "fresh",
    column: needsFaq ? "needs-faq" : storyDraft || record.draft ? "draft" : "ready",
    state: record.state,
    closedAt: record.closedAt,
    triagedAt: record.triagedAt,
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
const hasLabel = (row: Row, label: string): boolean => row.labels.some((l) => same(l, label));

type Dimension = "kind" | "character" | "draft" | "needs-faq" | "waiting" | "label" | "other";

/** Whether a row passes every filter of the query except those of `skip` (for a facet's own counts). */
function passes(row: Row, query: BoardQuery, skip: Dimension | null): boolean {
  if (skip !== "kind" && query.kind !== null && !row.kinds.some((k) => same(k, query.kind ?? ""))) return false;
  if (skip !== "character" && query.character !== null && !row.characters.some((c) => same(c, query.character ?? ""))) return false;
  if (skip !== "draft" && query.draft !== null && row.storyDraft !== (query.draft === "yes")) return false;
  if (skip !== "needs-faq" && query.needsFaq !== null && row.needsFaq !== (query.needsFaq === "yes")) return false;
  if (skip !== "waiting" && query.waiting !== null && row.waitingOn !== query.waiting) return false;
  if (skip !== "label" && !query.labels.every((label) => hasLabel(row, label))) return false;
  if (query.notLabels.some((label) => hasLabel(row, label))) return false;
  if (query.author !== null && !same(row.author, query.author)) return false;
  if (query.hideDrafts && row.prDraft) return false;
  if (query.text !== "") {
    const haystack = [row.title, ...row.stories.flatMap((s) => [s.title ?? "", s.path])].join("\n").toLowerCase();
    if (!query.text.toLowerCase().split(/\s+/).every((word) => haystack.includes(word))) return false;
  }
  return true;
}

function compare(sort: Sort): (a: Row, b: Row) => number {
  const byKey = (a: Row, b: Row) => repoKey(a.owner, a.repo).localeCompare(repoKey(b.owner, b.repo)) || a.number - b.number;
  switch (sort) {
    case "age":
      return (a, b) => a.updatedAt.localeCompare(b.updatedAt) || byKey(a, b);
    case "newest":
      return (a, b) => b.updatedAt.localeCompare(a.updatedAt) || byKey(a, b);
    case "number":
      return (a, b) => b.number - a.number || byKey(a, b);
    case "repo":
      return byKey;
  }
}

function countFacet(rows: Row[], query: BoardQuery, dimension: Dimension, valuesOf: (row: Row) => string[], selected: (value: string) => boolean): FacetValue[] {
  const counts = new Map<string, { value: string; count: number }>();
  for (const row of rows) {
    if (!passes(row, query, dimension)) continue;
    for (const value of unique(valuesOf(row))) {
      const key = value.toLowerCase();
      const entry = counts.get(key) ?? { value, count: 0 };
      entry.count += 1;
      counts.set(key, entry);
    }
  }
  return [...counts.values()]
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
    .map(({ value, count }) => ({ value, count, selected: selected(value) }));
}

/**
 * Whether a label is one a facet names: the same name (without case), or for a facet with a `*`
 * (`T-*`, as the configuration's table-labels give), any label with its text before and after.
 */
function facetMatches(facet: string, label: string): boolean {
  const star = facet.indexOf("*");
  if (star === -1) return same(facet, label);
  const before = facet.slice(0, star).toLowerCase();
  const after = facet.slice(star + 1).toLowerCase();
  const lower = label.toLowerCase();
  return lower.length > before.length + after.length && lower.startsWith(before) && lower.endsWith(after);
}

export function buildView(input: ViewInput): BoardView {
  const { query, scope, viewer, now } = input;
  const visible = input.records.filter(
    (record) =>
      record.board.enabled &&
      (record.stories.length > 0 || record.configProblems > 0) &&
      (scope === null || repoKey(record.owner, record.repo) === repoKey(scope.owner, scope.repo)) &&
      (!record.private || viewer.canSee({ owner: record.owner, repo: record.repo })),
  );
  const all = visible.map((record) => rowOf(record, now));
  const open = all.filter((row) => row.state === "open");
  const matching = open.filter((row) => passes(row, query, null)).sort(compare(query.sort));
  const pages = Math.max(1, Math.ceil(matching.length / PAGE_ROWS));
  const page = Math.min(query.page, pages);
  const rows = matching.slice((page - 1) * PAGE_ROWS, page * PAGE_ROWS);

  const facetLabels = unique(visible.flatMap((record) => record.board.facets));
  const yesNo = (value: boolean) => (value ? "yes" : "no");
  const facets: Facet[] = [
    { name: "kind", title: "Kind", values: countFacet(open, query, "kind", (r) => r.kinds, (v) => query.kind !== null && same(v, query.kind)) },
    { name: "character", title: "Character", values: countFacet(open, query, "character", (r) => r.characters, (v) => query.character !== null && same(v, query.character)) },
    { name: "draft", title: "Draft story", values: countFacet(open, query, "draft", (r) => [yesNo(r.storyDraft)], (v) => v === query.draft) },
    { name: "needs-faq", title: "Needs FAQ", values: countFacet(open, query, "needs-faq", (r) => [yesNo(r.needsFaq)], (v) => v === query.needsFaq) },
    { name: "waiting", title: "Waiting on", values: countFacet(open, query, "waiting", (r) => [r.waitingOn], (v) => v === query.waiting) },
  ];
  if (facetLabels.length > 0) {
    facets.push({
      name: "label",
      title: "Labels",
      values: countFacet(open, query, "label", (r) => r.labels.filter((l) => facetLabels.some((f) => facetMatches(f, l))), (v) => query.labels.some((l) => same(l, v))),
    });
  }

  const repositories = new Map<string, { owner: string; repo: string; open: number }>();
  for (const row of all) {
    const key = repoKey(row.owner, row.repo);
    const entry = repositories.get(key) ?? { owner: row.owner, repo: row.repo, open: 0 };
    if (row.state === "open") entry.open += 1;
    repositories.set(key, entry);
  }
  const latestTriage = all.reduce<string | null>((latest, row) => (latest === null || row.triagedAt > latest ? row.triagedAt : latest), null);
  const sweepAt = input.sweep?.ok ? input.sweep.at : null;
  const asOf = [latestTriage, sweepAt].filter((t): t is string => t !== null).sort().pop() ?? null;
  const questions = matching.reduce((sum, r) => sum + r.faq.questions, 0);
  return {
    scope,
    query: { ...query, page },
    rows,
    matching: matching.length,
    open: open.length,
    page,
    pages,
    columns: COLUMNS.map((column) => ({ column, rows: rows.filter((row) => row.column === column) })),
    facets,
    recentlyClosed: all
      .filter((row) => row.state !== "open")
      .sort((a, b) => (b.closedAt ?? "").localeCompare(a.closedAt ?? ""))
      .slice(0, PAGE_ROWS),
    repositories: [...repositories.values()].sort((a, b) => repoKey(a.owner, a.repo).localeCompare(repoKey(b.owner, b.repo))),
    asOf,
    sweep: input.sweep,
    unreadable: input.unreadable ?? 0,
    // Said whether or not private pull requests exist: the notice must not tell an anonymous viewer that they do.
    privateNotice: !input.signInAvailable ? "sign-in-unavailable" : viewer.login === null ? "sign-in" : null,
    stats: {
      questions,
      answered: matching.reduce((sum, r) => sum + r.faq.answered, 0),
      averageAgeDays: matching.length === 0 ? 0 : Math.round((matching.reduce((sum, r) => sum + r.ageDays, 0) / matching.length) * 10) / 10,
      waitingOnAuthor: matching.filter((r) => r.waitingOn === "author").length,
      waitingOnMaintainers: matching.filter((r) => r.waitingOn === "maintainers").length,
    },
  };
}

/** "just now", "2 minutes ago", "3 hours ago", "5 days ago". */
export function timeAgo(iso: string, now: number): string {
  const ms = now - Date.parse(iso);
  if (!Number.isFinite(ms) || ms < 60_000) return "just now";
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"} ago`;
  if (ms < 3_600_000) return plural(Math.floor(ms / 60_000), "minute");
  if (ms < DAY_MS) return plural(Math.floor(ms / 3_600_000), "hour");
  return plural(Math.floor(ms / DAY_MS), "day");
}
