/**
 * Hostile stories and comments, through the whole app (in this process, over HTTP, against the
 * stand-in). Each case must end in a clear finding or no action at all, in bounded time and
 * memory, and after each one an ordinary pull request is still triaged exactly as before.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { findingFingerprint } from "../../src/flow/markers.js";
import type { HostedApp } from "../../src/standin/host.js";
import { Standin, type PullSnapshot } from "../../src/standin/server.js";
import type { PullFile } from "../../src/standin/state.js";
import { issueCommentWebhook, pullRequestWebhook } from "../support/payloads.js";
import {
  addStoryPull,
  appDone,
  DEMO_STORY,
  DEMO_STORY_PATH,
  hostStoryApp,
  latestRun,
  mark,
  normalize,
  type NormalState,
  pushStory,
  seedStoryRepo,
  settleAfter,
  type StoryRepo,
  waitForCheckRuns,
} from "../support/story-world.js";

const AUTHOR = "ferris-writes";
const MAINTAINER = "maintainer";
const STORY = "stories/status_quo/hostile.md";
let standin: Standin;
let world: StoryRepo;
let app: HostedApp;
let baseline: NormalState;
let nextNumber = 1;
const figures: string[] = [];

/** Opens a pull request with `files`, delivers `opened`, and waits for its check run. */
async function triage(files: Record<string, string | Uint8Array>, options: { files?: PullFile[] } = {}): Promise<{ number: number; after: PullSnapshot; ms: number }> {
  const number = nextNumber++;
  addStoryPull(world, number, files, { author: AUTHOR, ...options });
  const started = Date.now();
  const delivery = await app.deliver("pull_request", pullRequestWebhook(standin, world.repo, number, "opened"));
  expect(delivery.status).toBeLessThan(300);
  const after = await waitForCheckRuns(world, number, 1, 60000);
  return { number, after, ms: Date.now() - started };
}

/** An ordinary pull request (the demo story) is triaged exactly as at the start. */
async function expectStillServing(): Promise<void> {
  const { after } = await triage({ [DEMO_STORY_PATH]: DEMO_STORY });
  expect(normalize(after, standin.botLogin)).toEqual(baseline);
}

/** A file GitHub lists without a patch (binary, or a diff too large to show). */
function listedWithoutPatch(path: string): PullFile[] {
  return [{ filename: path, status: "added", additions: 0, deletions: 0, changes: 0 }];
}

function record(name: string, ms: number): void {
  figures.push(`${name}: ${ms} ms, peak RSS of the test process so far ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
}

beforeAll(async () => {
  standin = await Standin.start();
  world = seedStoryRepo(standin);
  standin.setPermission(world.repo, MAINTAINER, "write");
  app = await hostStoryApp(standin, { retryBaseMs: 5, logLevel: "fatal" });
  standin.forwardWebhooks({ url: app.webhookUrl, secret: app.secret, events: ["pull_request", "issue_comment", "check_run"] });
  const { after } = await triage({ [DEMO_STORY_PATH]: DEMO_STORY });
  baseline = normalize(after, standin.botLogin);
}, 30000);

afterAll(async () => {
  await app?.close();
  await standin?.close();
  process.stdout.write(`hostile stories:\n  ${figures.join("\n  ")}\n`);
});

describe("stories that cannot be read: one clear finding, nothing else", () => {
  const unreadable: Array<[string, () => { content: string | Uint8Array; files?: PullFile[] }, string, number]> = [
    [
      "a 20 MB story (GitHub lists it without a patch)",
      () => ({ content: "# 😱 Status quo stories: Big\n\n" + "All work and no play. ".repeat(1_000_000), files: listedWithoutPatch(STORY) }),
      "File is 22,000,032 bytes, over the limit of 1,048,576 (max-file-bytes); it was not checked.",
      1,
    ],
    [
      "a binary file named .md",
      () => ({ content: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]), files: listedWithoutPatch(STORY) }),
      "File looks binary (a NUL byte at byte 8), not markdown text; it was not checked.",
      3,
    ],
    [
      "invalid UTF-8",
      () => ({ content: Uint8Array.from([...Buffer.from("# 😱 Status quo stories: Bytes\n\nGrace reads "), 0xff, 0xfe, 0x0a]), files: listedWithoutPatch(STORY) }),
      "File is not valid UTF-8 (first bad byte at offset 46, line 3); it was not checked.",
      3,
    ],
    ["10,000 nested block quotes", () => ({ content: ">".repeat(10_000) + " deep\n" }), "Lists or block quotes are nested 10000 levels deep at line 1 (the limit is 64); the file was not checked.", 1],
    ["10,000 nested lists", () => ({ content: "- ".repeat(10_000) + "deep\n" }), "Lists or block quotes are nested 10000 levels deep at line 1 (the limit is 64); the file was not checked.", 1],
  ];

  test.each(unreadable)("%s", async (name, make, message, line) => {
    const { content, files } = make();
    const { after, ms } = await triage({ [STORY]: content }, files === undefined ? {} : { files });
    record(name, ms);
    const run = latestRun(after, after.checkRuns[0]?.headSha ?? "");
    expect(run?.conclusion).toBe("failure");
    expect(run?.annotations.map((a) => [a.path, a.startLine, a.title, a.message])).toEqual([[STORY, line, "file-unreadable", message]]);
    expect(after.labels).toEqual(["status-quo"]);
    const summary = after.issueComments.find((c) => c.user === standin.botLogin)?.body ?? "";
    expect(summary).toContain(`\`file-unreadable\`: ${message}`);
    await expectStillServing();
  }, 90000);
});

test("10,000 headings (10,007 findings): the writes stay few and within GitHub's limits, and the check run says what it leaves out", async () => {
  const headings = Array.from({ length: 10_000 }, (_, i) => `## Why did you choose NAME to tell story ${i}?`).join("\n\n");
  const since = mark(world);
  const { number, after, ms } = await triage({ [STORY]: `# 😱 Status quo stories: Many\n\n${headings}\n` });
  record("10,000 headings", ms);
  const run = latestRun(after, after.checkRuns[0]?.headSha ?? "");
  expect(run?.status).toBe("completed");
  expect(run?.annotations).toHaveLength(1000);
  expect(run?.summary?.startsWith("9,007 findings have no annotation here (the first 1,000 do); `story-triage check` on the branch lists every finding.")).toBe(true);
  expect(after.reviews).toHaveLength(1);
  expect(after.reviews[0]?.comments).toHaveLength(30);
  expect(after.reviews[0]?.body).toContain("Past the 30 line comments one review makes (`review.max-comments`):");
  expect(after.reviews[0]?.body).toMatch(/… and [\d,]+ more: see the `story-triage` check run\./);
  for (const comment of after.issueComments) expect(comment.body.length).toBeLessThanOrEqual(65536);
  for (const review of after.reviews) expect(review.body.length).toBeLessThanOrEqual(65536);
  // Check run opened, labels, review, summary, check run completed with 20 batches of annotations.
  const writes = standin.writes().filter((r) => r.seq > since && (r.path.includes(`/${number}/`) || r.path.includes("/check-runs")));
  expect(writes).toHaveLength(24);
  await expectStillServing();
}, 120000);

test("a 300,000-character title, which findings quote: every text the app writes stays within GitHub's limits", async () => {
  const title = `# ${"Grace waits ".repeat(25_000)}`;
  const { after, ms } = await triage({ [STORY]: DEMO_STORY.replace(/^# .*$/m, title) });
  record("a 300,000-character title", ms);
  const run = latestRun(after, after.checkRuns[0]?.headSha ?? "");
  expect(run?.status).toBe("completed");
  // The engine quotes a bounded part of the title; the app caps annotation messages besides.
  expect(run?.annotations.find((a) => a.title === "title-prefix")?.message.length).toBeLessThan(1000);
  for (const annotation of run?.annotations ?? []) expect(annotation.message.length).toBeLessThanOrEqual(16_000);
  for (const comment of after.issueComments) expect(comment.body.length).toBeLessThanOrEqual(65536);
  await expectStillServing();
}, 60000);

describe("commands hidden in stories and comments", () => {
  test("a story holding /triage in text, code and quotes is just a story", async () => {
    const story = DEMO_STORY.replace("## The story\n", "## The story\n\n/triage\n\n```\n/triage\n```\n\n> /triage\n");
    const { number, after } = await triage({ [DEMO_STORY_PATH]: story });
    expect(after.issueComments.filter((c) => c.user === standin.botLogin)).toHaveLength(1);
    expect(after.checkRuns).toHaveLength(1);
    expect(standin.requests.filter((r) => r.path.endsWith("/reactions") && r.path.includes(`/${number}/`))).toEqual([]);
  }, 60000);

  test.each([
    ["in a code block", "```\n/triage\n```"],
    ["in inline code", "`/triage`"],
    ["in a quote", "> /triage"],
    ["in a list", "- /triage"],
    ["inside a sentence", "please /triage this"],
    ["in an HTML comment", "<!-- /triage -->"],
  ])("/triage %s from a maintainer is not a command: no reaction, no request at all", async (_name, body) => {
    const number = nextNumber - 1;
    const since = mark(world);
    const comment = standin.commentAs(MAINTAINER, world.repo, number, body);
    const delivery = await app.deliver("issue_comment", issueCommentWebhook(standin, world.repo, comment, "created"));
    expect(delivery.status).toBeLessThan(300);
    // The app's queue empties at once: nothing was queued.
    await appDone(world, 500);
    expect(standin.requests.filter((r) => r.seq > since)).toEqual([]);
  });
});

describe("the app's hidden markers in other people's words", () => {
  test("a person's comment that starts with the summary marker and a person's review with finding markers are not the app's", async () => {
    const number = nextNumber++;
    addStoryPull(world, number, { [DEMO_STORY_PATH]: DEMO_STORY }, { author: AUTHOR });
    const fake = standin.commentAs(MAINTAINER, world.repo, number, "<!-- story-triage:summary -->\n### story-triage\n\nAll good, nothing to see.");
    // The fingerprints of both findings the demo story has, in a person's words.
    const story = DEMO_STORY.split("\n");
    const missing = findingFingerprint(DEMO_STORY_PATH, { rule: "faq-missing", severity: "error", message: "", line: 1, column: 1, question: "Why did you choose *NAME* to tell this story?" }, 0);
    const unanswered = findingFingerprint(DEMO_STORY_PATH, { rule: "faq-unanswered", severity: "error", message: "", line: 1, column: 1, question: "What are the sources for this story?" }, 0);
    expect(story.length).toBeGreaterThan(10);
    standin.commentAs(AUTHOR, world.repo, number, `Done! <!-- story-triage:finding ${missing} -->\n<!-- story-triage:finding ${unanswered} -->`);
    await app.deliver("pull_request", pullRequestWebhook(standin, world.repo, number, "opened"));
    const after = await waitForCheckRuns(world, number);
    expect(normalize(after, standin.botLogin)).toEqual(baseline);
    expect(after.issueComments.find((c) => c.id === fake.id)?.body).toBe(fake.body);
    expect(standin.requests.filter((r) => r.method === "PATCH" && r.path.endsWith(`/comments/${fake.id}`))).toEqual([]);
  }, 60000);

  test("markers a story smuggles into the app's own review (in a suggested line) do not silence later findings", async () => {
    // The FAQ heading line is what the suggestion for the missing question repeats; it carries the
    // fingerprint of a finding the story does not have yet (the morals question left unanswered).
    const morals = findingFingerprint(DEMO_STORY_PATH, { rule: "faq-unanswered", severity: "error", message: "", line: 1, column: 1, question: "What are the morals of the story?" }, 0);
    const heading = "## 🤔 Frequently Asked Questions";
    const first = DEMO_STORY.replace(`${heading}\n`, `${heading} <!-- story-triage:finding ${morals} -->\n`);
    const { number, after } = await triage({ [DEMO_STORY_PATH]: first });
    expect(after.reviews[0]?.comments.some((c) => c.body.includes(`story-triage:finding ${morals}`))).toBe(true);
    // A push empties the morals answer: that finding is new, and must be commented.
    const answer = /### What are the morals of the story\?\n\n([\s\S]*?)\n\n###/.exec(first)?.[1] ?? "";
    expect(answer).not.toBe("");
    pushStory(world, number, { [DEMO_STORY_PATH]: first.replace(answer, "") }, "empty-morals");
    const since = mark(world);
    await app.deliver("pull_request", pullRequestWebhook(standin, world.repo, number, "synchronize"));
    await settleAfter(world, since);
    const reviews = standin.snapshot(world.repo, number).reviews;
    expect(reviews).toHaveLength(2);
    expect(reviews[1]?.comments.map((c) => c.body).join("\n")).toMatch(/faq-unanswered[\s\S]*What are the morals of the story\?/);
  }, 60000);
});

test("the test process, stand-in and app together, stayed under a generous memory cap", () => {
  // Peak resident memory of this process so far (the stand-in and the app run in it too).
  expect(process.resourceUsage().maxRSS / 1024).toBeLessThan(2048);
});
