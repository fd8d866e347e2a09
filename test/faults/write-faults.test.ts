/**
 * GitHub failing while the app writes. The app runs in this process against the stand-in (as in
 * production: Octokit's retry plugin on, only its back-off shortened to milliseconds), the
 * stand-in fails one kind of write at a time, and each pull request's end state is compared
 * with that of the same pull request triaged without faults: the same labels, one review with
 * the same comments, one check run with the same output, one summary comment. Faults that
 * "land" are the treacherous ones: GitHub did the write, but the app never heard so.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import type { HostedApp } from "../../src/standin/host.js";
import { Standin, type FaultAction, type FaultRequest, type PullSnapshot, type RecordedRequest } from "../../src/standin/server.js";
import { issueCommentWebhook, pullRequestWebhook } from "../support/payloads.js";
import {
  addStoryPull,
  appDone,
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
let standin: Standin;
let world: StoryRepo;
let app: HostedApp;
let baseline: NormalState;
let nextNumber = 1;

/** A write the app makes, told apart by method, path and (for check runs) the pull request's head. */
type WriteKind = "labels" | "check run opened" | "review" | "summary comment" | "check run completed";

function isWrite(kind: WriteKind, request: FaultRequest, number: number): boolean {
  const repoPath = `/repos/${world.repo.fullName}`;
  const headSha = world.repo.pulls.get(number)?.headSha;
  switch (kind) {
    case "labels":
      return request.method === "POST" && request.path === `${repoPath}/issues/${number}/labels`;
    case "review":
      return request.method === "POST" && request.path === `${repoPath}/pulls/${number}/reviews`;
    case "summary comment":
      return request.method === "POST" && request.path === `${repoPath}/issues/${number}/comments`;
    case "check run opened":
      return request.method === "POST" && request.path === `${repoPath}/check-runs` && isRecord(request.body) && request.body["head_sha"] === headSha;
    case "check run completed": {
      const id = /\/check-runs\/(\d+)$/.exec(request.path)?.[1];
      return request.method === "PATCH" && id !== undefined && world.repo.checkRuns.find((run) => run.id === Number(id))?.headSha === headSha;
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** Fails the first `times` requests of one kind of write on pull request `number` with `action`. */
function failWrites(kind: WriteKind, number: number, action: FaultAction, times = 1): void {
  let left = times;
  standin.setFault((request) => {
    if (left <= 0 || !isWrite(kind, request, number)) return undefined;
    left -= 1;
    return action;
  });
}

/** Opens a new pull request adding the demo story and delivers `pull_request.opened`. */
async function openStoryPull(): Promise<number> {
  const number = nextNumber++;
  addStoryPull(world, number, { [DEMO_STORY_PATH]: DEMO_STORY }, { author: AUTHOR });
  const delivery = await app.deliver("pull_request", pullRequestWebhook(standin, world.repo, number, "opened"));
  expect(delivery.status).toBeLessThan(300);
  return number;
}

/** The author comments `/triage`, as after an outage, and the app finishes with it. */
async function commandTriage(number: number): Promise<void> {
  const since = mark(world);
  const comment = standin.commentAs(AUTHOR, world.repo, number, "/triage");
  const delivery = await app.deliver("issue_comment", issueCommentWebhook(standin, world.repo, comment, "created"));
  expect(delivery.status).toBeLessThan(300);
  await settleAfter(world, since);
}

/** The end state after a /triage: what the pull request shows (the latest check run), the command aside. */
function finalState(snapshot: PullSnapshot, number: number): NormalState {
  const headSha = world.repo.pulls.get(number)?.headSha ?? "";
  const latest = latestRun(snapshot, headSha);
  return normalize({ ...snapshot, checkRuns: latest ? [latest] : [] }, standin.botLogin);
}

/** The recorded requests of one kind of write on pull request `number`. */
function writesOf(kind: WriteKind, number: number): RecordedRequest[] {
  return standin.requests.filter((r) => isWrite(kind, { ...r, query: new URLSearchParams(r.query) }, number));
}

function faultsHit(number: number, kind: WriteKind): number {
  return writesOf(kind, number).filter((r) => r.fault !== undefined).length;
}

beforeAll(async () => {
  standin = await Standin.start();
  world = seedStoryRepo(standin);
  app = await hostStoryApp(standin, { retryBaseMs: 5, logLevel: "fatal" });
  // As on GitHub, the app's own writes come back to it as webhooks; they must not add anything.
  standin.forwardWebhooks({ url: app.webhookUrl, secret: app.secret, events: ["pull_request", "issue_comment", "check_run"] });
  const number = await openStoryPull();
  baseline = normalize(await waitForCheckRuns(world, number), standin.botLogin);
}, 30000);

afterAll(async () => {
  await app?.close();
  await standin?.close();
});

test("without faults, the demo story gets its labels, one review on two lines, one failing check run and one summary", () => {
  expect(baseline.labels).toEqual(DEMO_LABELS);
  expect(baseline.reviews).toHaveLength(1);
  expect(baseline.reviews[0]?.comments).toHaveLength(2);
  expect(baseline.checkRuns.map((r) => [r.status, r.conclusion, r.title, r.annotations.length])).toEqual([["completed", "failure", "2 errors in 1 story", 2]]);
  expect(baseline.appComments).toHaveLength(1);
});

const WRITE_KINDS: WriteKind[] = ["check run opened", "labels", "review", "summary comment", "check run completed"];

const TRANSIENT: Array<[string, FaultAction]> = [
  ["HTTP 500", { status: 500, body: { message: "Server Error" } }],
  ["HTTP 502", { status: 502, body: { message: "Server Error" } }],
  ["HTTP 502 after the write landed", { status: 502, body: { message: "Server Error" }, landed: true }],
  ["a dropped connection", { drop: true }],
  ["a dropped connection after the write landed", { drop: true, landed: true }],
];

describe.each(WRITE_KINDS)("GitHub fails the %s once", (kind) => {
  test.each(TRANSIENT)("with %s: after the retry the pull request looks exactly as without the fault", async (_name, action) => {
    const number = nextNumber;
    failWrites(kind, number, action);
    await openStoryPull();
    const after = await waitForCheckRuns(world, number);
    standin.setFault(undefined);
    expect(faultsHit(number, kind)).toBe(1);
    expect(writesOf(kind, number).filter((r) => r.landed === true)).toHaveLength(action.landed === true ? 1 : 0);
    expect(normalize(after, standin.botLogin)).toEqual(baseline);
  });
});

test("a read that fails once (the file list, HTTP 502) is retried: the end state is the fault-free one", async () => {
  const number = nextNumber;
  let left = 1;
  standin.setFault((request) => {
    if (left === 0 || request.method !== "GET" || !request.path.endsWith(`/pulls/${number}/files`)) return undefined;
    left -= 1;
    return { status: 502, body: { message: "Server Error" } };
  });
  await openStoryPull();
  const after = await waitForCheckRuns(world, number);
  standin.setFault(undefined);
  expect(left).toBe(0);
  expect(normalize(after, standin.botLogin)).toEqual(baseline);
});

describe("annotations beyond the first 50 (60 findings in 30 stories)", () => {
  const thirty = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`stories/status_quo/story_${i}.md`, DEMO_STORY]));
  let expected: NormalState;

  beforeAll(async () => {
    const number = nextNumber++;
    addStoryPull(world, number, thirty, { author: AUTHOR });
    await app.deliver("pull_request", pullRequestWebhook(standin, world.repo, number, "opened"));
    expected = normalize(await waitForCheckRuns(world, number), standin.botLogin);
  });

  test.each(TRANSIENT)("the second batch fails once with %s: no annotation is lost or doubled", async (_name, action) => {
    const number = nextNumber++;
    let left = 1;
    standin.setFault((request) => {
      const id = /\/check-runs\/(\d+)$/.exec(request.path)?.[1];
      const run = world.repo.checkRuns.find((r) => r.id === Number(id));
      // The second batch is the PATCH that carries annotations but no status.
      if (left === 0 || request.method !== "PATCH" || run?.headSha !== world.repo.pulls.get(number)?.headSha) return undefined;
      if (!isRecord(request.body) || request.body["status"] !== undefined) return undefined;
      left -= 1;
      return action;
    });
    addStoryPull(world, number, thirty, { author: AUTHOR });
    await app.deliver("pull_request", pullRequestWebhook(standin, world.repo, number, "opened"));
    const after = await waitForCheckRuns(world, number);
    await appDone(world, 300);
    standin.setFault(undefined);
    expect(left).toBe(0);
    expect(expected.checkRuns[0]?.annotations).toHaveLength(60);
    expect(normalize(standin.snapshot(world.repo, number), standin.botLogin)).toEqual(expected);
    expect(after.checkRuns).toHaveLength(1);
  });
});

test("slow answers (1.5 s for every write) change nothing", async () => {
  const number = nextNumber;
  standin.setFault((request) => (request.method !== "GET" && request.path.includes(`/${number}/`) ? { delayMs: 1500 } : undefined));
  await openStoryPull();
  const after = await waitForCheckRuns(world, number);
  standin.setFault(undefined);
  expect(normalize(after, standin.botLogin)).toEqual(baseline);
});

describe("GitHub refusing the review (HTTP 422)", () => {
  let number: number;
  let after: PullSnapshot;

  beforeAll(async () => {
    number = nextNumber;
    failWrites("review", number, { status: 422, body: { message: "Unprocessable Entity", errors: ["Line could not be resolved"] } });
    await openStoryPull();
    after = await waitForCheckRuns(world, number);
    standin.setFault(undefined);
  });

  test("is not retried; the labels and check run are as without it, and the summary lists the findings and says why", () => {
    expect(faultsHit(number, "review")).toBe(1);
    const state = normalize(after, standin.botLogin);
    expect(state.reviews).toEqual([]);
    expect(state.labels).toEqual(baseline.labels);
    expect(state.checkRuns).toEqual(baseline.checkRuns);
    expect(state.appComments).toHaveLength(1);
    expect(state.appComments[0]).toContain("GitHub refused the review comments for these findings, so they are listed here only.");
    expect(state.appComments[0]).toMatch(/faq-missing[\s\S]*faq-unanswered/);
  });

  test("the next /triage posts the review and puts the summary back as without the fault", async () => {
    await commandTriage(number);
    const state = finalState(standin.snapshot(world.repo, number), number);
    expect(state).toEqual(baseline);
  });
});

/** What the check run says when GitHub keeps failing a write: the write, and what is missing because of it. */
const UNFINISHED: Partial<Record<WriteKind, string>> = {
  labels: "the labels, the review and the summary comment are",
  review: "the review and the summary comment are",
  "summary comment": "the summary comment is",
};

describe.each(WRITE_KINDS)("GitHub keeps failing the %s (HTTP 502 on every try)", (kind) => {
  let number: number;
  let failed: PullSnapshot;

  beforeAll(async () => {
    number = nextNumber;
    failWrites(kind, number, { status: 502, body: { message: "Server Error" } }, Number.POSITIVE_INFINITY);
    const since = mark(world);
    await openStoryPull();
    await settleAfter(world, since);
    failed = standin.snapshot(world.repo, number);
    standin.setFault(undefined);
  });

  const missing = UNFINISHED[kind];
  if (missing !== undefined) {
    test("the app gives up after four tries, and the check run says plainly what is missing and how to finish", () => {
      expect(faultsHit(number, kind)).toBe(4);
      const run = latestRun(failed, world.repo.pulls.get(number)?.headSha ?? "");
      expect(run).toMatchObject({ status: "completed", conclusion: "failure", title: `Not finished: GitHub failed on the ${kind}` });
      expect(run?.summary).toContain(
        `**Not finished.** GitHub answered HTTP 502 when story-triage wrote the ${kind}, and again when it retried, so ${missing} not on the pull request yet. ` +
          "Comment `/triage` or press **Re-run** to finish; the findings below are complete.",
      );
      // The findings are all there, as annotations, even though the rest is missing.
      expect(run?.annotations).toHaveLength(2);
    });
  } else {
    test("the app gives up after four tries, and four more to show that on the check run, which GitHub fails too", () => {
      expect(faultsHit(number, kind)).toBe(8);
      const state = normalize(failed, standin.botLogin);
      if (kind === "check run opened") {
        // The check run comes first: nothing else is tried while GitHub fails it.
        expect(state).toEqual({ labels: [], labelEvents: [], reviews: [], checkRuns: [], appComments: [] });
      } else {
        expect({ ...state, checkRuns: [] }).toEqual({ ...baseline, checkRuns: [] });
        expect(state.checkRuns.map((run) => run.status)).toEqual(["in_progress"]);
      }
    });
  }

  test("then /triage completes the work: the pull request looks as without the fault, and no check run is left in progress", async () => {
    await commandTriage(number);
    const snapshot = standin.snapshot(world.repo, number);
    expect(finalState(snapshot, number)).toEqual(baseline);
    expect(snapshot.checkRuns.filter((run) => run.status !== "completed")).toEqual([]);
  });
});
