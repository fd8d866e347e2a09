/**
 * A checking thread of pool.ts: started as the command's own file (src/cli.ts hands a thread that
 * is not the main one to here, see THREAD_VARIABLE), it loads the engine once, rebuilds the
 * configuration's matchers when its work comes, then claims batch after batch and answers with
 * each batch's reports.
 */
import { parentPort } from "node:worker_threads";
import { kindMatcher } from "../config/glob.js";
import type { Config } from "../config/index.js";
import { builtinTemplate, checkStory, parseTemplate, type StoryReport, type Template } from "../engine/index.js";
import type { RepositoryContext } from "../engine/repository.js";
import { claim, type Job, type WorkerAnswer, type WorkerSetup } from "./threads.js";

const port = parentPort;
if (port === null) throw new Error("src/cli/worker.ts runs as a worker thread of the command");
// The work comes in one message, once the command has read the stories (the thread starts before).
port.once("message", (setup: WorkerSetup) => {
  const config: Config = { ...setup.config, kinds: setup.config.kinds.map((k) => ({ ...k, matches: kindMatcher(k.paths, k.exclude) })) };
  const check = checker(config, setup.repo);
  try {
    for (let b = claim(setup.next); b < setup.batches.length; b = claim(setup.next)) {
      const answer: WorkerAnswer = { batch: b, reports: setup.batches[b]!.map((i) => check(setup.jobs[i]!)) };
      port.postMessage(answer);
    }
    port.postMessage({ done: true } satisfies WorkerAnswer);
  } catch (err) {
    port.postMessage({ failed: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies WorkerAnswer);
  }
});

/** Checks one job; each template text is parsed once a thread. */
function checker(config: Config, repo: RepositoryContext | null): (job: Job) => StoryReport {
  const templates = new Map<string, Template>();
  return (job) => {
    const kind = config.kinds.find((k) => k.name === job.kind);
    if (kind === undefined) throw new Error(`no kind ${job.kind} in the configuration`);
    let template = templates.get(job.template.id);
    if (template === undefined) {
      template = job.template.text === null ? builtinTemplate() : parseTemplate(job.template.text);
      templates.set(job.template.id, template);
    }
    return checkStory({ path: job.file, content: job.bytes, size: job.size, kind, template, config, ...(repo ? { repo } : {}) });
  };
}
