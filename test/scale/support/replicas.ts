/**
 * Several replicas of the built app, each `probot run ./lib/index.js` in its own process, sharing
 * one Redis (REDIS_URL) and one GitHub stand-in; what they logged, and a wait for the jobs in
 * Redis to be all done.
 */
import { Queue } from "bullmq";
import { DEFAULT_PREFIX, QUEUE_NAME } from "../../../src/app/queue/redis-queue.js";
import type { Standin } from "../../../src/standin/server.js";
import { type AppProcess, startAppProcess } from "../../support/app-process.js";
import { sleep } from "../../support/wait.js";

export type LogLine = Record<string, unknown>;

/** The JSON log lines a replica printed so far. */
export function logLines(app: AppProcess): LogLine[] {
  return app
    .output()
    .split("\n")
    .flatMap((line) => {
      if (!line.startsWith("{")) return [];
      try {
        const parsed: unknown = JSON.parse(line);
        return typeof parsed === "object" && parsed !== null ? [parsed as LogLine] : [];
      } catch {
        return [];
      }
    });
}

/** The replica whose process logged starting a triage of `pull` (`owner/repo#n`) last, if any. */
export function runnerOf(replicas: AppProcess[], pull: string): AppProcess | undefined {
  let found: { app: AppProcess; time: number } | undefined;
  for (const app of replicas) {
    for (const line of logLines(app)) {
      if (line["msg"] !== "story-triage: triage started" || line["pull"] !== pull) continue;
      const time = typeof line["time"] === "number" ? line["time"] : 0;
      if (found === undefined || time >= found.time) found = { app, time };
    }
  }
  return found?.app;
}

export async function startReplicas(standin: Standin, count: number, env: NodeJS.ProcessEnv): Promise<AppProcess[]> {
  return Promise.all(Array.from({ length: count }, () => startAppProcess(standin, { logLevel: "info", env })));
}

/** Waits until Redis holds no waiting, running or delayed job of the app. */
export async function jobsDone(redisUrl: string, timeoutMs: number): Promise<void> {
  const queue = new Queue(QUEUE_NAME, { connection: { url: redisUrl }, prefix: DEFAULT_PREFIX });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const counts = await queue.getJobCounts("wait", "active", "delayed", "prioritized", "paused", "waiting-children");
      if (Object.values(counts).every((n) => n === 0)) return;
      if (Date.now() > deadline) throw new Error(`jobs still in Redis after ${timeoutMs} ms: ${JSON.stringify(counts)}`);
      await sleep(100);
    }
  } finally {
    await queue.close();
  }
}
