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
import { batches, claim, THREAD_VARIABLE, type Job, type WorkerAnswer, type WorkerSetup } from "./threads.js";

/**
 * The reports of `jobs`, in their order, checked here (`local` gives the checker once the worker
 * threads are started: loading the engine here then overlaps their start) and on `threads - 1`
 * worker threads running `script`. Each thread claims the next batch from one shared counter.
 */
export async function checkOnThreads(
  script: URL,
  threads: number,
  jobs: Job[],
  config: Config,
  repo: RepositoryContext | null,
  local: () => Promise<(index: number) => StoryReport>,
): Promise<StoryReport[]> {
  const order = batches(jobs);
  const next = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const setup: WorkerSetup = { config: { ...config, kinds: config.kinds.map(({ matches: _, ...kind }) => kind) }, repo, jobs, batches: order, next };
  const reports: (StoryReport | undefined)[] = new Array(jobs.length);
  const workers: Worker[] = [];
  const state = { failure: null as Error | null };
  try {
    const done = Array.from({ length: threads - 1 }, () => {
      const worker = new Worker(script, { workerData: setup, env: { ...process.env, [THREAD_VARIABLE]: "1" } });
      workers.push(worker);
      return new Promise<void>((resolve, reject) => {
        worker.on("message", (answer: WorkerAnswer) => {
          if ("failed" in answer) reject(new Error(`a checking thread failed: ${answer.failed}`));
          else if ("done" in answer) resolve();
          else answer.reports.forEach((report, k) => (reports[order[answer.batch]![k]!] = report));
        });
        worker.on("error", reject);
        // After its last answer a thread ends by itself (0); a missing report is caught below.
        worker.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`a checking thread stopped with exit code ${code}`))));
      }).catch((err: unknown) => {
        state.failure ??= err instanceof Error ? err : new Error(String(err));
      });
    });
    const check = await local();
    for (let b = claim(next); b < order.length; b = claim(next)) {
      for (const i of order[b]!) reports[i] = check(i);
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
