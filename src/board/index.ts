/**
 * The story board, wired: its store (memory, or Redis with REDIS_URL), its pages on the app's
 * HTTP server (through Probot's `addHandler`), the events that update rows without a triage, and
 * the reconcile sweep on a timer. The entry (src/index.ts) only calls startBoard.
 */
import type { ApplicationFunctionOptions, Probot } from "probot";
import type { Job } from "../app/queue/job.js";
import type { BoardSettings } from "../app/queue/settings.js";
import { installationOctokit } from "../app/throttle.js";
import { handlePullRequestUpdate } from "./handle-pull-request-update.js";
import { boardHandler } from "./serve.js";
import { SignIn } from "./sign-in.js";
import { type BoardStore, MemoryBoardStore, RedisBoardStore } from "./store.js";
import { EtagCache, runSweep, type SweepReport } from "./sweep.js";

const DAY_MS = 86_400_000;

export interface Board {
  store: BoardStore;
  /** Starts the sweep timer (a first sweep at once) once the queue is there. */
  startSweeps(enqueue: (job: Job) => Promise<void>): void;
  /** Runs one sweep now (waits for a running one of this process first). */
  sweep(): Promise<SweepReport | null>;
  close(): Promise<void>;
}

export interface BoardOptions {
  settings: BoardSettings;
  redisUrl: string | null;
  redisPrefix: string;
  throttle: boolean;
}

export function startBoard(probot: Probot, appOptions: ApplicationFunctionOptions | undefined, options: BoardOptions): Board {
  const { settings } = options;
  const retentionMs = settings.retentionDays * DAY_MS;
  const store: BoardStore =
    options.redisUrl === null
      ? new MemoryBoardStore({ retentionMs })
      : new RedisBoardStore({
          url: options.redisUrl,
          prefix: options.redisPrefix,
          retentionMs,
          onBadRecord: (key, error) => probot.log.warn({ key, problems: error.message }, "story-triage: a board record could not be read; it is left out"),
        });

  if (appOptions?.addHandler) {
    try {
      const signIn = settings.signIn === null ? null : new SignIn({ settings: settings.signIn, webUrl: settings.webUrl, store, log: probot.log });
      appOptions.addHandler(boardHandler({ store, log: probot.log, webUrl: settings.webUrl, signIn }));
    } catch (error) {
      // `probot receive` has no server: the board is then recorded, not served.
      probot.log.info({ err: error }, "story-triage: no HTTP server; the board is recorded but not served");
    }
  }

  probot.on(
    ["pull_request.closed", "pull_request.edited", "pull_request.converted_to_draft", "pull_request.labeled", "pull_request.unlabeled"],
    (context) => handlePullRequestUpdate(context, store),
  );

  let timer: NodeJS.Timeout | null = null;
  let running: Promise<SweepReport> | null = null;
  let enqueueJob: ((job: Job) => Promise<void>) | null = null;
  const etags = new EtagCache();
  const cursors = new Map<number, number>();
  const sweepLog = probot.log.child({ name: "sweep" });

  const sweep = async (): Promise<SweepReport | null> => {
    const enqueue = enqueueJob;
    if (enqueue === null) return null;
    if (running !== null) await running;
    running = runSweep({
      store,
      enqueue,
      log: sweepLog,
      appOctokit: () => probot.auth(),
      installationOctokit: (id) => installationOctokit(probot, id, { throttle: options.throttle, log: sweepLog }),
      maxReads: settings.sweepMaxReads,
      lockMs: Math.max(60_000, settings.sweepSeconds * 1000),
      etags,
      cursors,
    }).finally(() => {
      running = null;
    });
    return running;
  };

  return {
    store,
    startSweeps(enqueue) {
      enqueueJob = enqueue;
      if (settings.sweepSeconds === 0) return;
      const tick = () => {
        void sweep().finally(() => {
          if (timer !== null) timer = setTimeout(tick, settings.sweepSeconds * 1000).unref();
        });
      };
      timer = setTimeout(tick, 0).unref();
    },
    sweep,
    async close() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await running?.catch(() => {});
      await store.close();
    },
  };
}
