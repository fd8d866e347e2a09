/**
 * GitHub's secondary rate limit: a 403 whose message says so, with `retry-after`. The app runs in
 * this process against the stand-in with Octokit's throttling on, as in production (writes spaced
 * a second apart, comments and reviews three), so a triage takes several seconds here.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import type { HostedApp } from "../../src/standin/host.js";
import { Standin, type FaultAction, type PullSnapshot } from "../../src/standin/server.js";
import { issueCommentWebhook, pullRequestWebhook } from "../support/payloads.js";
import {
  addStoryPull,
  DEMO_LABELS,
  DEMO_STORY,
  DEMO_STORY_PATH,
  hostStoryApp,
  latestRun,
  mark,
  normalize,
  type NormalState,
  seedStoryRepo,
  settleAfter,
  type StoryRepo,
  waitForCheckRuns,
} from "../support/story-world.js";

const AUTHOR = "ferris-writes";
/** What GitHub answers when an app writes too fast (the documentation's wording). */
const SECONDARY_LIMIT: FaultAction = {
  status: 403,
  headers: { "retry-after": "1", "x-ratelimit-remaining": "4000" },
  body: {
    message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
    documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
  },
};

let standin: Standin;
let world: StoryRepo;
let app: HostedApp;
let baseline: NormalState;
let nextNumber = 1;

const reviewPath = (number: number) => `/repos/${world.repo.fullName}/pulls/${number}/reviews`;

/** Fails the first `times` POSTs of pull request `number`'s review with GitHub's secondary rate limit. */
function limitReviews(number: number, times: number): void {
  let left = times;
  standin.setFault((request) => {
    if (left <= 0 || request.method !== "POST" || request.path !== reviewPath(number)) return undefined;
    left -= 1;
    return SECONDARY_LIMIT;
  });
}

async function openStoryPull(): Promise<number> {
  const number = nextNumber++;
  addStoryPull(world, number, { [DEMO_STORY_PATH]: DEMO_STORY }, { author: AUTHOR });
  const delivery = await app.deliver("pull_request", pullRequestWebhook(standin, world.repo, number, "opened"));
  expect(delivery.status).toBeLessThan(300);
  return number;
}

function reviewAttempts(number: number): number[] {
  return standin.requests.filter((r) => r.method === "POST" && r.path === reviewPath(number)).map((r) => r.status);
}

beforeAll(async () => {
  standin = await Standin.start();
  world = seedStoryRepo(standin);
  app = await hostStoryApp(standin, { throttle: true, logLevel: "fatal" });
  const number = await openStoryPull();
  baseline = normalize(await waitForCheckRuns(world, number, 1, 40000), standin.botLogin);
  expect(baseline.labels).toEqual(DEMO_LABELS);
}, 60000);

afterAll(async () => {
  await app?.close();
  await standin?.close();
});

test("a review refused once for the secondary rate limit is sent again after retry-after: the end state is the fault-free one", async () => {
  const number = nextNumber;
  limitReviews(number, 1);
  await openStoryPull();
  const after = await waitForCheckRuns(world, number, 1, 40000);
  standin.setFault(undefined);
  expect(reviewAttempts(number)).toEqual([403, 200]);
  expect(normalize(after, standin.botLogin)).toEqual(baseline);
}, 60000);

describe("a review refused for the secondary rate limit on every try", () => {
  let number: number;
  let failed: PullSnapshot;

  beforeAll(async () => {
    number = nextNumber;
    limitReviews(number, Number.POSITIVE_INFINITY);
    await openStoryPull();
    failed = await waitForCheckRuns(world, number, 1, 40000);
    standin.setFault(undefined);
  }, 60000);

  test("the app gives up after the throttling's retries, and the check run says what is missing", () => {
    expect(reviewAttempts(number)).toEqual([403, 403, 403, 403]);
    const run = latestRun(failed, world.repo.pulls.get(number)?.headSha ?? "");
    expect(run).toMatchObject({ status: "completed", conclusion: "failure", title: "Not finished: GitHub failed on the review" });
    expect(run?.summary).toMatch(/^\*\*Not finished\.\*\* GitHub answered HTTP 403 when story-triage wrote the review, and again when it retried, so the review and the summary comment are not on the pull request yet\./);
  });

  test("then /triage from the author completes the work", async () => {
    const since = mark(world);
    const comment = standin.commentAs(AUTHOR, world.repo, number, "/triage");
    await app.deliver("issue_comment", issueCommentWebhook(standin, world.repo, comment, "created"));
    await waitForCheckRuns(world, number, 2, 40000);
    await settleAfter(world, since, 3500, 40000);
    const snapshot = standin.snapshot(world.repo, number);
    const latest = latestRun(snapshot, world.repo.pulls.get(number)?.headSha ?? "");
    expect(normalize({ ...snapshot, checkRuns: latest ? [latest] : [] }, standin.botLogin)).toEqual(baseline);
  }, 60000);
});
