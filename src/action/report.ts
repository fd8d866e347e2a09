/**
 * What a run of the action shows, from the flow's plan: the job summary (the same table as the
 * summary comment), annotations as workflow commands (when the token could not write the check
 * run), and the step's outputs. PURE.
 */
import { withoutOutputMarker } from "../flow/markers.js";
import type { Annotation, Plan } from "../flow/plan.js";
import type { PlanOutcome } from "../flow/triage.js";

export interface Outputs {
  /** The check's conclusion (success, neutral, failure); empty when no story was checked. */
  conclusion: string;
  /** Findings in the checked stories (introduced and existing). */
  findings: number;
  /** Stories checked. */
  stories: number;
}

export function outputsOf(outcome: PlanOutcome | null): Outputs {
  if (outcome === null || outcome.kind !== "plan") return { conclusion: "", findings: 0, stories: 0 };
  const { plan } = outcome;
  return {
    conclusion: plan.checkRun.conclusion,
    findings: plan.stories.reduce((sum, story) => sum + story.findings.length, 0),
    stories: plan.stories.length,
  };
}

/** The job summary of one pull request's triage; `note` (markdown) goes above the table. */
export function jobSummary(number: number, outcome: PlanOutcome, note: string | null): string {
  const parts = [`## story-triage: pull request #${number}`, ""];
  if (note !== null) parts.push(note, "");
  if (outcome.kind === "no-stories") parts.push("No changed file is a story, so there is nothing to check.");
  if (outcome.kind === "superseded") parts.push(`The head moved on to \`${outcome.currentHeadSha.slice(0, 7)}\` while this run read \`${outcome.headSha.slice(0, 7)}\`; the run for the newer head triages it.`);
  if (outcome.kind === "plan") parts.push(planText(outcome.plan));
  return `${parts.join("\n")}\n`;
}

/** The summary comment's text, or the check run's when there is no summary (a broken configuration). */
function planText(plan: Plan): string {
  if (plan.summary.body !== "") return plan.summary.body;
  return [`**${plan.checkRun.title}**`, "", withoutOutputMarker(plan.checkRun.summary)].join("\n");
}

const COMMAND_OF_LEVEL: Record<Annotation["annotation_level"], string> = { failure: "error", warning: "warning", notice: "notice" };

/** The check run's annotations as workflow commands (`::error file=…,line=…::…`). */
export function annotationCommands(plan: Plan): Array<{ name: string; properties: Record<string, string | number>; message: string }> {
  return plan.checkRun.annotations.map((annotation) => ({
    name: COMMAND_OF_LEVEL[annotation.annotation_level],
    properties: { file: annotation.path, line: annotation.start_line, endLine: annotation.end_line, title: annotation.title },
    message: annotation.message,
  }));
}
