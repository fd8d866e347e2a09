import { describe, expect, test } from "@jest/globals";
import { findingFingerprint, findingMarker, outputHashOf, saidMarker, SUMMARY_MARKER } from "../../src/flow/markers.js";
import { labelSpec, MECHANICAL_STORIES, planConfigProblem, planInternalError, type PlanInput, planTriage } from "../../src/flow/plan.js";
import { COMMENT_LIMIT, capText } from "../../src/flow/render.js";
import { type Finding, parseTemplate } from "../../src/engine/index.js";
import type { CheckedStory } from "../../src/flow/types.js";
import { checked, edited, finding, NO_PRIOR_WORK, report, testConfig } from "./support/story-fixtures.js";

const PATH = "stories/status_quo/alan_deadlock.md";
const SHA = "0123456789abcdef0123456789abcdef01234567";

function input(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    pullNumber: 7,
    headSha: SHA,
    config: testConfig(),
    stories: [checked(report(PATH, []), [1, 2, 3, 4, 5, 6, 7, 8])],
    currentLabels: [],
    prior: NO_PRIOR_WORK,
    checkRun: null,
    baseRef: "master",
    ...overrides,
  };
}

describe("labels", () => {
  test("adds what the stories imply, with the app's colors and descriptions", () => {
    const plan = planTriage(input());
    expect(plan.labels).toEqual({
      add: ["status-quo", "character:Alan"],
      remove: [],
      specs: [
        { name: "status-quo", color: "1d76db", description: "A status-quo story (story-triage)" },
        { name: "character:Alan", color: "c5def5", description: "A story told through Alan (story-triage)" },
      ],
      leftOff: [],
    });
  });

  test("adds nothing already there, whatever its case", () => {
    const plan = planTriage(input({ currentLabels: ["Status-Quo", "character:Alan"] }));
    expect(plan.labels.add).toEqual([]);
  });

  test("never puts back a label a person removed", () => {
    const plan = planTriage(
      input({
        prior: {
          ...NO_PRIOR_WORK,
          labelEvents: [
            { label: "character:Alan", action: "labeled", byApp: true },
            { label: "character:Alan", action: "unlabeled", byApp: false },
          ],
        },
      }),
    );
    expect(plan.labels.add).toEqual(["status-quo"]);
    expect(plan.labels.leftOff).toEqual(["character:Alan"]);
  });

  test("puts back a label the app itself removed once it holds again", () => {
    const plan = planTriage(
      input({
        prior: {
          ...NO_PRIOR_WORK,
          labelEvents: [
            { label: "character:Alan", action: "labeled", byApp: true },
            { label: "character:Alan", action: "unlabeled", byApp: true },
          ],
        },
      }),
    );
    expect(plan.labels.add).toEqual(["status-quo", "character:Alan"]);
  });

  test("removes only labels the app applied that no longer hold", () => {
    const plan = planTriage(
      input({
        currentLabels: ["status-quo", "character:Alan", "draft", "needs-faq", "character:Grace"],
        prior: {
          ...NO_PRIOR_WORK,
          labelEvents: [
            { label: "draft", action: "labeled", byApp: true },
            { label: "needs-faq", action: "labeled", byApp: false },
            { label: "character:Grace", action: "labeled", byApp: true },
            { label: "character:Grace", action: "unlabeled", byApp: false },
            { label: "character:Grace", action: "labeled", byApp: false },
          ],
        },
      }),
    );
    // draft: the app's, no longer holds. needs-faq: a person's. character:Grace: a person re-added it.
    expect(plan.labels.remove).toEqual(["draft"]);
  });

  test("label specs follow the config's names", () => {
    const config = testConfig({ labels: { draft: "WIP", character: "who/{name}", kind: "kind/{kind}", incomplete: "faq-todo" } });
    expect([labelSpec(config, "wip"), labelSpec(config, "who/Grace"), labelSpec(config, "kind/shiny-future"), labelSpec(config, "faq-todo")]).toEqual([
      { name: "wip", color: "fbca04", description: "The story still carries the draft banner (story-triage)" },
      { name: "who/Grace", color: "c5def5", description: "A story told through Grace (story-triage)" },
      { name: "kind/shiny-future", color: "1d76db", description: "A shiny-future story (story-triage)" },
      { name: "faq-todo", color: "d93f0b", description: "A story's FAQ needs answers (story-triage)" },
    ]);
  });

  test("labels from tables: their own colour, a description naming the table, column or row; others the default", () => {
    const config = { ...testConfig(), tableLabels: [{ table: "Team", column: "Team", row: null, label: "T-{value}" }, { table: "Metadata", column: null, row: "Status", label: "status:{value}" }] };
    expect([labelSpec(config, "t-lang"), labelSpec(config, "status:Accepted"), labelSpec(config, "T-"), labelSpec(config, `T-${"x".repeat(48)}`)]).toEqual([
      { name: "t-lang", color: "bfdadc", description: "lang in the Team column of a Team table (story-triage)" },
      { name: "status:Accepted", color: "bfdadc", description: "Status: Accepted in the Metadata table (story-triage)" },
      { name: "T-", color: "ededed", description: "Applied by story-triage" },
      { name: `T-${"x".repeat(48)}`, color: "bfdadc", description: `${"x".repeat(48)} in the Team column of a Team table (story-triage)` },
    ]);
    const long = { ...config, tableLabels: [{ table: "Teams asked for support this period", column: "Team", row: null, label: "T-{value}" }] };
    expect(labelSpec(long, `T-${"x".repeat(48)}`).description).toBe(`${"x".repeat(48)} in the Team column of a Teams asked… (story-triage)`);
  });
});

describe("review", () => {
  const missingMorals = finding({ rule: "faq-missing", line: 5, question: "What are the morals of the story?", message: "The FAQ has no question `What are the morals of the story?`" });
  const placeholder = finding({ rule: "faq-placeholder", line: 8, question: "What are the sources for this story?", message: "The answer to `What are the sources for this story?` is a placeholder" });
  const nameLeft = finding({ rule: "name-placeholder", line: 3, severity: "warning", message: "The template's `*NAME*` is still there" });

  test("comments on diff lines, with a suggestion adding the missing question under the FAQ heading", () => {
    const plan = planTriage(input({ stories: [checked(report(PATH, [missingMorals, placeholder]), [5, 6, 7, 8])] }));
    const fpMissing = findingFingerprint(PATH, missingMorals, 0);
    const fpPlaceholder = findingFingerprint(PATH, placeholder, 0);
    expect(plan.review).toEqual({
      event: "COMMENT",
      body: "story-triage found 2 new problems in this pull request's stories.\n\nThe summary comment lists every finding.",
      comments: [
        {
          path: PATH,
          line: 5,
          body: [
            "**`faq-missing`** (error): The FAQ has no question `What are the morals of the story?`",
            "",
            "```suggestion",
            "## 🤔 Frequently Asked Questions",
            "",
            "### What are the morals of the story?",
            "",
            "*Talk about the major takeaways.*",
            "```",
            "",
            findingMarker(fpMissing),
          ].join("\n"),
        },
        {
          path: PATH,
          line: 8,
          body: `**\`faq-placeholder\`** (error): The answer to \`What are the sources for this story?\` is a placeholder\n\n${findingMarker(fpPlaceholder)}`,
        },
      ],
    });
  });

  test("findings off the diff go in the review body, nothing dropped", () => {
    const plan = planTriage(input({ stories: [checked(report(PATH, [nameLeft, placeholder]), [8])] }));
    expect(plan.review?.comments.map((comment) => comment.line)).toEqual([8]);
    expect(plan.review?.body).toBe(
      [
        "story-triage found 2 new problems in this pull request's stories.",
        "",
        "On lines this pull request does not change, so no comment can sit on them:",
        "",
        `- \`${PATH}\` ⚠️ line 3 \`name-placeholder\`: The template's \`*NAME*\` is still there`,
        "",
        "The summary comment lists every finding.",
        "",
        saidMarker([findingFingerprint(PATH, nameLeft, 0)]),
      ].join("\n"),
    );
  });

  test("no review when every finding was posted before, even on another line", () => {
    const moved = { ...placeholder, line: 9 };
    const posted = new Set([findingFingerprint(PATH, placeholder, 0), findingFingerprint(PATH, nameLeft, 0)]);
    const plan = planTriage(input({ stories: [checked(report(PATH, [moved, nameLeft]), [3, 9])], prior: { ...NO_PRIOR_WORK, postedFindings: posted } }));
    expect(plan.review).toBeNull();
  });

  test("no review for a story without findings", () => {
    expect(planTriage(input()).review).toBeNull();
  });

  test("REQUEST_CHANGES when the config says so", () => {
    const plan = planTriage(input({ config: testConfig({ review: { event: "REQUEST_CHANGES", maxComments: 30 } }), stories: [checked(report(PATH, [placeholder]), [8])] }));
    expect(plan.review?.event).toBe("REQUEST_CHANGES");
  });

  test("missing questions sharing a line share one suggestion", () => {
    const missingSources = finding({ rule: "faq-missing", line: 5, question: "What are the sources for this story?", message: "no sources question" });
    const plan = planTriage(input({ stories: [checked(report(PATH, [missingMorals, missingSources]), [5])] }));
    const [first, second] = plan.review?.comments ?? [];
    expect(first?.body).toContain("### What are the morals of the story?\n\n*Talk about the major takeaways.*\n\n### What are the sources for this story?\n\n*Link to sources.*\n```");
    expect(second?.body).toBe(
      `**\`faq-missing\`** (error): no sources question\n\nThe suggestion in the first comment on this line adds this question too.\n\n${findingMarker(findingFingerprint(PATH, missingSources, 1))}`,
    );
  });

  test("the template's NAME becomes the story's character in a suggestion", () => {
    const template = parseTemplate("# T\n\n## 🤔 Frequently Asked Questions\n\n### Why did you choose *NAME* to tell this story?\n\n*Say why.*\n");
    const why = finding({ rule: "faq-missing", line: 5, question: "Why did you choose *NAME* to tell this story?", message: "m" });
    const story = checked(report(PATH, [why]), [5]);
    const plan = planTriage(input({ stories: [{ ...story, file: { ...story.file, template } }] }));
    expect(plan.review?.comments[0]?.body).toContain(
      "```suggestion\n## 🤔 Frequently Asked Questions\n\n### Why did you choose Alan to tell this story?\n\n*Say why.*\n```",
    );
  });

  test("without a FAQ section the suggestion on the last line adds the heading too", () => {
    const text = "# Story\n\nAlan writes code.\n";
    const missing = finding({ rule: "faq-missing", line: 3, question: "What are the morals of the story?", message: "m" });
    const plan = planTriage(input({ stories: [checked(report(PATH, [missing]), [1, 2, 3], text)] }));
    expect(plan.review?.comments[0]?.body).toContain(
      "```suggestion\nAlan writes code.\n\n## 🤔 Frequently Asked Questions\n\n### What are the morals of the story?\n\n*Talk about the major takeaways.*\n```",
    );
  });
});

describe("check run", () => {
  test("failure with errors, one annotation per finding", () => {
    const plan = planTriage(
      input({
        stories: [checked(report(PATH, [finding({ rule: "faq-unanswered", line: 8, question: "q" }), finding({ rule: "name-placeholder", line: 3, severity: "warning" })]), [])],
      }),
    );
    expect(plan.checkRun.write).toBe("create");
    expect(plan.checkRun.conclusion).toBe("failure");
    expect(plan.checkRun.title).toBe("1 error, 1 warning in 1 story");
    expect(plan.checkRun.externalId).toBe("7");
    expect(plan.checkRun.annotations).toEqual([
      { path: PATH, start_line: 3, end_line: 3, annotation_level: "warning", title: "name-placeholder", message: "name-placeholder at line 3" },
      { path: PATH, start_line: 8, end_line: 8, annotation_level: "failure", title: "faq-unanswered", message: "faq-unanswered at line 8" },
    ]);
    expect(plan.checkRun.summary).toBe(
      [
        "| Story | Kind | Draft | Characters | Findings |",
        "| --- | --- | --- | --- | --- |",
        `| \`${PATH}\` | status-quo | no | Alan | 1 error, 1 warning |`,
        "",
        `<!-- story-triage:output ${outputHashOf(plan.checkRun.summary)} -->`,
      ].join("\n"),
    );
  });

  test("neutral with only warnings, success with none", () => {
    const warn = planTriage(input({ stories: [checked(report(PATH, [finding({ rule: "character-unknown", line: 1, severity: "warning" })]), [])] }));
    expect([warn.checkRun.conclusion, planTriage(input()).checkRun.conclusion]).toEqual(["neutral", "success"]);
    expect(planTriage(input()).checkRun.title).toBe("No problems in 1 story");
  });

  test("no write when the latest completed check run already says the same", () => {
    const first = planTriage(input());
    const hash = outputHashOf(first.checkRun.summary);
    const again = planTriage(input({ checkRun: { id: 9, headSha: SHA, status: "completed", conclusion: "success", outputHash: hash } }));
    expect(again.checkRun.write).toBe("none");
  });

  test("a new check run when the output differs or the last one never completed", () => {
    const hash = outputHashOf(planTriage(input()).checkRun.summary);
    const unfinished = planTriage(input({ checkRun: { id: 9, headSha: SHA, status: "in_progress", conclusion: null, outputHash: hash } }));
    const other = planTriage(input({ checkRun: { id: 9, headSha: SHA, status: "completed", conclusion: "success", outputHash: "0000000000000000" } }));
    expect([unfinished.checkRun.write, other.checkRun.write]).toEqual(["create", "create"]);
  });
});

describe("summary", () => {
  const placeholder = finding({ rule: "faq-placeholder", line: 8, question: "q", message: "The answer is a placeholder" });

  test("created first, listing findings and labels, saying how to re-run", () => {
    const plan = planTriage(
      input({
        stories: [checked(report(PATH, [placeholder]), [8])],
        prior: { ...NO_PRIOR_WORK, labelEvents: [{ label: "character:Alan", action: "unlabeled", byApp: false }] },
      }),
    );
    expect(plan.summary.write).toBe("create");
    expect(plan.summary.body).toBe(
      [
        SUMMARY_MARKER,
        "### story-triage",
        "",
        "| Story | Kind | Draft | Characters | Findings |",
        "| --- | --- | --- | --- | --- |",
        `| \`${PATH}\` | status-quo | no | Alan | 1 error |`,
        "",
        `#### \`${PATH}\``,
        "",
        "Judged by the template `stories/status_quo/template.md`.",
        "",
        "- ❌ line 8 `faq-placeholder`: The answer is a placeholder",
        "",
        "**Labels applied:** `status-quo`",
        "**Left off because a person removed them:** `character:Alan`",
        "",
        "To check again, comment `/triage` on this pull request or press **Re-run** on the `story-triage` check. `/triage help` lists the commands.",
      ].join("\n"),
    );
    expect(plan.summary.bodyIfReviewRejected).toContain("GitHub refused the review comments for these findings, so they are listed here only.");
  });

  test("untouched when its text is the same, updated in place otherwise", () => {
    const body = planTriage(input()).summary.body;
    const same = planTriage(input({ prior: { ...NO_PRIOR_WORK, summary: { id: 44, body } } }));
    const changed = planTriage(input({ prior: { ...NO_PRIOR_WORK, summary: { id: 44, body: `${body} (old)` } } }));
    expect([same.summary.write, changed.summary.write, changed.summary.commentId]).toEqual(["none", "update", 44]);
  });

  test("a huge summary is cut to GitHub's limit with a note", () => {
    const many = Array.from({ length: 2000 }, (_, index) => finding({ rule: "story-placeholder", line: index + 1, message: "x".repeat(40) }));
    const plan = planTriage(input({ stories: [checked(report(PATH, many), [])] }));
    expect(plan.summary.body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(plan.summary.body.endsWith("… cut here: this text is longer than GitHub allows; the `story-triage` check run lists every finding.")).toBe(true);
  });

  test("capText never splits a surrogate pair", () => {
    const cut = capText(`${"a".repeat(9)}😱${"b".repeat(100)}`, 70, "see elsewhere");
    expect(cut.length).toBeLessThanOrEqual(70);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe("configuration problems and internal errors", () => {
  test("a broken config: a failed check run naming the problems, nothing else", () => {
    const plan = planConfigProblem({ pullNumber: 7, headSha: SHA, configPath: ".github/story-triage.yml", problems: ["`labels.draft`: expected a string, found 3"], checkRun: null });
    expect(plan.labels).toEqual({ add: [], remove: [], specs: [], leftOff: [] });
    expect(plan.review).toBeNull();
    expect(plan.summary.write).toBe("none");
    expect(plan.checkRun.conclusion).toBe("failure");
    expect(plan.checkRun.title).toBe("Invalid configuration");
    expect(plan.checkRun.summary).toContain("- `labels.draft`: expected a string, found 3");
  });

  test("an internal error shows only the delivery id", () => {
    const checkRun = planInternalError(7, "delivery-1");
    expect([checkRun.title, checkRun.conclusion, checkRun.annotations]).toEqual(["Internal error", "failure", []]);
    expect(checkRun.summary.split("\n")[0]).toBe(
      "story-triage hit an internal error while checking this commit (delivery `delivery-1`). Comment `/triage` to try again.",
    );
  });
});

describe("introduced and existing findings", () => {
  const missing = finding({ rule: "faq-missing", line: 5, question: "What are the morals of the story?", message: "Morals missing" });
  const placeholder = finding({ rule: "faq-placeholder", line: 8, question: "What are the sources for this story?", message: "Sources a placeholder" });
  const old = (story: CheckedStory, ...existing: Finding[]) => ({ ...edited(story), existing: new Set(existing) });

  test("only introduced findings decide the check and are reviewed; existing ones are notices, listed apart", () => {
    const story = old(checked(report(PATH, [missing, placeholder]), [5, 8]), missing);
    const plan = planTriage(input({ stories: [story] }));
    expect(plan.checkRun.conclusion).toBe("failure");
    expect(plan.checkRun.title).toBe("1 error in 1 story, 1 already on master");
    expect(plan.checkRun.annotations.map((a) => [a.start_line, a.annotation_level, a.title])).toEqual([
      [5, "notice", "faq-missing (already on master)"],
      [8, "failure", "faq-placeholder"],
    ]);
    expect(plan.review?.comments.map((c) => c.line)).toEqual([8]);
    expect(plan.summary.body).toContain(["- ❌ line 8 `faq-placeholder`: Sources a placeholder", "", "<details>", "<summary>Already on master: 1</summary>", "", "- ❌ line 5 `faq-missing`: Morals missing", "", "</details>"].join("\n"));
  });

  test("only existing findings: success, no review; fail-on: all fails on them", () => {
    const story = old(checked(report(PATH, [missing]), [5]), missing);
    const plan = planTriage(input({ stories: [story] }));
    expect([plan.checkRun.conclusion, plan.checkRun.title, plan.review]).toEqual(["success", "No new problems in 1 story, 1 already on master", null]);
    expect(plan.summary.body).toContain("No problem introduced by this pull request.");
    expect(planTriage(input({ stories: [story], config: testConfig({ failOn: "all" }) })).checkRun.conclusion).toBe("failure");
  });

  test("a standing REQUEST_CHANGES review is dismissed, saying why, once no introduced error remains; a new review then only comments", () => {
    const story = old(checked(report(PATH, [missing, finding({ rule: "title-prefix", line: 1, severity: "warning" })]), [1, 5]), missing);
    const prior = { ...NO_PRIOR_WORK, changesRequested: [31, 32] };
    const plan = planTriage(input({ stories: [story], prior, config: testConfig({ review: { event: "REQUEST_CHANGES", maxComments: 30 } }) }));
    expect(plan.dismissals).toEqual([31, 32].map((reviewId) => ({
      reviewId,
      message: "At 0123456 no error this pull request introduces remains in its stories, so story-triage withdraws its request for changes.",
    })));
    expect(plan.review?.event).toBe("COMMENT");
    const failing = planTriage(input({ stories: [checked(report(PATH, [placeholder]), [8])], prior, config: testConfig({ review: { event: "REQUEST_CHANGES", maxComments: 30 } }) }));
    expect([failing.dismissals, failing.review?.event]).toEqual([[], "REQUEST_CHANGES"]);
  });

  test("the app's comment on a finding that is gone is answered; one on a finding still there, or on a file no longer a story here, is not", () => {
    const gone = findingFingerprint(PATH, missing, 0);
    const still = findingFingerprint(PATH, placeholder, 0);
    const prior = {
      ...NO_PRIOR_WORK,
      postedFindings: new Set([gone, still, "00000000000000aa"]),
      openComments: [
        { id: 1, path: PATH, fingerprint: gone },
        { id: 2, path: PATH, fingerprint: still },
        { id: 3, path: "stories/status_quo/other.md", fingerprint: "00000000000000aa" },
      ],
    };
    const plan = planTriage(input({ stories: [checked(report(PATH, [placeholder]), [8])], prior }));
    expect(plan.replies).toEqual([{ commentId: 1, body: `Fixed at 0123456: story-triage no longer finds this problem.\n\n<!-- story-triage:fixed ${gone} -->` }]);
    expect(plan.review).toBeNull();
  });
});

describe("labels of a large mechanical pull request", () => {
  const grace = (n: number) => report(`stories/status_quo/s${n}.md`, [], { characters: [n % 2 === 0 ? "Grace" : "Alan"], labels: ["status-quo", n % 2 === 0 ? "character:Grace" : "character:Alan", "needs-faq"] });
  const story = (n: number) => edited(checked(grace(n), []));

  test(`more than ${MECHANICAL_STORIES} edited stories: kind and needs-faq, no character labels`, () => {
    const plan = planTriage(input({ stories: Array.from({ length: MECHANICAL_STORIES + 1 }, (_, n) => story(n)) }));
    expect(plan.labels.add).toEqual(["status-quo", "needs-faq"]);
  });

  test(`${MECHANICAL_STORIES} edited stories give their characters; among more, only an added story does`, () => {
    expect(planTriage(input({ stories: Array.from({ length: MECHANICAL_STORIES }, (_, n) => story(n)) })).labels.add).toEqual([
      "status-quo",
      "character:Grace",
      "needs-faq",
      "character:Alan",
    ]);
    const stories = [...Array.from({ length: MECHANICAL_STORIES + 1 }, (_, n) => story(n)), checked(grace(1), [])];
    expect(planTriage(input({ stories })).labels.add).toEqual(["status-quo", "needs-faq", "character:Alan"]);
  });
});
