/**
 * The GitHub App's entry, loaded by `probot run ./lib/index.js`. It reads the app's settings,
 * starts the job queue (in memory, or in Redis with REDIS_URL) and wires events to handlers. The
 * handlers only record a job and answer GitHub; the triage runs from the queue.
 */
import type { ApplicationFunctionOptions, Logger, Probot } from "probot";
import { flushLog } from "./app/flush-log.js";
import { capWebhookBodies } from "./app/cap-webhook-body.js";
import { handleCheckRunRerequested } from "./app/handle-check-run-rerequested.js";
import { handleIssueComment } from "./app/handle-issue-comment.js";
import { handlePullRequestChange } from "./app/handle-pull-request-change.js";
import { MemoryQueue } from "./app/queue/memory-queue.js";
import type { TriageQueue } from "./app/queue/queue.js";
import { DEFAULT_PREFIX, RedisQueue, redisLocation } from "./app/queue/redis-queue.js";
import { jobRunner } from "./app/queue/run-job.js";
import { readSettings, type Settings, SettingsError } from "./app/queue/settings.js";
import { type Board, startBoard } from "./board/index.js";
import { recordTriage } from "./board/record-triage.js";
import type { SweepReport } from "./board/sweep.js";

export { readSettings, type Settings } from "./app/queue/settings.js";

export interface StoryTriage {
  /** The Probot app function (its options are not used). */
  app: (app: Probot, options?: ApplicationFunctionOptions) => void;
  /** Resolves when no job is waiting or running. */
  idle(): Promise<void>;
  /** Stops the queue (see TriageQueue.close); waits up to `deadlineMs` for running jobs. */
  close(deadlineMs: number): Promise<void>;
  /** Runs a reconcile sweep of the story board now (null: the board is off). */
  sweep(): Promise<SweepReport | null>;
  /** The story board, once the app function ran (null when STORY_TRIAGE_BOARD=off). */
  readonly board: Board | null;
}

export interface StoryTriageOptions {
  /** Key prefix in Redis (BullMQ's); "story-triage" by default. */
  redisPrefix?: string;
}

/** The app with the given settings; the default export reads them from the environment. */
export function createStoryTriage(settings: Settings, options: StoryTriageOptions = {}): StoryTriage {
  let queue: TriageQueue | null = null;
  let board: Board | null = null;
  const app = (probot: Probot, appOptions?: ApplicationFunctionOptions): void => {
    capWebhookBodies(probot);
    board = settings.board.enabled
      ? startBoard(probot, appOptions, {
          settings: settings.board,
          redisUrl: settings.redisUrl,
          redisPrefix: options.redisPrefix ?? DEFAULT_PREFIX,
          throttle: settings.throttle,
        })
      : null;
    const store = board?.store ?? null;
    const run = jobRunner(probot, {
      throttle: settings.throttle,
      enqueue: (job) => started.add(job),
      onTriaged: store === null ? null : (repo, log) => recordTriage(store, repo, log),
    });
    const started: TriageQueue =
      settings.redisUrl === null
        ? new MemoryQueue({ run, log: probot.log, concurrency: settings.concurrency })
        : new RedisQueue({
            url: settings.redisUrl,
            run,
            log: probot.log,
            concurrency: settings.concurrency,
            ...(options.redisPrefix === undefined ? {} : { prefix: options.redisPrefix }),
          });
    queue = started;
    probot.log.info(
      {
        queue: started.store,
        ...(settings.redisUrl === null ? {} : { redis: redisLocation(settings.redisUrl) }),
        concurrency: settings.concurrency,
        throttle: settings.throttle ? "on" : "off",
      },
      "story-triage: webhooks are answered at once; triage runs from the queue",
    );
    probot.on(
      [
        "pull_request.opened",
        "pull_request.reopened",
        "pull_request.synchronize",
        "pull_request.ready_for_review",
        "pull_request.edited",
      ],
      (context) => handlePullRequestChange(context, started),
    );
    probot.on("check_run.rerequested", (context) => handleCheckRunRerequested(context, started));
    probot.on(["issue_comment.created", "issue_comment.edited"], (context) => handleIssueComment(context, started));
    board?.startSweeps((job) => started.add(job));
  };
  return {
    app,
    idle: () => queue?.idle() ?? Promise.resolve(),
    close: async (deadlineMs) => {
      await Promise.all([queue?.close(deadlineMs), board?.close()]);
    },
    sweep: () => board?.sweep() ?? Promise.resolve(null),
    get board() {
      return board;
    },
  };
}

/** Apps of this process to stop on SIGTERM or SIGINT, and the log to say so in. */
const running: Array<{ triage: StoryTriage; shutdownMs: number; log: Logger }> = [];

function stopOnSignals(entry: { triage: StoryTriage; shutdownMs: number; log: Logger }): void {
  running.push(entry);
  if (running.length > 1) return;
  const stop = (signal: NodeJS.Signals) => {
    const first = running[0];
    first?.log.info({ signal }, "story-triage: stopping: no new jobs are taken; running ones get time to finish");
    void Promise.all(running.map(({ triage, shutdownMs }) => triage.close(shutdownMs)))
      .finally(async () => {
        first?.log.info("story-triage: stopped");
        // process.exit() would drop what the logger still holds: the last lines an operator reads.
        if (first !== undefined) await flushLog(first.log);
      })
      .finally(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

/**
 * `probot run ./lib/index.js`: settings from the environment (a problem stops the start with a
 * message naming the variable), the queue, and a graceful stop on SIGTERM.
 */
export default function storyTriage(app: Probot, options?: ApplicationFunctionOptions): void {
  let settings: Settings;
  try {
    settings = readSettings(process.env);
  } catch (error) {
    if (error instanceof SettingsError) app.log.fatal({ problems: error.problems }, error.message);
    throw error;
  }
  const triage = createStoryTriage(settings);
  triage.app(app, options);
  stopOnSignals({ triage, shutdownMs: settings.shutdownMs, log: app.log });
}
