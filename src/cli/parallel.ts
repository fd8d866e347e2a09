/**
 * Checking many files on several cores. Parsing markdown is CPU-bound, so a repository's worth
 * of stories is split over worker threads, each holding its own engine and template cache; the
 * reports come back as plain data and are put back in the order the files were given.
 */
import { existsSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { StoryReport } from "../engine/index.js";
import type { Config } from "../config/index.js";
import { checkFiles, type CheckOutcome } from "./check-files.js";

/** Below this many files one thread is quicker: a worker costs a fresh engine (~0.1 s). */
export const PARALLEL_MIN_FILES = 24;
const MAX_AUTO_JOBS = 4;

/** What a worker is asked: the same inputs the command had, and its share of the files. */
export interface WorkerRequest {
  cwd: string;
  config: string | null;
  files: string[];
}

export type WorkerReply = { ok: true; outcome: CheckOutcome } | { ok: false; kind: "usage" | "config" | "internal"; message: string };

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), "worker.js");

/** How many threads to use: `requested` when given, else one per core (at most 4) for many files. */
export function jobsFor(requested: number | null, fileCount: number): number {
  if (requested !== null) return Math.min(requested, Math.max(1, fileCount));
  if (fileCount < PARALLEL_MIN_FILES) return 1;
  return Math.min(availableParallelism(), MAX_AUTO_JOBS, Math.ceil(fileCount / 8));
}

/** Whether worker threads can run: the built worker file exists (it does not when running from the TypeScript sources). */
export function canRunWorkers(): boolean {
  return existsSync(WORKER);
}

/** Splits files into `jobs` shares of about equal bytes (largest first, each to the lightest share). */
export function shares(cwd: string, files: readonly string[], jobs: number): number[][] {
  const sized = files.map((file, index) => ({ index, size: sizeOf(path.resolve(cwd, file)) }));
  sized.sort((a, b) => b.size - a.size || a.index - b.index);
  const out = Array.from({ length: jobs }, () => ({ bytes: 0, indexes: [] as number[] }));
  for (const f of sized) {
    const lightest = out.reduce((min, s) => (s.bytes < min.bytes ? s : min));
    lightest.indexes.push(f.index);
    lightest.bytes += f.size;
  }
  return out.map((s) => s.indexes.sort((a, b) => a - b)).filter((s) => s.length > 0);
}

function sizeOf(absolute: string): number {
  try {
    return statSync(absolute).size;
  } catch {
    return 0;
  }
}

export class WorkerFailure extends Error {
  constructor(
    readonly kind: "usage" | "config" | "internal",
    message: string,
  ) {
    super(message);
  }
}

/**
 * Checks the files on `jobs` threads: this one and `jobs - 1` workers, which start first so
 * that their start-up overlaps this thread's share. The outcome is the same as checkFiles()
 * on one thread would give.
 */
export async function checkFilesInWorkers(cwd: string, configPath: string | null, config: Config, files: readonly string[], jobs: number): Promise<CheckOutcome> {
  const parts = shares(cwd, files, jobs);
  const [own = [], ...others] = parts;
  const pending = others.map((indexes) => runWorker({ cwd, config: configPath, files: indexes.map((i) => files[i]!) }));
  const mine: WorkerReply = { ok: true, outcome: checkFiles(cwd, config, own.map((i) => files[i]!)) };
  const replies = [mine, ...(await Promise.all(pending))];
  const reports: (StoryReport | undefined)[] = new Array(files.length);
  const errors: string[] = [];
  replies.forEach((reply, part) => {
    if (!reply.ok) throw new WorkerFailure(reply.kind, reply.message);
    const indexes = parts[part]!;
    for (const report of reply.outcome.reports) {
      const at = indexes.find((i) => files[i] === report.path && reports[i] === undefined);
      if (at !== undefined) reports[at] = report;
    }
    for (const e of reply.outcome.errors) if (!errors.includes(e)) errors.push(e);
  });
  return { reports: reports.filter((r): r is StoryReport => r !== undefined), errors };
}

function runWorker(request: WorkerRequest): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: request });
    worker.once("message", (reply: WorkerReply) => resolve(reply));
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`a checking thread stopped with exit code ${code}`));
    });
  });
}
