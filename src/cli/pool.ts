/**
 * Checking stories on several threads: worker threads (each loads the engine once, then checks
 * batch after batch), fed the largest stories first in batches of about BATCH_BYTES, each asking
 * for the next when it is done; the reports come back to their places in the input order, so the
 * output is the one a single thread gives. Started only when the work pays for the threads' start
 * (each thread compiles the engine and the parser again, tens of milliseconds).
 */
import { Worker } from "node:worker_threads";
import type { Config, StoryKind } from "../config/index.js";
import type { RepositoryContext } from "../engine/repository.js";
import type { StoryReport } from "../engine/types.js";

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

/** What a thread is started with. */
export interface WorkerSetup {
  config: ConfigData;
  repo: RepositoryContext | null;
}

/** A thread's answer: the reports of one batch, in the batch's order, or why it failed. */
export type WorkerAnswer = { reports: StoryReport[] } | { failed: string };

/** Below this many bytes to check, one thread does it sooner than two can start. */
export const WORKERS_FROM_BYTES = 160_000;
/** Each thread should have at least this much to do. */
const BYTES_PER_WORKER = 80_000;
/** About this many bytes a batch: few messages, and the last batches small enough to even out. */
const BATCH_BYTES = 24_000;

/** How many threads `jobs` are worth, at most `threads`: 1 means check them here. */
export function threadsFor(jobs: readonly Job[], threads: number): number {
  const bytes = jobs.reduce((sum, j) => sum + j.bytes.length, 0);
  if (threads < 2 || jobs.length < 2 || bytes < WORKERS_FROM_BYTES) return 1;
  return Math.max(1, Math.min(threads, jobs.length, Math.floor(bytes / BYTES_PER_WORKER)));
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

/**
 * The reports of `jobs`, in their order, checked here (`local` gives the checker once the worker
 * threads are started: loading the engine here then overlaps their start) and on `threads - 1`
 * worker threads running `script`. Every thread takes the next batch from one queue; a worker has two batches in
 * hand, so that it need not wait while this thread is busy with its own batch.
 */
export async function checkOnThreads(
  script: URL,
  threads: number,
  jobs: readonly Job[],
  config: Config,
  repo: RepositoryContext | null,
  local: () => Promise<(index: number) => StoryReport>,
): Promise<StoryReport[]> {
  const setup: WorkerSetup = { config: { ...config, kinds: config.kinds.map(({ matches: _, ...kind }) => kind) }, repo };
  const queue = batches(jobs);
  const reports: (StoryReport | undefined)[] = new Array(jobs.length);
  const workers: Worker[] = [];
  const state = { failure: null as Error | null };
  try {
    const done = Array.from({ length: threads - 1 }, () => {
      const worker = new Worker(script, { workerData: setup });
      workers.push(worker);
      return new Promise<void>((resolve, reject) => {
        const inHand: number[][] = [];
        const feed = () => {
          const next = queue.shift();
          if (next === undefined) return;
          inHand.push(next);
          worker.postMessage(next.map((i) => jobs[i]));
        };
        worker.on("message", (answer: WorkerAnswer) => {
          if ("failed" in answer) {
            reject(new Error(`a checking thread failed: ${answer.failed}`));
            return;
          }
          const batch = inHand.shift() ?? [];
          answer.reports.forEach((report, k) => {
            reports[batch[k]!] = report;
          });
          feed();
          if (inHand.length === 0) resolve();
        });
        worker.on("error", reject);
        worker.on("exit", (code) => {
          if (inHand.length > 0) reject(new Error(`a checking thread stopped (exit code ${code}) before it answered`));
        });
        feed();
        feed();
        if (inHand.length === 0) resolve();
      }).catch((err: unknown) => {
        state.failure ??= err instanceof Error ? err : new Error(String(err));
      });
    });
    // This thread's share: a batch at a time, letting the workers' answers in between.
    const check = await local();
    for (let batch = queue.shift(); batch !== undefined && state.failure === null; batch = queue.shift()) {
      for (const i of batch) reports[i] = check(i);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(done);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  if (state.failure !== null) throw state.failure;
  return reports.map((r, i) => {
    if (r === undefined) throw new Error(`no report came back for ${jobs[i]!.file}`);
    return r;
  });
}
