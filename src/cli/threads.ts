/**
 * How many threads a check is worth and how its stories are batched (pool.ts runs them), and what
 * crosses between threads. Apart from pool.ts so that a run with little to check loads no
 * worker_threads.
 */
import type { Config, StoryKind } from "../config/index.js";
import type { RepositoryContext } from "../engine/repository.js";
import type { StoryReport } from "../engine/types.js";

/**
 * Set in a checking thread's environment: src/cli.ts, seeing it, asks node:worker_threads whether
 * it runs as such a thread (the main thread never loads that module just to know it is the main one).
 */
export const THREAD_VARIABLE = "STORY_TRIAGE_CHECKING_THREAD";

/** One story to check, as it crosses to a thread: the kind by name, the template by its text. */
export interface Job {
  file: string;
  kind: string;
  /** null: the built-in template. */
  template: { id: string; text: string | null };
  bytes: Uint8Array;
  size: number;
}

/** The configuration as it crosses to a thread: each kind's matcher is made again there from its globs. */
export type ConfigData = Omit<Config, "kinds"> & { kinds: Omit<StoryKind, "matches">[] };

/**
 * What a thread is sent once the stories are read: every job and batch, and the counter (on shared memory) from which
 * every thread, this one too, claims the next batch: none waits for another to hand it work.
 */
export interface WorkerSetup {
  config: ConfigData;
  repo: RepositoryContext | null;
  jobs: Job[];
  batches: number[][];
  next: Int32Array;
}

/** A thread's answers: the reports of one batch (in the batch's order), then that it is done; or why it failed. */
export type WorkerAnswer = { batch: number; reports: StoryReport[] } | { done: true } | { failed: string };

/** The batch this thread checks next (past the last one: there is none left). */
export function claim(next: Int32Array): number {
  return Atomics.add(next, 0, 1);
}

/** Below this many bytes to check, one thread does it sooner than two can start. */
export const WORKERS_FROM_BYTES = 160_000;
/** Each thread should have at least this much to do. */
const BYTES_PER_WORKER = 80_000;
/** About this many bytes a batch: few messages, and the last batches small enough to even out. */
const BATCH_BYTES = 16_000;

/** How many threads `stories` stories of `bytes` bytes in all are worth, however many cores there are: 1 means check them here. */
export function threadsFor(stories: number, bytes: number): number {
  if (stories < 2 || bytes < WORKERS_FROM_BYTES) return 1;
  return Math.max(1, Math.min(stories, Math.floor(bytes / BYTES_PER_WORKER)));
}

/** Batches of job indexes, largest stories first, each of about BATCH_BYTES (at least one story). */
export function batches(jobs: readonly Job[]): number[][] {
  const order = jobs.map((_, i) => i).sort((a, b) => jobs[b]!.bytes.length - jobs[a]!.bytes.length || a - b);
  const out: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  for (const i of order) {
    current.push(i);
    bytes += jobs[i]!.bytes.length;
    if (bytes >= BATCH_BYTES) {
      out.push(current);
      current = [];
      bytes = 0;
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

