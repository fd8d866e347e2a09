/**
 * The hook between a finished triage and the board: builds the pull request's record from what
 * the triage read and planned (no further GitHub request) and stores it. A store that fails
 * (Redis away) is logged and the triage stands: the next triage or sweep writes the record.
 */
import type { Logger } from "probot";
import type { PullRequestState } from "../flow/read-pull-request.js";
import type { PlanOutcome } from "../flow/triage.js";
import type { RepoRef } from "../flow/types.js";
import { checkedRecord, recordOf, type TriageFacts, type TriageRecord } from "./record.js";
import type { BoardStore } from "./store.js";

/** The record of a triage, or null when there is nothing to record (the head moved on). PURE. */
export function recordOfTriage(repo: RepoRef, state: PullRequestState, outcome: PlanOutcome, triagedAt: string): TriageRecord | null {
  if (state.kind === "superseded" || outcome.kind === "superseded") return null;
  const plan = outcome.kind === "plan" ? outcome.plan : null;
  const facts: TriageFacts = {
    ...repo,
    pr: state.pr,
    triagedAt,
    stories: [],
    conclusion: plan?.checkRun.conclusion ?? null,
    configProblems: state.kind === "config-problem" ? state.problems.length : 0,
    labelsAdded: plan?.labels.add ?? [],
    labelsRemoved: plan?.labels.remove ?? [],
    board: state.kind === "stories" ? state.config.board : undefined,
  };
  if (state.kind === "stories" && plan !== null) {
    const required = new Map(state.stories.map((file) => [file.path, file.template.faq?.questions.filter((q) => !q.optional).length ?? 0]));
    facts.stories = plan.stories.map((report) => ({ report, questions: required.get(report.path) ?? 0 }));
  }
  return recordOf(facts);
}

export function recordTriage(store: BoardStore, repo: RepoRef, log: Logger, now: () => Date = () => new Date()) {
  return async (state: PullRequestState, outcome: PlanOutcome): Promise<void> => {
    const built = recordOfTriage(repo, state, outcome, now().toISOString());
    if (built === null) return;
    const checked = checkedRecord(built);
    const pull = `${repo.owner}/${repo.repo}#${built.number}`;
    if (checked.record === null) {
      log.warn({ pull, problems: checked.problems }, `story-triage: the board left out this triage's record: ${checked.problems.join("; ")}`);
      return;
    }
    if (checked.filled.length > 0) {
      log.warn({ pull, filled: checked.filled }, `story-triage: GitHub's answer lacked or garbled ${checked.filled.map((f) => `\`${f}\``).join(", ")}; the board record fills ${checked.filled.length === 1 ? "it" : "them"} in`);
    }
    const record = checked.record;
    try {
      await store.put(record);
    } catch (error) {
      log.warn({ err: error, store: store.kind }, "story-triage: the board could not store this triage; the next triage or sweep will");
    }
  };
}
