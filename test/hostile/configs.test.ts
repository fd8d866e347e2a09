/**
 * Hostile configurations and very large pull requests, through the whole app (in this process,
 * over HTTP, against the stand-in). A configuration that cannot be used fails the check run with
 * its problem in plain words and touches nothing else; one that is merely huge still triages in
 * bounded time. After each case an ordinary pull request in another repository is triaged
 * exactly as before.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import type { HostedApp } from "../../src/standin/host.js";
import { Standin, type PullSnapshot } from "../../src/standin/server.js";
import type { PullFile } from "../../src/standin/state.js";
import { pullRequestWebhook } from "../support/payloads.js";
import { addStoryPull, DEMO_CONFIG, DEMO_STORY, DEMO_STORY_PATH, hostStoryApp, latestRun, normalize, type NormalState, seedStoryRepo, type StoryRepo, waitForCheckRuns } from "../support/story-world.js";

let standin: Standin;
let normal: StoryRepo;
let app: HostedApp;
let baseline: NormalState;
let nextNumber = 1;
let nextRepo = 1;
const figures: string[] = [];

async function triageIn(world: StoryRepo, files: Record<string, string | Uint8Array>, options: { files?: PullFile[] } = {}): Promise<{ after: PullSnapshot; ms: number }> {
  const number = nextNumber++;
  addStoryPull(world, number, files, options);
  const started = Date.now();
  const delivery = await app.deliver("pull_request", pullRequestWebhook(standin, world.repo, number, "opened"));
  expect(delivery.status).toBeLessThan(300);
  const after = await waitForCheckRuns(world, number, 1, 120000);
  return { after, ms: Date.now() - started };
}

async function expectStillServing(): Promise<void> {
  const { after } = await triageIn(normal, { [DEMO_STORY_PATH]: DEMO_STORY });
  expect(normalize(after, standin.botLogin)).toEqual(baseline);
}

function record(name: string, ms: number): void {
  figures.push(`${name}: ${ms} ms, peak RSS of the test process so far ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
}

/** A repository of its own with `config` on its default branch. */
function repoWith(config: string): StoryRepo {
  return seedStoryRepo(standin, { name: `hostile-${nextRepo++}`, config });
}

beforeAll(async () => {
  standin = await Standin.start();
  normal = seedStoryRepo(standin);
  app = await hostStoryApp(standin, { retryBaseMs: 5, logLevel: "fatal" });
  baseline = normalize((await triageIn(normal, { [DEMO_STORY_PATH]: DEMO_STORY })).after, standin.botLogin);
}, 30000);

afterAll(async () => {
  await app?.close();
  await standin?.close();
  process.stdout.write(`hostile configurations and pull requests:\n  ${figures.join("\n  ")}\n`);
});

const ALIAS_BOMB = [
  "a: &a [x, x, x, x, x, x, x, x, x]",
  ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(", ")}]`),
  "stories: *j",
  "",
].join("\n");

describe("configurations that cannot be used: the check run names the problem, nothing else is written", () => {
  test.each<[string, string, string]>([
    ["a YAML alias bomb (a billion items)", ALIAS_BOMB, "\n- too many alias (*name) expansions; expected at most 100\n"],
    [
      "6,000 globs",
      `stories:\n  status-quo:\n    paths:\n${Array.from({ length: 1000 }, (_, i) => `      - "a${i}/*.md"`).join("\n")}\n${Array.from({ length: 5 }, (_, k) => `  k${k}:\n    paths:\n${Array.from({ length: 1000 }, (_, i) => `      - "k${k}/${i}/*.md"`).join("\n")}`).join("\n")}\n`,
      "\n- stories (line 1): expected at most 5000 globs in all kinds together, found 6000\n",
    ],
    [
      "a label name over 50 characters",
      `${DEMO_CONFIG}labels:\n  incomplete: "${"needs-an-answer-to-every-question-".repeat(2)}"\n`,
      `labels.incomplete (line 7): "${"needs-an-answer-to-every-question-".repeat(2)}" gives the label "${"needs-an-answer-to-every-question-".repeat(2)}" (68 characters); GitHub allows at most 50`,
    ],
    [
      "a glob that would backtrack in picomatch's reading of it",
      'stories:\n  status-quo:\n    paths: ["stories/**a**/*.md"]\n',
      'stories.status-quo.paths[0] (line 3): expected "**" only as a whole path segment outside {…} (as in "docs/**/*.md"), found the string "stories/**a**/*.md" (use "*" within a name)',
    ],
  ])("%s", async (name, config, problem) => {
    const world = repoWith(config);
    const { after, ms } = await triageIn(world, { [DEMO_STORY_PATH]: DEMO_STORY });
    record(name, ms);
    const run = latestRun(after, after.checkRuns[0]?.headSha ?? "");
    expect(run).toMatchObject({ status: "completed", conclusion: "failure", title: "Invalid configuration" });
    expect(run?.summary).toContain(problem);
    expect([after.labels, after.reviews, after.issueComments]).toEqual([[], [], []]);
    await expectStillServing();
  }, 60000);
});

describe("huge but valid: triaged in bounded time", () => {
  test("5,000 globs (the most allowed) and a pull request of 3,000 files", async () => {
    const globs = Array.from({ length: 1000 }, (_, i) => `      - "a${i}/**/*.md"`).join("\n");
    const kinds = Array.from({ length: 4 }, (_, k) => `  k${k}:\n    paths:\n${Array.from({ length: 1000 }, (_, i) => `      - "k${k}/${i}/**/*.md"`).join("\n")}`).join("\n");
    const world = repoWith(`stories:\n  status-quo:\n    paths:\n      - "stories/status_quo/*.md"\n${globs.split("\n").slice(1).join("\n")}\n${kinds}\n`);
    const files: Record<string, string> = { [DEMO_STORY_PATH]: DEMO_STORY };
    for (let i = 0; i < 2999; i += 1) files[`src/module${i % 50}/file${i}.rs`] = `fn f${i}() {}\n`;
    const { after, ms } = await triageIn(world, files);
    record("5,000 globs, 3,000 files", ms);
    expect(latestRun(after, after.checkRuns[0]?.headSha ?? "")?.title).toBe("2 errors in 1 story");
    await expectStillServing();
  }, 120000);

  test("a glob with four wildcards in one name and 3,000 files of 250-character names that almost match", async () => {
    const world = repoWith('stories:\n  status-quo:\n    paths: ["stories/status_quo/*.md", "stories/*a*a*a*a.md"]\n');
    const files: Record<string, string> = { [DEMO_STORY_PATH]: DEMO_STORY };
    for (let i = 0; i < 2999; i += 1) files[`stories/${"a".repeat(240)}${i}.mdx`] = "x\n";
    const { after, ms } = await triageIn(world, files);
    record("a backtracking-prone glob, 3,000 long names", ms);
    expect(latestRun(after, after.checkRuns[0]?.headSha ?? "")?.title).toBe("2 errors in 1 story");
    await expectStillServing();
  }, 120000);

  test("a pull request of 500 stories: every story on the check run, 30 review comments, the shared problems said once, the summary cut to GitHub's limit", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 500; i += 1) files[`stories/status_quo/story_${String(i).padStart(3, "0")}.md`] = DEMO_STORY;
    const { after, ms } = await triageIn(normal, files);
    record("500 stories", ms);
    const run = latestRun(after, after.checkRuns[0]?.headSha ?? "");
    expect(run).toMatchObject({ status: "completed", conclusion: "failure", title: "1000 errors in 500 stories" });
    expect(run?.annotations).toHaveLength(1000);
    expect(after.reviews.map((r) => r.comments.length)).toEqual([30]);
    expect(after.reviews[0]?.body.split("\n")[0]).toBe("story-triage found 1,000 new problems in this pull request's stories, all from 2 causes, each said once:");
    expect(after.reviews[0]?.body.length).toBeLessThanOrEqual(65536);
    const summary = after.issueComments.find((c) => c.user === standin.botLogin)?.body ?? "";
    expect(summary.length).toBeLessThanOrEqual(65536);
    expect(summary.split("\n")[3]).toBe("#### 2 causes shared by several stories");
    expect(summary.endsWith("… cut here: this text is longer than GitHub allows; the `story-triage` check run lists every finding.")).toBe(true);
    expect([...after.labels].sort()).toEqual(["character:Grace", "draft", "needs-faq", "status-quo"]);
    await expectStillServing();
  }, 120000);
});

test("the test process, stand-in and app together, stayed under a generous memory cap", () => {
  // Peak resident memory of this process so far (the stand-in and the app run in it too).
  expect(process.resourceUsage().maxRSS / 1024).toBeLessThan(2048);
});
