/**
 * Large pull requests in the planner: findings that share one cause across stories are said once
 * with the fix, line comments stop at `review.max-comments`, and what a review's text says or
 * only counts is recorded so the next triage says none of it again.
 */
import { describe, expect, test } from "@jest/globals";
import { findingFingerprint, saidMarker, saidPrefixes, unlistedDigests } from "../../src/flow/markers.js";
import { type PlanInput, planTriage, planUnlistedFiles } from "../../src/flow/plan.js";
import { COMMENT_LIMIT } from "../../src/flow/render.js";
import type { Finding } from "../../src/engine/index.js";
import type { CheckedStory, PriorWork } from "../../src/flow/types.js";
import { checked, finding, NO_PRIOR_WORK, report, testConfig } from "./support/story-fixtures.js";

const SHA = "0123456789abcdef0123456789abcdef01234567";

function input(stories: CheckedStory[], prior: PriorWork = NO_PRIOR_WORK, maxComments = 30): PlanInput {
  return {
    pullNumber: 7,
    headSha: SHA,
    config: testConfig({ review: { event: "COMMENT", maxComments } }),
    stories,
    currentLabels: [],
    prior,
    checkRun: null,
    baseRef: "master",
  };
}

function brokenLink(line: number, url: string, from: string): Finding {
  return finding({
    rule: "link-broken",
    severity: "warning",
    line,
    link: url,
    message: `Link definition \`[x]\` \`${url}\` points at \`${from}\`, which is not in the repository at the head.`,
  });
}

/** A story the pull request moved from `oldPath` to `path` without changing it. */
function moved(oldPath: string, path: string, findings: Finding[]): CheckedStory {
  const story = checked(report(path, findings), []);
  return { ...story, file: { ...story.file, change: { status: "renamed", previousPath: oldPath } } };
}

/** What the next triage reads of the app's own review: its said markers (parsed back) and its comments. */
function priorAfter(review: { body: string; comments: { body: string }[] } | null, before: PriorWork = NO_PRIOR_WORK): PriorWork {
  if (review === null) return before;
  return {
    ...before,
    said: new Set([...before.said, ...saidPrefixes(review.body)]),
    unlisted: new Set([...before.unlisted, ...unlistedDigests(review.body)]),
  };
}

describe("stories moved one folder deeper", () => {
  const names = ["alan_hates_writing_a_stream", "barbara_bridges_sync_and_async", "grace_deploys_to_embedded"];
  const stories = names.map((name) =>
    moved(`src/vision/status_quo/${name}.md`, `src/vision/submitted_stories/status_quo/${name}.md`, [
      brokenLink(40, "../characters/alan.md", "src/vision/submitted_stories/characters/alan.md"),
      brokenLink(41, "../how_to_vision/status_quo.md", "src/vision/submitted_stories/how_to_vision/status_quo.md"),
    ]),
  );
  const future = moved("src/vision/shiny_future/grace_wants_to_integrate.md", "src/vision/submitted_stories/shiny_future/grace_wants_to_integrate.md", [
    brokenLink(12, "../characters/grace.md", "src/vision/submitted_stories/characters/grace.md"),
  ]);

  test("the review names the cause and the fix in its first lines, with the stories folded under it", () => {
    const review = planTriage(input([...stories, future])).review;
    expect(review?.comments).toEqual([]);
    const fingerprints = [...stories, future].flatMap((story) =>
      story.report.findings.map((f) => findingFingerprint(story.report.path, f, story.report.findings.filter((o) => o.rule === f.rule).indexOf(f))),
    );
    expect(review?.body).toBe(
      [
        "story-triage found 7 new problems in this pull request's stories, all from one cause:",
        "",
        "⚠️ **`link-broken`**: These 4 stories moved one folder deeper (`src/vision/status_quo/` to `src/vision/submitted_stories/status_quo/` and " +
          "`src/vision/shiny_future/` to `src/vision/submitted_stories/shiny_future/`); 7 relative links to `../characters/…` and `../how_to_vision/…` " +
          "now stop one level short: use `../../` instead of `../`.",
        "",
        "<details>",
        "<summary>4 stories, 7 findings</summary>",
        "",
        "- `src/vision/submitted_stories/status_quo/alan_hates_writing_a_stream.md` lines 40, 41",
        "- `src/vision/submitted_stories/status_quo/barbara_bridges_sync_and_async.md` lines 40, 41",
        "- `src/vision/submitted_stories/status_quo/grace_deploys_to_embedded.md` lines 40, 41",
        "- `src/vision/submitted_stories/shiny_future/grace_wants_to_integrate.md` line 12",
        "",
        "</details>",
        "",
        "The summary comment lists every finding.",
        "",
        saidMarker(fingerprints),
      ].join("\n"),
    );
  });

  test("the summary says the cause once too, and each story counts its findings under it", () => {
    const body = planTriage(input([...stories, future])).summary.body;
    const lines = body.split("\n");
    const at = lines.indexOf("#### One cause shared by several stories");
    // Above the table of stories, which can fill the comment by itself.
    expect(at).toBe(3);
    expect(lines.indexOf("| Story | Kind | Draft | Characters | Findings |")).toBeGreaterThan(at);
    expect(lines[at + 2]).toMatch(/^⚠️ \*\*`link-broken`\*\*: These 4 stories moved one folder deeper/);
    const story = lines.indexOf("#### `src/vision/submitted_stories/status_quo/alan_hates_writing_a_stream.md`");
    expect(lines.slice(story, story + 5)).toEqual([
      "#### `src/vision/submitted_stories/status_quo/alan_hates_writing_a_stream.md`",
      "",
      "Judged by the template `stories/status_quo/template.md`.",
      "",
      "- 2 findings under the shared cause above.",
    ]);
  });

  test("the check run keeps one annotation per finding", () => {
    expect(planTriage(input([...stories, future])).checkRun.annotations).toHaveLength(7);
  });

  test("the next triage with nothing changed, and one after half is fixed, post no review", () => {
    const first = planTriage(input(stories));
    const prior = priorAfter(first.review);
    expect(planTriage(input(stories, prior)).review).toBeNull();
    const half = stories.map((story, index) => (index % 2 === 0 ? story : { ...story, report: { ...story.report, findings: [] } }));
    expect(planTriage(input(half, prior)).review).toBeNull();
  });

  test("a new broken link after that is said, and only it", () => {
    const prior = priorAfter(planTriage(input(stories)).review);
    const more = stories.map((story, index) =>
      index === 0 ? { ...story, report: { ...story.report, findings: [...story.report.findings, brokenLink(50, "./nowhere.md", "x")] } } : story,
    );
    const review = planTriage(input(more, prior)).review;
    expect(review?.body.split("\n").slice(0, 5)).toEqual([
      "story-triage found a new problem in this pull request's stories.",
      "",
      "On lines this pull request does not change, so no comment can sit on them:",
      "",
      "- `src/vision/submitted_stories/status_quo/alan_hates_writing_a_stream.md` ⚠️ line 50 `link-broken`: Link definition `[x]` `./nowhere.md` points at `x`, which is not in the repository at the head.",
    ]);
  });
});

describe("links from several folders to one missing file", () => {
  test("are said once, naming the path", () => {
    const stories = [
      checked(report("stories/status_quo/a.md", [brokenLink(5, "../shared/glossary.md", "stories/shared/glossary.md")]), []),
      checked(report("stories/shiny_future/b.md", [brokenLink(9, "../shared/glossary.md", "stories/shared/glossary.md")]), []),
      checked(report("stories/index.md", [brokenLink(2, "shared/glossary.md", "stories/shared/glossary.md")]), []),
    ];
    const lines = planTriage(input(stories)).review?.body.split("\n") ?? [];
    expect(lines.slice(0, 3)).toEqual([
      "story-triage found 3 new problems in this pull request's stories, all from one cause:",
      "",
      "⚠️ **`link-broken`**: 3 links in 3 stories point at `stories/shared/glossary.md`, which is not in the repository at the head; expected a path to a file that exists.",
    ]);
  });
});

describe("the same story added under many names", () => {
  const question = "What are the sources for this story?";
  const stories = Array.from({ length: 100 }, (_, i) =>
    checked(
      report(`stories/status_quo/copy_${String(i).padStart(3, "0")}.md`, [
        finding({ rule: "faq-unanswered", line: 7, question, message: `Question \`${question}\` has no answer; expected a few sentences under it.` }),
      ]),
      [1, 2, 3, 4, 5, 6, 7, 8],
    ),
  );

  test("line comments stop at review.max-comments and the text says the question once, with the count", () => {
    const review = planTriage(input(stories, NO_PRIOR_WORK, 30)).review;
    expect(review?.comments).toHaveLength(30);
    const lines = review?.body.split("\n") ?? [];
    expect(lines.slice(0, 5)).toEqual([
      "story-triage found 100 new problems in this pull request's stories, all from one cause:",
      "",
      "❌ **`faq-unanswered`**: in 100 stories: Question `What are the sources for this story?` has no answer; expected a few sentences under it.",
      "",
      "<details>",
    ]);
    expect(lines).toContain("<summary>100 stories, 100 findings</summary>");
    // Every story is named once in the text, the ones with a comment too.
    expect(lines.filter((line) => line.startsWith("- `stories/status_quo/copy_"))).toHaveLength(100);
  });

  test("max-comments 0 leaves every finding to the text", () => {
    expect(planTriage(input(stories, NO_PRIOR_WORK, 0)).review?.comments).toEqual([]);
  });
});

describe("a review whose text cannot hold every finding", () => {
  // 3,000 different findings in one story: no two share a cause, and their lines outgrow one review.
  const findings = Array.from({ length: 3000 }, (_, i) =>
    finding({ rule: "story-placeholder", line: i + 10, severity: "warning", message: `Placeholder \`${"TODO ".repeat(8)}${i}\` left in the story; expected the story's own words.` }),
  );
  const story = checked(report("stories/status_quo/huge.md", findings), []);

  test("fits one review and counts the rest, pointing at the check run", () => {
    const review = planTriage(input([story])).review!;
    expect(review.body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    const more = /… and ([\d,]+) more: see the `story-triage` check run\./.exec(review.body);
    expect(more).not.toBeNull();
    const listed = review.body.split("\n").filter((line) => line.startsWith("- `stories/status_quo/huge.md`")).length;
    expect(listed + Number(more![1]!.replace(",", ""))).toBe(3000);
    expect(saidPrefixes(review.body)).toHaveLength(3000);
  });

  test("redelivery says nothing, nor does a push that fixes half of them", () => {
    const prior = priorAfter(planTriage(input([story])).review);
    expect(planTriage(input([story], prior)).review).toBeNull();
    const half = { ...story, report: { ...story.report, findings: findings.filter((_, i) => i % 2 === 0) } };
    expect(planTriage(input([half], prior)).review).toBeNull();
  });
});

describe("more findings than one said marker lists", () => {
  const findings = Array.from({ length: 4500 }, (_, i) => finding({ rule: "story-placeholder", line: i + 1, severity: "info", message: `p${i}` }));
  const story = checked(report("stories/status_quo/vast.md", findings), []);

  test("the rest are kept as one digest, and a redelivery still says nothing", () => {
    const review = planTriage(input([story])).review!;
    expect(review.body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(saidPrefixes(review.body)).toHaveLength(4000);
    expect(unlistedDigests(review.body)).toHaveLength(1);
    expect(planTriage(input([story], priorAfter(review))).review).toBeNull();
  });
});

describe("past GitHub's 3,000 files", () => {
  const note =
    "GitHub lists only the first 3,000 files of a pull request, and this one changes 3,100: stories among the other 100 were not checked. " +
    "`story-triage check --base <branch>` on the branch checks them all; splitting the pull request lets the app see them.";

  test("the check run says how many files were not listed", () => {
    const story = checked(report("stories/status_quo/a.md", []), []);
    const plan = planTriage({ ...input([story]), unlistedFiles: 100 });
    expect(plan.checkRun.summary.startsWith(`${note}\n\n| Story |`)).toBe(true);
  });

  test("no story among the listed files: a neutral check run says so, and nothing else is written", () => {
    const plan = planUnlistedFiles({ pullNumber: 7, headSha: SHA, changedFiles: 3100, checkRun: null });
    expect(plan.checkRun).toMatchObject({ write: "create", conclusion: "neutral", title: "No story among the first 3,000 of 3,100 files" });
    expect(plan.checkRun.summary.startsWith(note)).toBe(true);
    expect([plan.review, plan.summary.write, plan.labels.add]).toEqual([null, "none", []]);
  });
});

describe("more findings than the check run annotates", () => {
  test("the introduced ones are annotated first, so those the review only counts are on the check run", () => {
    const old = Array.from({ length: 900 }, (_, i) => finding({ rule: "story-placeholder", line: i + 1, severity: "warning", message: `old ${i}` }));
    const fresh = Array.from({ length: 200 }, (_, i) => finding({ rule: "story-placeholder", line: 2000 + i, severity: "error", message: `new ${i}` }));
    const story = checked(report("stories/status_quo/long.md", [...old, ...fresh]), []);
    const plan = planTriage(input([{ ...story, existing: new Set(old) }]));
    expect(plan.checkRun.annotations).toHaveLength(1000);
    expect(plan.checkRun.annotations.slice(0, 200).every((a) => a.annotation_level === "failure")).toBe(true);
    expect(plan.checkRun.annotations.slice(200).every((a) => a.annotation_level === "notice")).toBe(true);
  });
});
