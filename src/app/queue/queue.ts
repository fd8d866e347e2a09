/**
 * The job queue between the webhook handlers and the triage: the handlers record a job and answer
 * GitHub at once; workers run the jobs, a few at a time. Two stores, one behaviour:
 *
 * - memory (no REDIS_URL): for one process; its jobs die with the process.
 * - Redis (REDIS_URL, BullMQ): jobs survive the process that accepted them, any replica runs them.
 *
 * Per key (see job.ts): jobs added while one waits are merged into it (the waiting job is kept),
 * at most one job runs at a time, and jobs added while one runs become exactly one more run after it.
 */
import type { Job } from "./job.js";

/** Runs one job. It should not throw; when it does, the queue logs it (and Redis retries it). */
export type RunJob = (job: Job) => Promise<void>;

export interface TriageQueue {
  readonly store: "memory" | "redis";
  /** Records the job; resolves once it is queued (in Redis when that is the store). */
  add(job: Job): Promise<void>;
  /** Resolves when no job is waiting or running (in this process's memory, or anywhere in Redis). */
  idle(): Promise<void>;
  /**
   * Stops for a shutdown. Memory: keeps running what is queued until idle or `deadlineMs`, then
   * reports what is left (lost). Redis: takes no new job, waits up to `deadlineMs` for the running
   * ones; a job still running then is picked up by another replica once its lock lapses.
   */
  close(deadlineMs: number): Promise<void>;
}

/**
 * How many jobs of one process run at once, unless STORY_TRIAGE_CONCURRENCY says otherwise. A job
 * spends nearly all its time waiting for its installation's next write slot, so waiting jobs are
 * cheap; the load benchmark (bench/load) finished 50 pull requests over 5 installations in about
 * half the time with 16 as with 4, and gained nothing beyond (about 3 per busy installation).
 */
export const DEFAULT_CONCURRENCY = 16;

/** Resolves after `ms`, without keeping the process alive for it. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** True when `promise` settled within `ms`. */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true, () => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** `promise`'s value, or an Error with `message` when it takes longer than `ms`. */
export async function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
