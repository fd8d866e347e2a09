#!/usr/bin/env node
import v8 from "node:v8";
import { run } from "./cli/run.js";

/**
 * Below this many bytes to check, V8's optimizing compiler costs more than it gives back: the run
 * is over before optimized code pays for its compiling (npm run bench: about 30% less CPU time on
 * the 0.6 MB corpus without it, 15% more at 6 MB). Only how fast code runs changes, never what it does.
 */
const OPTIMIZE_FROM_BYTES = 1_000_000;

process.exitCode = await run(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  sizing: (bytes) => {
    if (bytes < OPTIMIZE_FROM_BYTES) v8.setFlagsFromString("--no-opt");
  },
});
