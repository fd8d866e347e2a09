/**
 * Checking stories on several threads (how many pay, and the batches: threads.ts): this thread and
 * worker threads (each loads the engine once) claim batches of stories, the largest first, from one
 * shared counter until none is left; the reports come back to their places in the input order, so
 * the output is the one a single thread gives. The workers are started as soon as the command
 * knows there is enough to check, so that their start overlaps its reading of the stories.
 */
import { Worker } from "node:worker_threads";
import type { Config } from "../config/index.js";
import type { RepositoryContext } from "../engine/repository.js";
import type { StoryReport } from "../engine/types.js";
import { batches, claim, THREAD_VARIABLE, type Job, type WorkerAnswer, type WorkerSetup } from "./threads.js";

/** Worker threads running `script` (the command's own file), waiting for their work. */
export class Pool {
  private readonly workers: Worker[];
  /** Each worker's end: its last answer, its exit, or the first thing that went wrong with it. */
  private readonly ended: Promise<void>[];
  private readonly answers: ((answer: WorkerAnswer) => void)[] = [];
  private failure: Error | null = null;

  constructor(script: URL, count: number) {
    this.workers = [];
    try {
      for (let i = 0; i < count; i += 1) this.workers.push(new Worker(script, { env: { ...process.env, [THREAD_VARIABLE]: "1" } }));
    } catch (err) {
      for (const worker of this.workers) void worker.terminate();
      throw err;
    }
    this.ended = this.workers.map(
      (worker) =>
        new Promise<void>((resolve) => {
          const fail = (err: Error) => {
            this.failure ??= err;
            resolve();
          };
          worker.on("message", (answer: WorkerAnswer) => {
            if ("failed" in answer) fail(new Error(`a checking thread failed: ${answer.failed}`));
            else if ("done" in answer) resolve();
            else for (const take of this.answers) take(answer);
          });
          worker.on("error", fail);
          // After its last answer a thread ends by itself (0); a missing report is caught in check().
          worker.on("exit", (code) => (code === 0 ? resolve() : fail(new Error(`a checking thread stopped with exit code ${code}`))));
        }),
    );
  }

  /**
   * The reports of `jobs`, in their order, checked here (`local` gives this thread's checker) and
   * on the workers. Each thread claims the next batch from one shared counter.
   */
  async check(jobs: Job[], config: Config, repo: RepositoryContext | null, local: () => Promise<(index: number) => StoryReport>): Promise<StoryReport[]> {
    const order = batches(jobs);
    const next = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    const setup: WorkerSetup = { config: { ...config, kinds: config.kinds.map(({ matches: _, ...kind }) => kind) }, repo, jobs, batches: order, next };
    const reports: (StoryReport | undefined)[] = new Array(jobs.length);
    this.answers.push((answer) => {
      if ("batch" in answer) answer.reports.forEach((report, k) => (reports[order[answer.batch]![k]!] = report));
    });
    for (const worker of this.workers) worker.postMessage(setup);
    const check = await local();
    for (let b = claim(next); b < order.length; b = claim(next)) {
      for (const i of order[b]!) reports[i] = check(i);
    }
    await Promise.all(this.ended);
    // A worker that failed before it claimed anything (it could not start) cost nothing but time:
    // this thread checked what it would have. One that failed in the middle of a batch left a gap.
    return reports.map((r, i) => {
      if (r === undefined) throw this.failure ?? new Error(`no report came back for ${jobs[i]!.file}`);
      return r;
    });
  }

  /** Stops every worker (those that are done have already ended). */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
