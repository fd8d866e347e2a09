/**
 * Scale-out, end to end: Debian's redis-server on loopback (started by scripts/redis.sh, or by
 * .ci/run), two replicas of the built app (`probot run ./lib/index.js`, REDIS_URL shared) and the
 * GitHub stand-in. Webhooks are spread over both replicas as a load balancer would; two
 * deliveries for one pull request go to different replicas at once; one arrives while the other
 * replica triages that pull request; and one replica is killed (SIGKILL) in the middle of a
 * triage. In the end no review or summary is doubled, nothing is lost, and every pull request
 * shows what its latest head deserves.
 *
 * Throttling is off here (STORY_TRIAGE_THROTTLE=off) so the test is quick; throttle-cluster.test.ts
 * shows the shared write limiter.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type FaultAction, type FaultRequest, type PullSnapshot, Standin } from "../../src/standin/server.js";
import { type AppProcess, REPO_ROOT } from "../support/app-process.js";
import { pullRequestWebhook } from "../support/payloads.js";
import { specProblems } from "../support/spec.js";
import { addStoryPull, DEMO_LABELS, DEMO_STORY, DEMO_STORY_PATH, latestRun, pushStory, seedStoryRepo, type StoryRepo } from "../support/story-world.js";
import { waitFor } from "../support/wait.js";
import { redisAvailable, sayRedisSkipped, startTestRedis, type TestRedis } from "../queue/support/redis.js";
import { jobsDone, logLines, runnerOf, startReplicas } from "./support/replicas.js";

const available = redisAvailable();
if (!available) sayRedisSkipped("Scale-out test (two replicas sharing Redis)");

/** The demo story with its FAQ complete: no finding, so no needs-faq. */
const FIXED_STORY = DEMO_STORY.replace(
  "### What are the sources for this story?\n",
  "### What are the sources for this story?\n\nA week of debugging at work, and the chat that followed.\n\n### Why did you choose Grace to tell this story?\n\nGrace knows systems programming well, which makes the silent hang all the more puzzling.\n",
);
const FIXED_LABELS = ["character:Grace", "draft", "status-quo"];
const EVENTS = ["pull_request", "issue_comment", "check_run"];

let redis: TestRedis | null = null;
let standin: Standin;
let world: StoryRepo;
let replicas: AppProcess[] = [];
let fault: ((request: FaultRequest) => FaultAction | undefined) | null = null;
/** What each pull request should show in the end: its labels, and whether its check run fails. */
const expected = new Map<number, { labels: string[]; conclusion: "failure" | "success" }>();
let killed: AppProcess | null = null;
let survivor: AppProcess | null = null;
let killedAt = 0;
let recoveryMs = -1;

const pullName = (number: number) => `${world.repo.fullName}#${number}`;
const snapshotOf = (number: number): PullSnapshot => standin.snapshot(world.repo, number);

function open(number: number, story: string): void {
  addStoryPull(world, number, { [DEMO_STORY_PATH]: story });
}

async function deliver(to: AppProcess, number: number, action: string, payload = pullRequestWebhook(standin, world.repo, number, action)): Promise<void> {
  const delivery = await to.deliver("pull_request", payload);
  expect(delivery.status).toBe(200);
}

async function settle(): Promise<void> {
  if (redis === null) throw new Error("no Redis");
  await jobsDone(redis.url, 60000);
  await standin.whenQuiet(500, 60000);
}

(available ? describe : describe.skip)("two replicas sharing Redis", () => {
  beforeAll(async () => {
    if (!existsSync(join(REPO_ROOT, "lib/index.js"))) throw new Error("lib/index.js is missing: run `npm run build` first (npm test does)");
    redis = await startTestRedis(2);
    standin = await Standin.start({ fault: (request) => fault?.(request) });
    world = seedStoryRepo(standin);
    replicas = await startReplicas(standin, 2, { REDIS_URL: redis.url, STORY_TRIAGE_THROTTLE: "off", STORY_TRIAGE_CONCURRENCY: "2" });
    const [a, b] = replicas;
    if (!a || !b) throw new Error("two replicas expected");
    // As on GitHub, the app's own writes come back as webhooks (to one replica; the balancer's choice).
    standin.forwardWebhooks({ url: a.webhookUrl, secret: a.secret, events: EVENTS });

    // Four pull requests, their webhooks spread over both replicas.
    for (const number of [1, 2, 4, 6]) {
      open(number, DEMO_STORY);
      expected.set(number, { labels: DEMO_LABELS, conclusion: "failure" });
    }
    await Promise.all([1, 2, 4, 6].map((number, i) => deliver(replicas[i % 2] ?? a, number, "opened")));

    // #3: opened, then a push at once; `opened` reaches one replica and `synchronize` the other, together.
    open(3, DEMO_STORY);
    const openedPayload = pullRequestWebhook(standin, world.repo, 3, "opened");
    pushStory(world, 3, { [DEMO_STORY_PATH]: FIXED_STORY }, "fix-3");
    await Promise.all([deliver(a, 3, "opened", openedPayload), deliver(b, 3, "synchronize")]);
    expected.set(3, { labels: FIXED_LABELS, conclusion: "success" });

    // #5: a push arrives at replica b while replica a is in the middle of triaging the old head.
    open(5, DEMO_STORY);
    let reading = false;
    fault = (request) => {
      if (reading || request.method !== "GET" || request.path !== `/repos/${world.repo.fullName}/pulls/5/files`) return undefined;
      reading = true;
      return { delayMs: 1500 };
    };
    await deliver(a, 5, "opened");
    await waitFor("replica a to be reading #5", () => (reading ? true : undefined), 20000, 10);
    pushStory(world, 5, { [DEMO_STORY_PATH]: FIXED_STORY }, "fix-5");
    await deliver(b, 5, "synchronize");
    expected.set(5, { labels: FIXED_LABELS, conclusion: "success" });
    await settle();
    fault = null;

    // #7: the replica triaging it is killed as it posts the review (GitHub still gets the review).
    open(7, DEMO_STORY);
    expected.set(7, { labels: DEMO_LABELS, conclusion: "failure" });
    fault = (request) => {
      if (killed !== null || request.method !== "POST" || request.path !== `/repos/${world.repo.fullName}/pulls/7/reviews`) return undefined;
      const runner = runnerOf(replicas, pullName(7));
      if (!runner) throw new Error("no replica says it is triaging #7");
      killed = runner;
      survivor = replicas.find((r) => r !== runner) ?? null;
      killedAt = Date.now();
      runner.child.kill("SIGKILL");
      if (survivor) standin.forwardWebhooks({ url: survivor.webhookUrl, secret: survivor.secret, events: EVENTS });
      return { delayMs: 1000 };
    };
    await deliver(a, 7, "opened");
    await waitFor("a replica to be killed mid-triage", () => (killed !== null ? true : undefined), 20000, 10);
    const alive = survivor as AppProcess | null;
    if (alive === null) throw new Error("no survivor");
    // Work goes on at the survivor meanwhile.
    open(8, DEMO_STORY);
    expected.set(8, { labels: DEMO_LABELS, conclusion: "failure" });
    await deliver(alive, 8, "opened");
    const recovered = await waitFor(
      "the survivor to take over #7",
      () => logLines(alive).find((l) => l["msg"] === "story-triage: triage started" && l["pull"] === pullName(7) && typeof l["time"] === "number" && l["time"] > killedAt),
      60000,
      50,
    );
    recoveryMs = Number(recovered["time"]) - killedAt;
    await settle();
    fault = null;
    console.log(`scale-out: a replica killed mid-triage; the survivor took its job over after ${(recoveryMs / 1000).toFixed(1)} s`);
  }, 180000);

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await standin?.close();
    await redis?.stop();
  });

  test("both replicas triaged pull requests (the work was spread), and the survivor took over the killed one's job within seconds", () => {
    const triaged = (app: AppProcess) => logLines(app).filter((l) => l["msg"] === "story-triage: triage started").length;
    expect(replicas.map(triaged).every((n) => n > 0)).toBe(true);
    expect(killed).not.toBeNull();
    // The lock lapses 8 s after its last renewal; a stalled-job check runs every 3 s.
    expect(recoveryMs).toBeGreaterThan(0);
    expect(recoveryMs).toBeLessThan(20000);
  });

  test("every pull request has its labels, and its latest check run on its current head says what that head deserves", () => {
    for (const [number, want] of expected) {
      const snapshot = snapshotOf(number);
      const head = world.repo.pulls.get(number)?.headSha ?? "";
      expect({ number, labels: [...snapshot.labels].sort() }).toEqual({ number, labels: want.labels });
      expect({ number, run: latestRun(snapshot, head) }).toMatchObject({ number, run: { status: "completed", conclusion: want.conclusion } });
    }
  });

  test("nothing doubled: one summary per pull request, at most one review per head, no finding commented twice, no check run left in progress", () => {
    for (const number of expected.keys()) {
      const snapshot = snapshotOf(number);
      const own = snapshot.issueComments.filter((c) => c.user === standin.botLogin);
      expect({ number, summaries: own.length }).toEqual({ number, summaries: 1 });
      const heads = snapshot.reviews.map((r) => r.commitId);
      expect({ number, reviewHeads: heads }).toEqual({ number, reviewHeads: [...new Set(heads)] });
      const comments = snapshot.reviews.flatMap((r) => r.comments.map((c) => c.body));
      expect({ number, comments: comments.length }).toEqual({ number, comments: new Set(comments).size });
      expect({ number, inProgress: snapshot.checkRuns.filter((r) => r.status !== "completed").length }).toEqual({ number, inProgress: 0 });
    }
  });

  test("a pull request pushed to while triaged shows its new head: the event that came meanwhile made exactly one more run", () => {
    const runsOf = (number: number) =>
      replicas.flatMap((app) => logLines(app)).filter((l) => l["msg"] === "story-triage: triage started" && l["pull"] === pullName(number));
    // #5's synchronize reached replica b while replica a ran #5's first triage: one more run, after it.
    expect(runsOf(5)).toHaveLength(2);
    // #3's two deliveries came together: merged into one run, or one run and one more after it.
    expect(runsOf(3).length).toBeGreaterThanOrEqual(1);
    expect(runsOf(3).length).toBeLessThanOrEqual(2);
    for (const number of [3, 5]) {
      const snapshot = snapshotOf(number);
      const summary = snapshot.issueComments.find((c) => c.user === standin.botLogin)?.body ?? "";
      expect(summary).toMatch(/no problems/i);
      expect(summary).not.toMatch(/faq-missing|faq-unanswered/);
    }
  });

  test("the killed replica's review reached GitHub and was not posted again; its summary and check run were finished by the survivor", () => {
    const snapshot = snapshotOf(7);
    expect(snapshot.reviews).toHaveLength(1);
    expect(snapshot.reviews[0]?.comments).toHaveLength(2);
    expect(snapshot.checkRuns.map((r) => [r.status, r.conclusion])).toEqual([["completed", "failure"]]);
  });

  test("every request the replicas made was one GitHub would accept", () => {
    const refused = standin.requests.filter((r) => r.unmatched || (r.status >= 400 && !(r.method === "GET" && r.status === 404)));
    expect(refused.map((r) => `${r.method} ${r.path} -> ${r.status}`)).toEqual([]);
    expect(specProblems(standin.requests)).toEqual([]);
  });
});
