/**
 * Requests per event: the budget (at most 12 for a pull request adding one story whose labels
 * exist, the installation token included, none repeated) and how it grows with more stories.
 */
import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import type { Probot } from "probot";
import { GitHubMock, pendingMocks, REPO_PATH, resetNetwork, testProbot } from "./support/github-mock.js";
import { addedFile, changedFile, labelJson } from "./support/github-objects.js";
import { pullRequestEvent } from "./support/payloads.js";
import {
  afterFirstTriage,
  BASE,
  CHECK_RUN_ID,
  expectFirstTriageWrites,
  expectTriageReads,
  HEAD,
  LABELS,
  NUMBER,
  STORY,
  STORY_PATH,
  SUMMARY_ID,
} from "./support/scenario.js";

let probot: Probot;
let mock: GitHubMock;

beforeEach(async () => {
  resetNetwork();
  probot = await testProbot();
  mock = new GitHubMock();
});

afterEach(() => {
  expect(mock.problems).toEqual([]);
  expect(pendingMocks()).toEqual([]);
});

const opened = () => pullRequestEvent("opened", { number: NUMBER, headSha: HEAD, baseSha: BASE });

function noneRepeated(calls: string[]): string[] {
  return calls.filter((call, index) => !call.startsWith("PATCH") && calls.indexOf(call) !== index);
}

describe("requests per event", () => {
  test("one added story, labels existing, first triage: 12 in all (7 reads with the token, 5 writes)", async () => {
    expectFirstTriageWrites(expectTriageReads(mock));
    await probot.receive(opened());
    expect([mock.calls().length, mock.writes().length]).toEqual([12, 5]);
    expect(noneRepeated(mock.calls())).toEqual([]);
  });

  test("ten added stories in one folder: still 12 (one template read, stories rebuilt from their patches)", async () => {
    const stories = Array.from({ length: 10 }, (_, index) => addedFile(`stories/status_quo/story_${index}.md`, STORY));
    expectFirstTriageWrites(expectTriageReads(mock, { files: stories }));
    await probot.receive(opened());
    expect([mock.calls().length, mock.writes().length]).toEqual([12, 5]);
    expect(noneRepeated(mock.calls())).toEqual([]);
    const [completion] = mock.bodies("PATCH", `${REPO_PATH}/check-runs/${CHECK_RUN_ID}`);
    expect(completion).toMatchObject({ output: { title: "20 errors in 10 stories" } });
  });

  test("redelivery: 7 reads in a fresh process (token included), no write", async () => {
    expectTriageReads(mock, afterFirstTriage());
    await probot.receive(opened());
    expect([mock.calls().length, mock.writes().length]).toEqual([7, 0]);
  });

  test("one modified story whose base had its problems already: the base is its patch taken back (no read), 12 in all, no review", async () => {
    // The pull request changes the story's first paragraph only; both FAQ findings were there before.
    const patch = "@@ -9,1 +9,1 @@\n-Alan writes code.\n+Alan writes async code and hits a deadlock.";
    expectTriageReads(mock, { files: [changedFile(STORY_PATH, "modified", patch)], contents: [[STORY_PATH, STORY]] });
    mock.on("POST", `${REPO_PATH}/check-runs`, 201, { id: CHECK_RUN_ID });
    mock.on("POST", `${REPO_PATH}/issues/${NUMBER}/labels`, 200, LABELS.map((name) => labelJson(name)));
    mock.on("POST", `${REPO_PATH}/issues/${NUMBER}/comments`, 201, { id: SUMMARY_ID });
    mock.on("PATCH", `${REPO_PATH}/check-runs/${CHECK_RUN_ID}`, 200, { id: CHECK_RUN_ID });
    await probot.receive(opened());
    expect([mock.calls().length, mock.writes().length]).toEqual([12, 4]);
    expect(noneRepeated(mock.calls())).toEqual([]);
  });

  test("one modified story with a new problem: 13 (the head read an added story is spared), the base still free", async () => {
    const patch = "@@ -17,3 +17,3 @@\n ### What are the sources for this story?\n \n-The tokio tracker.\n+TODO";
    expectFirstTriageWrites(expectTriageReads(mock, { files: [changedFile(STORY_PATH, "modified", patch)], contents: [[STORY_PATH, STORY]] }));
    await probot.receive(opened());
    expect([mock.calls().length, mock.writes().length]).toEqual([13, 5]);
    expect(mock.calls().filter((call) => call.includes(`contents/${STORY_PATH}`))).toEqual([`GET ${REPO_PATH}/contents/${STORY_PATH}?ref=${HEAD}`]);
  });

  test("a modified story without a patch (a large diff): its base costs one read more", async () => {
    expectFirstTriageWrites(expectTriageReads(mock, { files: [changedFile(STORY_PATH, "modified", null)], contents: [[STORY_PATH, STORY]] }));
    mock.file(STORY_PATH, STORY.replace("TODO\n", "The tokio tracker.\n"));
    await probot.receive(opened());
    expect(mock.calls().filter((call) => call.includes(`contents/${STORY_PATH}`))).toEqual([
      `GET ${REPO_PATH}/contents/${STORY_PATH}?ref=${HEAD}`,
      `GET ${REPO_PATH}/contents/${STORY_PATH}?ref=${BASE}`,
    ]);
    expect([mock.calls().length, mock.writes().length]).toEqual([14, 5]);
  });

  test("more than 50 findings: the completing PATCH carries 50 annotations, further PATCHes the rest", async () => {
    const questions = Array.from({ length: 26 }, (_, index) => `### Question number ${index + 1}?\n\n*Answer it.*\n`);
    const template = `# 😱 Status quo stories: Template\n\n## The story\n\n*Write it.*\n\n## 🤔 Frequently Asked Questions\n\n${questions.join("\n")}`;
    const story = "# 😱 Status quo stories: Alan waits\n\n## The story\n\nAlan waits.\n\n## 🤔 Frequently Asked Questions\n";
    const files = [addedFile("stories/status_quo/a.md", story), addedFile("stories/status_quo/b.md", story)];
    expectTriageReads(mock, { files, template });
    mock.on("POST", `${REPO_PATH}/check-runs`, 201, { id: CHECK_RUN_ID });
    mock.on("POST", `${REPO_PATH}/issues/${NUMBER}/labels`, 200, ["status-quo", "character:Alan", "needs-faq"].map((name) => labelJson(name)));
    mock.on("POST", `${REPO_PATH}/pulls/${NUMBER}/reviews`, 200, { id: 1 });
    mock.on("POST", `${REPO_PATH}/issues/${NUMBER}/comments`, 201, { id: SUMMARY_ID });
    mock.on("PATCH", `${REPO_PATH}/check-runs/${CHECK_RUN_ID}`, 200, { id: CHECK_RUN_ID });
    mock.on("PATCH", `${REPO_PATH}/check-runs/${CHECK_RUN_ID}`, 200, { id: CHECK_RUN_ID });
    await probot.receive(opened());

    const patches = mock.bodies("PATCH", `${REPO_PATH}/check-runs/${CHECK_RUN_ID}`);
    const counts = patches.map((body) => annotationCount(body));
    expect(counts).toEqual([50, 2]);
    expect(patches[0]).toMatchObject({ status: "completed", conclusion: "failure", output: { title: "52 errors in 2 stories" } });
    expect(patches[1]).toEqual({ output: { title: "52 errors in 2 stories", summary: expect.any(String), annotations: expect.any(Array) } });
  });
});

function annotationCount(body: unknown): number {
  if (typeof body !== "object" || body === null || !("output" in body)) return -1;
  const output: unknown = body.output;
  if (typeof output !== "object" || output === null || !("annotations" in output) || !Array.isArray(output.annotations)) return -1;
  return output.annotations.length;
}
