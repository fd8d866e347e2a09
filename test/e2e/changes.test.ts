/**
 * What a pull request changes, end to end: the app hosted over HTTP with signed webhooks against
 * the stand-in. A push that fixes what the pull request broke gets its REQUEST_CHANGES review
 * dismissed and its comments answered; a pull request that drops its story is cleaned up; stories
 * moved together with their template are judged by it; and redelivering writes nothing.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createStoryTriage, readSettings, type StoryTriage } from "../../src/index.js";
import { hostApp, type HostedApp } from "../../src/standin/host.js";
import { computeFiles } from "../../src/standin/seed.js";
import { Standin } from "../../src/standin/server.js";
import type { PullFile, Repo } from "../../src/standin/state.js";
import { REPO_ROOT } from "../support/app-process.js";
import { pullRequestWebhook } from "../support/payloads.js";
import { specProblems } from "../support/spec.js";

const TEMPLATE_PATH = "stories/status_quo/template.md";
const TEMPLATE = readFileSync(join(REPO_ROOT, "fixtures/demo/base", TEMPLATE_PATH), "utf8");
const STORY = "stories/status_quo/grace_chases_a_stuck_future.md";
const CONFIG = 'stories:\n  status-quo:\n    paths: ["stories/status_quo/*.md"]\ncharacters: [Alan, Grace, Niklaus, Barbara]\nreview:\n  event: REQUEST_CHANGES\n';
/** The demo story with every FAQ answer written: nothing to find in it. */
const ANSWERED = readFileSync(join(REPO_ROOT, "fixtures/demo/head", STORY), "utf8").replace(
  "### What are the sources for this story?\n",
  "### What are the sources for this story?\n\nA week of debugging at work.\n\n### Why did you choose Grace to tell this story?\n\nGrace knows systems programming well.\n",
);
const SOURCES = "A week of debugging at work.\n";

let standin: Standin;
let app: HostedApp;
let triage: StoryTriage;
let sha = 0;

function nextSha(): string {
  sha += 1;
  return sha.toString(16).padStart(40, "c");
}

/** A commit holding `files` on top of the base tree, and the pull request's file list against the base. */
function commitOf(repo: Repo, baseSha: string, files: Record<string, string>): { headSha: string; list: PullFile[] } {
  const base = repo.commits.get(baseSha) ?? new Map<string, Uint8Array>();
  const headSha = nextSha();
  standin.addCommit(repo, headSha, { ...Object.fromEntries(base), ...files });
  const list = computeFiles(new Map(Object.keys(files).flatMap((path) => (base.has(path) ? [[path, base.get(path) ?? new Uint8Array()] as const] : []))), new Map(Object.entries(files).map(([path, text]) => [path, Buffer.from(text)] as const)));
  return { headSha, list };
}

/** A repository whose default branch holds the config, the template and `stories`, and a pull request onto it. */
function seed(name: string, stories: Record<string, string>, head: Record<string, string>): { repo: Repo; number: number; baseSha: string } {
  const repo = standin.addRepo({ owner: "story-org", name });
  const baseSha = nextSha();
  standin.addCommit(repo, baseSha, { ".github/story-triage.yml": CONFIG, [TEMPLATE_PATH]: TEMPLATE, ...stories });
  standin.setBranch(repo, repo.defaultBranch, baseSha);
  const { headSha, list } = commitOf(repo, baseSha, head);
  standin.addPull(repo, { number: 1, headSha, baseSha, files: list });
  return { repo, number: 1, baseSha };
}

async function deliver(repo: Repo, number: number, action: string, id?: string): Promise<void> {
  const delivery = await app.deliver("pull_request", pullRequestWebhook(standin, repo, number, action), id === undefined ? {} : { id });
  expect(delivery.status).toBe(200);
  await triage.idle();
  await standin.whenQuiet(50, 30000);
}

function push(repo: Repo, number: number, baseSha: string, files: Record<string, string>): void {
  const { headSha, list } = commitOf(repo, baseSha, files);
  standin.push(repo, number, headSha, list);
}

function writes(): string[] {
  return standin.writes().map((r) => `${r.method} ${r.path.replace(/\d{3,}/g, "N")} -> ${r.status}`);
}

function refused(): string[] {
  const bad = standin.requests.filter((r) => r.unmatched || (r.status >= 400 && !(r.method === "GET" && r.status === 404)));
  return [...bad.map((r) => `${r.method} ${r.path} -> ${r.status}`), ...specProblems(standin.requests)];
}

beforeAll(async () => {
  standin = await Standin.start();
  triage = createStoryTriage(readSettings({}));
  app = await hostApp(triage.app, standin, { logLevel: "fatal" });
}, 30000);

afterAll(async () => {
  await app?.close();
  await standin?.close();
});

describe("a push that fixes what the pull request broke", () => {
  let repo: Repo;
  let baseSha: string;

  beforeAll(async () => {
    // The story is whole on the base; the pull request deletes its sources answer.
    ({ repo, baseSha } = seed("fixing", { [STORY]: ANSWERED }, { [STORY]: ANSWERED.replace(SOURCES, "") }));
    await deliver(repo, 1, "opened");
  }, 60000);

  test("first: a REQUEST_CHANGES review whose one comment is on the emptied answer, and a failing check", () => {
    expect(refused()).toEqual([]);
    const after = standin.snapshot(repo, 1);
    expect(after.reviews.map((r) => [r.state, r.comments.map((c) => c.body.split("\n")[0])])).toEqual([
      ["CHANGES_REQUESTED", ["**`faq-unanswered`** (error): Question `What are the sources for this story?` has no answer; expected a few sentences under it."]],
    ]);
    expect(after.checkRuns.map((r) => r.conclusion)).toEqual(["failure"]);
  });

  test("after the fixing push: the review is dismissed saying why, its comment answered once, the check passes", async () => {
    push(repo, 1, baseSha, { [STORY]: ANSWERED.replace("A week of debugging at work.", "A week of debugging, and the chat after.") });
    standin.clearRequests();
    await deliver(repo, 1, "synchronize");
    expect(refused()).toEqual([]);
    const after = standin.snapshot(repo, 1);
    const head = repo.pulls.get(1)?.headSha ?? "";
    expect(after.reviews.map((r) => [r.state, r.dismissalMessage])).toEqual([
      ["DISMISSED", `At ${head.slice(0, 7)} no error this pull request introduces remains in its stories, so story-triage withdraws its request for changes.`],
      ["COMMENTED", null],
    ]);
    const reply = after.reviews[1]?.comments[0];
    expect(reply?.inReplyToId).not.toBeNull();
    expect(reply?.body).toMatch(new RegExp(`^Fixed at ${head.slice(0, 7)}: story-triage no longer finds this problem\\.\\n\\n<!-- story-triage:fixed [0-9a-f]{16} -->$`));
    expect(after.checkRuns.filter((r) => r.headSha === head).map((r) => [r.status, r.conclusion, r.title])).toEqual([["completed", "success", "No problems in 1 story"]]);
  }, 60000);

  test("the same push delivered again writes nothing", async () => {
    const before = standin.snapshot(repo, 1);
    standin.clearRequests();
    await deliver(repo, 1, "synchronize");
    expect(writes()).toEqual([]);
    expect(standin.snapshot(repo, 1)).toEqual(before);
  }, 60000);
});

describe("a pull request that drops its story", () => {
  let repo: Repo;
  let baseSha: string;

  beforeAll(async () => {
    ({ repo, baseSha } = seed("dropping", {}, { [STORY]: ANSWERED.replace(SOURCES, "") }));
    await deliver(repo, 1, "opened");
    standin.labelAs("maintainer", repo, 1, "help wanted");
  }, 60000);

  test("first: the story's labels", () => {
    expect([...standin.snapshot(repo, 1).labels].sort()).toEqual(["character:Grace", "draft", "help wanted", "needs-faq", "status-quo"]);
  });

  test("then a push that only changes the README: the app's labels come off, a neutral check run, the summary says so", async () => {
    push(repo, 1, baseSha, { "README.md": "A readme.\n" });
    standin.clearRequests();
    await deliver(repo, 1, "synchronize");
    expect(refused()).toEqual([]);
    const after = standin.snapshot(repo, 1);
    const head = repo.pulls.get(1)?.headSha ?? "";
    expect(after.labels).toEqual(["help wanted"]);
    expect(after.checkRuns.filter((r) => r.headSha === head).map((r) => [r.status, r.conclusion, r.title])).toEqual([
      ["completed", "neutral", "No stories in this pull request any more"],
    ]);
    const own = after.issueComments.filter((c) => c.user === standin.botLogin);
    expect(own).toHaveLength(1);
    expect(own[0]?.body).toMatch(/changes no story any more/);
    // The standing request for changes no longer holds either.
    expect(after.reviews.map((r) => r.state)).toEqual(["DISMISSED"]);
  }, 60000);

  test("redelivered: nothing; another push without stories: only its own neutral check run", async () => {
    const before = standin.snapshot(repo, 1);
    standin.clearRequests();
    await deliver(repo, 1, "synchronize");
    expect(writes()).toEqual([]);
    push(repo, 1, baseSha, { "README.md": "A longer readme.\n" });
    standin.clearRequests();
    await deliver(repo, 1, "synchronize");
    expect(writes()).toEqual(["POST /repos/story-org/dropping/check-runs -> 201", "PATCH /repos/story-org/dropping/check-runs/N -> 200"]);
    expect(standin.snapshot(repo, 1).issueComments).toEqual(before.issueComments);
  }, 60000);
});

describe("stories moved together with their template", () => {
  const SHINY_TEMPLATE = "# ✨ Shiny future stories: Template\n\n## The story\n\n*Write it.*\n\n## 🤔 Frequently Asked Questions\n\n### What is the most shiny about this future?\n\n*Say it.*\n";
  const SHINY_STORY = "# ✨ Shiny future stories: Grace ships a driver\n\n## The story\n\nGrace ships it.\n\n## 🤔 Frequently Asked Questions\n\n### What is the most shiny about this future?\n\nNo more hangs.\n";
  const MOVED_CONFIG = 'stories:\n  shiny-future:\n    paths: ["stories/shiny_future/*.md", "stories/submitted/shiny_future/*.md"]\ncharacters: [Grace]\n';

  test("a renamed story is judged by the template the pull request moves into its new folder, and the summary says so", async () => {
    const repo = standin.addRepo({ owner: "story-org", name: "moving" });
    const baseSha = nextSha();
    const before = { "stories/shiny_future/template.md": SHINY_TEMPLATE, "stories/shiny_future/grace.md": SHINY_STORY };
    standin.addCommit(repo, baseSha, { ".github/story-triage.yml": MOVED_CONFIG, ...before });
    standin.setBranch(repo, repo.defaultBranch, baseSha);
    const headSha = nextSha();
    standin.addCommit(repo, headSha, { ".github/story-triage.yml": MOVED_CONFIG, "stories/submitted/shiny_future/template.md": SHINY_TEMPLATE, "stories/submitted/shiny_future/grace.md": SHINY_STORY });
    const moved = (from: string, to: string): PullFile => ({ filename: to, previous_filename: from, status: "renamed", additions: 0, deletions: 0, changes: 0 });
    standin.addPull(repo, {
      number: 1,
      headSha,
      baseSha,
      files: [moved("stories/shiny_future/template.md", "stories/submitted/shiny_future/template.md"), moved("stories/shiny_future/grace.md", "stories/submitted/shiny_future/grace.md")],
    });
    standin.clearRequests();
    await deliver(repo, 1, "opened");
    expect(refused()).toEqual([]);
    // The story moved unchanged: its old version is its new one, not read again.
    expect(standin.requests.filter((r) => r.path.includes("/contents/stories/")).map((r) => r.path.replace(/\?ref=.*/, ""))).toEqual([
      "/repos/story-org/moving/contents/stories/submitted/shiny_future/grace.md",
      "/repos/story-org/moving/contents/stories/submitted/shiny_future/template.md",
      "/repos/story-org/moving/contents/stories/shiny_future/template.md",
    ]);
    const after = standin.snapshot(repo, 1);
    // Judged by the built-in status quo template it would miss four questions it was never asked.
    expect(after.checkRuns.map((r) => [r.conclusion, r.title])).toEqual([["success", "No problems in 1 story"]]);
    expect(after.reviews).toEqual([]);
    const summary = after.issueComments.find((c) => c.user === standin.botLogin)?.body ?? "";
    expect(summary).toContain(
      "Judged by the template `stories/shiny_future/template.md` on main, which this pull request moves to `stories/submitted/shiny_future/template.md`.",
    );
  }, 60000);
});
