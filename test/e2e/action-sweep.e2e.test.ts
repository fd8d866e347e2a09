/**
 * The action's sweep end to end: the COMMITTED bundle (dist/action.cjs) run as its own process
 * with the variables a runner sets, against the GitHub stand-in, with a workflow's GITHUB_TOKEN.
 * A scheduled run heals a story pull request whose triage was lost and creates the dashboard
 * issue; the next one sends two requests and writes nothing; another workflow's
 * github-actions[bot] issue is left alone; ticking the dashboard's box triages again and clears
 * it; workflow_dispatch sweeps too. Each test names the exact requests or writes.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { existsSync } from "node:fs";
import { DASHBOARD_MARKER } from "../../src/action/dashboard.js";
import { Standin } from "../../src/standin/server.js";
import { issueJson, repoJson, userJson } from "../../src/standin/shapes.js";
import type { Issue } from "../../src/standin/state.js";
import { ACTION_BUNDLE, type ActionRun, runActionProcess } from "../support/action-process.js";
import { examplePayload } from "../support/payloads.js";
import { specProblems } from "../support/spec.js";
import { addStoryPull, DEMO_LABELS, DEMO_STORY, DEMO_STORY_PATH, pushStory, seedStoryRepo, type StoryRepo } from "../support/story-world.js";

const ACTIONS_BOT = "github-actions[bot]";
const R = "/repos/story-org/stories";

let standin: Standin;
let world: StoryRepo;
let token: string;
let otherIssue: Issue;
let otherComment: { id: number; body: string; updatedAt: string };

/** The requests of the last run as `METHOD path -> status`, pull request heads named `<head #n>`. */
function requests(): string[] {
  const heads = new Map([...world.repo.pulls.values()].map((pull) => [pull.headSha, `<head #${pull.number}>`]));
  return standin.requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f]{40}/, (sha) => heads.get(sha) ?? sha)} -> ${r.status}`);
}

function writes(): string[] {
  return requests().filter((r) => !r.startsWith("GET "));
}

/** Requests GitHub would refuse or not know, and write bodies its OpenAPI description rejects. */
function failedRequests(): string[] {
  const refused = standin.requests.filter((r) => r.unmatched || (r.status >= 400 && !(r.method === "GET" && r.status === 404))).map((r) => `${r.method} ${r.path} -> ${r.status}`);
  return [...refused, ...specProblems(standin.requests)];
}

function dashboard(): Issue {
  const ours = [...world.repo.issues.values()].filter((issue) => issue.user.login === ACTIONS_BOT && issue.body?.startsWith(DASHBOARD_MARKER));
  expect(ours).toHaveLength(1);
  return ours[0]!;
}

async function run(eventName: string, payload: unknown): Promise<ActionRun> {
  standin.clearRequests();
  const result = await runActionProcess(standin, world.repo, eventName, payload, { token });
  process.stdout.write(`[action sweep e2e] ${eventName}: ${standin.requests.length} requests, ${standin.writes().length} writes, exit ${result.code}\n`);
  return result;
}

/** What GitHub sends for a scheduled run: the cron line, and no repository. */
const SCHEDULE = { schedule: "17 * * * *" };

function issuesEdited(issue: Issue): Record<string, unknown> {
  const example = examplePayload("issues", "edited");
  return {
    ...example,
    action: "edited",
    issue: issueJson(world.repo, issue, standin.apiUrl),
    changes: { body: { from: "" } },
    repository: repoJson(world.repo, standin.apiUrl),
    sender: userJson(standin.world.user("maintainer")),
  };
}

beforeAll(async () => {
  if (!existsSync(ACTION_BUNDLE)) throw new Error("dist/action.cjs is missing: it is committed; run `npm run build` to make it again");
  standin = await Standin.start();
  world = seedStoryRepo(standin);
  addStoryPull(world, 12, { [DEMO_STORY_PATH]: DEMO_STORY });
  addStoryPull(world, 13, { "README.md": "# Stories\n" });
  standin.setPermission(world.repo, "maintainer", "write");
  token = standin.workflowToken(world.repo);
  // Another workflow of the repository keeps an issue with our label, as github-actions[bot] too.
  otherIssue = standin.addIssue(world.repo, { title: "Weekly digest", body: "Nothing new this week.", author: ACTIONS_BOT, labels: ["story-triage"] });
  // ...and has commented on the story pull request, as github-actions[bot].
  const comment = standin.commentAs(ACTIONS_BOT, world.repo, 12, "Preview deployed.");
  otherComment = { id: comment.id, body: comment.body, updatedAt: comment.updatedAt };
}, 30000);

afterAll(async () => {
  await standin?.close();
});

describe("schedule: the first sweep", () => {
  let result: ActionRun;

  beforeAll(async () => {
    result = await run("schedule", SCHEDULE);
  }, 60000);

  test("exits 0, and every request is one GitHub would accept", () => {
    expect(result.code).toBe(0);
    expect(failedRequests()).toEqual([]);
  });

  test("triages the story pull request whose run was lost, reads the other, and creates the dashboard", () => {
    expect(writes()).toEqual([
      `POST ${R}/check-runs -> 201`,
      `POST ${R}/issues/12/labels -> 200`,
      ...["status-quo", "draft", "character:Grace", "needs-faq"].map((label) => `PATCH ${R}/labels/${label} -> 200`),
      `POST ${R}/pulls/12/reviews -> 200`,
      `POST ${R}/issues/12/comments -> 201`,
      `PATCH ${R}/check-runs/${world.repo.checkRuns[0]!.id} -> 200`,
      `POST ${R}/issues -> 201`,
    ]);
    expect(standin.requests).toHaveLength(25);
    expect([...world.repo.labelsOn(12)].sort()).toEqual(DEMO_LABELS);
    expect(world.repo.labelsOn(13)).toEqual([]);
    const issue = dashboard();
    expect(issue).toMatchObject({ title: "Story board", state: "open" });
    expect(world.repo.labelsOn(issue.number)).toEqual(["story-triage"]);
    expect(issue.body).toContain("- [#12](http://github.invalid/story-org/stories/pull/12) Story pull request \\#12 by ferris-writes · ❌ check failed");
  });

  test("prints what it read and did", () => {
    expect(result.stdout).toContain(
      `sweep: 2 open pull requests (1 with stories); 2 triaged (#12, #13), 0 read again, 0 failed, 0 unchanged; 25 requests, 10 writes; dashboard #${dashboard().number} created`,
    );
  });

  test("leaves another workflow's github-actions[bot] issue and comment alone, and posts its own summary beside the comment", () => {
    expect(world.repo.issues.get(otherIssue.number)).toMatchObject({ body: "Nothing new this week.", updatedAt: otherIssue.updatedAt });
    const comments = world.repo.issueComments.filter((c) => c.issueNumber === 12);
    expect(comments.map((c) => [c.user.login, c.body.startsWith("<!-- story-triage:summary -->")])).toEqual([
      [ACTIONS_BOT, false],
      [ACTIONS_BOT, true],
    ]);
    expect(comments[0]).toMatchObject(otherComment);
  });
});

describe("schedule: a second sweep with nothing changed", () => {
  test("sends two requests and writes nothing", async () => {
    const result = await run("schedule", SCHEDULE);
    expect(result.code).toBe(0);
    expect(requests()).toEqual([`GET ${R}/issues -> 200`, `GET ${R}/pulls -> 200`]);
    expect(result.stdout).toContain("0 triaged, 0 read again, 0 failed, 2 unchanged; 2 requests, 0 writes; dashboard #");
  });
});

describe("issues edited: the dashboard's re-run box", () => {
  test("an edit that leaves the box clear does nothing", async () => {
    const result = await run("issues", issuesEdited(dashboard()));
    expect(result.code).toBe(0);
    expect(requests()).toEqual([]);
  });

  test("ticked, every open pull request is triaged again and the box is cleared; the pull requests need no write", async () => {
    const issue = dashboard();
    issue.body = (issue.body ?? "").replace("- [ ] re-run triage", "- [x] re-run triage");
    const result = await run("issues", issuesEdited(issue));
    expect(result.code).toBe(0);
    expect(failedRequests()).toEqual([]);
    expect(writes()).toEqual([`PATCH ${R}/issues/${issue.number} -> 200`]);
    expect(dashboard().body).toContain("\n- [ ] re-run triage on all open story pull requests\n");
    expect(result.stdout).toContain("2 triaged (#12, #13)");
  });
});

describe("workflow_dispatch", () => {
  test("a push whose run was lost is triaged, and the dashboard follows", async () => {
    pushStory(world, 12, { [DEMO_STORY_PATH]: DEMO_STORY.replace("Grace", "Grace Hopper") }, "second");
    const before = dashboard().body;
    const payload = { inputs: {}, ref: "refs/heads/main", repository: repoJson(world.repo, standin.apiUrl), sender: userJson(standin.world.user("maintainer")), workflow: ".github/workflows/story-triage.yml" };
    const result = await run("workflow_dispatch", payload);
    expect(result.code).toBe(0);
    expect(failedRequests()).toEqual([]);
    expect(result.stdout).toContain("1 triaged (#12), 0 read again, 0 failed, 1 unchanged;");
    expect(writes()).toContain(`PATCH ${R}/issues/${dashboard().number} -> 200`);
    expect(dashboard().body).not.toBe(before);
  });
});
