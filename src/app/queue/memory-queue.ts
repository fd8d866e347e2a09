/**
 * The embedded queue, used without REDIS_URL: fine for one process. Its jobs live in this
 * process only; when it stops (or crashes) what was queued is gone, and the next event or
 * `/triage` on those pull requests redoes the work.
 */
import type { Logger } from "probot";
import { type Job, jobKey, pullName } from "./job.js";
import { DEFAULT_CONCURRENCY, type RunJob, settlesWithin, type TriageQueue } from "./queue.js";

export interface MemoryQueueOptions {
  run: RunJob;
  log: Logger;
  concurrency?: number;
}

export class MemoryQueue implements TriageQueue {
  readonly store = "memory";
  readonly #run: RunJob;
  readonly #log: Logger;
  readonly #concurrency: number;
  /** Jobs waiting to start, one per key, in arrival order of their key. */
  readonly #waiting = new Map<string, Job>();
  readonly #running = new Set<string>();
  /** Per running key, the latest job that arrived while it ran: it runs once more after it. */
  readonly #again = new Map<string, Job>();
  #idleWaiters: Array<() => void> = [];

  constructor(options: MemoryQueueOptions) {
    this.#run = options.run;
    this.#log = options.log;
    this.#concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  }

  async add(job: Job): Promise<void> {
    const key = jobKey(job);
    // While a key waits, a further job is merged into the waiting one (as BullMQ's deduplication
    // does); while it runs, the latest further job is kept for the one more run after it.
    if (this.#running.has(key)) this.#again.set(key, job);
    else if (!this.#waiting.has(key)) this.#waiting.set(key, job);
    this.#pump();
  }

  idle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  async close(deadlineMs: number): Promise<void> {
    if (await settlesWithin(this.idle(), deadlineMs)) return;
    const left = [...this.#running, ...this.#waiting.keys(), ...this.#again.keys()];
    this.#log.warn(
      { jobs: left },
      `story-triage: stopping with ${left.length} job(s) not finished; they are lost with this process (without REDIS_URL jobs live in memory), the next event or /triage redoes them`,
    );
  }

  #isIdle(): boolean {
    return this.#waiting.size === 0 && this.#running.size === 0 && this.#again.size === 0;
  }

  #pump(): void {
    while (this.#running.size < this.#concurrency) {
      const next = this.#waiting.entries().next();
      if (next.done === true) break;
      const [key, job] = next.value;
      this.#waiting.delete(key);
      this.#start(key, job);
    }
    if (this.#isIdle()) {
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  #start(key: string, job: Job): void {
    this.#running.add(key);
    // Started on a later tick, so a job that adds jobs does not re-enter #pump.
    void Promise.resolve()
      .then(() => this.#run(job))
      .catch((error: unknown) => {
        this.#log.error({ err: error, deliveryId: job.deliveryId, pull: pullName(job), kind: job.kind }, "story-triage: a queued job failed");
      })
      .finally(() => {
        this.#running.delete(key);
        const again = this.#again.get(key);
        if (again !== undefined) {
          this.#again.delete(key);
          this.#waiting.set(key, again);
        }
        this.#pump();
      });
  }
}
