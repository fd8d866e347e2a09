/**
 * Checking stories on several threads (how many pay, and the batches: threads.ts): worker threads (each loads the engine once, then checks
 * batch after batch), fed the largest stories first in batches of about BATCH_BYTES, each asking
 * for the next when it is done; the reports come back to their places in the input order, so the
 * output is the one a single thread gives. Started only when the work pays for the threads' start
 * (each thread compiles the engine and the parser again, tens of milliseconds).
 */
import { Worker } from "node:worker_threads";
import type { Config } from "../config/index.js";
import type { RepositoryContext } from "../engine/repository.js";
import type { StoryReport } from "../engine/types.js";
import { batches, THREAD_VARIABLE, type Job, type WorkerAnswer, type WorkerSetup } from "./threads.js";

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
      const worker = new Worker(script, { workerData: setup, env: { ...process.env, [THREAD_VARIABLE]: "1" } });
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
