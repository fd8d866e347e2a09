#!/usr/bin/env node
import * as nodeModule from "node:module";
import { fileURLToPath } from "node:url";
import { enableCompileCache, type CompileCacheApi } from "./cli/compile-cache.js";
import { replay } from "./cli/replay.js";
import { THREAD_VARIABLE } from "./cli/threads.js";
import type { Io } from "./cli/run.js";

/**
 * Below this many bytes to check, V8's optimizing compiler costs more than it gives back: the run
 * is over before optimized code pays for its compiling (npm run bench: about 30% less CPU time on
 * the 0.6 MB corpus without it, 15% more at 6 MB). Only how fast code runs changes, never what it does.
 */
const OPTIMIZE_FROM_BYTES = 1_000_000;

// Before the chunks are imported: they are what the cache keeps (on runtimes that have one).
enableCompileCache(nodeModule as CompileCacheApi, process.env);

// A thread the command started to check stories on (src/cli/pool.ts) runs this same file.
if (process.env[THREAD_VARIABLE] === "1" && !(await import("node:worker_threads")).isMainThread) await import("./cli/worker.js");
else await main();

async function main(): Promise<void> {
  const started = Date.now();
  const argv = process.argv.slice(2);
  const cwd = process.cwd();
  const self = fileURLToPath(import.meta.url);
  // A --cache run whose every input is unchanged since it was recorded prints what it printed then,
  // before the rest of the command is even loaded (replay.ts).
  const replayed = await replay(argv, cwd, self);
  if (replayed !== null) {
    process.stdout.write(replayed.stdout);
    process.exitCode = replayed.status;
  } else {
    const [{ run }, v8] = await Promise.all([import("./cli/run.js"), import("node:v8")]);
    let printed = "";
    let warned = false;
    let checked = null as Parameters<NonNullable<Io["checked"]>>[0] | null;
    const status = await run(argv, {
      cwd,
      worker: new URL(import.meta.url),
      stdout: {
        write: (text: string) => {
          printed += text;
          return process.stdout.write(text);
        },
      },
      stderr: {
        write: (text: string) => {
          warned = true;
          return process.stderr.write(text);
        },
      },
      sizing: (bytes) => {
        if (bytes < OPTIMIZE_FROM_BYTES) v8.default.setFlagsFromString("--no-opt");
      },
      checked: (run) => {
        checked = run;
      },
    });
    process.exitCode = status;
    if (checked !== null && !warned && (status === 0 || status === 1)) {
      const { recordRun } = await import("./cli/replay-record.js");
      recordRun({ ...checked, argv, cwd, self, started, stdout: printed, status });
    }
  }
}
