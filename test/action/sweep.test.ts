/**
 * The action's sweep against the GitHub stand-in, through the flow's adapter with a real Octokit
 * and a workflow's GITHUB_TOKEN (github-actions[bot], shared with every workflow):
 * it heals a pull request whose triage was lost and creates the dashboard; a second sweep with
 * nothing changed sends two requests and writes nothing; a pull request another run triaged is
 * read, not triaged again; another workflow's github-actions[bot] issue and comment are left as
 * they are; a ticked re-run box triages every pull request again and is cleared.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { pino } from "pino";
import { DASHBOARD_MARKER, isRerunRequest, readMemo } from "../../src/action/dashboard.js";
import { describeSweep, runSweep, type SweepOptions } from "../../src/action/sweep.js";
import { workflowDoor } from "../../src/flow/door.js";
import { GitHub } from "../../src/flow/github.js";
import { triagePullRequest } from "../../src/flow/triage.js";
import { Standin } from "../../src/standin/server.js";
import type { Issue } from "../../src/standin/state.js";
import { octokitWithToken } from "../support/octokit.js";
import { addStoryPull, DEMO_LABELS, DEMO_STORY, DEMO_STORY_PATH, pushStory, seedStoryRepo, type StoryRepo } from "../support/story-world.js";

let standin: Standin;
let world: StoryRepo;
let gh: GitHub;
let otherIssue: Issue;
let personsIssue: Issue;
let otherComment: { id: number; body: string; updatedAt: string };

const NOW = new Date("2024-05-02T12:00:00Z");
const R = "/repos/story-org/stories";

function options(extra: Partial<SweepOptions> = {}): SweepOptions {
  return { gh, defaultBranch: "main", serverUrl: "https://github.com", dashboard: { enabled: true, title: "Story board" }, deliveryId: "sweep-test", now: () => NOW, ...extra };
}

/** The requests since the last clearRequests(), as `METHOD path` (no query string), pull request heads named `<head #n>`. */
function requests(): string[] {
  const heads = new Map([...world.repo.pulls.values()].map((pull) => [pull.headSha, `<head #${pull.number}>`]));
  return standin.requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f]{40}/, (sha) => heads.get(sha) ?? sha)}`);
}

function dashboard(): Issue {
  const ours = [...world.repo.issues.values()].filter((issue) => issue.body?.startsWith(DASHBOARD_MARKER) && issue.user.login === "github-actions[bot]");
  expect(ours).toHaveLength(1);
  return ours[0]!;
}

/** The adapter of one workflow run: a GITHUB_TOKEN of its own, as the action builds it. */
function workflowRun(): GitHub {
  return new GitHub(octokitWithToken(standin, standin.workflowToken(world.repo)), { owner: "story-org", repo: "stories" }, pino({ level: "silent" }), {
    door: workflowDoor({ mayWrite: true }),
  });
}

beforeAll(async () => {
  standin = await Standin.start();
  world = seedStoryRepo(standin);
  addStoryPull(world, 1, { [DEMO_STORY_PATH]: DEMO_STORY });
  addStoryPull(world, 2, { "README.md": "# Stories\n" });
  // Another workflow of the repository writes as github-actions[bot] too, even with our label.
  otherIssue = standin.addIssue(world.repo, { title: "Weekly digest", body: "Nothing new this week.", author: "github-actions[bot]", labels: ["story-triage"] });
  // A person's issue that quotes the marker is not the dashboard either.
  personsIssue = standin.addIssue(world.repo, { title: "Copy of the board", body: `${DASHBOARD_MARKER}\nmy notes`, author: "maintainer", labels: ["story-triage"] });
  const comment = standin.commentAs("github-actions[bot]", world.repo, 1, "Preview deployed.");
  otherComment = { id: comment.id, body: comment.body, updatedAt: comment.updatedAt };
  gh = workflowRun();
});

afterAll(async () => {
  await standin?.close();
});

describe("the sweep", () => {
  test("heals a story pull request that was never triaged, leaves one without stories alone, and creates the dashboard", async () => {
    standin.clearRequests();
    const report = await runSweep(options());
    expect(report).toEqual({
      openPulls: 2,
      storyPulls: 1,
      triaged: [1, 2],
      reread: [],
      failed: [],
      unchanged: 0,
      deferred: [],
      requests: 24,
      writes: 10,
      dashboard: { issue: 5, write: "created" },
    });
    expect(requests()).toEqual([
      `GET ${R}/issues`,
      `GET ${R}/pulls`,
      // #1: no check run on its head, so it is triaged as its pull_request event would have.
      `GET ${R}/commits/<head #1>/check-runs`,
      `GET ${R}/contents/.github/story-triage.yml`,
      `GET ${R}/pulls/1/files`,
      `GET ${R}/git/trees/<head #1>`,
      `GET ${R}/contents/stories/status_quo/template.md`,
      `GET ${R}/issues/1/timeline`,
      `GET ${R}/commits/<head #1>/check-runs`,
      `GET ${R}/pulls/1`,
      `POST ${R}/check-runs`,
      `POST ${R}/issues/1/labels`,
      `PATCH ${R}/labels/status-quo`,
      `PATCH ${R}/labels/draft`,
      `PATCH ${R}/labels/character:Grace`,
      `PATCH ${R}/labels/needs-faq`,
      `POST ${R}/pulls/1/reviews`,
      `POST ${R}/issues/1/comments`,
      `PATCH ${R}/check-runs/${world.repo.checkRuns[0]!.id}`,
      // #2 touches no story: read, nothing written.
      `GET ${R}/commits/<head #2>/check-runs`,
      `GET ${R}/contents/.github/story-triage.yml`,
      `GET ${R}/pulls/2/files`,
      `GET ${R}/issues/2/timeline`,
      `POST ${R}/issues`,
    ]);
    expect([...world.repo.labelsOn(1)].sort()).toEqual(DEMO_LABELS);
    expect(world.repo.checkRuns.map((run) => `${run.headSha === world.repo.pulls.get(1)!.headSha ? "#1" : "?"} ${run.conclusion}`)).toEqual(["#1 failure"]);
    expect(world.repo.labelsOn(2)).toEqual([]);
    const issue = dashboard();
    expect(issue).toMatchObject({ number: 5, title: "Story board", state: "open", user: { login: "github-actions[bot]" } });
    expect(world.repo.labelsOn(5)).toEqual(["story-triage"]);
    expect(issue.body).toContain("**1 open story pull request**: 1 waiting on the author, 0 waiting on maintainers, 0 drafts.");
    expect(issue.body).toContain("- [#1](https://github.com/story-org/stories/pull/1) Story pull request \\#1 by ferris-writes · ❌ check failed");
    expect([...readMemo(issue.body ?? "", gh.repo).keys()]).toEqual([1, 2]);
    expect(describeSweep(report)).toBe(
      "sweep: 2 open pull requests (1 with stories); 2 triaged (#1, #2), 0 read again, 0 failed, 0 unchanged; 24 requests, 10 writes; dashboard #5 created",
    );
  });

  test("a second sweep with nothing changed sends two requests and writes nothing", async () => {
    standin.clearRequests();
    const report = await runSweep(options());
    expect(report).toMatchObject({ triaged: [], reread: [], unchanged: 2, requests: 2, writes: 0, dashboard: { issue: 5, write: "none" } });
    expect(requests()).toEqual(["GET /repos/story-org/stories/issues", "GET /repos/story-org/stories/pulls"]);
    expect(standin.writes()).toEqual([]);
  });

  test("another workflow's github-actions[bot] issue and comment, and a person's issue with the marker, are left as they were", () => {
    expect(world.repo.issues.get(otherIssue.number)).toMatchObject({ title: "Weekly digest", body: "Nothing new this week.", updatedAt: otherIssue.updatedAt });
    expect(world.repo.issues.get(personsIssue.number)).toMatchObject({ body: `${DASHBOARD_MARKER}\nmy notes`, updatedAt: personsIssue.updatedAt });
    expect(world.repo.issueComments.find((c) => c.id === otherComment.id)).toMatchObject({ body: otherComment.body, updatedAt: otherComment.updatedAt });
  });

  test("a pull request its own run triaged is read, not triaged again: only the dashboard is written", async () => {
    addStoryPull(world, 7, { "stories/status_quo/barbara.md": DEMO_STORY.replace("Grace", "Barbara") });
    // The pull_request event's run: a process of its own, with its own adapter.
    const eventRun = workflowRun();
    await triagePullRequest(eventRun, { number: 7, defaultBranch: "main", pullRequest: null, checkRun: null }, "pull_request-7");
    standin.clearRequests();
    const report = await runSweep(options());
    expect(report).toMatchObject({ openPulls: 3, storyPulls: 2, triaged: [], reread: [7], unchanged: 2, requests: 10, writes: 1, dashboard: { issue: 5, write: "updated" } });
    expect(requests()).toEqual([
      `GET ${R}/issues`,
      `GET ${R}/pulls`,
      `GET ${R}/commits/<head #7>/check-runs`,
      // Read as a triage reads it (the check run found spares looking it up again); nothing written.
      `GET ${R}/contents/.github/story-triage.yml`,
      `GET ${R}/pulls/7/files`,
      `GET ${R}/git/trees/<head #7>`,
      `GET ${R}/contents/stories/status_quo/template.md`,
      `GET ${R}/issues/7/timeline`,
      `GET ${R}/pulls/7`,
      `PATCH ${R}/issues/5`,
    ]);
    expect(dashboard().body).toContain("**2 open story pull requests**");
    standin.clearRequests();
    expect(await runSweep(options())).toMatchObject({ unchanged: 3, requests: 2, writes: 0 });
  });

  test("a push whose run was lost is triaged; a dashboard a maintainer closed is kept up to date and stays closed", async () => {
    dashboard().state = "closed";
    const fixed = DEMO_STORY.replace("Grace", "Grace Hopper");
    pushStory(world, 1, { [DEMO_STORY_PATH]: fixed }, "second");
    standin.clearRequests();
    // As on a schedule, whose event names no repository: the default branch is asked of GitHub, once.
    const report = await runSweep(options({ defaultBranch: null }));
    expect(report).toMatchObject({ triaged: [1], reread: [], unchanged: 2, dashboard: { issue: 5, write: "updated" } });
    expect(requests().slice(0, 5)).toEqual([`GET ${R}/issues`, `GET ${R}/pulls`, `GET ${R}/commits/<head #1>/check-runs`, `GET ${R}`, `GET ${R}/contents/.github/story-triage.yml`]);
    expect(requests().filter((r) => r === `GET ${R}`)).toHaveLength(1);
    expect(dashboard().state).toBe("closed");
    expect(standin.writes().map((w) => `${w.method} ${w.path}`)).toContain(`PATCH ${R}/issues/5`);
    expect(standin.writes().find((w) => w.path === `${R}/issues/5`)?.body).not.toHaveProperty("state");
  });

  test("a ticked re-run box triages every open pull request again and is cleared", async () => {
    const issue = dashboard();
    issue.body = (issue.body ?? "").replace("- [ ] re-run triage", "- [x] re-run triage");
    expect(isRerunRequest({ body: issue.body, labels: world.repo.labelsOn(issue.number) })).toBe(true);
    standin.clearRequests();
    const report = await runSweep(options({ rerun: true }));
    expect(report).toMatchObject({ triaged: [1, 2, 7], reread: [], unchanged: 0, dashboard: { issue: 5, write: "updated" } });
    // The pull requests are as the last triage left them: only the dashboard is written.
    expect(standin.writes().map((w) => `${w.method} ${w.path}`)).toEqual([`PATCH ${R}/issues/5`]);
    expect(isRerunRequest({ body: dashboard().body, labels: ["story-triage"] })).toBe(false);
    expect(dashboard().body).toContain("\n- [ ] re-run triage on all open story pull requests\n");
  });

  test("a sweep that reaches its request cap leaves the rest for the next one, keeping their rows meanwhile", async () => {
    pushStory(world, 1, { [DEMO_STORY_PATH]: DEMO_STORY }, "third");
    pushStory(world, 7, { "stories/status_quo/barbara.md": DEMO_STORY.replace("Grace", "Barbara Liskov") }, "second");
    const first = await runSweep(options({ maxRequests: 3 }));
    expect(first).toMatchObject({ triaged: [1], unchanged: 1, deferred: [7], storyPulls: 2, dashboard: { write: "updated" } });
    expect(describeSweep(first)).toContain("1 unchanged, 1 left for the next sweep (#7);");
    expect(dashboard().body).toContain("- [#7](https://github.com/story-org/stories/pull/7)");
    const second = await runSweep(options({ maxRequests: 3 }));
    expect(second).toMatchObject({ triaged: [7], unchanged: 2, deferred: [] });
  });

  test("with the dashboard off, no issue is read or written and a head triaged already is not read again", async () => {
    standin.clearRequests();
    const report = await runSweep(options({ dashboard: { enabled: false, title: "Story board" } }));
    expect(report).toMatchObject({ openPulls: 3, triaged: [2], reread: [], unchanged: 2, dashboard: { issue: null, write: "off" }, writes: 0 });
    // Without the memo, the pull request that touches no story is read again (it has no check run to say it was).
    expect(requests()).toEqual([
      `GET ${R}/pulls`,
      `GET ${R}/commits/<head #1>/check-runs`,
      `GET ${R}/commits/<head #2>/check-runs`,
      `GET ${R}/contents/.github/story-triage.yml`,
      `GET ${R}/pulls/2/files`,
      `GET ${R}/issues/2/timeline`,
      `GET ${R}/commits/<head #7>/check-runs`,
    ]);
  });
});
