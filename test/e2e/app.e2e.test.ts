/**
 * The built app end to end: `probot run ./lib/index.js` as its own process (the README's start
 * command), pointed at the GitHub stand-in through GHE_HOST, fed HMAC-signed webhooks over HTTP
 * built from GitHub's example payloads. Each test then reads back from the stand-in what the
 * app wrote. The fixture is fixtures/demo: a draft status quo story told through Grace whose FAQ
 * leaves out one question and leaves another without an answer.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { computeFiles, seedFromFolder } from "../../src/standin/seed.js";
import { Standin, type PullSnapshot } from "../../src/standin/server.js";
import type { PullRequest, Repo } from "../../src/standin/state.js";
import { REPO_ROOT, startAppProcess, type AppProcess } from "../support/app-process.js";
import { issueCommentWebhook, pullRequestWebhook } from "../support/payloads.js";
import { specProblems } from "../support/spec.js";

const FIXTURE = join(REPO_ROOT, "fixtures/demo");
const STORY = "stories/status_quo/grace_chases_a_stuck_future.md";
const STORY_TEXT = readFileSync(join(FIXTURE, "head", STORY), "utf8");
const SUMMARY_MARKER = "<!-- story-triage:summary -->";

/** 1-based line of the first line of the story that starts with `prefix`. */
function lineOf(prefix: string, text = STORY_TEXT): number {
  const index = text.split("\n").findIndex((line) => line.startsWith(prefix));
  if (index === -1) throw new Error(`the fixture story has no line starting with ${JSON.stringify(prefix)}`);
  return index + 1;
}

let standin: Standin;
let repo: Repo;
let pull: PullRequest;
let app: AppProcess;

function snapshot(): PullSnapshot {
  return standin.snapshot(repo, pull.number);
}

/**
 * Waits until the app has stopped calling the stand-in. In its own process the app runs with
 * Octokit's throttling, which spaces writes a second apart and writes that notify people (a
 * comment, a review) three seconds apart: quiet means 3.5 s without a request.
 */
async function settle(): Promise<void> {
  await standin.whenQuiet(3500, 60000);
}

/** Every write the app made since the last clearRequests(), as `METHOD path -> status`. */
function writes(): string[] {
  return standin.writes().map((r) => `${r.method} ${r.path} -> ${r.status}`);
}

/** Requests GitHub would refuse or not know, and write bodies its OpenAPI description rejects. */
function failedRequests(): string[] {
  const refused = standin.requests
    .filter((r) => r.unmatched || (r.status >= 400 && !(r.method === "GET" && r.status === 404)))
    .map((r) => `${r.method} ${r.path} -> ${r.status}`);
  return [...refused, ...specProblems(standin.requests)];
}

beforeAll(async () => {
  if (!existsSync(join(REPO_ROOT, "lib/index.js"))) throw new Error("lib/index.js is missing: run `npm run build` first (npm test does)");
  standin = await Standin.start();
  ({ repo, pull } = await seedFromFolder(standin, FIXTURE, { owner: "story-org", repo: "stories" }));
  standin.setPermission(repo, "maintainer", "write");
  app = await startAppProcess(standin, { logLevel: "warn" });
  // As on GitHub, the app's own writes come back to it as webhooks.
  standin.forwardWebhooks({ url: app.webhookUrl, secret: app.secret, events: ["pull_request", "issue_comment", "check_run"] });
}, 30000);

afterAll(async () => {
  await app?.stop();
  await standin?.close();
});

describe("pull_request.opened", () => {
  let after: PullSnapshot;
  let status: number;
  let openedMs: number;

  beforeAll(async () => {
    standin.clearRequests();
    const delivery = await app.deliver("pull_request", pullRequestWebhook(standin, repo, pull.number, "opened"), { id: "delivery-opened" });
    status = delivery.status;
    openedMs = delivery.ms;
    await settle();
    after = snapshot();
  }, 90000);

  test("is answered within GitHub's 10 seconds, and every request the app made was one GitHub would accept", () => {
    // 200 when the work is done; 202 when Probot's webhook middleware answered at 9 s and the work went on.
    expect([200, 202]).toContain(status);
    expect(openedMs).toBeLessThan(10000);
    expect(failedRequests()).toEqual([]);
  });

  test("labels the kind, the draft banner, the character and the incomplete FAQ", () => {
    expect([...after.labels].sort()).toEqual(["character:Grace", "draft", "needs-faq", "status-quo"]);
    expect(after.events.every((e) => e.actor === standin.botLogin)).toBe(true);
  });

  test("posts one review whose comments sit on the FAQ lines that need an answer", () => {
    expect(after.reviews).toHaveLength(1);
    const [review] = after.reviews;
    expect(review).toMatchObject({ user: standin.botLogin, state: "COMMENTED", commitId: pull.headSha });
    // The unanswered question on its own heading; the missing one on the FAQ heading it belongs under.
    const comments = [...(review?.comments ?? [])].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    expect(comments.map((c) => [c.path, c.line, c.side])).toEqual([
      [STORY, lineOf("## 🤔 Frequently Asked Questions"), "RIGHT"],
      [STORY, lineOf("### What are the sources for this story?"), "RIGHT"],
    ]);
    expect(comments[0]?.body).toMatch(/faq-missing[\s\S]*Why did you choose/);
    expect(comments[1]?.body).toMatch(/faq-unanswered[\s\S]*What are the sources for this story\?/);
  });

  test("completes one check run on the head commit, failing, with annotations on the same lines", () => {
    expect(after.checkRuns).toHaveLength(1);
    const [run] = after.checkRuns;
    expect(run).toMatchObject({ name: "story-triage", headSha: pull.headSha, status: "completed", conclusion: "failure" });
    expect(run?.annotations.map((a) => [a.path, a.startLine, a.level])).toEqual([
      [STORY, lineOf("## 🤔 Frequently Asked Questions"), "failure"],
      [STORY, lineOf("### What are the sources for this story?"), "failure"],
    ]);
  });

  test("writes one summary comment, marked so it can be found again", () => {
    expect(after.issueComments).toHaveLength(1);
    expect(after.issueComments[0]?.user).toBe(standin.botLogin);
    expect(after.issueComments[0]?.body.startsWith(SUMMARY_MARKER)).toBe(true);
  });

  test("the webhooks its own writes cause reach it and change nothing", () => {
    const echoes = standin.sent.map((w) => `${w.event}.${w.action} ${w.status}`);
    expect(echoes).toContain("issue_comment.created 200");
    expect(echoes.filter((e) => e === "pull_request.labeled 200")).toHaveLength(4);
    expect(echoes.every((e) => e.endsWith(" 200"))).toBe(true);
    expect(after.events.map((e) => e.event)).toEqual(["labeled", "labeled", "labeled", "labeled"]);
  });

  test("a redelivery of the same webhook writes nothing", async () => {
    standin.clearRequests();
    const again = await app.deliver("pull_request", pullRequestWebhook(standin, repo, pull.number, "opened"), { id: "delivery-opened" });
    expect(again.status).toBe(200);
    await settle();
    expect(writes()).toEqual([]);
    expect(snapshot()).toEqual(after);
  }, 90000);

  test("a forged signature is refused, and the app does not call GitHub", async () => {
    standin.clearRequests();
    const forged = await app.deliver("pull_request", pullRequestWebhook(standin, repo, pull.number, "opened"), { signature: `sha256=${"ab".repeat(32)}` });
    expect([400, 401]).toContain(forged.status);
    await settle();
    expect(standin.requests).toEqual([]);
    expect(snapshot()).toEqual(after);
  }, 90000);
});

describe("commands", () => {
  test("/triage from someone without write access gets a confused reaction and changes nothing", async () => {
    const before = snapshot();
    standin.clearRequests();
    const comment = standin.commentAs("drive-by", repo, pull.number, "/triage");
    const delivery = await app.deliver("issue_comment", issueCommentWebhook(standin, repo, comment, "created"));
    expect(delivery.status).toBe(200);
    await settle();
    expect(writes()).toEqual([`POST /repos/story-org/stories/issues/comments/${comment.id}/reactions -> 201`]);
    expect(snapshot().labels).toEqual(before.labels);
  }, 90000);
});

describe("a push that answers the FAQ", () => {
  let after: PullSnapshot;
  let firstSummaryId: number;

  beforeAll(async () => {
    firstSummaryId = snapshot().issueComments[0]?.id ?? -1;
    const fixed = STORY_TEXT.replace(
      "### What are the sources for this story?\n",
      "### What are the sources for this story?\n\nA week of debugging at work, and the chat that followed.\n\n### Why did you choose Grace to tell this story?\n\nGrace knows systems programming well, which makes the silent hang all the more puzzling.\n",
    );
    const head = new Map([[STORY, Buffer.from(fixed)]]);
    const base = new Map<string, Uint8Array>();
    const tree = Object.fromEntries([...(repo.commits.get(pull.headSha) ?? new Map<string, Uint8Array>())]);
    standin.addCommit(repo, "f1e2d3c4b5a69788796a5b4c3d2e1f0a1b2c3d4e", { ...tree, [STORY]: fixed });
    standin.push(repo, pull.number, "f1e2d3c4b5a69788796a5b4c3d2e1f0a1b2c3d4e", computeFiles(base, head));
    standin.clearRequests();
    const delivery = await app.deliver("pull_request", pullRequestWebhook(standin, repo, pull.number, "synchronize"));
    expect(delivery.status).toBe(200);
    await settle();
    after = snapshot();
  }, 90000);

  test("removes needs-faq and keeps the other labels", () => {
    expect(failedRequests()).toEqual([]);
    expect([...after.labels].sort()).toEqual(["character:Grace", "draft", "status-quo"]);
    expect(after.events.filter((e) => e.event === "unlabeled").map((e) => [e.label, e.actor])).toEqual([["needs-faq", standin.botLogin]]);
  });

  test("completes a new check run on the new head that passes", () => {
    const run = after.checkRuns.find((r) => r.headSha === pull.headSha);
    expect(run).toMatchObject({ status: "completed", conclusion: "success" });
  });

  test("edits the summary comment in place and posts no new review, only an answer to each of its comments", () => {
    const own = after.issueComments.filter((c) => c.user === standin.botLogin);
    expect(own.map((c) => c.id)).toEqual([firstSummaryId]);
    expect(own[0]?.body).toMatch(/no problems/i);
    expect(own[0]?.body).not.toMatch(/faq-missing|faq-unanswered/);
    const [first, ...answers] = after.reviews;
    expect(first?.comments.map((c) => c.inReplyToId)).toEqual([null, null]);
    // GitHub files each answer as a review of its own; the answers say the findings are fixed.
    expect(answers.map((r) => r.comments.map((c) => [c.inReplyToId !== null, c.body.split("\n")[0]]))).toEqual([
      [[true, "Fixed at f1e2d3c: story-triage no longer finds this problem."]],
      [[true, "Fixed at f1e2d3c: story-triage no longer finds this problem."]],
    ]);
  });
});

describe("a label a person removed", () => {
  test("is not put back by the next run", async () => {
    standin.unlabelAs("maintainer", repo, pull.number, "draft");
    standin.clearRequests();
    const comment = standin.commentAs("maintainer", repo, pull.number, "/triage");
    const delivery = await app.deliver("issue_comment", issueCommentWebhook(standin, repo, comment, "created"));
    expect(delivery.status).toBe(200);
    await settle();
    expect(failedRequests()).toEqual([]);
    expect([...snapshot().labels].sort()).toEqual(["character:Grace", "status-quo"]);
    expect(snapshot().issueComments.find((c) => c.id === comment.id)?.reactions).toEqual([`+1 by ${standin.botLogin}`]);
  }, 90000);
});
