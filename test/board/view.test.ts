/** The board's view, decided from records and the query string: rows, facets, columns, URL state. */
import { describe, expect, test } from "@jest/globals";
import { ANONYMOUS, buildView, EMPTY_QUERY, PAGE_ROWS, parseQuery, queryString, type BoardQuery, type ViewInput } from "../../src/board/view.js";
import type { TriageRecord } from "../../src/board/record.js";
import { NOW, record } from "./support/records.js";

const RECORDS: TriageRecord[] = [
  record({ number: 1, kind: "status-quo", characters: ["Alan"], open: ["Q1?", "Q2?"], ageDays: 2, labels: ["needs-faq", "status-quo"] }),
  record({ number: 2, kind: "status-quo", characters: ["Grace"], storyDraft: true, ageDays: 8, labels: ["draft"] }),
  record({ number: 3, kind: "shiny-future", characters: ["Grace", "Niklaus"], ageDays: 15, prDraft: true }),
  record({ number: 4, kind: "shiny-future", characters: ["Barbara"], errors: 1, ageDays: 0 }),
];

function view(query: Partial<BoardQuery> = {}, records: TriageRecord[] = RECORDS, extra: Partial<ViewInput> = {}) {
  return buildView({ records, query: { ...EMPTY_QUERY, ...query }, scope: null, viewer: ANONYMOUS, signInAvailable: false, sweep: null, now: NOW, ...extra });
}

const numbers = (v: ReturnType<typeof view>) => v.rows.map((r) => r.number);

describe("rows", () => {
  test("FAQ state, waiting on, age colour and column of each row", () => {
    const rows = view().rows;
    expect(rows.map((r) => [r.number, `${r.faq.answered} of ${r.faq.questions}`, r.waitingOn, r.age, r.column])).toEqual([
      [3, "4 of 4", "maintainers", "late", "draft"],
      [2, "4 of 4", "maintainers", "warn", "draft"],
      [1, "2 of 4", "author", "fresh", "needs-faq"],
      [4, "4 of 4", "author", "fresh", "ready"],
    ]);
    expect(rows.find((r) => r.number === 1)?.faq.open).toEqual(["Q1?", "Q2?"]);
  });

  test("the repository's own age thresholds and waiting-on rule", () => {
    const custom = record({ number: 9, errors: 1, ageDays: 3, board: { waitingOn: "faq", ageDays: { warn: 2, late: 3 } } });
    expect(view({}, [custom]).rows.map((r) => [r.waitingOn, r.age])).toEqual([["maintainers", "late"]]);
  });

  test("a repository with the board off, and a pull request without stories, are not shown", () => {
    const off = record({ number: 5, board: { enabled: false } });
    const none = { ...record({ number: 6 }), stories: [] };
    expect(numbers(view({}, [off, none, ...RECORDS]))).toEqual([3, 2, 1, 4]);
  });
});

describe("filters", () => {
  test.each<[string, Partial<BoardQuery>, number[]]>([
    ["a kind", { kind: "shiny-future" }, [3, 4]],
    ["a character, in any case", { character: "grace" }, [3, 2]],
    ["draft stories", { draft: "yes" }, [2]],
    ["needs FAQ", { needsFaq: "yes" }, [1]],
    ["waiting on the author", { waiting: "author" }, [1, 4]],
    ["a label", { labels: ["draft"] }, [2]],
    ["without a label", { notLabels: ["draft"] }, [3, 1, 4]],
    ["an author", { author: "WRITER" }, [3, 2, 1, 4]],
    ["words", { text: "story #4" }, [4]],
    ["hide pull request drafts", { hideDrafts: true }, [2, 1, 4]],
    ["newest first", { sort: "newest" }, [4, 1, 2, 3]],
    ["by number", { sort: "number" }, [4, 3, 2, 1]],
  ])("%s", (_name, query, expected) => {
    expect(numbers(view(query))).toEqual(expected);
  });
});

describe("facets", () => {
  test("counts per value, each facet counted without its own filter", () => {
    const v = view({ kind: "shiny-future" });
    const facet = (name: string) => v.facets.find((f) => f.name === name)?.values.map((x) => [x.value, x.count, x.selected]);
    expect(facet("kind")).toEqual([
      ["shiny-future", 2, true],
      ["status-quo", 2, false],
    ]);
    expect(facet("character")).toEqual([
      ["Barbara", 1, false],
      ["Grace", 1, false],
      ["Niklaus", 1, false],
    ]);
    expect(facet("waiting")).toEqual([
      ["author", 1, false],
      ["maintainers", 1, false],
    ]);
    expect(v.facets.map((f) => f.name)).toEqual(["kind", "character", "draft", "needs-faq", "waiting"]);
  });

  test("labels the repository names in board.facets are a facet of their own", () => {
    const records = RECORDS.map((r) => ({ ...r, board: { ...r.board, facets: ["needs-faq", "draft"] } }));
    expect(view({}, records).facets.find((f) => f.name === "label")?.values.map((x) => [x.value, x.count])).toEqual([
      ["draft", 1],
      ["needs-faq", 1],
    ]);
  });

  test("a facet with a * (as table-labels give: T-{value} shows as T-*) counts every label it matches", () => {
    const teams = [["T-lang", "T-compiler", "status:Proposed"], ["t-LANG"], ["T-", "lang"], []];
    const records = RECORDS.map((r, i) => ({ ...r, labels: [...r.labels, ...(teams[i] ?? [])], board: { ...r.board, facets: ["T-*", "status:*"] } }));
    expect(view({}, records).facets.find((f) => f.name === "label")?.values.map((x) => [x.value, x.count])).toEqual([
      ["T-lang", 2],
      ["status:Proposed", 1],
      ["T-compiler", 1],
    ]);
  });
});

describe("columns, pages, closed pull requests, notices", () => {
  test("the board view's columns: needs FAQ, draft, ready for review", () => {
    expect(view().columns.map(({ column, rows }) => [column, rows.map((r) => r.number)])).toEqual([
      ["needs-faq", [1]],
      ["draft", [3, 2]],
      ["ready", [4]],
    ]);
  });

  test(`${PAGE_ROWS} rows a page; the facets still count every row`, () => {
    const many = Array.from({ length: PAGE_ROWS + 10 }, (_, i) => record({ number: i + 1, ageDays: i % 30 }));
    const second = view({ page: 2 }, many);
    expect([second.rows.length, second.matching, second.pages, second.page]).toEqual([10, PAGE_ROWS + 10, 2, 2]);
    expect(second.facets[0]?.values[0]?.count).toBe(PAGE_ROWS + 10);
    expect(view({ page: 99 }, many).page).toBe(2);
  });

  test("a closed pull request is listed as recently closed, not in the open view", () => {
    const merged: TriageRecord = { ...record({ number: 7 }), state: "merged", closedAt: new Date(NOW - 3_600_000).toISOString() };
    const v = view({}, [merged, ...RECORDS]);
    expect(numbers(v)).toEqual([3, 2, 1, 4]);
    expect(v.recentlyClosed.map((r) => [r.number, r.state])).toEqual([[7, "merged"]]);
  });

  test("private repositories: hidden from a viewer who may not see them, with the notice that fits", () => {
    const secret = record({ number: 8, owner: "secret", private: true });
    expect(numbers(view({}, [secret]))).toEqual([]);
    expect(view({}, [secret]).privateNotice).toBe("sign-in-unavailable");
    expect(view({}, [secret], { signInAvailable: true }).privateNotice).toBe("sign-in");
    const member = { login: "member", canSee: (repo: { owner: string }) => repo.owner === "secret" };
    expect(numbers(view({}, [secret], { signInAvailable: true, viewer: member }))).toEqual([8]);
  });

  test("freshness: the latest triage or successful sweep", () => {
    expect(view().asOf).toBe(new Date(NOW - 60_000).toISOString());
    const sweep = { at: new Date(NOW - 1000).toISOString(), ok: true, error: null, queued: 0 };
    expect(view({}, RECORDS, { sweep }).asOf).toBe(sweep.at);
    expect(view({}, RECORDS, { sweep: { ...sweep, ok: false } }).asOf).toBe(new Date(NOW - 60_000).toISOString());
  });
});

describe("the query string is the state", () => {
  test("parse then write gives the canonical query back", () => {
    const text = "kind=status-quo&character=Grace&draft=no&needs-faq=yes&waiting=author&label=a&label=b&not-label=c&author=me&q=two+words&hide-drafts=1&sort=newest&view=board&page=3";
    expect(queryString(parseQuery(new URLSearchParams(text)))).toBe(text);
    expect(queryString(parseQuery(new URLSearchParams("")))).toBe("");
  });

  test("values it does not know are dropped, not errors", () => {
    expect(parseQuery(new URLSearchParams("draft=maybe&waiting=nobody&sort=random&view=grid&page=-2&hide-drafts=yes&kind=%20"))).toEqual(EMPTY_QUERY);
  });
});
