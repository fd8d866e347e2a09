/**
 * One triage of one pull request: read (read-pull-request.ts), check (the engine), decide
 * (plan.ts), act (github.ts). `planPullRequest` stops before acting, for dry runs.
 */
import type { Config } from "../config/types.js";
import { checkStory, classifyFindings } from "../engine/index.js";
import { type GitHub, GitHubWriteError, type WriteStep } from "./github.js";
import { type Plan, planCleanup, planConfigProblem, planInternalError, planTriage, planUnfinished, planUnlistedFiles } from "./plan.js";
import { CONFIG_PATH } from "../config/index.js";
import { type PullRequestState, readPullRequest, type TriageTarget } from "./read-pull-request.js";
import type { RepositoryContext } from "../engine/repository.js";
import type { CheckedStory, StoryFile } from "./types.js";

export type PlanOutcome =
  | { kind: "no-stories" }
  | { kind: "superseded"; headSha: string; currentHeadSha: string }
  /** `configProblems`: set when the configuration could not be used (the plan only says so on the check run). */
  | { kind: "plan"; number: number; plan: Plan; configProblems?: string[] };

/** Reads the pull request and computes what triage would write, writing nothing. */
export async function planPullRequest(gh: GitHub, target: TriageTarget): Promise<PlanOutcome> {
  return planFromState(await readPullRequest(gh, target));
}

/** The plan for a pull request state; pure apart from the engine, which is pure too. */
export function planFromState(state: PullRequestState): PlanOutcome {
  switch (state.kind) {
    case "no-stories":
      return { kind: "no-stories" };
    case "no-stories-any-more":
      return {
        kind: "plan",
        number: state.pr.number,
        plan: planCleanup({ pullNumber: state.pr.number, headSha: state.pr.headSha, currentLabels: state.pr.labels, prior: state.prior, checkRun: state.checkRun }),
      };
    case "unlisted-files":
      return {
        kind: "plan",
        number: state.pr.number,
        plan: planUnlistedFiles({ pullNumber: state.pr.number, headSha: state.pr.headSha, changedFiles: state.pr.changedFiles, checkRun: state.checkRun }),
      };
    case "superseded":
      return { kind: "superseded", headSha: state.staleSha, currentHeadSha: state.currentHeadSha };
    case "config-problem":
      return {
        kind: "plan",
        number: state.pr.number,
        configProblems: state.problems,
        plan: planConfigProblem({
          pullNumber: state.pr.number,
          headSha: state.pr.headSha,
          configPath: state.configPath,
          problems: state.problems,
          checkRun: state.checkRun,
        }),
      };
    case "stories": {
      const stories = state.stories.map((file) => checkedStory(file, state.config, state.repo));
      return {
        kind: "plan",
        number: state.pr.number,
        plan: planTriage({
          pullNumber: state.pr.number,
          headSha: state.pr.headSha,
          config: state.config,
          stories,
          tocCommentable: state.tocCommentable,
          currentLabels: state.pr.labels,
          prior: state.prior,
          checkRun: state.checkRun,
          baseRef: state.pr.baseRef,
          unlistedFiles: state.unlistedFiles,
        }),
      };
    }
  }
}

/** A story checked at the head and, when it had one, at the base: the findings the base had too are existing. */
export function checkedStory(file: StoryFile, config: Config, repo: RepositoryContext | null = null): CheckedStory {
  // Both versions are read against the head's tree and table of contents: a link or an entry that
  // was already missing before the pull request is an existing finding.
  const check = (version: Pick<StoryFile, "path" | "content" | "size" | "kind" | "template" | "change">) =>
    checkStory({
      path: version.path,
      content: version.content,
      ...(version.size !== undefined ? { size: version.size } : {}),
      kind: version.kind,
      template: version.template,
      config,
      ...(repo ? { repo } : {}),
      ...(version.change ? { change: version.change } : {}),
    });
  const report = check(file);
  const before = file.base === null ? null : check(file.base).findings;
  const origins = classifyFindings(report.findings, before);
  return { file, report, existing: new Set(report.findings.filter((_finding, index) => origins[index] === "existing")) };
}

/**
 * Hears of each finished triage: the state read and what was planned and written (the story
 * board records it). It must not throw; its own failures are its own to log.
 */
export type OnTriaged = (state: PullRequestState, outcome: PlanOutcome) => Promise<void>;

/** How a triage ended, for the door to show (the check run already says it on GitHub). */
export type TriageResult =
  /** Read, planned, and the plan written (or nothing to write). */
  | { kind: "done"; outcome: PlanOutcome }
  /** Read and planned; the door's token may not write, so nothing was written. */
  | { kind: "planned"; outcome: PlanOutcome }
  /** GitHub kept failing (or refused) one of the plan's writes; the check run says so when it can. */
  | { kind: "unfinished"; outcome: Extract<PlanOutcome, { kind: "plan" }>; step: WriteStep; status: number | null; message: string }
  /** A bug, or GitHub failing a read: logged, and shown on the check run as an internal error. */
  | { kind: "internal-error"; error: unknown };

/**
 * Triage and apply. GitHub failing a write again and again is shown on the check run in plain
 * words (what is missing, how to finish). A bug (any other exception) is logged with the
 * delivery id and shown on the check run only as an internal error. Neither is thrown on, so
 * GitHub sees the delivery handled; the result says how it ended.
 */
export async function triagePullRequest(gh: GitHub, target: TriageTarget, deliveryId: string, onTriaged?: OnTriaged): Promise<TriageResult> {
  let headSha = target.pullRequest?.headSha ?? null;
  let planned: Extract<PlanOutcome, { kind: "plan" }> | null = null;
  try {
    const state = await readPullRequest(gh, target, (pr) => {
      headSha = pr.headSha;
    });
    headSha = state.pr.headSha;
    const outcome = planFromState(state);
    if (outcome.kind === "superseded") {
      gh.log.info({ deliveryId, ...outcome }, "story-triage: the head moved on; leaving this commit to the newer event");
    }
    if (outcome.kind === "plan" && !gh.door.mayWrite) return { kind: "planned", outcome };
    if (outcome.kind === "plan") {
      planned = outcome;
      const result = await gh.applyPlan(outcome.number, outcome.plan);
      gh.log.info(
        { deliveryId, pull: outcome.number, headSha, requests: gh.requestCount, ...result },
        "story-triage: triaged",
      );
    }
    if (outcome.kind !== "superseded") await onTriaged?.(state, outcome);
    return { kind: "done", outcome };
  } catch (error) {
    if (error instanceof GitHubWriteError && planned !== null) {
      const failure = { step: error.step, status: error.status };
      gh.log.error({ err: error, deliveryId, pull: target.number, headSha, ...failure }, "story-triage: GitHub kept failing a write; the check run says so");
      await gh.reportOnCheckRun(planned.plan.headSha, planUnfinished(planned.number, planned.plan, failure));
      return { kind: "unfinished", outcome: planned, ...failure, message: error.message };
    }
    gh.log.error({ err: error, deliveryId, pull: target.number, headSha }, "story-triage: internal error");
    if (headSha !== null) await gh.reportOnCheckRun(headSha, planInternalError(target.number, deliveryId));
    return { kind: "internal-error", error };
  }
}
