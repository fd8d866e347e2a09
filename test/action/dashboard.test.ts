/**
 * The dashboard issue's body, rendered from triage records: exact text (groups, counts, label
 * searches, FAQ progress, age marks, drafts apart, nothing a title could turn into markup or a
 * mention), the memo read back, the re-run box, and folding at GitHub's body limit.
 */
import { describe, expect, test } from "@jest/globals";
import { BODY_LIMIT, DASHBOARD_MARKER, isRerunRequest, readMemo, renderDashboard, RERUN_BOX } from "../../src/action/dashboard.js";
import { NOW, record } from "../board/support/records.js";

const REPO = { owner: "org", repo: "stories" };
const SERVER = "https://github.com";

const RECORDS = [
  record({ number: 3, title: "Add Barbara's story", author: "barbara", ageDays: 2, labels: ["needs-faq", "status-quo"], questions: 4, open: ["What are the morals?", "What are the sources?"], characters: ["Barbara", "Alan"] }),
  record({ number: 5, title: "Grace @work <!-- hidden --> [x](y)", author: "grace", ageDays: 9, labels: ["status-quo"], questions: 2 }),
  record({ number: 8, title: "Draft", author: "niklaus", ageDays: 15, prDraft: true, storyDraft: true, labels: ["draft"], errors: 1 }),
];

const SEARCH = "https://github.com/org/stories/pulls?q=";

describe("renderDashboard", () => {
  test("groups the pull requests by who they wait on, drafts apart, with counts, label searches, FAQ progress and age marks", () => {
    const body = renderDashboard({ repo: REPO, serverUrl: SERVER, records: RECORDS, quiet: [{ number: 4, headSha: "abc" }], now: NOW });
    const visible = body.slice(0, body.indexOf("\n\n<!-- story-triage:dashboard-memo "));
    expect(visible).toBe(
      [
        DASHBOARD_MARKER,
        "This issue lists the open pull requests that add or edit stories. The story-triage action rewrites it on each sweep, so edits to it do not last; close it and turn its `dashboard` input off to stop it.",
        "",
        "**3 open story pull requests**: 1 waiting on the author, 1 waiting on maintainers, 1 draft. FAQ: 8 of 10 questions answered.",
        "",
        "Age marks: ⚠️ not updated for 7 days, 🛑 for 14 days.",
        "",
        `Labels: [\`status-quo\`](${SEARCH}is%3Apr%20is%3Aopen%20label%3A%22status-quo%22) 2 · [\`draft\`](${SEARCH}is%3Apr%20is%3Aopen%20label%3A%22draft%22) 1 · [\`needs-faq\`](${SEARCH}is%3Apr%20is%3Aopen%20label%3A%22needs-faq%22) 1`,
        "",
        RERUN_BOX,
        "",
        "## Waiting on the author (1)",
        "",
        "- [#3](https://github.com/org/stories/pull/3) Add Barbara's story by barbara · ❌ check failed · updated 2025-03-18",
        "  - Story of \\#3 (`stories/status-quo/pr-3.md`) · kind `status-quo` · characters: Barbara, Alan · FAQ 2 of 4 answered · open: “What are the morals?”, “What are the sources?”",
        "",
        "## Waiting on maintainers (1)",
        "",
        "- [#5](https://github.com/org/stories/pull/5) Grace @\u200bwork &lt;\\!-- hidden --&gt; \\[x\\](y) by grace · ✅ check passed · updated 2025-03-11 ⚠️",
        "  - Story of \\#5 (`stories/status-quo/pr-5.md`) · kind `status-quo` · characters: Alan · FAQ 2 of 2 answered",
        "",
        "## Drafts (1)",
        "",
        "- [#8](https://github.com/org/stories/pull/8) Draft by niklaus · ❌ check failed · updated 2025-03-05 🛑",
        "  - Story of \\#8 (`stories/status-quo/pr-8.md`) · kind `status-quo` · draft story · characters: Alan · FAQ 4 of 4 answered",
      ].join("\n"),
    );
  });

  test("says so when no open pull request touches a story", () => {
    expect(renderDashboard({ repo: REPO, serverUrl: SERVER, records: [], quiet: [], now: NOW })).toBe(
      [
        DASHBOARD_MARKER,
        "This issue lists the open pull requests that add or edit stories. The story-triage action rewrites it on each sweep, so edits to it do not last; close it and turn its `dashboard` input off to stop it.",
        "",
        "No open pull request adds or edits a story.",
        "",
        RERUN_BOX,
        "",
        '<!-- story-triage:dashboard-memo {"v":1,"pulls":[]} -->',
      ].join("\n"),
    );
  });

  test("the same records give the same body (no clock in it but the age marks)", () => {
    const once = renderDashboard({ repo: REPO, serverUrl: SERVER, records: RECORDS, quiet: [], now: NOW });
    expect(renderDashboard({ repo: REPO, serverUrl: SERVER, records: [...RECORDS].reverse(), quiet: [], now: NOW + 3_600_000 })).toBe(once);
  });
});

describe("the memo", () => {
  test("reads back each pull request's head and the facts of its triage; the listing's fields are the sweep's to fill in", () => {
    const tricky = record({ number: 9, open: ["Why --> not <!-- this?"], questions: 1 });
    const body = renderDashboard({ repo: REPO, serverUrl: SERVER, records: [...RECORDS, tricky], quiet: [{ number: 4, headSha: "abc" }], now: NOW });
    expect(body.match(/-->/g)?.length).toBe(2); // the memo's own end, and the marker's
    const memo = readMemo(body, REPO);
    expect([...memo.keys()]).toEqual([3, 4, 5, 8, 9]);
    expect(memo.get(4)).toEqual({ number: 4, headSha: "abc", record: null });
    for (const original of [...RECORDS, tricky]) {
      const read = memo.get(original.number)?.record;
      // Findings by rule and the time of the triage are not shown, so not kept.
      const shown = { ...original, triagedAt: "1970-01-01T00:00:00.000Z", stories: original.stories.map((story) => ({ ...story, findings: {} })) };
      expect(read).toEqual({ ...shown, title: "", author: "", draft: false, labels: [], openedAt: "1970-01-01T00:00:00.000Z", updatedAt: "1970-01-01T00:00:00.000Z" });
    }
  });

  test("board settings other than the defaults are kept", () => {
    const late = record({ number: 4, board: { waitingOn: "faq", ageDays: { warn: 3, late: 5 } } });
    const body = renderDashboard({ repo: REPO, serverUrl: SERVER, records: [late], quiet: [], now: NOW });
    expect(readMemo(body, REPO).get(4)?.record?.board).toEqual(late.board);
  });

  test("an entry edited by hand is left out (that pull request is read again); a body without a memo has none", () => {
    const body = renderDashboard({ repo: REPO, serverUrl: SERVER, records: RECORDS.slice(0, 2), quiet: [], now: NOW }).replace('"conclusion":"failure"', '"conclusion":"maybe"');
    expect([...readMemo(body, REPO).keys()]).toEqual([5]);
    expect(readMemo(`${DASHBOARD_MARKER}\nhello`, REPO).size).toBe(0);
  });
});

describe("the re-run box", () => {
  const body = renderDashboard({ repo: REPO, serverUrl: SERVER, records: RECORDS, quiet: [], now: NOW });
  const ticked = body.replace("- [ ] re-run triage", "- [x] re-run triage");
  test.each([
    ["ticked, on the dashboard", ticked, ["story-triage"], true],
    ["not ticked", body, ["story-triage"], false],
    ["ticked, without the label", ticked, ["other"], false],
    ["ticked, in an issue without the marker", ticked.replace(DASHBOARD_MARKER, ""), ["story-triage"], false],
  ])("%s", (_name, text, labels, expected) => {
    expect(isRerunRequest({ body: text, labels })).toBe(expected);
  });
});

describe("at GitHub's body limit", () => {
  // 700 story pull requests with long titles, one a day older than the next: far over 65,536 characters.
  const many = Array.from({ length: 700 }, (_, i) =>
    record({ number: i + 1, ageDays: (i * 7) % 700, title: `A rather long pull request title number ${i + 1} `.repeat(3), questions: 3, open: ["What are the morals?"], prDraft: i % 10 === 0 }),
  );
  const body = renderDashboard({ repo: REPO, serverUrl: SERVER, records: many, quiet: [], now: NOW });
  const shown = [...body.matchAll(/^- \[#(\d+)\]/gm)].map((m) => Number(m[1]));
  const folded = [...body.matchAll(/^- …and (\d+) more, the least recently updated: \[see them on GitHub\]\((.*)\)$/gm)];

  test("stays under the limit and uses it", () => {
    expect(body.length).toBeLessThanOrEqual(BODY_LIMIT);
    expect(body.length).toBeGreaterThan(BODY_LIMIT - 1000);
  });

  test("folds the least recently updated rows into one 'and N more' line per group, linking to GitHub's search", () => {
    const hidden = folded.reduce((sum, m) => sum + Number(m[1]), 0);
    expect(shown.length + hidden).toBe(700);
    expect(hidden).toBeGreaterThan(0);
    const age = (n: number) => many[n - 1]!.updatedAt;
    const oldestShown = shown.map(age).sort()[0]!;
    const foldedNumbers = many.map((r) => r.number).filter((n) => !shown.includes(n));
    expect(foldedNumbers.every((n) => age(n) <= oldestShown)).toBe(true);
    expect(folded.map((m) => decodeURIComponent(m[2]!.slice(SEARCH.length)))).toEqual(["is:pr is:open sort:updated-asc draft:false", "is:pr is:open sort:updated-asc draft:true"]);
    // The counts at the top still count every pull request.
    expect(body).toContain("**700 open story pull requests**: 630 waiting on the author, 0 waiting on maintainers, 70 drafts.");
  });

  test("the memo keeps what fits, the most recently updated first", () => {
    const memo = readMemo(body, REPO);
    expect(memo.size).toBeGreaterThan(0);
    expect(memo.size).toBeLessThan(700);
    const kept = [...memo.keys()];
    const newestDropped = many.filter((r) => !memo.has(r.number)).map((r) => r.updatedAt).sort().pop()!;
    expect(kept.every((n) => many[n - 1]!.updatedAt >= newestDropped)).toBe(true);
  });
});
