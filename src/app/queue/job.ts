/**
 * What a queued job carries: only what identifies the work, never a snapshot of the pull request.
 * The worker reads the pull request as it is when the job runs, so a job that waited (or several
 * events merged into one job) triages the latest head.
 *
 * Two kinds:
 * - `triage`: triage one pull request. Keyed by the pull request, so events for the same pull
 *   request while one job waits become one run, and at most one run per pull request is active.
 * - `command`: a `/triage` or `/triage help` comment. Keyed by its delivery, never merged: it checks
 *   who asked, reacts, answers `help`, and queues a triage. Its writes go through the
 *   installation's write limiter like every other write, so the webhook is answered at once.
 */
import type { Command } from "../../flow/commands.js";

/** What caused a triage; for the logs (every triage reads the current head the same way). */
export type Trigger = "pull_request" | "command" | "rerun" | "sweep";
const TRIGGERS: readonly Trigger[] = ["pull_request", "command", "rerun", "sweep"];

const COMMANDS: readonly Command[] = ["triage", "help"];

interface JobBase {
  installationId: number;
  owner: string;
  repo: string;
  /** The pull request's number. */
  number: number;
  /** Where the configuration is read from. */
  defaultBranch: string;
  /** The webhook delivery that asked for the work (`X-GitHub-Delivery`), for the logs and the internal-error message. */
  deliveryId: string;
}

export interface TriageJob extends JobBase {
  kind: "triage";
  trigger: Trigger;
}

export interface CommandJob extends JobBase {
  kind: "command";
  commentId: number;
  /** Who wrote the comment, and who opened the pull request (who may always use the commands; empty when GitHub shows no user). */
  author: string;
  pullRequestAuthor: string;
  commands: Command[];
}

export type Job = TriageJob | CommandJob;

/**
 * The job's key: jobs with the same key are merged while they wait and never run at the same
 * time. A pull request for triage (GitHub treats owner and repository names case-insensitively),
 * the delivery for a command.
 */
export function jobKey(job: Job): string {
  return job.kind === "triage"
    ? `triage:${job.owner.toLowerCase()}/${job.repo.toLowerCase()}#${job.number}`
    : `command:${job.deliveryId}`;
}

/** `owner/repo#number`, for log lines. */
export function pullName(job: Job): string {
  return `${job.owner}/${job.repo}#${job.number}`;
}

/** The triage a command job queues once it has checked who asked. */
export function triageFor(job: CommandJob): TriageJob {
  const { installationId, owner, repo, number, defaultBranch, deliveryId } = job;
  return { kind: "triage", trigger: "command", installationId, owner, repo, number, defaultBranch, deliveryId };
}

/**
 * A job read back from the queue's store (Redis keeps JSON), checked field by field: a job written
 * by another version of the app, or by hand, is refused with what is wrong instead of half-run.
 */
export function parseJob(data: unknown): Job {
  const problems: string[] = [];
  if (typeof data !== "object" || data === null || Array.isArray(data)) throw new JobError(["a job must be an object"]);
  const record = data as Record<string, unknown>;
  const text = (key: string): string => {
    const value = record[key];
    if (typeof value === "string" && value.length > 0) return value;
    problems.push(`\`${key}\` must be a non-empty string`);
    return "";
  };
  const anyText = (key: string): string => {
    const value = record[key];
    if (typeof value === "string") return value;
    problems.push(`\`${key}\` must be a string`);
    return "";
  };
  const id = (key: string): number => {
    const value = record[key];
    if (typeof value === "number" && Number.isSafeInteger(value) && value > 0) return value;
    problems.push(`\`${key}\` must be a positive whole number`);
    return 0;
  };
  const base: JobBase = {
    installationId: id("installationId"),
    owner: text("owner"),
    repo: text("repo"),
    number: id("number"),
    defaultBranch: text("defaultBranch"),
    deliveryId: text("deliveryId"),
  };
  const kind = record["kind"];
  if (kind === "triage") {
    const trigger = record["trigger"];
    if (!TRIGGERS.includes(trigger as Trigger)) problems.push(`\`trigger\` must be one of ${TRIGGERS.join(", ")}`);
    if (problems.length > 0) throw new JobError(problems);
    return { kind, trigger: trigger as Trigger, ...base };
  }
  if (kind === "command") {
    const commands = record["commands"];
    const valid = Array.isArray(commands) && commands.length > 0 && commands.every((c) => COMMANDS.includes(c as Command));
    if (!valid) problems.push(`\`commands\` must be a non-empty list of ${COMMANDS.join(", ")}`);
    const job: CommandJob = {
      kind,
      ...base,
      commentId: id("commentId"),
      author: text("author"),
      pullRequestAuthor: anyText("pullRequestAuthor"),
      commands: valid ? (commands as Command[]) : [],
    };
    if (problems.length > 0) throw new JobError(problems);
    return job;
  }
  throw new JobError([`\`kind\` must be "triage" or "command"`, ...problems]);
}

export class JobError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`not a story-triage job: ${problems.join("; ")}`);
    this.name = "JobError";
    this.problems = problems;
  }
}
