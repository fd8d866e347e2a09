/**
 * The worker's side: runs one queued job with an Octokit of the job's installation. A triage
 * job runs the existing triage, which reads the pull request as it is now; a command job checks
 * who asked, reacts, answers `help` and queues a triage.
 */
import type { Logger, Probot } from "probot";
import { recordTriage } from "../../board/record-triage.js";
import type { BoardStore } from "../../board/store.js";
import { helpText } from "../../flow/commands.js";
import { GitHub, TreeCache } from "../../flow/github.js";
import { installationOctokit } from "../throttle.js";
import { triagePullRequest } from "../../flow/triage.js";
import { type CommandJob, type Job, pullName, triageFor, type TriageJob } from "./job.js";
import type { RunJob } from "./queue.js";

export interface RunJobOptions {
  throttle: boolean;
  /** Queues the triage a command asks for. */
  enqueue: (job: Job) => Promise<void>;
  /** Where each triage's record goes for the story board; null: no board. */
  board: BoardStore | null;
}

export function jobRunner(app: Probot, options: RunJobOptions): RunJob {
  const trees = new TreeCache();
  return async (job) => {
    const log = app.log.child({ deliveryId: job.deliveryId, pull: pullName(job), job: job.kind });
    const octokit = await installationOctokit(app, job.installationId, { throttle: options.throttle, log });
    const gh = new GitHub(octokit, { owner: job.owner, repo: job.repo }, log, { trees });
    if (job.kind === "triage") await runTriage(gh, job, log, options.board);
    else await runCommand(gh, job, options.enqueue);
  };
}

async function runTriage(gh: GitHub, job: TriageJob, log: Logger, board: BoardStore | null): Promise<void> {
  log.info({ trigger: job.trigger, pid: process.pid }, "story-triage: triage started");
  const onTriaged = board === null ? undefined : recordTriage(board, gh.repo, log);
  await triagePullRequest(gh, { number: job.number, defaultBranch: job.defaultBranch, pullRequest: null, checkRun: null }, job.deliveryId, onTriaged);
}

/** Only the pull request's author and people with write, maintain or admin permission are heard; anyone else gets 😕. */
async function runCommand(gh: GitHub, job: CommandJob, enqueue: (job: Job) => Promise<void>): Promise<void> {
  const allowed = job.author === job.pullRequestAuthor || (await gh.canWrite(job.author));
  if (!allowed) {
    await gh.react(job.commentId, "confused");
    return;
  }
  if (job.commands.includes("help")) await gh.comment(job.number, helpText());
  if (job.commands.includes("triage")) {
    await gh.react(job.commentId, "+1");
    await enqueue(triageFor(job));
  }
}
