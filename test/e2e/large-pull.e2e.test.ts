/**
 * Large pull requests through the built app (`probot run ./lib/index.js` as its own process)
 * against the GitHub stand-in, with signed webhooks and the app's own writes echoed back:
 *  - every story of the developers' corpus moved one folder deeper with its links unchanged (as
 *    the real reorganisation of the Rust async vision doc did): the review names the cause and
 *    the fix in its first lines and fits one review; a redelivery, `/triage` and **Re-run** write
 *    nothing (but the command's reaction); a push that mends half of the stories posts no review
 *    and updates the summary once (skipped, saying so, when the corpus is absent);
 *  - 3,100 changed files, 300 of them stories: the webhook is answered at once, the requests are
 *    those the reading needs (one per 100 listed files, one per modified story), none per
 *    finding, the review fits and says the shared problem once, and the check run says that
 *    GitHub listed only 3,000 of the files.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { manyFilesPull } from "../../src/standin/seed.js";
import { Standin, type PullSnapshot } from "../../src/standin/server.js";
import type { PullRequest, Repo } from "../../src/standin/state.js";
import { checkRunPayload } from "../../src/standin/webhooks.js";
import { REPO_ROOT, startAppProcess, type AppProcess } from "../support/app-process.js";
import { CORPUS } from "../support/corpus.js";
import { deeper, mendHalf, movedStoriesPull } from "../support/large-pulls.js";
import { issueCommentWebhook, pullRequestWebhook } from "../support/payloads.js";
import { specProblems } from "../support/spec.js";

const present = existsSync(join(CORPUS, "annotations.jsonl"));
if (!present) console.log(`large pull request tests skipped: no corpus at ${CORPUS}`);

const BASE_SHA = "1".repeat(40);
const HEAD_SHA = "2".repeat(40);
const MENDED_SHA = "3".repeat(40);

let standin: Standin;
let app: AppProcess;
let repo: Repo;
let pull: PullRequest;

/** The app throttles its writes (one a second, notifying ones three): quiet is 3.5 s without a request. */
async function settle(): Promise<void> {
  await standin.whenQuiet(3500, 180000);
}

/**
 * Writes since the last clearRequests(), as `METHOD path -> status` with ids as `:id`. A GraphQL
 * query is a POST but reads (the templates and the book's pages), and the installation token is
 * not a write to the pull request.
 */
function writes(): string[] {
  return standin
    .writes()
    .filter((r) => r.path !== "/api/graphql" && !r.path.startsWith("/app/installations/"))
    .map((r) => `${r.method} ${r.path.replace(/\/\d+$/, "/:id").replace(/\/comments\/\d+\//, "/comments/:id/")} -> ${r.status}`);
}

function failedRequests(): string[] {
  const refused = standin.requests
    .filter((r) => r.unmatched || (r.status >= 400 && !(r.method === "GET" && r.status === 404)))
    .map((r) => `${r.method} ${r.path} -> ${r.status}`);
  return [...refused, ...specProblems(standin.requests)];
}

function snapshot(): PullSnapshot {
  return standin.snapshot(repo, pull.number);
}

(present ? describe : describe.skip)("every corpus story moved one folder deeper", () => {
  const built = present ? movedStoriesPull() : null;
  let firstReviewBody = "";

  beforeAll(async () => {
    if (!existsSync(join(REPO_ROOT, "lib/index.js"))) throw new Error("lib/index.js is missing: run `npm run build` first (npm test does)");
    standin = await Standin.start();
    repo = standin.addRepo({ owner: "wg-async", name: "vision-doc" });
    standin.addCommit(repo, BASE_SHA, built!.base);
    standin.addCommit(repo, HEAD_SHA, built!.head);
    standin.setBranch(repo, repo.defaultBranch, BASE_SHA);
    pull = standin.addPull(repo, { number: 137, title: "Move the stories into submitted_stories", author: "nikomatsakis", headSha: HEAD_SHA, baseSha: BASE_SHA, files: built!.files });
    standin.setPermission(repo, "maintainer", "write");
    app = await startAppProcess(standin, { logLevel: "warn" });
    standin.forwardWebhooks({ url: app.webhookUrl, secret: app.secret, events: ["pull_request", "issue_comment", "check_run"] });
  }, 60000);

  afterAll(async () => {
    await app?.stop();
    await standin?.close();
  });

  test("first triage: one review whose first lines name the cause and the fix, within one review's limit", async () => {
    standin.clearRequests();
    const delivery = await app.deliver("pull_request", pullRequestWebhook(standin, repo, pull.number, "opened"), { id: "large-opened" });
    expect([200, 202]).toContain(delivery.status);
    expect(delivery.ms).toBeLessThan(10000);
    await settle();
    expect(failedRequests()).toEqual([]);
    const after = snapshot();
    expect(after.reviews).toHaveLength(1);
    const review = after.reviews[0]!;
    firstReviewBody = review.body;
    const summaryLength = after.issueComments.find((c) => c.user === standin.botLogin)?.body.length ?? 0;
    console.log(`moved-stories pull request: ${built!.moved.length} stories moved, summary comment ${summaryLength} characters; first triage writes:\n  ${writes().join("\n  ")}\nreview (${review.body.length} characters, ${review.comments.length} comments), first lines:\n  ${review.body.split("\n").slice(0, 3).join("\n  ")}`);
    expect(review.body.length).toBeLessThanOrEqual(65536);
    expect(review.comments).toEqual([]);
    // One check run (its annotations 50 a request), the labels, one review, one summary comment.
    const annotations = after.checkRuns[0]?.annotations.length ?? 0;
    expect(writes()).toEqual([
      "POST /repos/wg-async/vision-doc/check-runs -> 201",
      "POST /repos/wg-async/vision-doc/issues/137/labels -> 200",
      ...after.labels.map(() => expect.stringMatching(/^PATCH \/repos\/wg-async\/vision-doc\/labels\/[\w-]+ -> 200$/)),
      "POST /repos/wg-async/vision-doc/pulls/137/reviews -> 200",
      "POST /repos/wg-async/vision-doc/issues/137/comments -> 201",
      ...Array.from({ length: Math.ceil(annotations / 50) }, () => "PATCH /repos/wg-async/vision-doc/check-runs/:id -> 200"),
    ]);
    const lines = review.body.split("\n");
    expect(lines[0]).toMatch(/^story-triage found \d+ new problems in this pull request's stories(, all from one cause:|; \d+ of them come from [\d\w ,]+:)$/);
    expect(lines[2]).toMatch(
      /^⚠️ \*\*`link-broken`\*\*: These \d+ stories moved one folder deeper \(`src\/vision\/shiny_future\/` to `src\/vision\/submitted_stories\/shiny_future\/` and `src\/vision\/status_quo\/` to `src\/vision\/submitted_stories\/status_quo\/`\); \d+ relative links to `\.\.\/[^`]+\/…`.* now stop one level short: use `\.\.\/\.\.\/` instead of `\.\.\/`\.$/,
    );
    expect(review.body).not.toContain("… and");
  }, 240000);

  test("a redelivery of the same webhook writes nothing", async () => {
    standin.clearRequests();
    const delivery = await app.deliver("pull_request", pullRequestWebhook(standin, repo, pull.number, "opened"), { id: "large-opened" });
    expect(delivery.status).toBe(200);
    await settle();
    expect(writes()).toEqual([]);
  }, 120000);

  test("/triage by a maintainer writes nothing but its reaction", async () => {
    standin.clearRequests();
    const comment = standin.commentAs("maintainer", repo, pull.number, "/triage");
    const delivery = await app.deliver("issue_comment", issueCommentWebhook(standin, repo, comment, "created"));
    expect(delivery.status).toBe(200);
    await settle();
    expect(writes()).toEqual(["POST /repos/wg-async/vision-doc/issues/comments/:id/reactions -> 201"]);
  }, 120000);

  test("Re-run writes nothing", async () => {
    standin.clearRequests();
    const run = repo.checkRuns.filter((r) => r.headSha === HEAD_SHA).at(-1)!;
    const delivery = await app.deliver("check_run", checkRunPayload(standin, repo, run, "rerequested", "maintainer"));
    expect(delivery.status).toBe(200);
    await settle();
    expect(writes()).toEqual([]);
    expect(snapshot().reviews).toHaveLength(1);
  }, 120000);

  test("a push that mends half of the stories posts no review and updates the summary once", async () => {
    const { head, files, mended } = mendHalf(built!);
    standin.addCommit(repo, MENDED_SHA, head);
    standin.push(repo, pull.number, MENDED_SHA, files);
    standin.clearRequests();
    const delivery = await app.deliver("pull_request", pullRequestWebhook(standin, repo, pull.number, "synchronize"));
    expect(delivery.status).toBe(200);
    await settle();
    expect(failedRequests()).toEqual([]);
    const done = writes();
    console.log(`moved-stories pull request: a push mending ${mended.length} stories writes:\n  ${done.join("\n  ")}`);
    const after = snapshot();
    expect(after.reviews.map((r) => r.body)).toEqual([firstReviewBody]);
    expect(done.filter((w) => !w.includes("/check-runs"))).toEqual(["PATCH /repos/wg-async/vision-doc/issues/comments/:id -> 200"]);
    expect(done.filter((w) => w.startsWith("POST ") && w.includes("/check-runs"))).toEqual(["POST /repos/wg-async/vision-doc/check-runs -> 201"]);
    const summary = after.issueComments.find((c) => c.user === standin.botLogin)!.body;
    expect(summary).toContain(`\`${deeper(built!.moved[1]!)}\``);
  }, 240000);
});

describe("3,100 changed files, 300 of them stories", () => {
  const STORY_DIR = "stories/status_quo";
  const DEMO = join(REPO_ROOT, "fixtures/demo");
  const config = `stories:\n  status-quo:\n    paths: ["${STORY_DIR}/*.md"]\n    exclude: ["${STORY_DIR}/template.md"]\ncharacters: [Alan, Grace, Niklaus, Barbara]\n`;
  const built = manyFilesPull({
    files: 3100,
    stories: 300,
    storyDir: STORY_DIR,
    story: readFileSync(join(DEMO, "head", STORY_DIR, "grace_chases_a_stuck_future.md"), "utf8"),
    baseFiles: { ".github/story-triage.yml": config, [`${STORY_DIR}/template.md`]: readFileSync(join(DEMO, "base", STORY_DIR, "template.md"), "utf8") },
  });
  let ms = 0;
  let status = 0;

  beforeAll(async () => {
    if (!existsSync(join(REPO_ROOT, "lib/index.js"))) throw new Error("lib/index.js is missing: run `npm run build` first (npm test does)");
    standin = await Standin.start();
    repo = standin.addRepo({ owner: "big-org", name: "monorepo" });
    standin.addCommit(repo, BASE_SHA, built.base);
    standin.addCommit(repo, HEAD_SHA, built.head);
    standin.setBranch(repo, repo.defaultBranch, BASE_SHA);
    pull = standin.addPull(repo, { number: 3100, title: "Vendor a dependency, and 300 stories", headSha: HEAD_SHA, baseSha: BASE_SHA, files: built.files });
    app = await startAppProcess(standin, { logLevel: "warn" });
    standin.forwardWebhooks({ url: app.webhookUrl, secret: app.secret, events: ["pull_request", "issue_comment", "check_run"] });
    standin.clearRequests();
    const delivery = await app.deliver("pull_request", pullRequestWebhook(standin, repo, pull.number, "opened"));
    ms = delivery.ms;
    status = delivery.status;
    await settle();
  }, 300000);

  afterAll(async () => {
    await app?.stop();
    await standin?.close();
  });

  test("the webhook is answered at once and every request is one GitHub would accept", () => {
    expect([200, 202]).toContain(status);
    expect(ms).toBeLessThan(10000);
    expect(failedRequests()).toEqual([]);
  });

  test("requests are those the reading needs: 30 pages of files, one read per modified story, none per finding", () => {
    const count = (pattern: RegExp) => standin.requests.filter((r) => pattern.test(`${r.method} ${r.path}`)).length;
    const figures = {
      all: standin.requests.length,
      filePages: count(/^GET \/repos\/big-org\/monorepo\/pulls\/3100\/files/),
      storyReads: count(/^GET \/repos\/big-org\/monorepo\/contents\/stories\/status_quo\/story_/),
      annotationBatches: count(/^PATCH \/repos\/big-org\/monorepo\/check-runs\//),
      writes: writes().length,
    };
    const others = standin.requests.map((r) => `${r.method} ${r.path.replace(/\?.*$/, "")}`).filter((r) => !/\/files$|\/contents\/stories\/status_quo\/story_|PATCH .*check-runs\//.test(r));
    console.log(`3,100-file pull request (300 stories): ${JSON.stringify(figures)}; webhook answered in ${ms.toFixed(0)} ms; the other requests:\n  ${others.join("\n  ")}`);
    expect(figures.filePages).toBe(30);
    expect(figures.storyReads).toBe(150);
    // 600 findings: 12 requests of 50 annotations complete the check run.
    expect(figures.annotationBatches).toBe(12);
    // The other 15: the installation token, the pull request, the configuration, the head's tree, the template, the timeline and the
    // check run; then the check run opened, the labels (and the four new ones' colors), the review and the summary.
    expect(figures.all).toBe(207);
  });

  test("one review that fits and says the problem the 150 added stories share once", () => {
    const after = snapshot();
    expect(after.reviews).toHaveLength(1);
    const review = after.reviews[0]!;
    expect(review.body.length).toBeLessThanOrEqual(65536);
    expect(review.comments).toHaveLength(30);
    expect(review.body.split("\n").slice(0, 3)).toEqual([
      "story-triage found 300 new problems in this pull request's stories, all from 2 causes, each said once:",
      "",
      "❌ **`faq-missing`**: in 150 stories: Question `Why did you choose *NAME* to tell this story?` is missing from the `🤔 Frequently Asked Questions` section; expected it with an answer.",
    ]);
  });

  test("the check run says GitHub listed only 3,000 of the files", () => {
    const run = snapshot().checkRuns.find((r) => r.headSha === HEAD_SHA);
    expect(run?.summary?.startsWith("GitHub lists only the first 3,000 files of a pull request, and this one changes 3,100: stories among the other 100 were not checked.")).toBe(true);
    expect(run?.annotations).toHaveLength(600);
  });
});
