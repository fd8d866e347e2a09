/**
 * The action end to end: the COMMITTED bundle (dist/action.cjs) run as its own process with the
 * variables a runner sets, against the GitHub stand-in, with a workflow's GITHUB_TOKEN (writes
 * come from github-actions[bot], which every workflow of the repository shares; GET /app is
 * refused; a fork's pull_request token is read-only). Each test names the exact writes.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { existsSync } from "node:fs";
import { createHash } from "node:crypto";
import { computeFiles } from "../../src/standin/seed.js";
import { pullRequestPayload } from "../../src/standin/webhooks.js";
import { Standin, type PullSnapshot } from "../../src/standin/server.js";
import { ACTION_BUNDLE, type ActionRun, runActionProcess } from "../support/action-process.js";
import { issueCommentWebhook, pullRequestWebhook } from "../support/payloads.js";
import { specProblems } from "../support/spec.js";
import { addStoryPull, DEMO_LABELS, DEMO_STORY, DEMO_STORY_PATH, type StoryRepo, seedStoryRepo } from "../support/story-world.js";

const ACTIONS_BOT = "github-actions[bot]";
const SUMMARY_MARKER = "<!-- story-triage:summary -->";
/** The demo story with its FAQ answered: no findings. */
const FIXED_STORY = DEMO_STORY.replace(
  "### What are the sources for this story?\n",
  "### What are the sources for this story?\n\nA week of debugging at work, and the chat that followed.\n\n### Why did you choose Grace to tell this story?\n\nGrace knows systems programming well, which makes the silent hang all the more puzzling.\n",
);

let standin: Standin;
let world: StoryRepo;
let token: string;
const PULL = 12;
/** Another workflow's comment and review, by the same github-actions[bot]. */
let otherComment: { id: number; body: string };
let otherReviewId: number;

function writes(): string[] {
  return standin.writes().map((r) => `${r.method} ${r.path} -> ${r.status}`);
}

function reads(): number {
  return standin.requests.filter((r) => r.method === "GET" || r.path === "/graphql").length;
}

/** Requests GitHub would refuse or not know, and write bodies its OpenAPI description rejects. */
function failedRequests(): string[] {
  const refused = standin.requests
    .filter((r) => r.unmatched || (r.status >= 400 && !(r.method === "GET" && r.status === 404)))
    .map((r) => `${r.method} ${r.path} -> ${r.status}`);
  return [...refused, ...specProblems(standin.requests)];
}

function snapshot(number = PULL): PullSnapshot {
  return standin.snapshot(world.repo, number);
}

async function run(eventName: string, payload: unknown, options: { token?: string; inputs?: Record<string, string> } = {}): Promise<ActionRun> {
  standin.clearRequests();
  const result = await runActionProcess(standin, world.repo, eventName, payload, { token: options.token ?? token, ...(options.inputs ? { inputs: options.inputs } : {}) });
  // What each event cost, for the record.
  process.stdout.write(`[action e2e] ${eventName}: ${standin.requests.length} requests (${reads()} reads, ${standin.writes().length} writes), exit ${result.code}\n`);
  return result;
}

function sha(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

beforeAll(async () => {
  if (!existsSync(ACTION_BUNDLE)) throw new Error("dist/action.cjs is missing: it is committed; run `npm run build` to make it again");
  standin = await Standin.start();
  world = seedStoryRepo(standin);
  addStoryPull(world, PULL, { [DEMO_STORY_PATH]: DEMO_STORY });
  standin.setPermission(world.repo, "maintainer", "write");
  token = standin.workflowToken(world.repo);
  // Another workflow of the repository (a welcome bot) already spoke on the pull request, as github-actions[bot].
  const comment = standin.commentAs(ACTIONS_BOT, world.repo, PULL, "Thanks for your first contribution! A maintainer will look soon.");
  otherComment = { id: comment.id, body: comment.body };
  const other = await fetch(`${standin.apiUrl}/repos/${world.repo.fullName}/pulls/${PULL}/reviews`, {
    method: "POST",
    headers: { authorization: `token ${standin.workflowToken(world.repo)}`, "content-type": "application/json" },
    body: JSON.stringify({ event: "REQUEST_CHANGES", body: "The spell checker found 2 typos." }),
  });
  otherReviewId = ((await other.json()) as { id: number }).id;
}, 30000);

afterAll(async () => {
  await standin?.close();
});

describe("pull_request_target opened: a story pull request", () => {
  let result: ActionRun;
  let after: PullSnapshot;

  beforeAll(async () => {
    result = await run("pull_request_target", pullRequestWebhook(standin, world.repo, PULL, "opened"));
    after = snapshot();
  }, 60000);

  test("exits 0 although the story has findings, and every request is one GitHub would accept", () => {
    expect(result.code).toBe(0);
    expect(failedRequests()).toEqual([]);
    expect(standin.requests.some((r) => r.path === "/app")).toBe(false);
  });

  test("writes the check run, labels, review and summary, as github-actions[bot]", () => {
    const base = `/repos/${world.repo.fullName}`;
    const checkRun = after.checkRuns[0]?.id;
    expect(writes()).toEqual([
      `POST ${base}/check-runs -> 201`,
      `POST ${base}/issues/${PULL}/labels -> 200`,
      // GitHub made the labels on the fly (grey): each gets its colour and description.
      ...["status-quo", "draft", "character:Grace", "needs-faq"].map((label) => `PATCH ${base}/labels/${label} -> 200`),
      `POST ${base}/pulls/${PULL}/reviews -> 200`,
      `POST ${base}/issues/${PULL}/comments -> 201`,
      `PATCH ${base}/check-runs/${checkRun} -> 200`,
    ]);
    expect([...after.labels].sort()).toEqual(DEMO_LABELS);
    expect(after.events.map((e) => e.actor)).toEqual(DEMO_LABELS.map(() => ACTIONS_BOT));
    expect(after.reviews.map((r) => r.user)).toEqual([ACTIONS_BOT, ACTIONS_BOT]);
    expect(after.checkRuns.map((r) => [r.name, r.status, r.conclusion])).toEqual([["story-triage", "completed", "failure"]]);
    expect(standin.world.repo("story-org", "stories")?.checkRuns[0]?.app.id).toBe(15368);
  });

  test("leaves the other workflow's comment alone and adds its own summary", () => {
    const comments = after.issueComments;
    expect(comments.map((c) => [c.user, c.body.startsWith(SUMMARY_MARKER)])).toEqual([
      [ACTIONS_BOT, false],
      [ACTIONS_BOT, true],
    ]);
    expect(comments[0]).toMatchObject(otherComment);
  });

  test("the job summary holds the summary comment's table; the outputs count the findings", () => {
    const summary = after.issueComments[1]?.body ?? "";
    expect(result.summary).toBe(`## story-triage: pull request #${PULL}\n\n${summary}\n`);
    expect(result.outputs).toEqual({ conclusion: "failure", findings: "2", stories: "1" });
    expect(result.stdout).toContain(`::group::story-triage: pull request #${PULL}`);
    expect(result.stdout).toContain("::endgroup::");
    // The check run carries the annotations; the run repeats none of them.
    expect(result.commands("error")).toEqual([]);
  });

  test("the same event again writes nothing", async () => {
    const again = await run("pull_request_target", pullRequestWebhook(standin, world.repo, PULL, "opened"));
    expect(again.code).toBe(0);
    expect(writes()).toEqual([]);
    expect(snapshot()).toEqual(after);
  }, 60000);

  test("pull_request.edited of the title alone asks for no triage: no request", async () => {
    const payload = pullRequestPayload(standin, world.repo, PULL, "edited", undefined, { changes: { title: { from: "Old title" } } });
    const edited = await run("pull_request_target", payload);
    expect(edited.code).toBe(0);
    expect(standin.requests).toEqual([]);
  }, 60000);
});

describe("/triage", () => {
  test("from a stranger gets 😕 and nothing else", async () => {
    const before = snapshot();
    const comment = standin.commentAs("drive-by", world.repo, PULL, "/triage");
    standin.clearRequests();
    const result = await run("issue_comment", issueCommentWebhook(standin, world.repo, comment, "created"));
    expect(result.code).toBe(0);
    expect(writes()).toEqual([`POST /repos/${world.repo.fullName}/issues/comments/${comment.id}/reactions -> 201`]);
    expect(snapshot().labels).toEqual(before.labels);
    expect(snapshot().checkRuns).toEqual(before.checkRuns);
  }, 60000);

  test("from a maintainer gets 👍 and a triage, which finds nothing new to write", async () => {
    const comment = standin.commentAs("maintainer", world.repo, PULL, "/triage");
    const result = await run("issue_comment", issueCommentWebhook(standin, world.repo, comment, "created"));
    expect(result.code).toBe(0);
    expect(writes()).toEqual([`POST /repos/${world.repo.fullName}/issues/comments/${comment.id}/reactions -> 201`]);
    expect(snapshot().issueComments.find((c) => c.id === comment.id)?.reactions).toEqual([`+1 by ${ACTIONS_BOT}`]);
    expect(result.outputs).toEqual({ conclusion: "failure", findings: "2", stories: "1" });
  }, 60000);

  test("from a maintainer after a person removed a label: the label stays off", async () => {
    standin.unlabelAs("maintainer", world.repo, PULL, "draft");
    const comment = standin.commentAs("maintainer", world.repo, PULL, "/triage");
    const result = await run("issue_comment", issueCommentWebhook(standin, world.repo, comment, "created"));
    expect(result.code).toBe(0);
    expect([...snapshot().labels].sort()).toEqual(DEMO_LABELS.filter((l) => l !== "draft"));
    // The summary now says the label was left off because a person removed it.
    const summary = snapshot().issueComments.find((c) => c.body.startsWith(SUMMARY_MARKER));
    expect(writes()).toEqual([
      `POST /repos/${world.repo.fullName}/issues/comments/${comment.id}/reactions -> 201`,
      `PATCH /repos/${world.repo.fullName}/issues/comments/${summary?.id} -> 200`,
    ]);
    expect(summary?.body).toContain("**Left off because a person removed them:** `draft`");
    standin.labelAs("maintainer", world.repo, PULL, "draft");
  }, 60000);
});

describe("a push that answers the FAQ", () => {
  let result: ActionRun;
  let after: PullSnapshot;

  beforeAll(async () => {
    const head = new Map([[DEMO_STORY_PATH, Buffer.from(FIXED_STORY)]]);
    const headSha = sha(`fixed ${FIXED_STORY}`);
    standin.addCommit(world.repo, headSha, { ...Object.fromEntries(world.base), [DEMO_STORY_PATH]: FIXED_STORY });
    standin.push(world.repo, PULL, headSha, computeFiles(world.base, head));
    result = await run("pull_request_target", pullRequestWebhook(standin, world.repo, PULL, "synchronize"));
    after = snapshot();
  }, 60000);

  test("takes needs-faq off, passes the new check run, answers its own comments, edits its summary", () => {
    expect(result.code).toBe(0);
    expect(failedRequests()).toEqual([]);
    const base = `/repos/${world.repo.fullName}`;
    const summary = after.issueComments.find((c) => c.body.startsWith(SUMMARY_MARKER));
    const run = after.checkRuns.at(-1);
    const own = after.reviews[1]!;
    expect(writes()).toEqual([
      `POST ${base}/check-runs -> 201`,
      `DELETE ${base}/issues/${PULL}/labels/needs-faq -> 200`,
      ...own.comments.map(() => expect.stringMatching(new RegExp(`^POST ${base}/pulls/${PULL}/comments/\\d+/replies -> 201$`))),
      `PATCH ${base}/issues/comments/${summary?.id} -> 200`,
      `PATCH ${base}/check-runs/${run?.id} -> 200`,
    ]);
    expect(run).toMatchObject({ status: "completed", conclusion: "success" });
    expect(result.outputs).toEqual({ conclusion: "success", findings: "0", stories: "1" });
  });

  test("never dismisses nor answers the other workflow's review, never edits its comment", () => {
    const other = after.reviews.find((r) => r.id === otherReviewId);
    expect(other).toMatchObject({ user: ACTIONS_BOT, state: "CHANGES_REQUESTED", dismissalMessage: null });
    expect(after.issueComments.find((c) => c.id === otherComment.id)).toMatchObject(otherComment);
    expect(standin.requests.some((r) => r.path.includes(String(otherReviewId)) || r.path.includes(`comments/${otherComment.id}`))).toBe(false);
  });
});

describe("a pull request from a fork", () => {
  const FORK_PULL = 31;

  beforeAll(() => {
    const fork = standin.addRepo({ owner: "outside-writer", name: "stories" });
    const headSha = sha(`fork ${DEMO_STORY}`);
    standin.addCommit(fork, headSha, { ...Object.fromEntries(world.base), [DEMO_STORY_PATH]: DEMO_STORY });
    standin.addPull(world.repo, {
      number: FORK_PULL,
      author: "outside-writer",
      headSha,
      baseSha: world.baseSha,
      files: computeFiles(world.base, new Map([[DEMO_STORY_PATH, Buffer.from(DEMO_STORY)]])),
      headRepo: fork,
    });
  });

  test("under pull_request the token is read-only: findings to the job summary and as annotations, nothing written, exit 0", async () => {
    const readOnly = standin.workflowToken(world.repo, { readOnly: true });
    const result = await run("pull_request", pullRequestWebhook(standin, world.repo, FORK_PULL, "opened"), { token: readOnly });
    expect(result.code).toBe(0);
    expect(writes()).toEqual([]);
    expect(snapshot(FORK_PULL)).toMatchObject({ labels: [], reviews: [], checkRuns: [], issueComments: [] });
    expect(result.commands("notice")).toEqual([`::story-triage: nothing was labelled on #${FORK_PULL}: the token of a pull_request run from a fork is read-only`]);
    expect(result.commands("error").map((line) => line.split("::")[0])).toEqual([
      expect.stringMatching(/^file=stories\/status_quo\/grace_chases_a_stuck_future\.md,line=\d+,endLine=\d+,title=faq-missing/),
      expect.stringMatching(/^file=stories\/status_quo\/grace_chases_a_stuck_future\.md,line=\d+,endLine=\d+,title=faq-unanswered/),
    ]);
    expect(result.summary).toContain("comes from a fork and the workflow runs on `pull_request`");
    expect(result.summary).toContain("### story-triage");
    expect(result.outputs).toEqual({ conclusion: "failure", findings: "2", stories: "1" });
  }, 60000);

  test("the stand-in refuses that token's writes as GitHub does", async () => {
    const readOnly = standin.workflowToken(world.repo, { readOnly: true });
    const answer = await fetch(`${standin.apiUrl}/repos/${world.repo.fullName}/issues/${FORK_PULL}/comments`, {
      method: "POST",
      headers: { authorization: `token ${readOnly}`, "content-type": "application/json" },
      body: JSON.stringify({ body: "hello" }),
    });
    expect(answer.status).toBe(403);
    expect(((await answer.json()) as { message: string }).message).toBe("Resource not accessible by integration");
  });

  test("under pull_request_target (the base's token, no code of the fork run) it is triaged as any other", async () => {
    const result = await run("pull_request_target", pullRequestWebhook(standin, world.repo, FORK_PULL, "opened"));
    expect(result.code).toBe(0);
    expect(failedRequests()).toEqual([]);
    const after = snapshot(FORK_PULL);
    expect([...after.labels].sort()).toEqual(DEMO_LABELS);
    expect(after.checkRuns.map((r) => r.conclusion)).toEqual(["failure"]);
    expect(after.issueComments.map((c) => c.user)).toEqual([ACTIONS_BOT]);
  }, 60000);
});

describe("with a GitHub App's token (actions/create-github-app-token) and its slug", () => {
  test("writes as the app, finds its own work by the app's id, and a second run writes nothing, as the app", async () => {
    const appRepo = seedStoryRepo(standin, { name: "with-app-token" });
    addStoryPull(appRepo, 7, { [DEMO_STORY_PATH]: DEMO_STORY });
    const appToken = standin.installationToken(appRepo.repo.installationId);
    const options = { token: appToken, inputs: { "app-slug": standin.world.app.slug } };
    standin.clearRequests();
    const first = await runActionProcess(standin, appRepo.repo, "pull_request_target", pullRequestWebhook(standin, appRepo.repo, 7, "opened"), options);
    expect(first.code).toBe(0);
    const after = standin.snapshot(appRepo.repo, 7);
    expect([...after.labels].sort()).toEqual(DEMO_LABELS);
    expect(after.events.map((e) => e.actor)).toEqual(DEMO_LABELS.map(() => standin.botLogin));
    expect(after.issueComments.map((c) => c.user)).toEqual([standin.botLogin]);
    expect(appRepo.repo.checkRuns.map((r) => r.app.id)).toEqual([standin.world.app.id]);
    expect(standin.requests.filter((r) => r.path.startsWith("/app")).map((r) => `${r.method} ${r.path}`)).toEqual([`GET /apps/${standin.world.app.slug}`]);
    standin.clearRequests();
    const second = await runActionProcess(standin, appRepo.repo, "pull_request_target", pullRequestWebhook(standin, appRepo.repo, 7, "synchronize"), options);
    expect(second.code).toBe(0);
    expect(standin.writes()).toEqual([]);
  }, 60000);
});

describe("failures that fail the step", () => {
  test("a broken configuration: a failing check run, the problems as an error, exit 1", async () => {
    const broken = seedStoryRepo(standin, { name: "broken", config: "kinds: 12\n" });
    addStoryPull(broken, 5, { [DEMO_STORY_PATH]: DEMO_STORY });
    standin.clearRequests();
    const result = await runActionProcess(standin, broken.repo, "pull_request_target", pullRequestWebhook(standin, broken.repo, 5, "opened"), {
      token: standin.workflowToken(broken.repo),
    });
    expect(result.code).toBe(1);
    expect(result.commands("error")).toEqual([expect.stringMatching(/^::story-triage: the configuration on the default branch cannot be used: /)]);
    expect(standin.snapshot(broken.repo, 5).checkRuns.map((r) => [r.conclusion, r.title])).toEqual([["failure", "Invalid configuration"]]);
  }, 60000);

  test("a token without permission to write checks: the step fails and says which permission", async () => {
    const other = seedStoryRepo(standin, { name: "no-checks" });
    addStoryPull(other, 6, { [DEMO_STORY_PATH]: DEMO_STORY });
    standin.setFault((request) => (request.method === "POST" && request.path.endsWith("/check-runs") ? { status: 403, body: { message: "Resource not accessible by integration" } } : undefined));
    try {
      const result = await runActionProcess(standin, other.repo, "pull_request_target", pullRequestWebhook(standin, other.repo, 6, "opened"), {
        token: standin.workflowToken(other.repo),
      });
      expect(result.code).toBe(1);
      expect(result.commands("error").filter((line) => line.startsWith("::story-triage could not finish"))).toEqual([
        "::story-triage could not finish pull request #6: GitHub refused the check run (HTTP 403): the token lacks a permission. Give the job `permissions:` contents: read, pull-requests: write, issues: write, checks: write.",
      ]);
      expect(result.outputs).toEqual({ conclusion: "failure", findings: "2", stories: "1" });
    } finally {
      standin.setFault(undefined);
    }
  }, 60000);

  test("runner variables missing: the step fails naming the variable", async () => {
    const result = await runActionProcess(standin, world.repo, "", {}, { token });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("::error::story-triage: GITHUB_EVENT_NAME is not set");
  }, 60000);
});
