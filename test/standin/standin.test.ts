import { afterAll, beforeAll, beforeEach, describe, expect, test } from "@jest/globals";
import { makePatch } from "../../src/standin/diff.js";
import { Standin } from "../../src/standin/server.js";
import type { PullFile, Repo } from "../../src/standin/state.js";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { signWebhook } from "../../src/standin/webhooks.js";
import { installationToken, octokitWithToken, type TestOctokit } from "../support/octokit.js";

const STORY = "stories/status_quo/grace_waits.md";
const BEFORE = "# Grace waits\n\nOld text.\n";
const AFTER = ["# Grace waits", "", "New text.", "", "## FAQ", "", "### What are the morals?", "", "Waiting is hard.", ""].join("\n");

let standin: Standin;
let repo: Repo;
let octokit: TestOctokit;
let token: string;
const owner = "story-org";
const name = "stories";
const where = { owner, repo: name };

function fileFor(path: string, before: string | null, after: string): PullFile {
  const patch = makePatch(before, after);
  const additions = patch.split("\n").filter((l) => l.startsWith("+")).length;
  const deletions = patch.split("\n").filter((l) => l.startsWith("-")).length;
  return { filename: path, status: before === null ? "added" : "modified", additions, deletions, changes: additions + deletions, patch };
}

function httpStatus(error: unknown): number | undefined {
  return typeof error === "object" && error !== null && "status" in error && typeof error.status === "number" ? error.status : undefined;
}

async function statusOf(promise: Promise<unknown>): Promise<number | undefined> {
  try {
    await promise;
    return 200;
  } catch (error) {
    return httpStatus(error);
  }
}

beforeAll(async () => {
  standin = await Standin.start();
});

afterAll(async () => {
  await standin.close();
});

beforeEach(async () => {
  standin.world.repos.clear();
  repo = standin.addRepo({ owner, name });
  standin.addCommit(repo, "base1", { [STORY]: BEFORE, ".github/story-triage.yml": "characters: [Grace]\n" });
  standin.addCommit(repo, "head1", { [STORY]: AFTER, ".github/story-triage.yml": "characters: [Grace]\n" });
  standin.setBranch(repo, "main", "base1");
  standin.addPull(repo, { number: 7, title: "Grace waits", author: "alice", headSha: "head1", baseSha: "base1", files: [fileFor(STORY, BEFORE, AFTER)] });
  token = await installationToken(standin);
  octokit = octokitWithToken(standin, token);
  standin.clearRequests();
});

describe("authentication", () => {
  test("an installation token needs the app's JWT, and repository calls need a token", async () => {
    const noJwt = await fetch(`${standin.apiUrl}/app/installations/77/access_tokens`, { method: "POST" });
    expect(noJwt.status).toBe(401);
    const anonymous = await fetch(`${standin.apiUrl}/repos/${owner}/${name}/pulls/7`);
    expect(anonymous.status).toBe(401);
    const forged = await fetch(`${standin.apiUrl}/repos/${owner}/${name}/pulls/7`, { headers: { authorization: "token ghs_never_issued" } });
    expect(forged.status).toBe(401);
    expect(await fetch(`${standin.apiUrl}/app/installations/999/access_tokens`, { method: "POST", headers: { authorization: "Bearer a.b.c" } }).then((r) => r.status)).toBe(404);
  });

  test("another installation's token cannot see the repository", async () => {
    standin.addRepo({ owner: "elsewhere", name: "other", installationId: 88 });
    const other = octokitWithToken(standin, await installationToken(standin, 88));
    expect(await statusOf(other.rest.pulls.get({ ...where, pull_number: 7 }))).toBe(404);
  });

  test("GET /repos/{o}/{r}/installation answers the repository's installation to the app", async () => {
    const response = await fetch(`${standin.apiUrl}/repos/${owner}/${name}/installation`, { headers: { authorization: "Bearer a.b.c" } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: 77, app_slug: "story-triage" });
  });
});

describe("pull requests, files and contents", () => {
  test("the pull request shows head, base, author and draft flag", async () => {
    const { data } = await octokit.rest.pulls.get({ ...where, pull_number: 7 });
    expect(data).toMatchObject({ number: 7, title: "Grace waits", draft: false, user: { login: "alice" }, head: { sha: "head1" }, base: { sha: "base1", ref: "main" } });
  });

  test("files are paginated with a Link header and capped at 3,000 like GitHub", async () => {
    const many = Array.from({ length: 3005 }, (_, i) => fileFor(`docs/f${i}.md`, null, `file ${i}\n`));
    standin.push(repo, 7, "head1", many);
    const first = await octokit.rest.pulls.listFiles({ ...where, pull_number: 7, per_page: 100 });
    expect(first.data).toHaveLength(100);
    expect(first.headers.link).toContain('rel="next"');
    expect(first.headers.link).toContain("page=30>; rel=\"last\"");
    const all = await octokit.paginate(octokit.rest.pulls.listFiles, { ...where, pull_number: 7, per_page: 100 });
    expect(all).toHaveLength(3000);
    expect(all[2999]?.filename).toBe("docs/f2999.md");
  });

  test("contents come as base64 JSON, or raw text with the raw media type, at a ref", async () => {
    const json = await octokit.rest.repos.getContent({ ...where, path: STORY, ref: "head1" });
    expect(Array.isArray(json.data)).toBe(false);
    if (Array.isArray(json.data) || json.data.type !== "file" || !("content" in json.data)) throw new Error("expected a file");
    expect(Buffer.from(json.data.content, "base64").toString("utf8")).toBe(AFTER);
    const raw = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", { ...where, path: STORY, ref: "base1", mediaType: { format: "raw" } });
    expect(raw.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(raw.data).toBe(BEFORE);
    expect(await statusOf(octokit.rest.repos.getContent({ ...where, path: "stories/absent.md", ref: "head1" }))).toBe(404);
    expect(await statusOf(octokit.rest.repos.getContent({ ...where, path: STORY, ref: "no-such-ref" }))).toBe(404);
  });

  test("Probot's config reader finds the config on the default branch", async () => {
    const { config } = await octokit.config.get({ ...where, path: ".github/story-triage.yml" });
    expect(config).toEqual({ characters: ["Grace"] });
  });

  test("a folder lists its entries", async () => {
    const { data } = await octokit.rest.repos.getContent({ ...where, path: "stories/status_quo", ref: "head1" });
    expect(Array.isArray(data) ? data.map((e) => [e.type, e.path]) : data).toEqual([["file", STORY]]);
  });
});

describe("labels", () => {
  test("adding creates missing labels, removing twice is a 404, and events name who did it", async () => {
    await octokit.rest.issues.addLabels({ ...where, issue_number: 7, labels: ["draft", "character:Grace"] });
    standin.labelAs("maintainer", repo, 7, "needs-faq");
    await octokit.rest.issues.removeLabel({ ...where, issue_number: 7, name: "draft" });
    expect(await statusOf(octokit.rest.issues.removeLabel({ ...where, issue_number: 7, name: "draft" }))).toBe(404);
    expect(standin.snapshot(repo, 7).labels).toEqual(["character:Grace", "needs-faq"]);
    const { data } = await octokit.rest.issues.listEvents({ ...where, issue_number: 7 });
    expect(data.map((e) => [e.event, "label" in e ? e.label?.name : undefined, e.actor?.login, e.performed_via_github_app?.slug ?? null])).toEqual([
      ["labeled", "draft", "story-triage[bot]", "story-triage"],
      ["labeled", "character:Grace", "story-triage[bot]", "story-triage"],
      ["labeled", "needs-faq", "maintainer", null],
      ["unlabeled", "draft", "story-triage[bot]", "story-triage"],
    ]);
    expect((await octokit.rest.issues.getLabel({ ...where, name: "character:Grace" })).data.color).toBe("ededed");
  });

  test("a label name longer than 50 characters is refused", async () => {
    const long = "x".repeat(51);
    expect(await statusOf(octokit.rest.issues.createLabel({ ...where, name: long, color: "ff0000" }))).toBe(422);
    expect(await statusOf(octokit.rest.issues.addLabels({ ...where, issue_number: 7, labels: [long] }))).toBe(422);
    expect(await statusOf(octokit.rest.issues.createLabel({ ...where, name: "x".repeat(50), color: "ff0000" }))).toBe(200);
    expect(await statusOf(octokit.rest.issues.createLabel({ ...where, name: "x".repeat(50), color: "ff0000" }))).toBe(422);
  });

  test("setting labels replaces them", async () => {
    await octokit.rest.issues.addLabels({ ...where, issue_number: 7, labels: ["a", "b"] });
    const { data } = await octokit.rest.issues.setLabels({ ...where, issue_number: 7, labels: ["b", "c"] });
    expect(data.map((l) => l.name)).toEqual(["b", "c"]);
  });
});

describe("reviews", () => {
  test("a review with a comment off the diff is refused whole", async () => {
    const status = await statusOf(
      octokit.rest.pulls.createReview({
        ...where,
        pull_number: 7,
        event: "COMMENT",
        body: "Triage",
        comments: [
          { path: STORY, line: 9, body: "fine" },
          { path: STORY, line: 40, body: "off the diff" },
        ],
      }),
    );
    expect(status).toBe(422);
    expect(standin.snapshot(repo, 7).reviews).toEqual([]);
  });

  test("comments land on added and context lines, by line or by position", async () => {
    await octokit.rest.pulls.createReview({
      ...where,
      pull_number: 7,
      commit_id: "head1",
      event: "COMMENT",
      body: "Triage",
      comments: [
        { path: STORY, line: 9, body: "an added line" },
        { path: STORY, line: 1, side: "RIGHT", body: "a context line" },
        { path: STORY, line: 3, side: "LEFT", body: "a deleted line" },
        { path: STORY, position: 1, body: "by position" },
      ],
    });
    const [review] = standin.snapshot(repo, 7).reviews;
    expect(review).toMatchObject({ user: "story-triage[bot]", state: "COMMENTED", body: "Triage", commitId: "head1" });
    expect(review?.comments).toEqual([
      { path: STORY, line: 9, side: "RIGHT", startLine: null, body: "an added line", inReplyToId: null },
      { path: STORY, line: 1, side: "RIGHT", startLine: null, body: "a context line", inReplyToId: null },
      { path: STORY, line: 3, side: "LEFT", startLine: null, body: "a deleted line", inReplyToId: null },
      { path: STORY, line: 1, side: "RIGHT", startLine: null, body: "by position", inReplyToId: null },
    ]);
    const listed = await octokit.rest.pulls.listReviewComments({ ...where, pull_number: 7 });
    expect(listed.data.map((c) => [c.line, c.pull_request_review_id])).toEqual(review?.comments.map((c) => [c.line, review.id]));
  });

  test("a reply joins its comment's thread (a reply to a reply too), as a review of its own; the timeline shows the thread once", async () => {
    await octokit.rest.pulls.createReview({ ...where, pull_number: 7, event: "COMMENT", body: "", comments: [{ path: STORY, line: 9, body: "first" }] });
    const [first] = (await octokit.rest.pulls.listReviewComments({ ...where, pull_number: 7 })).data;
    const reply = await octokit.rest.pulls.createReplyForReviewComment({ ...where, pull_number: 7, comment_id: first?.id ?? 0, body: "answer" });
    const again = await octokit.rest.pulls.createReplyForReviewComment({ ...where, pull_number: 7, comment_id: reply.data.id, body: "again" });
    expect([reply.status, reply.data.in_reply_to_id, again.data.in_reply_to_id, reply.data.line]).toEqual([201, first?.id, first?.id, 9]);
    expect(standin.snapshot(repo, 7).reviews.map((r) => [r.state, r.comments.map((c) => c.body)])).toEqual([
      ["COMMENTED", ["first"]],
      ["COMMENTED", ["answer"]],
      ["COMMENTED", ["again"]],
    ]);
    const timeline = await octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}/timeline", { ...where, issue_number: 7 });
    const threads = (timeline.data as Array<{ event?: string; comments?: Array<{ body: string }> }>).filter((e) => e.event === "line-commented");
    expect(threads.map((t) => t.comments?.map((c) => c.body))).toEqual([["first", "answer", "again"]]);
    expect(await statusOf(octokit.rest.pulls.createReplyForReviewComment({ ...where, pull_number: 7, comment_id: 999999, body: "x" }))).toBe(404);
    expect(await statusOf(octokit.rest.pulls.createReplyForReviewComment({ ...where, pull_number: 7, comment_id: first?.id ?? 0, body: "" }))).toBe(422);
  });

  test("dismissing a review needs a message, and keeps it", async () => {
    const { data } = await octokit.rest.pulls.createReview({ ...where, pull_number: 7, event: "REQUEST_CHANGES", body: "fix it" });
    expect(await statusOf(octokit.request("PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/dismissals", { ...where, pull_number: 7, review_id: data.id, message: "" }))).toBe(422);
    await octokit.rest.pulls.dismissReview({ ...where, pull_number: 7, review_id: data.id, message: "fixed", event: "DISMISS" });
    expect(standin.snapshot(repo, 7).reviews.map((r) => [r.state, r.dismissalMessage])).toEqual([["DISMISSED", "fixed"]]);
  });

  test("a file the pull request does not touch, or without a patch, takes no comment", async () => {
    expect(await statusOf(octokit.rest.pulls.createReview({ ...where, pull_number: 7, event: "COMMENT", body: "x", comments: [{ path: "README.md", line: 1, body: "no" }] }))).toBe(422);
    standin.push(repo, 7, "head1", [{ filename: STORY, status: "modified", additions: 1, deletions: 0, changes: 1 }]);
    expect(await statusOf(octokit.rest.pulls.createReview({ ...where, pull_number: 7, event: "COMMENT", body: "x", comments: [{ path: STORY, line: 1, body: "no" }] }))).toBe(422);
  });

  test("a review body or comment longer than 65,536 characters is refused", async () => {
    expect(await statusOf(octokit.rest.pulls.createReview({ ...where, pull_number: 7, event: "COMMENT", body: "x".repeat(65537) }))).toBe(422);
    expect(await statusOf(octokit.rest.pulls.createReview({ ...where, pull_number: 7, event: "COMMENT", body: "x".repeat(65536) }))).toBe(200);
  });
});

describe("check runs", () => {
  const annotation = { path: STORY, start_line: 9, end_line: 9, annotation_level: "warning" as const, message: "answer missing" };

  test("at most 50 annotations per request; updates append them", async () => {
    const tooMany = Array.from({ length: 51 }, () => annotation);
    expect(await statusOf(octokit.rest.checks.create({ ...where, name: "story-triage", head_sha: "head1", output: { title: "t", summary: "s", annotations: tooMany } }))).toBe(422);
    const created = await octokit.rest.checks.create({
      ...where,
      name: "story-triage",
      head_sha: "head1",
      status: "in_progress",
      output: { title: "Checking", summary: "1 story", annotations: tooMany.slice(0, 50) },
    });
    await octokit.rest.checks.update({ ...where, check_run_id: created.data.id, conclusion: "neutral", output: { title: "2 findings", summary: "done", annotations: [annotation] } });
    const [run] = standin.snapshot(repo, 7).checkRuns;
    expect(run).toMatchObject({ name: "story-triage", status: "completed", conclusion: "neutral", title: "2 findings", summary: "done" });
    expect(run?.annotations).toHaveLength(51);
    const listed = await octokit.rest.checks.listForRef({ ...where, ref: "head1", check_name: "story-triage" });
    expect(listed.data.check_runs.map((r) => [r.id, r.conclusion])).toEqual([[created.data.id, "neutral"]]);
  });

  test("completed needs a conclusion, and levels are GitHub's", async () => {
    expect(await statusOf(octokit.rest.checks.create({ ...where, name: "n", head_sha: "head1", status: "completed" }))).toBe(422);
    const badLevel = await fetch(`${standin.apiUrl}/repos/${owner}/${name}/check-runs`, {
      method: "POST",
      headers: { authorization: `token ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "n", head_sha: "head1", output: { title: "t", summary: "s", annotations: [{ ...annotation, annotation_level: "error" }] } }),
    });
    expect(badLevel.status).toBe(422);
    expect(await statusOf(octokit.rest.checks.create({ ...where, name: "n", head_sha: "unknown-sha" }))).toBe(422);
  });
});

describe("issue comments", () => {
  test("create, update in place, react; another user's comment cannot be edited", async () => {
    const created = await octokit.rest.issues.createComment({ ...where, issue_number: 7, body: "<!-- story-triage -->\nSummary" });
    await octokit.rest.issues.updateComment({ ...where, comment_id: created.data.id, body: "<!-- story-triage -->\nSummary 2" });
    const person = standin.commentAs("maintainer", repo, 7, "/triage");
    await octokit.rest.reactions.createForIssueComment({ ...where, comment_id: person.id, content: "eyes" });
    expect(await statusOf(octokit.rest.issues.updateComment({ ...where, comment_id: person.id, body: "hijack" }))).toBe(403);
    expect(standin.snapshot(repo, 7).issueComments).toEqual([
      { id: created.data.id, user: "story-triage[bot]", body: "<!-- story-triage -->\nSummary 2", reactions: [] },
      { id: person.id, user: "maintainer", body: "/triage", reactions: ["eyes by story-triage[bot]"] },
    ]);
  });

  test("a comment longer than 65,536 characters is refused", async () => {
    expect(await statusOf(octokit.rest.issues.createComment({ ...where, issue_number: 7, body: "x".repeat(65537) }))).toBe(422);
    expect(standin.snapshot(repo, 7).issueComments).toEqual([]);
  });

  test("collaborator permission: the owner is admin, set permissions, others none", async () => {
    standin.setPermission(repo, "maintainer", "maintain");
    const get = (username: string) => octokit.rest.repos.getCollaboratorPermissionLevel({ ...where, username }).then((r) => [r.data.permission, r.data.role_name]);
    expect(await get(owner)).toEqual(["admin", "admin"]);
    expect(await get("maintainer")).toEqual(["write", "maintain"]);
    expect(await get("drive-by")).toEqual(["none", "none"]);
  });
});

describe("timeline", () => {
  test("tells comments, label changes, reviews and review comments in order, marking the app's own", async () => {
    await octokit.rest.issues.addLabels({ ...where, issue_number: 7, labels: ["draft"] });
    await octokit.rest.issues.createComment({ ...where, issue_number: 7, body: "summary" });
    standin.unlabelAs("maintainer", repo, 7, "draft");
    await octokit.rest.pulls.createReview({ ...where, pull_number: 7, event: "COMMENT", body: "review", comments: [{ path: STORY, line: 9, body: "line" }] });
    standin.commentAs("maintainer", repo, 7, "/triage");
    const items: unknown[] = await octokit.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/timeline", { ...where, issue_number: 7, per_page: 2 });
    const brief = items.map((item) => {
      const i = item as { event: string; body?: string; label?: { name: string }; actor?: { login: string }; user?: { login: string }; performed_via_github_app?: { id: number } | null; comments?: Array<{ body: string; user: { login: string } }> };
      const who = i.actor?.login ?? i.user?.login ?? i.comments?.[0]?.user.login;
      return [i.event, who, i.label?.name ?? i.body ?? i.comments?.[0]?.body, i.performed_via_github_app?.id ?? null];
    });
    expect(brief).toEqual([
      ["labeled", "story-triage[bot]", "draft", 4242],
      ["commented", "story-triage[bot]", "summary", 4242],
      ["unlabeled", "maintainer", "draft", null],
      ["reviewed", "story-triage[bot]", "review", null],
      ["line-commented", "story-triage[bot]", "line", null],
      ["commented", "maintainer", "/triage", null],
    ]);
  });
});

describe("recording and faults", () => {
  test("every request is recorded with its status and actor; unknown routes are flagged", async () => {
    await octokit.rest.issues.addLabels({ ...where, issue_number: 7, labels: ["draft"] });
    expect(await statusOf(octokit.request("GET /repos/{owner}/{repo}/milestones", where))).toBe(404);
    expect(standin.writes()).toEqual([
      { seq: expect.any(Number), method: "POST", path: `/repos/${owner}/${name}/issues/7/labels`, query: {}, body: { labels: ["draft"] }, status: 200, actor: "story-triage[bot]", unmatched: false },
    ]);
    expect(standin.unmatched().map((r) => `${r.method} ${r.path}`)).toEqual([`GET /repos/${owner}/${name}/milestones`]);
  });

  test("a fault hook can answer with a status, delay, or drop the connection", async () => {
    standin.setFault((request) => {
      if (request.method === "POST" && request.path.endsWith("/labels")) return { status: 502, body: { message: "Bad gateway" } };
      if (request.path.endsWith("/comments")) return { drop: true };
      if (request.path.endsWith("/pulls/7")) return { delayMs: 150 };
      return undefined;
    });
    try {
      expect(await statusOf(octokit.rest.issues.addLabels({ ...where, issue_number: 7, labels: ["draft"] }))).toBe(502);
      expect(standin.snapshot(repo, 7).labels).toEqual([]);
      await expect(octokit.rest.issues.listComments({ ...where, issue_number: 7 })).rejects.toThrow();
      const started = Date.now();
      await octokit.rest.pulls.get({ ...where, pull_number: 7 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      expect(standin.requests.map((r) => [r.method, r.status, r.fault])).toEqual([
        ["POST", 502, "status"],
        ["GET", -1, "drop"],
        ["GET", 200, "delay"],
      ]);
    } finally {
      standin.setFault(undefined);
    }
  });
});

describe("webhook forwarding", () => {
  test("the app's writes come back as the webhooks GitHub would send, signed, for subscribed events only", async () => {
    const received: Array<[string, string, string, boolean]> = [];
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const payload = JSON.parse(body) as { action: string; sender: { login: string } };
        const signed = req.headers["x-hub-signature-256"] === signWebhook("echo-secret", body);
        received.push([String(req.headers["x-github-event"]), payload.action, payload.sender.login, signed]);
        res.writeHead(200).end("ok");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`;
    standin.forwardWebhooks({ url, secret: "echo-secret", events: ["pull_request", "issue_comment", "check_run"] });
    try {
      await octokit.rest.issues.addLabels({ ...where, issue_number: 7, labels: ["draft"] });
      await octokit.rest.issues.addLabels({ ...where, issue_number: 7, labels: ["draft"] });
      await octokit.rest.issues.createComment({ ...where, issue_number: 7, body: "summary" });
      await octokit.rest.checks.create({ ...where, name: "story-triage", head_sha: "head1", conclusion: "success", output: { title: "t", summary: "s" } });
      await octokit.rest.pulls.createReview({ ...where, pull_number: 7, event: "COMMENT", body: "review" });
      await standin.whenQuiet(100);
      expect(received).toEqual([
        ["pull_request", "labeled", "story-triage[bot]", true],
        ["issue_comment", "created", "story-triage[bot]", true],
        ["check_run", "created", "story-triage[bot]", true],
        ["check_run", "completed", "story-triage[bot]", true],
      ]);
      expect(standin.sent.map((w) => [w.event, w.action, w.status])).toEqual(received.map(([event, action]) => [event, action, 200]));
    } finally {
      standin.forwardWebhooks(undefined);
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});

describe("webhook signatures", () => {
  test("match GitHub's documented example", () => {
    // From GitHub's "Validating webhook deliveries" page.
    expect(signWebhook("It's a Secret to Everybody", "Hello, World!")).toBe("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
  });
});
