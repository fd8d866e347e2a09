/**
 * The action's sweep (schedule, workflow_dispatch, a ticked re-run box): heals pull requests
 * whose triage was lost (a cancelled job, a run that never started) and rewrites the dashboard
 * issue from what GitHub holds now. The action keeps no state between runs, so:
 *
 * - Where each row's facts come from: the triage itself when the sweep triages; otherwise the
 *   memo the previous sweep hid in the dashboard (dashboard.ts), valid while the head is the one
 *   it names; otherwise the pull request is read again as a triage reads it and planned, and the
 *   facts taken from that plan, writing nothing. Reading the check run's or the summary comment's
 *   text back would need a format of its own in words the app also posts; the memo costs no
 *   request, since the sweep reads the dashboard anyway.
 * - Conditional requests do not help here: GitHub's ETags belong to the token that got them, and
 *   a workflow's token is new each run, so an ETag kept from the last run never answers 304. The
 *   memo is what keeps an unchanged sweep at two requests (the dashboard and the pull request
 *   listing) and no write.
 *
 * Which heads are triaged: those whose check run of ours is missing or not completed (a run
 * cancelled mid-way leaves it in progress; the triage takes it over). A completed check run
 * means a triage finished on that head, so it is read, not triaged again.
 */
import type { Config } from "../config/types.js";
import type { GitHub, LabelledIssue } from "../flow/github.js";
import { readPullRequest, type PullRequestState, type TriageTarget } from "../flow/read-pull-request.js";
import { planFromState, triagePullRequest, type PlanOutcome } from "../flow/triage.js";
import type { PullRequestInfo } from "../flow/types.js";
import { recordOfTriage } from "../board/record-triage.js";
import type { TriageRecord } from "../board/record.js";
import { DASHBOARD_LABEL, isDashboardBody, readMemo, renderDashboard, type MemoEntry } from "./dashboard.js";

export interface SweepOptions {
  gh: GitHub;
  /** Where the configuration is read; null: asked of GitHub (a `schedule` event's payload names no repository). */
  defaultBranch: string | null;
  /** GitHub's web address (GITHUB_SERVER_URL), for the dashboard's links. */
  serverUrl: string;
  dashboard: { enabled: boolean; title: string };
  /** Where the configuration is on the default branch (the action's `config` input); the flow's default when absent. */
  configPath?: string;
  /** The action's `fail-on` input, overriding the configuration's. */
  failOn?: Config["failOn"];
  /** Names this run in the logs and on a check run that shows an internal error. */
  deliveryId: string;
  /** Triage every open pull request again, whatever the memo says (the dashboard's re-run box). */
  rerun?: boolean;
  /**
   * Requests one sweep may send before it stops reading pull requests (DEFAULT_MAX_REQUESTS): the
   * rest wait for the next sweep, keeping the rows the memo has, so the repository's hourly
   * budget is left for the pull requests' own runs.
   */
  maxRequests?: number;
  now?: () => Date;
}

export interface SweepReport {
  openPulls: number;
  /** Open pull requests that touch stories (or whose configuration is broken): the dashboard's rows. */
  storyPulls: number;
  /** Heads with no completed check run of ours, triaged now. */
  triaged: number[];
  /** Heads with a completed check run the memo did not know: read and planned, nothing written. */
  reread: number[];
  /** Pull requests whose triage did not finish (GitHub failing, a bug; the check run says so): read again next sweep. */
  failed: number[];
  /** Heads as the memo knows them (no request); without a dashboard, heads with a completed check run of ours. */
  unchanged: number;
  /** Left for the next sweep: this one reached maxRequests. */
  deferred: number[];
  requests: number;
  writes: number;
  dashboard: { issue: number | null; write: "created" | "updated" | "none" | "off" };
}

/** A sweep's requests at most, by default: a fifth of a workflow token's 1,000 an hour. */
export const DEFAULT_MAX_REQUESTS = 200;

export async function runSweep(options: SweepOptions): Promise<SweepReport> {
  const { gh } = options;
  const now = options.now ?? (() => new Date());
  const before = { requests: gh.requestCount, writes: gh.writeCount };
  const report: SweepReport = { openPulls: 0, storyPulls: 0, triaged: [], reread: [], failed: [], unchanged: 0, deferred: [], requests: 0, writes: 0, dashboard: { issue: null, write: "off" } };

  const issue = options.dashboard.enabled ? ownDashboard(await gh.listLabelledIssues(DASHBOARD_LABEL), await gh.botLogin()) : null;
  const memo = issue === null ? new Map<number, MemoEntry>() : readMemo(issue.body, gh.repo);
  const maxRequests = options.maxRequests ?? DEFAULT_MAX_REQUESTS;
  const pulls = (await gh.listOpenPullRequests()).sort((a, b) => a.number - b.number);
  // Asked of GitHub only when some pull request is read.
  let defaultBranch: Promise<string> | null = options.defaultBranch === null ? null : Promise.resolve(options.defaultBranch);
  report.openPulls = pulls.length;

  const records: TriageRecord[] = [];
  const quiet: Array<{ number: number; headSha: string }> = [];
  const keep = (record: TriageRecord) => {
    if (record.stories.length > 0 || record.configProblems > 0) records.push(record);
    else quiet.push({ number: record.number, headSha: record.headSha });
  };
  for (const pr of pulls) {
    const known = memo.get(pr.number);
    const fromMemo = () => {
      if (known === undefined) return;
      if (known.record === null) quiet.push({ number: pr.number, headSha: known.headSha });
      else keep(withPullRequest(known.record, pr));
    };
    if (known !== undefined && known.headSha === pr.headSha && options.rerun !== true) {
      report.unchanged += 1;
      fromMemo();
      continue;
    }
    if (gh.requestCount - before.requests >= maxRequests) {
      // The memo's row (at its older head, so the next sweep reads the pull request) until then.
      report.deferred.push(pr.number);
      fromMemo();
      continue;
    }
    const checkRun = await gh.latestCheckRun(pr.headSha);
    const finished = checkRun !== null && checkRun.status === "completed" && options.rerun !== true;
    if (finished && !options.dashboard.enabled) {
      // Triaged at this head, and no dashboard wants its row.
      report.unchanged += 1;
      continue;
    }
    const target: TriageTarget = {
      number: pr.number,
      defaultBranch: await (defaultBranch ??= gh.defaultBranch()),
      pullRequest: pr,
      checkRun,
      ...(options.configPath === undefined ? {} : { configPath: options.configPath }),
      ...(options.failOn === undefined ? {} : { failOn: options.failOn }),
    };
    const record = (state: PullRequestState, outcome: PlanOutcome) => recordOfTriage(gh.repo, state, outcome, now().toISOString());
    if (finished) {
      try {
        const state = await readPullRequest(gh, target);
        const found = record(state, planFromState(state));
        report.reread.push(pr.number);
        if (found !== null) keep(found);
      } catch (error) {
        gh.log.warn({ err: error, pull: pr.number }, "story-triage: the sweep could not read this pull request again; the next sweep tries again");
        report.failed.push(pr.number);
      }
      continue;
    }
    const triaged: { record: TriageRecord | null } = { record: null };
    const result = await triagePullRequest(gh, target, options.deliveryId, async (state, planned) => {
      triaged.record = record(state, planned);
    });
    if (result.kind === "done" || result.kind === "planned") report.triaged.push(pr.number);
    else report.failed.push(pr.number);
    if (triaged.record !== null) keep(triaged.record);
  }
  report.storyPulls = records.length;
  if (report.deferred.length > 0) {
    gh.log.warn({ deferred: report.deferred.length, maxRequests }, "story-triage: the sweep reached its request cap; the next sweep reads the pull requests it left");
  }

  if (options.dashboard.enabled) {
    const body = renderDashboard({ repo: gh.repo, serverUrl: options.serverUrl, records, quiet, now: now().getTime() });
    if (issue === null) report.dashboard = { issue: await gh.createIssue(options.dashboard.title, body, [DASHBOARD_LABEL]), write: "created" };
    else if (issue.body !== body) {
      await gh.editIssue(issue.number, body);
      report.dashboard = { issue: issue.number, write: "updated" };
    } else report.dashboard = { issue: issue.number, write: "none" };
  }
  report.requests = gh.requestCount - before.requests;
  report.writes = gh.writeCount - before.writes;
  gh.log.info({ deliveryId: options.deliveryId, ...report }, `story-triage: ${describeSweep(report)}`);
  return report;
}

/**
 * Our dashboard among the issues with its label: the marker opens the body and the bot the token
 * writes as wrote it (a person's issue that quotes the marker is not ours). Every workflow of the
 * repository writes as github-actions[bot], so the author alone never decides. The oldest wins
 * when two exist (two sweeps that raced); the other is left alone.
 */
function ownDashboard(issues: LabelledIssue[], botLogin: string): LabelledIssue | null {
  return issues.find((issue) => issue.author === botLogin && isDashboardBody(issue.body)) ?? null;
}

/** A memo's record with what the listing says of the pull request now (title, labels, draft, updated). */
function withPullRequest(record: TriageRecord, pr: PullRequestInfo): TriageRecord {
  return {
    ...record,
    title: pr.title,
    author: pr.author,
    draft: pr.draft,
    labels: pr.labels,
    private: pr.privateRepo,
    openedAt: pr.createdAt,
    updatedAt: pr.updatedAt,
  };
}

/** One line for the log and the job summary. */
export function describeSweep(report: SweepReport): string {
  const numbers = (list: number[]) => (list.length === 0 ? "" : ` (${list.map((n) => `#${n}`).join(", ")})`);
  const dashboard =
    report.dashboard.write === "off" ? "dashboard off" : `dashboard #${report.dashboard.issue ?? "?"} ${report.dashboard.write === "none" ? "unchanged" : report.dashboard.write}`;
  return [
    `sweep: ${report.openPulls} open pull requests (${report.storyPulls} with stories);`,
    `${report.triaged.length} triaged${numbers(report.triaged)}, ${report.reread.length} read again${numbers(report.reread)},`,
    `${report.failed.length} failed${numbers(report.failed)}, ${report.unchanged} unchanged${report.deferred.length === 0 ? "" : `, ${report.deferred.length} left for the next sweep${numbers(report.deferred)}`};`,
    `${report.requests} requests, ${report.writes} writes; ${dashboard}`,
  ].join(" ");
}
