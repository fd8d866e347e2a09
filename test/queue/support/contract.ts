/**
 * What every queue store must do, as one suite run against the memory queue and the Redis one:
 * per pull request, jobs merge while one waits, never run two at once, and what arrives while one
 * runs becomes exactly one more run; different pull requests run side by side up to the
 * concurrency; commands are never merged; idle() and close() keep their word.
 */
import { afterEach, describe, expect, test } from "@jest/globals";
import { pino } from "pino";
import type { Logger } from "probot";
import type { CommandJob, Job, TriageJob } from "../../../src/app/queue/job.js";
import { jobKey } from "../../../src/app/queue/job.js";
import type { RunJob, TriageQueue } from "../../../src/app/queue/queue.js";
import { waitFor } from "../../support/wait.js";

export type LogLine = Record<string, unknown>;

/** A pino logger whose lines (info and above) land in `lines`. */
export function testLog(lines: LogLine[]): Logger {
  return pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
}

export function triageJob(number: number, deliveryId: string, repo = "stories"): TriageJob {
  return { kind: "triage", trigger: "pull_request", installationId: 77, owner: "story-org", repo, number, defaultBranch: "main", deliveryId };
}

export function commandJob(number: number, deliveryId: string): CommandJob {
  return {
    kind: "command",
    installationId: 77,
    owner: "story-org",
    repo: "stories",
    number,
    defaultBranch: "main",
    deliveryId,
    commentId: 1000 + number,
    author: "maintainer",
    pullRequestAuthor: "author",
    commands: ["triage"],
  };
}

/** A promise a test resolves when it wants. */
export class Gate {
  readonly promise: Promise<void>;
  open!: () => void;

  constructor() {
    this.promise = new Promise((resolve) => {
      this.open = resolve;
    });
  }
}

/**
 * A job runner that records each run, holds it until the test opens its gate (runs of keys
 * listed in `held`), and counts how many runs of one key overlap.
 */
export class Recorder {
  readonly runs: Array<{ key: string; deliveryId: string }> = [];
  /** When each run started (Date.now()), in the order of `runs`. */
  readonly startedAt: number[] = [];
  readonly gates = new Map<string, Gate[]>();
  readonly running = new Map<string, number>();
  maxOverlapPerKey = 0;
  maxRunning = 0;
  readonly #held: Set<string>;

  constructor(held: Iterable<string> = []) {
    this.#held = new Set(held);
  }

  readonly run: RunJob = async (job: Job) => {
    const key = jobKey(job);
    this.runs.push({ key, deliveryId: job.deliveryId });
    this.startedAt.push(Date.now());
    const now = (this.running.get(key) ?? 0) + 1;
    this.running.set(key, now);
    this.maxOverlapPerKey = Math.max(this.maxOverlapPerKey, now);
    this.maxRunning = Math.max(this.maxRunning, [...this.running.values()].reduce((a, b) => a + b, 0));
    try {
      if (this.#held.has(key)) {
        const gate = new Gate();
        this.gates.set(key, [...(this.gates.get(key) ?? []), gate]);
        await gate.promise;
      }
    } finally {
      this.running.set(key, (this.running.get(key) ?? 1) - 1);
    }
  };

  /** Waits until `count` runs of `key` have started. */
  async started(key: string, count = 1): Promise<void> {
    await waitFor(`${count} run(s) of ${key}`, () => ((this.gates.get(key)?.length ?? 0) >= count ? true : undefined), 15000, 10);
  }

  /** Opens the gate of the `index`-th run of `key`. */
  release(key: string, index = 0): void {
    const gate = this.gates.get(key)?.[index];
    if (!gate) throw new Error(`no run ${index} of ${key} is held`);
    gate.open();
  }

  /** When the last run of `key` started, or -1. */
  lastStartOf(key: string): number {
    let last = -1;
    this.runs.forEach((r, i) => {
      if (r.key === key) last = Math.max(last, this.startedAt[i] ?? -1);
    });
    return last;
  }

  deliveriesOf(key: string): string[] {
    return this.runs.filter((r) => r.key === key).map((r) => r.deliveryId);
  }
}

export interface QueueMaker {
  make(run: RunJob, options: { concurrency: number; log: Logger }): Promise<TriageQueue>;
}

export function queueContract(store: string, maker: () => QueueMaker): void {
  describe(`${store} queue: the contract`, () => {
    const queues: TriageQueue[] = [];
    const make = async (run: RunJob, concurrency: number, lines: LogLine[] = []): Promise<TriageQueue> => {
      const queue = await maker().make(run, { concurrency, log: testLog(lines) });
      queues.push(queue);
      return queue;
    };

    afterEach(async () => {
      await Promise.all(queues.splice(0).map((queue) => queue.close(2000)));
    });

    test("a job is run once with what it carries, and idle() resolves after it", async () => {
      const recorder = new Recorder();
      const queue = await make(recorder.run, 4);
      await queue.add(triageJob(1, "d1"));
      await queue.idle();
      expect(recorder.runs).toEqual([{ key: "triage:story-org/stories#1", deliveryId: "d1" }]);
    });

    test("jobs for a pull request whose job waits are merged into it: one run", async () => {
      const blocker = jobKey(triageJob(9, "x"));
      const recorder = new Recorder([blocker]);
      const queue = await make(recorder.run, 1);
      await queue.add(triageJob(9, "blocker"));
      await recorder.started(blocker);
      // The only worker slot is busy: #1's jobs wait, and merge.
      await queue.add(triageJob(1, "d1"));
      await queue.add(triageJob(1, "d2"));
      await queue.add(triageJob(1, "d3"));
      recorder.release(blocker);
      await queue.idle();
      expect(recorder.deliveriesOf("triage:story-org/stories#1")).toEqual(["d1"]);
    });

    test("jobs for a pull request whose job runs make exactly one more run after it, with the latest delivery", async () => {
      const key = jobKey(triageJob(1, "x"));
      const recorder = new Recorder([key]);
      const queue = await make(recorder.run, 4);
      await queue.add(triageJob(1, "d1"));
      await recorder.started(key);
      await queue.add(triageJob(1, "d2"));
      await queue.add(triageJob(1, "d3"));
      await queue.add(triageJob(1, "d4"));
      recorder.release(key, 0);
      await recorder.started(key, 2);
      recorder.release(key, 1);
      await queue.idle();
      expect(recorder.deliveriesOf(key)).toEqual(["d1", "d4"]);
      expect(recorder.maxOverlapPerKey).toBe(1);
    });

    test("the same pull request in another repository, or with other letter case, is a different or the same key", async () => {
      const recorder = new Recorder();
      const queue = await make(recorder.run, 4);
      await queue.add(triageJob(1, "d1", "stories"));
      await queue.add(triageJob(1, "d2", "other"));
      await queue.idle();
      await queue.add({ ...triageJob(1, "d3"), owner: "Story-Org", repo: "Stories" });
      await queue.idle();
      expect(recorder.runs.map((r) => r.key)).toEqual(["triage:story-org/stories#1", "triage:story-org/other#1", "triage:story-org/stories#1"]);
    });

    test("different pull requests run side by side, at most `concurrency` at once", async () => {
      const keys = [1, 2, 3].map((n) => jobKey(triageJob(n, "x")));
      const recorder = new Recorder(keys);
      const queue = await make(recorder.run, 2);
      for (const n of [1, 2, 3]) await queue.add(triageJob(n, `d${n}`));
      await recorder.started(keys[0] ?? "");
      await recorder.started(keys[1] ?? "");
      expect(recorder.runs).toHaveLength(2);
      recorder.release(keys[0] ?? "");
      await recorder.started(keys[2] ?? "");
      recorder.release(keys[1] ?? "");
      recorder.release(keys[2] ?? "");
      await queue.idle();
      expect(recorder.runs.map((r) => r.deliveryId).sort()).toEqual(["d1", "d2", "d3"]);
      expect(recorder.maxRunning).toBe(2);
    });

    test("commands are never merged: two /triage comments on one pull request are two command jobs", async () => {
      const recorder = new Recorder();
      const queue = await make(recorder.run, 1);
      await queue.add(commandJob(1, "c1"));
      await queue.add(commandJob(1, "c2"));
      await queue.idle();
      expect(recorder.runs.map((r) => r.deliveryId).sort()).toEqual(["c1", "c2"]);
    });

    test("close() waits for a running job that finishes in time", async () => {
      const key = jobKey(triageJob(1, "x"));
      const recorder = new Recorder([key]);
      const queue = await make(recorder.run, 1);
      await queue.add(triageJob(1, "d1"));
      await recorder.started(key);
      let closed = false;
      const closing = queue.close(5000).then(() => {
        closed = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(closed).toBe(false);
      recorder.release(key);
      await closing;
      expect(closed).toBe(true);
      expect(recorder.runs).toHaveLength(1);
    });
  });
}
