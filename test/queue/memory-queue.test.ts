/** The embedded queue (no REDIS_URL): the shared contract, and what is particular to living in memory. */
import { describe, expect, test } from "@jest/globals";
import { jobKey } from "../../src/app/queue/job.js";
import { MemoryQueue } from "../../src/app/queue/memory-queue.js";
import { type LogLine, queueContract, Recorder, testLog, triageJob } from "./support/contract.js";

queueContract("memory", () => ({
  make: async (run, options) => new MemoryQueue({ run, ...options }),
}));

describe("memory queue: what dies with the process", () => {
  test("a job that throws is logged with its delivery and pull request, and the next job runs", async () => {
    const lines: LogLine[] = [];
    const ran: string[] = [];
    const queue = new MemoryQueue({
      log: testLog(lines),
      run: async (job) => {
        ran.push(job.deliveryId);
        if (job.deliveryId === "bad") throw new Error("boom");
      },
    });
    await queue.add(triageJob(1, "bad"));
    await queue.add(triageJob(2, "good"));
    await queue.idle();
    expect(ran).toEqual(["bad", "good"]);
    expect(lines.filter((l) => l["level"] === 50).map((l) => [l["msg"], l["deliveryId"], l["pull"]])).toEqual([
      ["story-triage: a queued job failed", "bad", "story-org/stories#1"],
    ]);
  });

  test("close() past its deadline says which jobs are lost with the process", async () => {
    const lines: LogLine[] = [];
    const key = jobKey(triageJob(1, "x"));
    const recorder = new Recorder([key]);
    const queue = new MemoryQueue({ run: recorder.run, log: testLog(lines), concurrency: 1 });
    await queue.add(triageJob(1, "d1"));
    await queue.add(triageJob(2, "d2"));
    await recorder.started(key);
    await queue.close(50);
    const warning = lines.find((l) => l["level"] === 40);
    expect(warning?.["jobs"]).toEqual(["triage:story-org/stories#1", "triage:story-org/stories#2"]);
    expect(String(warning?.["msg"])).toMatch(/^story-triage: stopping with 2 job\(s\) not finished; they are lost with this process/);
    recorder.release(key);
    await queue.idle();
  });

  test("a job may queue another (a command queues its triage) and idle() waits for both", async () => {
    const ran: string[] = [];
    const queue: MemoryQueue = new MemoryQueue({
      log: testLog([]),
      run: async (job) => {
        ran.push(`${job.kind}:${job.deliveryId}`);
        if (job.deliveryId === "first") await queue.add(triageJob(2, "second"));
      },
    });
    await queue.add(triageJob(1, "first"));
    await queue.idle();
    expect(ran).toEqual(["triage:first", "triage:second"]);
  });
});
