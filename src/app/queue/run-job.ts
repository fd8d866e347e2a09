/**
 * The worker's side: runs one queued job with an Octokit of the job's installation. A triage
 * job runs the existing triage, which reads the pull request as it is now; a command job checks
 * who asked, reacts, answers `help` and queues a triage. Each finished triage is handed to
 * `onTriaged` (the story board records it), which the app wires in.
 */
import type { Logger, Probot } from "probot";
import { answerCommand } from "../../flow/answer-command.js";
import { GitHub, TreeCache } from "../../flow/github.js";
import { type OnTriaged, triagePullRequest } from "../../flow/triage.js";
import type { RepoRef } from "../../flow/types.js";
import { installationOctokit } from "../throttle.js";
import { type CommandJob, type Job, pullName, triageFor, type TriageJob } from "./job.js";
import type { RunJob } from "./queue.js";

export interface RunJobOptions {
  throttle: boolean;
  /** Queues the triage a command asks for. */
  enqueue: (job: Job) => Promise<void>;
  /** Who hears of each finished triage of a repository (the story board); null: nobody. */
  onTriaged: ((repo: RepoRef, log: Logger) => OnTriaged) | null;
}

export function jobRunner(app: Probot, options: RunJobOptions): RunJob {
  const trees = new TreeCache();
  return async (job) => {
    const log = app.log.child({ deliveryId: job.deliveryId, pull: pullName(job), job: job.kind });
    const octokit = await installationOctokit(app, job.installationId, { throttle: options.throttle, log });
    const gh = new GitHub(octokit, { owner: job.owner, repo: job.repo }, log, { trees });
    if (job.kind === "triage") await runTriage(gh, job, log, options.onTriaged);
    else await runCommand(gh, job, options.enqueue);
  };
}

async function runTriage(gh: GitHub, job: TriageJob, log: Logger, onTriaged: RunJobOptions["onTriaged"]): Promise<void> {
  log.info({ trigger: job.trigger, pid: process.pid }, "story-triage: triage started");
  await triagePullRequest(gh, { number: job.number, defaultBranch: job.defaultBranch, pullRequest: null, checkRun: null }, job.deliveryId, onTriaged?.(gh.repo, log));
}

/** Only the pull request's author and people with write, maintain or admin permission are heard; anyone else gets 😕. */
async function runCommand(gh: GitHub, job: CommandJob, enqueue: (job: Job) => Promise<void>): Promise<void> {
  await answerCommand(gh, job, () => enqueue(triageFor(job)));
}
