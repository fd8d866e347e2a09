/** A checking thread: loads the configuration as the command did, checks its share of the files, replies once. */
import { parentPort, workerData } from "node:worker_threads";
import { ConfigError } from "../config/index.js";
import { checkFiles } from "./check-files.js";
import { UsageError } from "./files.js";
import type { WorkerReply, WorkerRequest } from "./parallel.js";
import { loadConfig } from "./run.js";

const request = workerData as WorkerRequest;
let reply: WorkerReply;
try {
  const config = loadConfig(request.cwd, request.config);
  reply = { ok: true, outcome: checkFiles(request.cwd, config, request.files) };
} catch (err) {
  const kind = err instanceof UsageError ? "usage" : err instanceof ConfigError ? "config" : "internal";
  const message = err instanceof Error ? (kind === "internal" ? (err.stack ?? err.message) : err.message) : String(err);
  reply = { ok: false, kind, message };
}
parentPort?.postMessage(reply);
