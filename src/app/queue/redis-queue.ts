/**
 * The queue in Redis, on BullMQ: a job survives the process that accepted it, and any replica
 * runs it. Per-key behaviour comes from BullMQ's deduplication with `keepLastIfActive`: while a
 * pull request's job waits, further jobs for it are merged into it; while it runs, the latest
 * further job is kept and queued when it finishes (exactly one more run); BullMQ never lets two
 * jobs with the same deduplication id be active at once, across all replicas.
 *
 * A replica that dies mid-job stops renewing the job's lock; after LOCK_DURATION_MS the next
 * stalled-job check (every STALLED_INTERVAL_MS, on every replica) puts the job back in line and
 * another replica runs it again from the start. Triage is idempotent (it writes only what
 * differs from what is on GitHub), so a half-done run is completed, not repeated.
 */
import { Queue, UnrecoverableError, Worker, type JobsOptions } from "bullmq";
import { Redis } from "ioredis";
import type { Logger } from "probot";
import { type Job, jobKey, parseJob, pullName } from "./job.js";
import { DEFAULT_CONCURRENCY, type RunJob, settlesWithin, sleep, type TriageQueue, within } from "./queue.js";

/** The queue's name; BullMQ keys are `<prefix>:<name>:…`. */
export const QUEUE_NAME = "jobs";
export const DEFAULT_PREFIX = "story-triage";

/**
 * How long a job's lock lasts without renewal (the worker renews it every half of this). A killed
 * replica's job is run again LOCK_DURATION_MS to LOCK_DURATION_MS + 2 × STALLED_INTERVAL_MS after
 * its last renewal: about 8 to 14 s.
 */
export const LOCK_DURATION_MS = 8000;
export const STALLED_INTERVAL_MS = 3000;
/** A job whose worker died this many times in a row is failed (a job that kills its worker). */
export const MAX_STALLED_COUNT = 3;
/** A job that threw is tried this many times in all, 5 s then 10 s apart. */
export const ATTEMPTS = 3;
/** How long a webhook waits for Redis to take its job before it is answered with an error. */
export const ADD_TIMEOUT_MS = 2000;

export interface RedisQueueOptions {
  /** REDIS_URL. */
  url: string;
  run: RunJob;
  log: Logger;
  concurrency?: number;
  /** Key prefix, so that several apps (or tests) can share one Redis; DEFAULT_PREFIX by default. */
  prefix?: string;
  /** Lock and stalled-check timing; LOCK_DURATION_MS and STALLED_INTERVAL_MS by default. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

/** `redis://host:port/db` without user name or password, for log lines. */
export function redisLocation(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.hostname}${parsed.port === "" ? "" : `:${parsed.port}`}${parsed.pathname === "/" ? "" : parsed.pathname}`;
  } catch {
    return "(an unparsable REDIS_URL)";
  }
}

/** An error of the connection (refused, reset, timed out, closed), as opposed to one Redis answered with. */
export function isConnectionError(error: unknown): boolean {
  // Duck-typed: errors from Node's net module may come from another realm than this module's Error.
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === "string" && /^E[A-Z]+$/.test(code)) return true;
  return typeof message === "string" && /Connection is closed|Stream isn't writeable|connect E[A-Z]+|Reached the max retries per request/i.test(message);
}

/**
 * Logs once when Redis stops answering and once when it is back, instead of once per reconnect
 * attempt: ioredis keeps retrying by itself.
 */
class RedisHealth {
  readonly #log: Logger;
  readonly #where: string;
  #down = false;

  constructor(log: Logger, url: string) {
    this.#log = log;
    this.#where = redisLocation(url);
  }

  watch(client: Redis): void {
    client.on("error", (error: unknown) => this.failed(error));
    client.on("ready", () => this.ready());
  }

  failed(error: unknown): void {
    if (this.#down) return;
    this.#down = true;
    const message = typeof error === "object" && error !== null && "message" in error ? String(error.message) : String(error);
    this.#log.error(
      { redis: this.#where, reason: message },
      `story-triage: Redis at ${this.#where} is unreachable (${message}); webhooks are refused with HTTP 500 and queued jobs wait until it answers again`,
    );
  }

  ready(): void {
    if (!this.#down) return;
    this.#down = false;
    this.#log.info({ redis: this.#where }, `story-triage: Redis at ${this.#where} answers again`);
  }
}

export class RedisQueue implements TriageQueue {
  readonly store = "redis";
  readonly #queue: Queue;
  readonly #worker: Worker;
  readonly #clients: Redis[];
  readonly #log: Logger;
  readonly #url: string;
  readonly #lockDurationMs: number;

  constructor(options: RedisQueueOptions) {
    this.#url = options.url;
    this.#lockDurationMs = options.lockDurationMs ?? LOCK_DURATION_MS;
    const health = new RedisHealth(options.log, options.url);
    // Adding a job fails rather than waits when Redis is away (see add), so the webhook is
    // answered (500) in time.
    const producer = new Redis(options.url, { maxRetriesPerRequest: 1, connectTimeout: 1000 });
    // A worker's connection waits through outages (BullMQ needs maxRetriesPerRequest: null there).
    const consumer = new Redis(options.url, { maxRetriesPerRequest: null });
    health.watch(producer);
    health.watch(consumer);
    this.#clients = [producer, consumer];
    this.#log = options.log;
    const prefix = options.prefix ?? DEFAULT_PREFIX;
    this.#queue = new Queue(QUEUE_NAME, { connection: producer, prefix });
    const failed = (error: Error) => {
      if (isConnectionError(error)) health.failed(error);
      else this.#log.error({ err: error }, "story-triage: the job queue in Redis reported an error");
    };
    this.#queue.on("error", failed);
    this.#worker = new Worker(
      QUEUE_NAME,
      async (bullJob) => {
        let job: Job;
        try {
          job = parseJob(bullJob.data);
        } catch (error) {
          throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
        }
        await options.run(job);
      },
      {
        connection: consumer,
        prefix,
        concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
        lockDuration: this.#lockDurationMs,
        stalledInterval: options.stalledIntervalMs ?? STALLED_INTERVAL_MS,
        maxStalledCount: MAX_STALLED_COUNT,
      },
    );
    this.#worker.on("error", failed);
    this.#worker.on("failed", (bullJob, error) => {
      const data: unknown = bullJob?.data;
      let about: Record<string, unknown> = { jobId: bullJob?.id };
      try {
        const job = parseJob(data);
        about = { ...about, deliveryId: job.deliveryId, pull: pullName(job), kind: job.kind };
      } catch {
        // The error says what is wrong with the job.
      }
      const final = bullJob === undefined || bullJob.attemptsMade >= (bullJob.opts.attempts ?? 1) || error instanceof UnrecoverableError;
      this.#log.error({ err: error, ...about, attemptsMade: bullJob?.attemptsMade }, final ? "story-triage: a queued job failed" : "story-triage: a queued job failed; it will be tried again");
    });
    this.#worker.on("stalled", (jobId) => {
      this.#log.warn({ jobId }, "story-triage: a job's worker stopped answering (a replica died or hung); the job is run again");
    });
  }

  async add(job: Job): Promise<void> {
    const common: JobsOptions = {
      attempts: ATTEMPTS,
      backoff: { type: "exponential", delay: 5000 },
      removeOnComplete: true,
      removeOnFail: { count: 1000 },
    };
    const options: JobsOptions =
      job.kind === "triage"
        ? { ...common, deduplication: { id: jobKey(job), keepLastIfActive: true } }
        : // A redelivered webhook (same delivery id) is not queued twice while the first is still queued.
          { ...common, jobId: jobKey(job).replaceAll(":", "-") };
    // BullMQ waits for a connection without limit; GitHub waits 10 s for the webhook's answer.
    const location = redisLocation(this.#url);
    await within(this.#queue.add(job.kind, job, options), ADD_TIMEOUT_MS, `Redis at ${location} did not take the job within ${ADD_TIMEOUT_MS} ms`);
  }

  async idle(): Promise<void> {
    for (;;) {
      const counts = await this.#queue.getJobCounts("wait", "active", "delayed", "prioritized", "paused", "waiting-children");
      if (Object.values(counts).every((count) => count === 0)) return;
      await sleep(50);
    }
  }

  async close(deadlineMs: number): Promise<void> {
    // Pausing takes no new job and resolves once the running ones are done.
    const finished = await settlesWithin(this.#worker.pause(), deadlineMs);
    if (!finished) {
      this.#log.warn(
        { lockDurationMs: this.#lockDurationMs },
        "story-triage: stopping with jobs still running; their locks are no longer renewed, and another replica runs them again once the locks lapse",
      );
    }
    // Forced when jobs still run: it stops renewing their locks instead of waiting for them.
    await settlesWithin(this.#worker.close(!finished), 2000);
    await settlesWithin(this.#queue.close(), 1000);
    for (const client of this.#clients) client.disconnect();
  }
}
