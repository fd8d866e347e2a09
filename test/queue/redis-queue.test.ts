/**
 * The queue in Redis (REDIS_URL), against a real redis-server: the shared contract, then what
 * Redis adds: replicas that share it (never two runs of one pull request at once, nothing run
 * twice or lost), a replica that dies mid-job (another runs the job again, and what arrived
 * meanwhile still gets its run), a Redis that does not answer, and a job it cannot read.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { jobKey } from "../../src/app/queue/job.js";
import { QUEUE_NAME, RedisQueue } from "../../src/app/queue/redis-queue.js";
import { freePort } from "../support/ports.js";
import { waitFor } from "../support/wait.js";
import { type LogLine, queueContract, Recorder, testLog, triageJob } from "./support/contract.js";
import { redisAvailable, sayRedisSkipped, startTestRedis, type TestRedis } from "./support/redis.js";

const available = redisAvailable();
if (!available) sayRedisSkipped("Redis queue tests");
const maybe = available ? describe : describe.skip;

let redis: TestRedis | null = null;
let prefixes = 0;
/** A fresh key prefix: a test's queues see only their own jobs. */
const nextPrefix = () => `st-test-${process.pid}-${++prefixes}`;
/** Short locks so that a dead replica's job comes back in about a second. */
const FAST = { lockDurationMs: 1000, stalledIntervalMs: 500 };

beforeAll(async () => {
  if (available) redis = await startTestRedis(1);
}, 30000);

afterAll(async () => {
  await redis?.stop();
});

function url(): string {
  if (redis === null) throw new Error("no test Redis");
  return redis.url;
}

if (available) {
  queueContract("redis", () => {
    const prefix = nextPrefix();
    return { make: async (run, options) => new RedisQueue({ url: url(), prefix, run, ...options, ...FAST }) };
  });
}

maybe("redis queue: replicas sharing Redis", () => {
  test("two replicas: a pull request's runs never overlap, none is repeated, and one starts after its last event", async () => {
    const prefix = nextPrefix();
    const recorder = new Recorder();
    const slow = async (job: Parameters<Recorder["run"]>[0]) => {
      const run = recorder.run(job);
      await new Promise((resolve) => setTimeout(resolve, 30));
      await run;
    };
    const a = new RedisQueue({ url: url(), prefix, run: slow, log: testLog([]), concurrency: 3, ...FAST });
    const b = new RedisQueue({ url: url(), prefix, run: slow, log: testLog([]), concurrency: 3, ...FAST });
    try {
      // 5 pull requests, 6 events each, spread over both replicas as a load balancer would.
      const adds: Array<Promise<void>> = [];
      const lastAdded = new Map<number, number>();
      for (let round = 0; round < 6; round++) {
        for (let number = 1; number <= 5; number++) {
          lastAdded.set(number, Date.now());
          adds.push((round + number) % 2 === 0 ? a.add(triageJob(number, `pr${number}-e${round}`)) : b.add(triageJob(number, `pr${number}-e${round}`)));
        }
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
      await Promise.all(adds);
      await a.idle();
      expect(recorder.maxOverlapPerKey).toBe(1);
      for (let number = 1; number <= 5; number++) {
        const deliveries = recorder.deliveriesOf(jobKey(triageJob(number, "x")));
        expect(deliveries.length).toBeGreaterThanOrEqual(1);
        expect(deliveries.length).toBeLessThanOrEqual(6);
        expect(new Set(deliveries).size).toBe(deliveries.length);
        // Whatever merged into what, the pull request's last run started after its last event came.
        expect(recorder.lastStartOf(jobKey(triageJob(number, "x")))).toBeGreaterThanOrEqual(lastAdded.get(number) ?? Infinity);
      }
    } finally {
      await Promise.all([a.close(2000), b.close(2000)]);
    }
  }, 30000);

  test("a replica that dies mid-job: another runs the job again within the lock time, and an event that came meanwhile still gets its run", async () => {
    const prefix = nextPrefix();
    const key = jobKey(triageJob(1, "x"));
    const doomed = new Recorder([key]);
    const survivor = new Recorder();
    const lines: LogLine[] = [];
    const a = new RedisQueue({ url: url(), prefix, run: doomed.run, log: testLog([]), concurrency: 1, ...FAST });
    await a.add(triageJob(1, "d1"));
    await doomed.started(key);
    const b = new RedisQueue({ url: url(), prefix, run: survivor.run, log: testLog(lines), concurrency: 1, ...FAST });
    try {
      await b.add(triageJob(1, "d2"));
      // "Dies": it stops at once (its running job never finishes, and its lock is no longer renewed).
      const died = Date.now();
      await a.close(0);
      await waitFor("the survivor to run both", () => (survivor.runs.length >= 2 ? true : undefined), 15000, 20);
      const recoveredMs = Date.now() - died;
      await b.idle();
      expect(survivor.deliveriesOf(key)).toEqual(["d1", "d2"]);
      expect(survivor.maxOverlapPerKey).toBe(1);
      expect(recoveredMs).toBeLessThan(FAST.lockDurationMs + 3 * FAST.stalledIntervalMs + 2000);
      expect(lines.map((l) => l["msg"])).toContain("story-triage: a job's worker stopped answering (a replica died or hung); the job is run again");
    } finally {
      await b.close(2000);
    }
  }, 30000);

  test("a job the app cannot read is failed at once, with what is wrong, and not tried again", async () => {
    const prefix = nextPrefix();
    const lines: LogLine[] = [];
    const recorder = new Recorder();
    const queue = new RedisQueue({ url: url(), prefix, run: recorder.run, log: testLog(lines), concurrency: 1, ...FAST });
    const raw = new Queue(QUEUE_NAME, { connection: { url: url() }, prefix });
    try {
      await raw.add("triage", { kind: "triage", owner: "o" }, { attempts: 3 });
      await waitFor("the failure", () => lines.find((l) => l["msg"] === "story-triage: a queued job failed"), 10000, 20);
      await raw.close();
      const failure = lines.find((l) => l["msg"] === "story-triage: a queued job failed");
      expect(String((failure?.["err"] as { message?: unknown } | undefined)?.message)).toMatch(/^not a story-triage job: .*`installationId` must be a positive whole number/);
      expect(failure?.["attemptsMade"]).toBe(1);
      expect(recorder.runs).toEqual([]);
    } finally {
      await queue.close(2000);
    }
  }, 20000);
});

maybe("redis queue: Redis does not answer", () => {
  test("add() fails within 2 s (the webhook gets its 500 in time) and the log names Redis without its password", async () => {
    const port = await freePort();
    const lines: LogLine[] = [];
    const queue = new RedisQueue({ url: `redis://user:hunter2@127.0.0.1:${port}/0`, run: async () => {}, log: testLog(lines), concurrency: 1 });
    try {
      const started = Date.now();
      await expect(queue.add(triageJob(1, "d1"))).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(3000);
      await waitFor("the log line", () => lines.find((l) => l["level"] === 50), 5000, 20);
      const errors = lines.filter((l) => l["level"] === 50);
      expect(errors).toHaveLength(1);
      expect(String(errors[0]?.["msg"])).toMatch(new RegExp(`^story-triage: Redis at redis://127\\.0\\.0\\.1:${port}/0 is unreachable \\(.*\\); webhooks are refused with HTTP 500`));
      expect(JSON.stringify(lines)).not.toContain("hunter2");
    } finally {
      await queue.close(100);
    }
  }, 15000);

  test("when Redis answers again the log says so", async () => {
    if (redis === null) throw new Error("no test Redis");
    // A second server that the test stops and starts: CI's shared one must stay up.
    const port = await freePort();
    const spawnServer = async () => {
      const { spawn } = await import("node:child_process");
      const child = spawn("redis-server", ["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no"], { stdio: "ignore" });
      await waitFor("redis-server to answer", async () => {
        const probe = new Redis(`redis://127.0.0.1:${port}`, { maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
        try {
          await probe.connect();
          return (await probe.ping()) === "PONG" ? true : undefined;
        } finally {
          probe.disconnect();
        }
      }, 5000, 50);
      return child;
    };
    const lines: LogLine[] = [];
    let server = await spawnServer();
    const queue = new RedisQueue({ url: `redis://127.0.0.1:${port}`, run: async () => {}, log: testLog(lines), concurrency: 1 });
    try {
      await queue.add(triageJob(1, "d1"));
      server.kill("SIGKILL");
      await waitFor("the outage in the log", () => lines.find((l) => l["level"] === 50), 10000, 20);
      server = await spawnServer();
      await waitFor("the recovery in the log", () => lines.find((l) => String(l["msg"]).endsWith("answers again")), 15000, 50);
      await queue.add(triageJob(2, "d2"));
      // One line for the outage, however many reconnect attempts it took.
      expect(lines.filter((l) => String(l["msg"]).includes("is unreachable"))).toHaveLength(1);
    } finally {
      await queue.close(500);
      server.kill("SIGKILL");
    }
  }, 40000);
});
