/**
 * Requests per event: the budget (at most 12 for a pull request adding one story whose labels
 * exist, the installation token included, none repeated, plus the one read of the head's tree
 * that toc-missing and link-broken need) and how it grows with more stories. In an mdBook
 * repository book.toml and SUMMARY.md are read with the template in one GraphQL request, so the
 * figure stays 13; there toc-missing's fix is a suggestion on SUMMARY.md when the pull request
 * changes it, else it is in the review's text, and link-broken's is a suggestion on the story.
 */
import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import type { Probot } from "probot";
import { GitHubMock, pendingMocks, REPO_PATH, resetNetwork, testProbot } from "./support/github-mock.js";
import { addedFile, changedFile, checkRunsJson, labelJson, pullJson, treeJson } from "./support/github-objects.js";
import { pullRequestEvent } from "./support/payloads.js";
import {
  afterFirstTriage,
  BASE,
  CHECK_RUN_ID,
  CONFIG_YAML,
  TEMPLATE,
  TEMPLATE_PATH,
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
  test("one added story, labels existing, first triage: 13 in all (8 reads with the token and the tree, 5 writes)", async () => {
    expectFirstTriageWrites(expectTriageReads(mock));
    await probot.receive(opened());
    expect([mock.calls().length, mock.writes().length]).toEqual([13, 5]);
    expect(noneRepeated(mock.calls())).toEqual([]);
  });

  test("ten added stories in one folder: still 13 (one template read, one tree read, stories rebuilt from their patches)", async () => {
    const stories = Array.from({ length: 10 }, (_, index) => addedFile(`stories/status_quo/story_${index}.md`, STORY));
    expectFirstTriageWrites(expectTriageReads(mock, { files: stories }));
    await probot.receive(opened());
    expect([mock.calls().length, mock.writes().length]).toEqual([13, 5]);
    expect(noneRepeated(mock.calls())).toEqual([]);
    const [completion] = mock.bodies("PATCH", `${REPO_PATH}/check-runs/${CHECK_RUN_ID}`);
    expect(completion).toMatchObject({ output: { title: "20 errors in 10 stories" } });
  });

  test("redelivery: 8 reads in a fresh process (token and tree included), no write", async () => {
    expectTriageReads(mock, afterFirstTriage());
    await probot.receive(opened());
    expect([mock.calls().length, mock.writes().length]).toEqual([8, 0]);
  });

  test("one modified story whose base had its problems already: the base is its patch taken back (no read), 13 in all (the head's tree included), no review", async () => {
    // The pull request changes the story's first paragraph only; both FAQ findings were there before.
    const patch = "@@ -9,1 +9,1 @@\n-Alan writes code.\n+Alan writes async code and hits a deadlock.";
    expectTriageReads(mock, { files: [changedFile(STORY_PATH, "modified", patch)], contents: [[STORY_PATH, STORY]] });
    mock.on("POST", `${REPO_PATH}/check-runs`, 201, { id: CHECK_RUN_ID });
    mock.on("POST", `${REPO_PATH}/issues/${NUMBER}/labels`, 200, LABELS.map((name) => labelJson(name)));
    mock.on("POST", `${REPO_PATH}/issues/${NUMBER}/comments`, 201, { id: SUMMARY_ID });
    mock.on("PATCH", `${REPO_PATH}/check-runs/${CHECK_RUN_ID}`, 200, { id: CHECK_RUN_ID });
    await probot.receive(opened());
    expect([mock.calls().length, mock.writes().length]).toEqual([13, 4]);
    expect(noneRepeated(mock.calls())).toEqual([]);
  });

  test("one modified story with a new problem: 14 (the head read an added story is spared, and the tree), the base still free", async () => {
    const patch = "@@ -17,3 +17,3 @@\n ### What are the sources for this story?\n \n-The tokio tracker.\n+TODO";
    expectFirstTriageWrites(expectTriageReads(mock, { files: [changedFile(STORY_PATH, "modified", patch)], contents: [[STORY_PATH, STORY]] }));
    await probot.receive(opened());
    expect([mock.calls().length, mock.writes().length]).toEqual([14, 5]);
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
    expect([mock.calls().length, mock.writes().length]).toEqual([15, 5]);
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

const LINKED_STORY = STORY.replace("Alan writes async code and hits a deadlock.", "Alan writes async code and hits a [deadlock](../deadlocks.md).");
const SUMMARY = ["# Summary", "", "- [Status quo](../stories/status_quo.md)", "  - [Barbara waits](../stories/status_quo/barbara_waits.md)", ""].join("\n");
const TREE = [".github/story-triage.yml", "book.toml", "src/SUMMARY.md", "docs/deadlocks.md", "stories/status_quo.md", "stories/status_quo/barbara_waits.md", TEMPLATE_PATH, STORY_PATH];
const SUMMARY_PATCH = "@@ -4,1 +4,1 @@\n-  - [Barbara](../stories/status_quo/barbara_waits.md)\n+  - [Barbara waits](../stories/status_quo/barbara_waits.md)";
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;
const blob = (text: string) => ({ text, isBinary: false, isTruncated: false });

function expectBookTriage(files: unknown[], graphql: unknown = { data: { r0: { f0: blob(TEMPLATE), f1: blob('[book]\ntitle = "Stories"\n'), f2: blob(SUMMARY) } } }, config = CONFIG_YAML): void {
  mock.token();
  mock.on("GET", `${REPO_PATH}/pulls/${NUMBER}`, 200, pullJson({ number: NUMBER, headSha: HEAD, baseSha: BASE }));
  mock.file(".github/story-triage.yml", config);
  mock.on("GET", `${REPO_PATH}/pulls/${NUMBER}/files`, 200, files);
  mock.on("GET", `${REPO_PATH}/git/trees/${HEAD}`, 200, treeJson(HEAD, TREE));
  mock.on("POST", "/graphql", 200, graphql);
  if (isRecord(graphql) && "errors" in graphql) mock.file(TEMPLATE_PATH, TEMPLATE);
  mock.on("GET", `${REPO_PATH}/issues/${NUMBER}/timeline`, 200, []);
  mock.on("GET", `${REPO_PATH}/commits/${HEAD}/check-runs`, 200, checkRunsJson([]));
  expectFirstTriageWrites(mock);
}

interface Review {
  body: string;
  comments: { path: string; line: number; body: string }[];
}

const TOC_LINE = "  - [Alan hits a deadlock](../stories/status_quo/alan_hits_a_deadlock.md)";
const LINK_FIX = "Alan writes async code and hits a [deadlock](../../docs/deadlocks.md).";

describe("an mdBook repository", () => {
  test("SUMMARY.md in the diff: a suggestion on it; the link's fix on the story; 13 requests", async () => {
    expectBookTriage([addedFile(STORY_PATH, LINKED_STORY), changedFile("src/SUMMARY.md", "modified", SUMMARY_PATCH)]);
    await probot.receive(pullRequestEvent("opened", { number: NUMBER, headSha: HEAD, baseSha: BASE }));
    expect(mock.calls()).toHaveLength(13);
    expect(mock.calls().slice(0, 7)).toEqual([
      "POST /app/installations/1/access_tokens",
      `GET ${REPO_PATH}/pulls/${NUMBER}`,
      `GET ${REPO_PATH}/contents/.github/story-triage.yml?ref=master`,
      `GET ${REPO_PATH}/pulls/${NUMBER}/files?per_page=100`,
      `GET ${REPO_PATH}/git/trees/${HEAD}?recursive=1`,
      "POST /graphql",
      `GET ${REPO_PATH}/issues/${NUMBER}/timeline?per_page=100`,
    ]);
    const [query] = mock.bodies("POST", "/graphql") as { variables: Record<string, string> }[];
    expect(query?.variables).toEqual({ e0: `${BASE}:${TEMPLATE_PATH}`, e1: `${HEAD}:book.toml`, e2: `${HEAD}:src/SUMMARY.md`, o0: "Codertocat", n0: "Hello-World" });

    const [review] = mock.bodies("POST", `${REPO_PATH}/pulls/${NUMBER}/reviews`) as Review[];
    const toc = review!.comments.find((c) => c.path === "src/SUMMARY.md");
    expect(toc?.line).toBe(4);
    expect(toc?.body).toContain(`\`\`\`suggestion\n  - [Barbara waits](../stories/status_quo/barbara_waits.md)\n${TOC_LINE}\n\`\`\``);
    expect(toc?.body.startsWith(`**\`toc-missing\`** (error) in \`${STORY_PATH}\`: The story is not linked from \`src/SUMMARY.md\``)).toBe(true);
    const link = review!.comments.find((c) => c.path === STORY_PATH && c.line === 9);
    expect(link?.body).toContain(`\`\`\`suggestion\n${LINK_FIX}\n\`\`\``);
    expect(review!.comments.filter((c) => c.path === STORY_PATH && c.line === 1)).toEqual([]);
  });

  test("references book.toml's preprocessor defines are not reported, read in the same GraphQL request; others are", async () => {
    const story = STORY.replace("Alan writes async code and hits a deadlock.", "Alan writes async code and hits a deadlock [TBD] in [RFC #3668], see [nowhere].");
    const bookToml = '[book]\ntitle = "Stories"\n\n[preprocessor.goals.links]\n"TBD" = "https://img.shields.io/badge/TBD-red"\n\n[preprocessor.goals.linkifiers]\n"RFC #([0-9]+)" = "https://github.com/rust-lang/rfcs/pull/$1"\n';
    expectBookTriage([addedFile(STORY_PATH, story)], { data: { r0: { f0: blob(TEMPLATE), f1: blob(bookToml), f2: blob(SUMMARY) } } });
    await probot.receive(pullRequestEvent("opened", { number: NUMBER, headSha: HEAD, baseSha: BASE }));
    expect(mock.calls()).toHaveLength(13);
    const [review] = mock.bodies("POST", `${REPO_PATH}/pulls/${NUMBER}/reviews`) as Review[];
    expect(review!.comments.filter((c) => c.body.includes("link-broken")).map((c) => [c.line, c.body.split(": ").slice(1).join(": ").split("\n")[0]])).toEqual([
      [9, "Reference `[nowhere]` has no definition `[nowhere]: ...`, so it shows as plain brackets; expected a definition for `nowhere` or an inline link."],
    ]);
  });

  test("toc-missing off, link-broken on: the same GraphQL request reads the template and book.toml alone", async () => {
    const story = STORY.replace("Alan writes async code and hits a deadlock.", "Alan writes async code and hits a deadlock [TBD], see [nowhere].");
    const bookToml = '[preprocessor.goals.links]\n"TBD" = "https://img.shields.io/badge/TBD-red"\n';
    expectBookTriage([addedFile(STORY_PATH, story)], { data: { r0: { f0: blob(TEMPLATE), f1: blob(bookToml) } } }, `${CONFIG_YAML}rules:\n  toc-missing: "off"\n`);
    await probot.receive(pullRequestEvent("opened", { number: NUMBER, headSha: HEAD, baseSha: BASE }));
    expect(mock.calls()).toHaveLength(13);
    const [query] = mock.bodies("POST", "/graphql") as { variables: Record<string, string> }[];
    expect(query?.variables).toEqual({ e0: `${BASE}:${TEMPLATE_PATH}`, e1: `${HEAD}:book.toml`, o0: "Codertocat", n0: "Hello-World" });
    const [review] = mock.bodies("POST", `${REPO_PATH}/pulls/${NUMBER}/reviews`) as Review[];
    expect(review!.comments.filter((c) => c.body.includes("link-broken")).map((c) => c.body.split(": ").slice(1).join(": ").split("\n")[0])).toEqual([
      "Reference `[nowhere]` has no definition `[nowhere]: ...`, so it shows as plain brackets; expected a definition for `nowhere` or an inline link.",
    ]);
  });

  test("GraphQL refusing the query: the template is read as usual and toc-missing is skipped; links are still checked", async () => {
    expectBookTriage([addedFile(STORY_PATH, LINKED_STORY)], { errors: [{ type: "FORBIDDEN", message: "Resource not accessible by integration" }] });
    await probot.receive(pullRequestEvent("opened", { number: NUMBER, headSha: HEAD, baseSha: BASE }));
    expect(mock.calls()).toHaveLength(14);
    expect(mock.calls()[6]).toBe(`GET ${REPO_PATH}/contents/${TEMPLATE_PATH}?ref=${BASE}`);
    const [review] = mock.bodies("POST", `${REPO_PATH}/pulls/${NUMBER}/reviews`) as Review[];
    expect(JSON.stringify(review)).not.toContain("toc-missing");
    expect(review!.comments.find((c) => c.path === STORY_PATH && c.line === 9)?.body).toContain(`\`\`\`suggestion\n${LINK_FIX}\n\`\`\``);
  });

  test("SUMMARY.md not in the diff: the line to add is in the review's text", async () => {
    expectBookTriage([addedFile(STORY_PATH, LINKED_STORY)]);
    await probot.receive(pullRequestEvent("opened", { number: NUMBER, headSha: HEAD, baseSha: BASE }));
    expect(mock.calls()).toHaveLength(13);
    const [review] = mock.bodies("POST", `${REPO_PATH}/pulls/${NUMBER}/reviews`) as Review[];
    expect(review!.comments.map((c) => `${c.path}:${c.line}`)).not.toContain("src/SUMMARY.md:4");
    expect(review!.body).toContain("On lines this pull request does not change, so no comment can sit on them:");
    expect(review!.body).toContain(`- \`${STORY_PATH}\` ❌ line 1 \`toc-missing\`: The story is not linked from \`src/SUMMARY.md\``);
    expect(review!.body).toContain(`add \`${TOC_LINE.trim()}\` after line 4`);
  });
});

describe("no book and the repository rules off", () => {
  test("toc-missing and link-broken off: no tree read, 12 requests", async () => {
    mock.token();
    mock.on("GET", `${REPO_PATH}/pulls/${NUMBER}`, 200, pullJson({ number: NUMBER, headSha: HEAD, baseSha: BASE }));
    mock.file(".github/story-triage.yml", `${CONFIG_YAML}rules:\n  toc-missing: "off"\n  link-broken: "off"\n`);
    mock.on("GET", `${REPO_PATH}/pulls/${NUMBER}/files`, 200, [addedFile(STORY_PATH, LINKED_STORY)]);
    mock.file(TEMPLATE_PATH, TEMPLATE);
    mock.on("GET", `${REPO_PATH}/issues/${NUMBER}/timeline`, 200, []);
    mock.on("GET", `${REPO_PATH}/commits/${HEAD}/check-runs`, 200, checkRunsJson([]));
    expectFirstTriageWrites(mock);
    await probot.receive(pullRequestEvent("opened", { number: NUMBER, headSha: HEAD, baseSha: BASE }));
    expect(mock.calls()).toHaveLength(12);
    expect(mock.calls().some((c) => c.includes("/git/trees/"))).toBe(false);
  });
});
