/**
 * Pull request events through probot.receive against a nock GitHub: the exact requests, their
 * bodies (each also checked against GitHub's OpenAPI description), and nothing left pending.
 */
import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import type { Probot } from "probot";
import { BOT_LOGIN, GitHubMock, type LogLine, pendingMocks, REPO_PATH, resetNetwork, testProbot } from "./support/github-mock.js";
import { changedFile, checkRunsJson, commentItem, labelItem, labelJson, pullJson, reviewCommentsItem } from "./support/github-objects.js";
import { pullRequestEvent } from "./support/payloads.js";
import { outputHashOf, saidMarker } from "../../src/flow/markers.js";
import { renderNoStoriesSummary } from "../../src/flow/render.js";
import {
  afterFirstTriage,
  BASE,
  CHECK_RUN_ID,
  expectFirstTriageWrites,
  expectTriageReads,
  FIRST_CHECK_RUN_OUTPUT,
  FIRST_REVIEW,
  FIRST_SUMMARY,
  HEAD,
  LABELS,
  MISSING_MARKER,
  MISSING_MESSAGE,
  NEW_HEAD,
  NUMBER,
  READ_CALLS,
  readCalls,
  SOURCES_PLACEHOLDER_MARKER,
  STORY,
  STORY_PATH,
  SUMMARY_ID,
} from "./support/scenario.js";

let probot: Probot;
let mock: GitHubMock;
let logs: LogLine[];

beforeEach(async () => {
  resetNetwork();
  logs = [];
  probot = await testProbot(logs);
  mock = new GitHubMock();
});

afterEach(() => {
  expect(mock.problems).toEqual([]);
  expect(pendingMocks()).toEqual([]);
});

const opened = () => pullRequestEvent("opened", { number: NUMBER, headSha: HEAD, baseSha: BASE });

const FIRST_WRITES = [
  `POST ${REPO_PATH}/check-runs`,
  `POST ${REPO_PATH}/issues/${NUMBER}/labels`,
  `POST ${REPO_PATH}/pulls/${NUMBER}/reviews`,
  `POST ${REPO_PATH}/issues/${NUMBER}/comments`,
  `PATCH ${REPO_PATH}/check-runs/${CHECK_RUN_ID}`,
];

describe("a pull request adding one story, first triage", () => {
  test("reads, then writes check run, labels, one review, the summary, and completes the check run: 13 requests (12 and the head's tree)", async () => {
    expectFirstTriageWrites(expectTriageReads(mock));
    await probot.receive(opened());

    expect(mock.calls()).toEqual([...READ_CALLS, ...FIRST_WRITES]);
    expect(mock.calls()).toHaveLength(13);
    expect(mock.bodies("POST", `${REPO_PATH}/check-runs`)).toEqual([
      { name: "story-triage", head_sha: HEAD, status: "in_progress", external_id: String(NUMBER) },
    ]);
    expect(mock.bodies("POST", `${REPO_PATH}/issues/${NUMBER}/labels`)).toEqual([{ labels: LABELS }]);
    expect(mock.bodies("POST", `${REPO_PATH}/pulls/${NUMBER}/reviews`)).toEqual([FIRST_REVIEW]);
    expect(mock.bodies("POST", `${REPO_PATH}/issues/${NUMBER}/comments`)).toEqual([{ body: FIRST_SUMMARY }]);
    expect(mock.bodies("PATCH", `${REPO_PATH}/check-runs/${CHECK_RUN_ID}`)).toEqual([
      { status: "completed", conclusion: "failure", output: FIRST_CHECK_RUN_OUTPUT },
    ]);
  });
});

describe("nothing new: no write at all", () => {
  test.each([
    ["the same event delivered again", () => opened()],
    ["ready_for_review on the same head", () => pullRequestEvent("ready_for_review", { number: NUMBER, headSha: HEAD, baseSha: BASE })],
    ["reopened on the same head", () => pullRequestEvent("reopened", { number: NUMBER, headSha: HEAD, baseSha: BASE })],
  ])("%s", async (_name, event) => {
    expectFirstTriageWrites(expectTriageReads(mock));
    await probot.receive(opened());
    // The same process: the installation token and the head's tree are still held, so the second event reads only the rest.
    const second = expectTriageReads(new GitHubMock(), { ...afterFirstTriage(), token: false, tree: null });
    await probot.receive(event());
    expect(second.calls()).toEqual(readCalls({ token: false, tree: false }));
    expect(second.writes()).toEqual([]);
    expect(second.problems).toEqual([]);
  });

  test("a redelivery in a fresh process: 8 reads (token and tree included), and no write", async () => {
    expectTriageReads(mock, afterFirstTriage());
    await probot.receive(opened());
    expect(mock.calls()).toEqual(READ_CALLS);
    expect(mock.writes()).toEqual([]);
  });
});

describe("a later push", () => {
  const NEW_STORY = STORY.replace("Deadlocks hurt.", "TODO").replace(/TODO\n$/, "The tokio issue tracker.\n");
  const patch = [
    "@@ -13,7 +13,7 @@",
    " ### What are the morals of the story?",
    " ",
    "-Deadlocks hurt.",
    "+TODO",
    " ",
    " ### What are the sources for this story?",
    " ",
    "-TODO",
    "+The tokio issue tracker.",
  ].join("\n");
  const MORALS_MESSAGE =
    "Question `What are the morals of the story?` is answered only with the template's hint or a placeholder; expected a real answer.";

  test("comments only the new finding, updates the summary in place, opens a new check run on the new head", async () => {
    const state = afterFirstTriage(NEW_HEAD);
    expectTriageReads(mock, {
      ...state,
      files: [changedFile(STORY_PATH, "modified", patch)],
      contents: [[STORY_PATH, NEW_STORY]],
    });
    mock.on("POST", `${REPO_PATH}/check-runs`, 201, { id: 556 });
    mock.on("POST", `${REPO_PATH}/pulls/${NUMBER}/reviews`, 200, { id: 2 });
    mock.on("POST", `${REPO_PATH}/pulls/${NUMBER}/comments/901/replies`, 201, { id: 902 });
    mock.on("PATCH", `${REPO_PATH}/issues/comments/${SUMMARY_ID}`, 200, { id: SUMMARY_ID });
    mock.on("PATCH", `${REPO_PATH}/check-runs/556`, 200, { id: 556 });
    await probot.receive(pullRequestEvent("synchronize", { number: NUMBER, headSha: NEW_HEAD, baseSha: BASE, labels: LABELS }));

    // The story's base version is rebuilt from the patch: no read of it.
    expect(mock.calls()).toEqual([
      ...readCalls({ headSha: NEW_HEAD, contents: [`GET ${REPO_PATH}/contents/${STORY_PATH}?ref=${NEW_HEAD}`] }),
      `POST ${REPO_PATH}/check-runs`,
      `POST ${REPO_PATH}/pulls/${NUMBER}/reviews`,
      `POST ${REPO_PATH}/pulls/${NUMBER}/comments/901/replies`,
      `PATCH ${REPO_PATH}/issues/comments/${SUMMARY_ID}`,
      `PATCH ${REPO_PATH}/check-runs/556`,
    ]);
    expect(mock.bodies("POST", `${REPO_PATH}/pulls/${NUMBER}/reviews`)).toEqual([
      {
        commit_id: NEW_HEAD,
        event: "COMMENT",
        body: "story-triage found a new problem in this pull request's stories.\n\nThe summary comment lists every finding.",
        comments: [
          {
            path: STORY_PATH,
            line: 13,
            side: "RIGHT",
            body: `**\`faq-placeholder\`** (error): ${MORALS_MESSAGE}\n\n<!-- story-triage:finding 9b0f1935a85e9ee9 -->`,
          },
        ],
      },
    ]);
    // The sources answer is written now: the app's comment on it is answered, once, with its fingerprint.
    expect(mock.bodies("POST", `${REPO_PATH}/pulls/${NUMBER}/comments/901/replies`)).toEqual([
      { body: `Fixed at 2222222: story-triage no longer finds this problem.\n\n${SOURCES_PLACEHOLDER_MARKER.replace("finding", "fixed")}` },
    ]);
    // The missing question was missing at the base too: existing, listed apart.
    expect(mock.bodies("PATCH", `${REPO_PATH}/issues/comments/${SUMMARY_ID}`)).toEqual([
      {
        body: FIRST_SUMMARY.replace(`| Alan | 2 errors |`, `| Alan | 1 error, 1 already on master |`).replace(
          /- ❌ line 11[^\n]*\n- ❌ line 17[^\n]*/,
          [
            `- ❌ line 13 \`faq-placeholder\`: ${MORALS_MESSAGE}`,
            "",
            "<details>",
            "<summary>Already on master: 1</summary>",
            "",
            `- ❌ line 11 \`faq-missing\`: ${MISSING_MESSAGE}`,
            "",
            "</details>",
          ].join("\n"),
        ),
      },
    ]);
  });

  test("a finding with the same fingerprint in a person's comment is still commented by the app", async () => {
    const state = afterFirstTriage(NEW_HEAD);
    expectTriageReads(mock, {
      ...state,
      // Only a person quoted the app's hidden fingerprint; the app never commented.
      timeline: [commentItem(SUMMARY_ID, FIRST_SUMMARY, "app"), reviewCommentsItem([{ body: `me too ${MISSING_MARKER}`, by: "someone" }])],
    });
    mock.on("POST", `${REPO_PATH}/check-runs`, 201, { id: 556 });
    mock.on("POST", `${REPO_PATH}/pulls/${NUMBER}/reviews`, 200, { id: 2 });
    mock.on("PATCH", `${REPO_PATH}/check-runs/556`, 200, { id: 556 });
    await probot.receive(pullRequestEvent("synchronize", { number: NUMBER, headSha: NEW_HEAD, baseSha: BASE, labels: LABELS }));
    const [review] = mock.bodies("POST", `${REPO_PATH}/pulls/${NUMBER}/reviews`);
    expect(review).toMatchObject({ comments: [{ line: 11, body: expect.stringContaining(MISSING_MARKER) }, { line: 17 }] });
  });
});

describe("a request for changes that no longer holds", () => {
  test("is dismissed; GitHub refusing the dismissal (403, branch protection) is logged and the rest is still written", async () => {
    const logs: LogLine[] = [];
    probot = await testProbot(logs);
    const state = afterFirstTriage(NEW_HEAD);
    // The first review requested changes; this push only rewords a line, so both findings are old.
    const timeline = (state.timeline ?? []).map((item) =>
      typeof item === "object" && item !== null && "event" in item && item.event === "reviewed" ? { ...item, state: "changes_requested" } : item,
    );
    const patch = "@@ -9,1 +9,1 @@\n-Alan writes code.\n+Alan writes async code and hits a deadlock.";
    expectTriageReads(mock, { ...state, timeline, files: [changedFile(STORY_PATH, "modified", patch)], contents: [[STORY_PATH, STORY]] });
    mock.on("POST", `${REPO_PATH}/check-runs`, 201, { id: 556 });
    mock.on("PUT", `${REPO_PATH}/pulls/${NUMBER}/reviews/77/dismissals`, 403, { message: "Only administrators may dismiss reviews" });
    mock.on("PATCH", `${REPO_PATH}/issues/comments/${SUMMARY_ID}`, 200, { id: SUMMARY_ID });
    mock.on("PATCH", `${REPO_PATH}/check-runs/556`, 200, { id: 556 });
    await probot.receive(pullRequestEvent("synchronize", { number: NUMBER, headSha: NEW_HEAD, baseSha: BASE, labels: LABELS }));
    expect(mock.writes()).toEqual([
      `POST ${REPO_PATH}/check-runs`,
      `PUT ${REPO_PATH}/pulls/${NUMBER}/reviews/77/dismissals`,
      `PATCH ${REPO_PATH}/issues/comments/${SUMMARY_ID}`,
      `PATCH ${REPO_PATH}/check-runs/556`,
    ]);
    expect(mock.bodies("PUT", `${REPO_PATH}/pulls/${NUMBER}/reviews/77/dismissals`)).toEqual([
      { message: "At 2222222 no error this pull request introduces remains in its stories, so story-triage withdraws its request for changes.", event: "DISMISS" },
    ]);
    const [completion] = mock.bodies("PATCH", `${REPO_PATH}/check-runs/556`);
    expect(completion).toMatchObject({ conclusion: "success" });
    expect(logs.filter((line) => line["msg"] === "story-triage: GitHub refused to dismiss its review; left as it is").map((line) => [line["status"], line["reviewId"]])).toEqual([[403, 77]]);
  });
});

describe("a finding that comes back after the app answered it fixed", () => {
  test("is commented on again; the one still open is not", async () => {
    const state = afterFirstTriage();
    const answered = reviewCommentsItem([{ body: `Fixed at 3333333: story-triage no longer finds this problem.\n\n${SOURCES_PLACEHOLDER_MARKER.replace("finding", "fixed")}`, by: BOT_LOGIN }]);
    expectTriageReads(mock, { ...state, timeline: [...(state.timeline ?? []), answered] });
    mock.on("POST", `${REPO_PATH}/pulls/${NUMBER}/reviews`, 200, { id: 3 });
    await probot.receive(opened());
    expect(mock.writes()).toEqual([`POST ${REPO_PATH}/pulls/${NUMBER}/reviews`]);
    const [review] = mock.bodies("POST", `${REPO_PATH}/pulls/${NUMBER}/reviews`);
    expect(review).toMatchObject({ comments: [{ line: 17, body: expect.stringContaining(SOURCES_PLACEHOLDER_MARKER) }] });
  });
});

describe("recognising the app's own review comments", () => {
  test("with no other trace of the app on the pull request, the bot's login comes from GET /app", async () => {
    expectTriageReads(mock, {
      timeline: [reviewCommentsItem(FIRST_REVIEW.comments.map((comment) => ({ body: comment.body, by: BOT_LOGIN })))],
    });
    mock.on("GET", "/app", 200, { id: 123, slug: "story-triage", name: "story-triage", owner: { login: "Codertocat" } });
    mock.on("POST", `${REPO_PATH}/check-runs`, 201, { id: CHECK_RUN_ID });
    mock.on("POST", `${REPO_PATH}/issues/${NUMBER}/labels`, 200, LABELS.map((name) => labelJson(name)));
    mock.on("POST", `${REPO_PATH}/issues/${NUMBER}/comments`, 201, { id: SUMMARY_ID });
    mock.on("PATCH", `${REPO_PATH}/check-runs/${CHECK_RUN_ID}`, 200, { id: CHECK_RUN_ID });
    await probot.receive(opened());
    // Both findings were commented on before by the app: no review this time.
    expect(mock.calls()).toEqual([
      ...READ_CALLS.slice(0, 7),
      "GET /app",
      ...READ_CALLS.slice(7),
      `POST ${REPO_PATH}/check-runs`,
      `POST ${REPO_PATH}/issues/${NUMBER}/labels`,
      `POST ${REPO_PATH}/issues/${NUMBER}/comments`,
      `PATCH ${REPO_PATH}/check-runs/${CHECK_RUN_ID}`,
    ]);
  });
});

describe("which files are read, and from where", () => {
  test("a pull request that changes no story gets nothing: config, file list and timeline only", async () => {
    mock.token();
    mock.on("GET", `${REPO_PATH}/pulls/${NUMBER}`, 200, pullJson({ number: NUMBER, headSha: HEAD, baseSha: BASE }));
    mock.file(".github/story-triage.yml", null);
    mock.on("GET", `${REPO_PATH}/pulls/${NUMBER}/files`, 200, [changedFile("README.md", "modified", "@@ -1 +1 @@\n-a\n+b")]);
    // The timeline says whether the app triaged it before (it did not: no summary of its own).
    mock.on("GET", `${REPO_PATH}/issues/${NUMBER}/timeline`, 200, [commentItem(1, "<!-- story-triage:summary --> quoted by a person", "someone")]);
    await probot.receive(opened());
    expect(mock.calls()).toEqual([
      "POST /app/installations/1/access_tokens",
      `GET ${REPO_PATH}/pulls/${NUMBER}`,
      `GET ${REPO_PATH}/contents/.github/story-triage.yml?ref=master`,
      `GET ${REPO_PATH}/pulls/${NUMBER}/files?per_page=100`,
      `GET ${REPO_PATH}/issues/${NUMBER}/timeline?per_page=100`,
    ]);
  });

  test("a pull request that no longer changes a story: the app's labels come off, a neutral check run, the summary updated once", async () => {
    const readme = [changedFile("README.md", "modified", "@@ -1 +1 @@\n-a\n+b")];
    const state = afterFirstTriage(NEW_HEAD);
    const current = [...LABELS, "help wanted"];
    expectTriageReads(mock, { ...state, files: readme, template: false, tree: null, pull: pullJson({ number: NUMBER, headSha: NEW_HEAD, baseSha: BASE, labels: current }) });
    mock.on("POST", `${REPO_PATH}/check-runs`, 201, { id: 556 });
    for (const name of LABELS) mock.on("DELETE", `${REPO_PATH}/issues/${NUMBER}/labels/${encodeURIComponent(name)}`, 200, []);
    mock.on("PATCH", `${REPO_PATH}/issues/comments/${SUMMARY_ID}`, 200, { id: SUMMARY_ID });
    mock.on("PATCH", `${REPO_PATH}/check-runs/556`, 200, { id: 556 });
    await probot.receive(pullRequestEvent("synchronize", { number: NUMBER, headSha: NEW_HEAD, baseSha: BASE, labels: current }));
    expect(mock.writes()).toEqual([
      `POST ${REPO_PATH}/check-runs`,
      ...LABELS.map((name) => `DELETE ${REPO_PATH}/issues/${NUMBER}/labels/${encodeURIComponent(name)}`),
      `PATCH ${REPO_PATH}/issues/comments/${SUMMARY_ID}`,
      `PATCH ${REPO_PATH}/check-runs/556`,
    ]);
    const [completion] = mock.bodies("PATCH", `${REPO_PATH}/check-runs/556`);
    expect(completion).toMatchObject({ conclusion: "neutral", output: { title: "No stories in this pull request any more", annotations: [] } });
    const [summary] = mock.bodies("PATCH", `${REPO_PATH}/issues/comments/${SUMMARY_ID}`);
    expect(summary).toEqual({ body: renderNoStoriesSummary() });
    expect(pendingMocks()).toEqual([]);

    // Redelivered, or pushed to again without stories: nothing more is written.
    resetNetwork();
    const after = new GitHubMock();
    const [opened] = mock.bodies("POST", `${REPO_PATH}/check-runs`);
    const hash = outputHashOf(JSON.stringify(completion).match(/<!-- story-triage:output [0-9a-f]{16} -->/)?.[0] ?? "");
    expect(opened).toMatchObject({ head_sha: NEW_HEAD });
    expectTriageReads(after, {
      ...state,
      token: false,
      files: readme,
      template: false,
      tree: null,
      // The summary is the last item of the timeline after a first triage; it now reads as updated.
      timeline: [...(state.timeline ?? []).slice(0, -1), commentItem(SUMMARY_ID, renderNoStoriesSummary(), "app")],
      checkRuns: checkRunsJson([{ id: 556, headSha: NEW_HEAD, status: "completed", conclusion: "neutral", summary: `x\n\n<!-- story-triage:output ${hash ?? ""} -->` }]),
      pull: pullJson({ number: NUMBER, headSha: NEW_HEAD, baseSha: BASE, labels: ["help wanted"] }),
    });
    await probot.receive(pullRequestEvent("synchronize", { number: NUMBER, headSha: NEW_HEAD, baseSha: BASE, labels: ["help wanted"] }));
    expect(after.writes()).toEqual([]);
    expect(after.problems).toEqual([]);
  });

  test("a story from a fork is read from the fork at the head sha; what its base had already is not reviewed", async () => {
    const patch = "@@ -9,1 +9,1 @@\n-Alan writes code.\n+Alan writes async code and hits a deadlock.";
    expectTriageReads(mock, {
      files: [changedFile(STORY_PATH, "modified", patch)],
      contents: [[STORY_PATH, STORY, "/repos/forker/Hello-World"]],
      pull: pullJson({ number: NUMBER, headSha: HEAD, baseSha: BASE, headOwner: "forker" }),
      treeRepoPath: "/repos/forker/Hello-World",
    });
    mock.on("POST", `${REPO_PATH}/check-runs`, 201, { id: CHECK_RUN_ID });
    mock.on("POST", `${REPO_PATH}/issues/${NUMBER}/labels`, 200, LABELS.map((name) => labelJson(name)));
    mock.on("POST", `${REPO_PATH}/issues/${NUMBER}/comments`, 201, { id: SUMMARY_ID });
    mock.on("PATCH", `${REPO_PATH}/check-runs/${CHECK_RUN_ID}`, 200, { id: CHECK_RUN_ID });
    await probot.receive(pullRequestEvent("opened", { number: NUMBER, headSha: HEAD, baseSha: BASE, forkOwner: "forker" }));
    expect(mock.calls()).toEqual([
      ...readCalls({ contents: [`GET /repos/forker/Hello-World/contents/${STORY_PATH}?ref=${HEAD}`], treeRepoPath: "/repos/forker/Hello-World" }),
      ...FIRST_WRITES.filter((call) => !call.includes("/reviews")),
    ]);
    // Only line 9 changed: both findings were there at the base, so there is no review and the check passes.
    const [completion] = mock.bodies("PATCH", `${REPO_PATH}/check-runs/${CHECK_RUN_ID}`);
    expect(completion).toMatchObject({ conclusion: "success", output: { title: "No new problems in 1 story, 2 already on master" } });
  });

  test("removed files are skipped; a renamed story is judged at its new path, its findings in the review body", async () => {
    expectFirstTriageWrites(
      expectTriageReads(mock, {
        files: [
          changedFile("stories/status_quo/gone.md", "removed", "@@ -1 +0,0 @@\n-gone"),
          changedFile(STORY_PATH, "renamed", null, "stories/status_quo/alan.md"),
        ],
        contents: [[STORY_PATH, STORY]],
      }),
    );
    // Without a patch the old version is read at its old path; there it had every answer.
    const answered = STORY.replace("TODO\n", "The tokio tracker.\n\n### Why did you choose Alan to tell this story?\n\nHe writes servers.\n");
    mock.file("stories/status_quo/alan.md", answered);
    await probot.receive(opened());
    const reads = readCalls({ contents: [`GET ${REPO_PATH}/contents/${STORY_PATH}?ref=${HEAD}`] });
    const template = reads.findIndex((call) => call.includes("template.md"));
    expect(mock.calls()).toEqual([
      ...reads.slice(0, template + 1),
      `GET ${REPO_PATH}/contents/stories/status_quo/alan.md?ref=${BASE}`,
      ...reads.slice(template + 1),
      ...FIRST_WRITES,
    ]);
    expect(mock.bodies("POST", `${REPO_PATH}/pulls/${NUMBER}/reviews`)).toEqual([
      {
        commit_id: HEAD,
        event: "COMMENT",
        body: [
          "story-triage found 2 new problems in this pull request's stories.",
          "",
          "On lines this pull request does not change, so no comment can sit on them:",
          "",
          `- \`${STORY_PATH}\` ❌ line 11 \`faq-missing\`: ${MISSING_MESSAGE}`,
          `- \`${STORY_PATH}\` ${FIRST_SUMMARY.split("\n").find((line) => line.startsWith("- ❌ line 17"))?.slice(2)}`,
          "",
          "The summary comment lists every finding.",
          "",
          saidMarker([MISSING_MARKER.slice("<!-- story-triage:finding ".length, -" -->".length), "61d7340ea6ba0e68"]),
        ].join("\n"),
        comments: [],
      },
    ]);
  });

  test("edited without a new base does nothing; a new base triages again", async () => {
    await probot.receive(pullRequestEvent("edited", { number: NUMBER, headSha: HEAD, baseSha: BASE }, { title: { from: "old" } }));
    expect(mock.calls()).toEqual([]);

    expectTriageReads(mock, afterFirstTriage());
    await probot.receive(pullRequestEvent("edited", { number: NUMBER, headSha: HEAD, baseSha: BASE }, { base: { ref: { from: "dev" }, sha: { from: "cccc" } } }));
    expect(mock.calls()).toEqual(READ_CALLS);
  });
});

describe("labels", () => {
  const NOT_DRAFT = STORY.replace("## 🚧 Warning: Draft status 🚧\n\nThis story is a draft.\n\n", "");

  test("removes only the app's label that no longer holds (404 is fine), keeps a person's, never re-adds one a person removed", async () => {
    const current = ["status-quo", "draft", "needs-faq", "character:Grace"];
    expectTriageReads(mock, {
      files: [changedFile(STORY_PATH, "modified", null)],
      contents: [[STORY_PATH, NOT_DRAFT]],
      timeline: [
        ...["status-quo", "draft", "character:Alan", "needs-faq"].map((name) => labelItem("labeled", name, "app")),
        labelItem("unlabeled", "character:Alan", "maintainer"),
        labelItem("labeled", "character:Grace", "maintainer"),
      ],
      pull: pullJson({ number: NUMBER, headSha: HEAD, baseSha: BASE, labels: current }),
    });
    // No patch: the base version is read; it had every answer, so the two FAQ findings are new.
    mock.file(STORY_PATH, STORY.replace("TODO\n", "The tokio tracker.\n\n### Why did you choose Alan to tell this story?\n\nHe writes servers.\n"));
    mock.on("POST", `${REPO_PATH}/check-runs`, 201, { id: CHECK_RUN_ID });
    mock.on("DELETE", `${REPO_PATH}/issues/${NUMBER}/labels/draft`, 404, { message: "Label does not exist" });
    mock.on("POST", `${REPO_PATH}/pulls/${NUMBER}/reviews`, 200, { id: 1 });
    mock.on("POST", `${REPO_PATH}/issues/${NUMBER}/comments`, 201, { id: SUMMARY_ID });
    mock.on("PATCH", `${REPO_PATH}/check-runs/${CHECK_RUN_ID}`, 200, { id: CHECK_RUN_ID });
    await probot.receive(pullRequestEvent("synchronize", { number: NUMBER, headSha: HEAD, baseSha: BASE, labels: current }));

    expect(mock.writes()).toEqual([
      `POST ${REPO_PATH}/check-runs`,
      `DELETE ${REPO_PATH}/issues/${NUMBER}/labels/draft`,
      `POST ${REPO_PATH}/pulls/${NUMBER}/reviews`,
      `POST ${REPO_PATH}/issues/${NUMBER}/comments`,
      `PATCH ${REPO_PATH}/check-runs/${CHECK_RUN_ID}`,
    ]);
    const [summary] = mock.bodies("POST", `${REPO_PATH}/issues/${NUMBER}/comments`);
    expect(summary).toMatchObject({
      body: expect.stringContaining("**Labels applied:** `status-quo`, `needs-faq`\n**Left off because a person removed them:** `character:Alan`\n"),
    });
  });

  test("a label the repository lacks comes back grey from GitHub and gets the app's color and description", async () => {
    expectTriageReads(mock);
    mock.on("POST", `${REPO_PATH}/check-runs`, 201, { id: CHECK_RUN_ID });
    mock.on("POST", `${REPO_PATH}/issues/${NUMBER}/labels`, 200, [
      labelJson("status-quo"),
      labelJson("draft"),
      labelJson("character:Alan"),
      labelJson("needs-faq", "ededed", null),
    ]);
    mock.on("PATCH", `${REPO_PATH}/labels/needs-faq`, 200, labelJson("needs-faq", "d93f0b"));
    mock.on("POST", `${REPO_PATH}/pulls/${NUMBER}/reviews`, 200, { id: 1 });
    mock.on("POST", `${REPO_PATH}/issues/${NUMBER}/comments`, 201, { id: SUMMARY_ID });
    mock.on("PATCH", `${REPO_PATH}/check-runs/${CHECK_RUN_ID}`, 200, { id: CHECK_RUN_ID });
    await probot.receive(opened());
    expect(mock.bodies("PATCH", `${REPO_PATH}/labels/needs-faq`)).toEqual([
      { color: "d93f0b", description: "A story's FAQ needs answers (story-triage)" },
    ]);
  });
});

describe("failures", () => {
  test("GitHub refuses the review (422): the summary says so and lists the findings", async () => {
    expectTriageReads(mock);
    mock.on("POST", `${REPO_PATH}/check-runs`, 201, { id: CHECK_RUN_ID });
    mock.on("POST", `${REPO_PATH}/issues/${NUMBER}/labels`, 200, LABELS.map((name) => labelJson(name)));
    mock.on("POST", `${REPO_PATH}/pulls/${NUMBER}/reviews`, 422, { message: "Unprocessable Entity", errors: ["Line could not be resolved"] });
    mock.on("POST", `${REPO_PATH}/issues/${NUMBER}/comments`, 201, { id: SUMMARY_ID });
    mock.on("PATCH", `${REPO_PATH}/check-runs/${CHECK_RUN_ID}`, 200, { id: CHECK_RUN_ID });
    await probot.receive(opened());
    expect(mock.bodies("POST", `${REPO_PATH}/issues/${NUMBER}/comments`)).toEqual([
      {
        body: FIRST_SUMMARY.replace(
          "\n**Labels applied:**",
          "\nGitHub refused the review comments for these findings, so they are listed here only.\n\n**Labels applied:**",
        ),
      },
    ]);
    expect(mock.bodies("PATCH", `${REPO_PATH}/check-runs/${CHECK_RUN_ID}`)).toEqual([
      { status: "completed", conclusion: "failure", output: FIRST_CHECK_RUN_OUTPUT },
    ]);
  });

  test("an invalid config fails the check run in plain words and touches no label", async () => {
    mock.token();
    mock.file(".github/story-triage.yml", "stories:\n  status-quo:\n    paths: 3\nlabels:\n  colour: red\n");
    mock.on("GET", `${REPO_PATH}/commits/${HEAD}/check-runs`, 200, checkRunsJson([]));
    mock.on("GET", `${REPO_PATH}/pulls/${NUMBER}`, 200, pullJson({ number: NUMBER, headSha: HEAD, baseSha: BASE }));
    mock.on("POST", `${REPO_PATH}/check-runs`, 201, { id: CHECK_RUN_ID });
    mock.on("PATCH", `${REPO_PATH}/check-runs/${CHECK_RUN_ID}`, 200, { id: CHECK_RUN_ID });
    await probot.receive(opened());
    expect(mock.calls()).toEqual([
      "POST /app/installations/1/access_tokens",
      `GET ${REPO_PATH}/pulls/${NUMBER}`,
      `GET ${REPO_PATH}/contents/.github/story-triage.yml?ref=master`,
      `GET ${REPO_PATH}/commits/${HEAD}/check-runs?check_name=story-triage&app_id=123&filter=latest&per_page=1`,
      `POST ${REPO_PATH}/check-runs`,
      `PATCH ${REPO_PATH}/check-runs/${CHECK_RUN_ID}`,
    ]);
    const [completion] = mock.bodies("PATCH", `${REPO_PATH}/check-runs/${CHECK_RUN_ID}`);
    expect(completion).toMatchObject({ status: "completed", conclusion: "failure", output: { title: "Invalid configuration", annotations: [] } });
    expect(summaryOf(completion).split("\n").slice(0, 5)).toEqual([
      "The configuration `.github/story-triage.yml` on the default branch cannot be used, so no story was checked and no label was changed:",
      "",
      expect.stringMatching(/^- stories\.status-quo\.paths \(line 3\): .*/),
      expect.stringMatching(/^- labels\.colour \(line 5\): .*/),
      "",
    ]);
  });

  test("an internal error is logged with the delivery id and shown on the check run only as an internal error", async () => {
    mock.token();
    mock.on("GET", `${REPO_PATH}/pulls/${NUMBER}`, 200, pullJson({ number: NUMBER, headSha: HEAD, baseSha: BASE }));
    mock.file(".github/story-triage.yml", null);
    mock.on("GET", `${REPO_PATH}/pulls/${NUMBER}/files`, 500, { message: "Server Error" });
    mock.on("POST", `${REPO_PATH}/check-runs`, 201, { id: CHECK_RUN_ID });
    mock.on("PATCH", `${REPO_PATH}/check-runs/${CHECK_RUN_ID}`, 200, { id: CHECK_RUN_ID });
    const event = opened();
    await probot.receive(event);
    const [completion] = mock.bodies("PATCH", `${REPO_PATH}/check-runs/${CHECK_RUN_ID}`);
    expect(completion).toEqual({
      status: "completed",
      conclusion: "failure",
      output: {
        title: "Internal error",
        summary: expect.stringMatching(
          new RegExp(`^story-triage hit an internal error while checking this commit \\(delivery \`${event.id}\`\\)\\. Comment \`/triage\` to try again\\.\\n\\n<!-- story-triage:output [0-9a-f]{16} -->$`),
        ),
        annotations: [],
      },
    });
    const errors = logs.filter((line) => line["level"] === 50);
    expect(errors.map((line) => [line["msg"], line["deliveryId"]])).toEqual([["story-triage: internal error", event.id]]);
  });
});

describe("races", () => {
  test("an event that arrives after a newer push (GitHub does not promise order) triages the pull request's current head", async () => {
    expectFirstTriageWrites(expectTriageReads(mock, { headSha: NEW_HEAD }));
    await probot.receive(opened());
    expect(mock.calls()).toEqual([...readCalls({ headSha: NEW_HEAD }), ...FIRST_WRITES]);
    expect(mock.bodies("POST", `${REPO_PATH}/check-runs`)).toEqual([
      { name: "story-triage", head_sha: NEW_HEAD, status: "in_progress", external_id: String(NUMBER) },
    ]);
    expect(mock.bodies("POST", `${REPO_PATH}/pulls/${NUMBER}/reviews`)).toEqual([{ ...FIRST_REVIEW, commit_id: NEW_HEAD }]);
  });
});

function summaryOf(body: unknown): string {
  const summary = typeof body === "object" && body !== null && "output" in body ? (body.output as { summary?: unknown }).summary : undefined;
  if (typeof summary !== "string") throw new Error("no output summary");
  return summary;
}
