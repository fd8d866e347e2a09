/**
 * The end-to-end harness on its own, with a three-line Probot app: `probot run` in a child
 * process, pointed at the stand-in through GHE_HOST, fed signed webhooks over HTTP. When the
 * real app's end-to-end test fails, this one tells whether the harness is at fault.
 */
import { afterAll, beforeAll, expect, test } from "@jest/globals";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makePatch } from "../../src/standin/diff.js";
import { Standin } from "../../src/standin/server.js";
import type { Repo } from "../../src/standin/state.js";
import { startAppProcess, type AppProcess } from "../support/app-process.js";
import { pullRequestWebhook } from "../support/payloads.js";
import { waitFor } from "../support/wait.js";

const TINY_APP = `
export default (app) => {
  app.on("pull_request.opened", async (context) => {
    const files = await context.octokit.paginate(context.octokit.rest.pulls.listFiles, context.pullRequest({ per_page: 100 }));
    await context.octokit.rest.issues.addLabels(context.issue({ labels: ["seen"] }));
    await context.octokit.rest.issues.createComment(context.issue({ body: files.map((f) => f.filename).join(", ") }));
  });
};
`;

let standin: Standin;
let repo: Repo;
let app: AppProcess;
let dir: string;

beforeAll(async () => {
  standin = await Standin.start();
  repo = standin.addRepo({ owner: "story-org", name: "stories" });
  standin.addCommit(repo, "b1", {});
  standin.addCommit(repo, "h1", { "a.md": "# A\n" });
  standin.addPull(repo, {
    number: 3,
    headSha: "h1",
    baseSha: "b1",
    files: [{ filename: "a.md", status: "added", additions: 1, deletions: 0, changes: 1, patch: makePatch(null, "# A\n") }],
  });
  dir = await mkdtemp(join(tmpdir(), "story-triage-harness-"));
  await writeFile(join(dir, "tiny-app.mjs"), TINY_APP);
  app = await startAppProcess(standin, { appPath: join(dir, "tiny-app.mjs"), logLevel: "warn" });
});

afterAll(async () => {
  await app?.stop();
  await standin?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test("a signed webhook reaches the app, which works against the stand-in as its installation", async () => {
  const delivery = await app.deliver("pull_request", pullRequestWebhook(standin, repo, 3, "opened"));
  expect(delivery.status).toBe(200);
  const snapshot = await waitFor("the comment", () => {
    const s = standin.snapshot(repo, 3);
    return s.issueComments.length > 0 ? s : undefined;
  });
  expect(snapshot.labels).toEqual(["seen"]);
  expect(snapshot.issueComments.map((c) => [c.user, c.body])).toEqual([["story-triage[bot]", "a.md"]]);
  expect(standin.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
    "POST /app/installations/77/access_tokens 201",
    "GET /repos/story-org/stories/pulls/3/files 200",
    "POST /repos/story-org/stories/issues/3/labels 200",
    "POST /repos/story-org/stories/issues/3/comments 201",
  ]);
});

test("a forged signature is refused and nothing reaches the stand-in", async () => {
  standin.clearRequests();
  const delivery = await app.deliver("pull_request", pullRequestWebhook(standin, repo, 3, "opened"), { signature: `sha256=${"0".repeat(64)}` });
  expect([400, 401]).toContain(delivery.status);
  await standin.whenQuiet(300);
  expect(standin.requests).toEqual([]);
});
