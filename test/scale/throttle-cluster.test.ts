/**
 * The write limiter of an installation is shared by every replica through Redis: two replicas of
 * the built app, throttling on as in production, each triaging a pull request of the same
 * installation at the same time. GitHub sees that installation's writes a second apart, as if one
 * process made them.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Standin } from "../../src/standin/server.js";
import { type AppProcess, REPO_ROOT } from "../support/app-process.js";
import { pullRequestWebhook } from "../support/payloads.js";
import { addStoryPull, DEMO_STORY, DEMO_STORY_PATH, seedStoryRepo, type StoryRepo } from "../support/story-world.js";
import { redisAvailable, sayRedisSkipped, startTestRedis, type TestRedis } from "../queue/support/redis.js";
import { jobsDone, logLines, startReplicas } from "./support/replicas.js";

const available = redisAvailable();
if (!available) sayRedisSkipped("Shared write limiter test (two replicas sharing Redis)");

let redis: TestRedis | null = null;
let standin: Standin;
let world: StoryRepo;
let replicas: AppProcess[] = [];
/** Writes as they reached the stand-in: when, and what. */
const writes: Array<{ at: number; call: string }> = [];

(available ? describe : describe.skip)("two replicas, one installation, throttling on", () => {
  beforeAll(async () => {
    if (!existsSync(join(REPO_ROOT, "lib/index.js"))) throw new Error("lib/index.js is missing: run `npm run build` first (npm test does)");
    redis = await startTestRedis(3);
    const delayed = new Set<string>();
    standin = await Standin.start({
      fault: (request) => {
        if (request.method !== "GET" && !request.path.startsWith("/app/")) writes.push({ at: Date.now(), call: `${request.method} ${request.path}` });
        // Each triage's first read takes a second, so a replica (one job at a time) that took one
        // job is still busy when the other job is taken: the other replica takes it.
        if (request.method === "GET" && /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+$/.test(request.path) && !delayed.has(request.path)) {
          delayed.add(request.path);
          return { delayMs: 1000 };
        }
        return undefined;
      },
    });
    world = seedStoryRepo(standin);
    replicas = await startReplicas(standin, 2, { REDIS_URL: redis.url, STORY_TRIAGE_CONCURRENCY: "1" });
    addStoryPull(world, 1, { [DEMO_STORY_PATH]: DEMO_STORY });
    addStoryPull(world, 2, { [DEMO_STORY_PATH]: DEMO_STORY });
    const [a, b] = replicas;
    if (!a || !b) throw new Error("two replicas expected");
    const deliveries = await Promise.all([
      a.deliver("pull_request", pullRequestWebhook(standin, world.repo, 1, "opened")),
      b.deliver("pull_request", pullRequestWebhook(standin, world.repo, 2, "opened")),
    ]);
    expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
    await jobsDone(redis.url, 90000);
    await standin.whenQuiet(500, 30000);
  }, 150000);

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await standin?.close();
    await redis?.stop();
  });

  test("each replica triaged one of the pull requests, at the same time", () => {
    const runs = replicas.map((app) => logLines(app).filter((l) => l["msg"] === "story-triage: triaged").map((l) => l["pull"]));
    expect(runs.flat().sort()).toEqual([1, 2]);
    expect(runs.every((pulls) => pulls.length === 1)).toBe(true);
  });

  test("the installation's writes, from both processes, reached GitHub a second apart (reviews and comments too)", () => {
    expect(writes.length).toBeGreaterThanOrEqual(10);
    expect(writes.filter((w) => /^POST .*\/(pulls\/\d+\/reviews|issues\/\d+\/comments)$/.test(w.call))).toHaveLength(4);
    const gaps = writes.slice(1).map((w, i) => w.at - (writes[i]?.at ?? w.at));
    // A second apart as they leave the shared limiter; arrival adds a little jitter either way.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(800);
  });
});
