/**
 * The reconcile sweep: heals lost webhook deliveries and fills the board after an install. For
 * each installation it lists the repositories and their open pull requests, with conditional
 * requests (If-None-Match on the ETag of the last answer: a 304 costs no rate limit), and queues
 * a triage for every open pull request whose head has no record. A triage that finds no story
 * records that too, so the next sweep queues it only when its head moves. Records of pull
 * requests that are no longer open (their `closed` webhook was lost) are marked closed.
 *
 * Limits: the triages go through the same queue (and so the installation's write limiter) as
 * webhooks; reads per installation per sweep are capped (the next sweep carries on where this
 * one stopped); with several replicas on Redis one sweep runs at a time (the store's lock).
 *
 * `planSweep` decides (PURE); `runSweep` reads and acts.
 */
import type { Logger, ProbotOctokit } from "probot";
import type { Job, TriageJob } from "../app/queue/job.js";
import type { TriageRecord } from "./record.js";
import type { BoardStore } from "./store.js";

export interface OpenPull {
  number: number;
  headSha: string;
}

export interface SweepRepo {
  owner: string;
  repo: string;
  defaultBranch: string;
}

/** What a sweep does for one repository, from its open pull requests and its records. PURE. */
export function planSweep(open: OpenPull[], records: TriageRecord[]): { triage: number[]; closed: number[] } {
  const byNumber = new Map(records.map((record) => [record.number, record]));
  const openNumbers = new Set(open.map((pull) => pull.number));
  return {
    triage: open
      .filter((pull) => {
        const record = byNumber.get(pull.number);
        return record === undefined || record.headSha !== pull.headSha || record.state !== "open";
      })
      .map((pull) => pull.number),
    closed: records.filter((record) => record.state === "open" && !openNumbers.has(record.number)).map((record) => record.number),
  };
}

/**
 * The last answers with their ETags, per installation and URL, so that unchanged listings cost a
 * 304. Only what the sweep uses of an answer is kept (ids, names, numbers and head shas), not the
 * answer itself: a page of 100 pull requests is about 500 KB of JSON, its entry about 6 KB.
 */
export class EtagCache {
  readonly #entries = new Map<string, { etag: string; data: unknown; next: boolean }>();

  get(key: string): { etag: string; data: unknown; next: boolean } | undefined {
    return this.#entries.get(key);
  }

  set(key: string, value: { etag: string; data: unknown; next: boolean }): void {
    this.#entries.set(key, value);
  }
}

export interface SweepOptions {
  store: BoardStore;
  enqueue: (job: Job) => Promise<void>;
  log: Logger;
  /** The app's own Octokit (JWT), for listing installations. */
  appOctokit: () => Promise<ProbotOctokit>;
  /** An installation's Octokit, throttled like the triage's. */
  installationOctokit: (installationId: number) => Promise<ProbotOctokit>;
  /** Reads per installation per sweep, at most. */
  maxReads: number;
  /** How long the lock is held at most (a replica that dies mid-sweep lets go after this). */
  lockMs: number;
  etags: EtagCache;
  /** Where each installation's last sweep stopped, when it hit the read cap (repository index). */
  cursors: Map<number, number>;
  now?: () => Date;
}

export interface SweepReport {
  ran: boolean;
  installations: number;
  repositories: number;
  openPulls: number;
  queued: number;
  closed: number;
  reads: number;
  notModified: number;
  /** Installations whose reads hit the cap this sweep. */
  capped: number[];
}

class ReadBudget {
  reads = 0;
  notModified = 0;
  constructor(readonly max: number) {}
  get spent(): boolean {
    return this.reads >= this.max;
  }
}

function isNotModified(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { status?: unknown }).status === 304;
}

/** A GET with If-None-Match from the cache: what `extract` takes of the fresh answer, or the cached one on 304. */
async function conditionalGet<T>(
  octokit: ProbotOctokit,
  route: string,
  params: Record<string, unknown>,
  key: string,
  etags: EtagCache,
  budget: ReadBudget,
  extract: (data: unknown) => T,
): Promise<{ data: T; next: boolean }> {
  const cached = etags.get(key);
  budget.reads += 1;
  try {
    const response = await octokit.request(route, { ...params, headers: cached === undefined ? {} : { "if-none-match": cached.etag } });
    const next = /rel="next"/.test(String(response.headers.link ?? ""));
    const data = extract(response.data);
    const etag = response.headers.etag;
    if (typeof etag === "string") etags.set(key, { etag, data, next });
    return { data, next };
  } catch (error) {
    if (cached !== undefined && isNotModified(error)) {
      budget.notModified += 1;
      return { data: cached.data as T, next: cached.next };
    }
    throw error;
  }
}

function installationIds(data: unknown): number[] {
  return Array.isArray(data) ? data.flatMap((item) => (isObject(item) && typeof item["id"] === "number" ? [item["id"]] : [])) : [];
}

function repositories(data: unknown): SweepRepo[] {
  const list = isObject(data) && Array.isArray(data["repositories"]) ? data["repositories"] : [];
  return list.flatMap((item: unknown) => {
    if (!isObject(item) || !isObject(item["owner"])) return [];
    const owner = item["owner"]["login"];
    const { name, default_branch: defaultBranch } = item;
    return typeof owner === "string" && typeof name === "string" && typeof defaultBranch === "string" ? [{ owner, repo: name, defaultBranch }] : [];
  });
}

function openPulls(data: unknown): OpenPull[] {
  if (!Array.isArray(data)) return [];
  return data.flatMap((item: unknown) =>
    isObject(item) && typeof item["number"] === "number" && isObject(item["head"]) && typeof item["head"]["sha"] === "string"
      ? [{ number: item["number"], headSha: item["head"]["sha"] }]
      : [],
  );
}

const PER_PAGE = 100;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export async function runSweep(options: SweepOptions): Promise<SweepReport> {
  const report: SweepReport = { ran: false, installations: 0, repositories: 0, openPulls: 0, queued: 0, closed: 0, reads: 0, notModified: 0, capped: [] };
  const lock = await options.store.lock(options.lockMs);
  if (lock === null) {
    options.log.info("story-triage: sweep skipped: another replica is sweeping");
    return report;
  }
  report.ran = true;
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  options.log.info({ pid: process.pid }, "story-triage: sweep started");
  try {
    const app = await options.appOctokit();
    const installations: number[] = [];
    const appBudget = new ReadBudget(Number.MAX_SAFE_INTEGER);
    for (let page = 1; ; page += 1) {
      const { data, next } = await conditionalGet(app, "GET /app/installations", { per_page: PER_PAGE, page }, `app installations ${page}`, options.etags, appBudget, installationIds);
      installations.push(...data);
      if (!next) break;
    }
    report.reads += appBudget.reads;
    report.notModified += appBudget.notModified;
    for (const installationId of installations) {
      report.installations += 1;
      const budget = new ReadBudget(options.maxReads);
      await sweepInstallation(options, installationId, budget, report, startedAt);
      report.reads += budget.reads;
      report.notModified += budget.notModified;
    }
    await options.store.setSweepStatus({ at: now().toISOString(), ok: true, error: null, queued: report.queued });
    options.log.info({ ...report, pid: process.pid }, `story-triage: sweep done: ${report.openPulls} open pull requests, ${report.queued} queued for triage, ${report.closed} closed`);
    return report;
  } catch (error) {
    const message = describeError(error);
    options.log.error({ err: error, ...report, pid: process.pid }, "story-triage: sweep failed");
    await options.store.setSweepStatus({ at: now().toISOString(), ok: false, error: message, queued: report.queued }).catch(() => {});
    return report;
  } finally {
    await lock.release().catch(() => {});
  }
}

function describeError(error: unknown): string {
  const status = typeof error === "object" && error !== null ? (error as { status?: unknown }).status : undefined;
  if (typeof status === "number") return `GitHub answered ${status}`;
  return error instanceof Error ? error.message.slice(0, 200) : "unknown error";
}

async function sweepInstallation(options: SweepOptions, installationId: number, budget: ReadBudget, report: SweepReport, startedAt: string): Promise<void> {
  const octokit = await options.installationOctokit(installationId);
  const repos: SweepRepo[] = [];
  for (let page = 1; !budget.spent; page += 1) {
    const { data, next } = await conditionalGet(
      octokit,
      "GET /installation/repositories",
      { per_page: PER_PAGE, page },
      `${installationId} repositories ${page}`,
      options.etags,
      budget,
      repositories,
    );
    repos.push(...data);
    if (!next) break;
  }
  const start = (options.cursors.get(installationId) ?? 0) % Math.max(1, repos.length);
  const ordered = [...repos.slice(start), ...repos.slice(0, start)];
  let done = 0;
  for (const repo of ordered) {
    if (budget.spent) break;
    const open: OpenPull[] = [];
    let complete = true;
    for (let page = 1; ; page += 1) {
      if (budget.spent) {
        complete = false;
        break;
      }
      const { data, next } = await conditionalGet(
        octokit,
        "GET /repos/{owner}/{repo}/pulls",
        { owner: repo.owner, repo: repo.repo, state: "open", per_page: PER_PAGE, page },
        `${installationId} ${repo.owner}/${repo.repo} open ${page}`,
        options.etags,
        budget,
        openPulls,
      );
      open.push(...data);
      if (!next) break;
    }
    if (!complete) break;
    done += 1;
    report.repositories += 1;
    report.openPulls += open.length;
    const plan = planSweep(open, await options.store.list({ owner: repo.owner, repo: repo.repo }));
    for (const number of plan.triage) {
      const job: TriageJob = {
        kind: "triage",
        trigger: "sweep",
        installationId,
        owner: repo.owner,
        repo: repo.repo,
        number,
        defaultBranch: repo.defaultBranch,
        deliveryId: `sweep-${startedAt}`,
      };
      await options.enqueue(job);
      report.queued += 1;
    }
    for (const number of plan.closed) {
      await options.store.closePull(repo.owner, repo.repo, number, "closed", startedAt);
      report.closed += 1;
    }
  }
  if (done < ordered.length) {
    report.capped.push(installationId);
    options.cursors.set(installationId, start + done);
    options.log.warn(
      { installationId, reads: budget.reads, swept: done, repositories: ordered.length },
      "story-triage: sweep reached its read cap for this installation; the next sweep carries on from here",
    );
  } else options.cursors.delete(installationId);
}
