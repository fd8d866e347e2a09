/**
 * The action's sweep as an event asks for it: `schedule`, `workflow_dispatch`, or `issues`
 * `edited` on the dashboard with its re-run box ticked. `sweepRequest` decides from the event
 * (PURE); `sweepForEvent` runs the sweep in a log group and writes the job summary. The step
 * fails when a triage could not be finished (its check run says why), as a triage's step does.
 */
import type { GitHub } from "../flow/github.js";
import { isRerunRequest } from "./dashboard.js";
import type { Runner } from "./runner.js";
import { describeSweep, runSweep, type SweepOptions } from "./sweep.js";

/** Whether the event asks for a sweep, and whether every pull request is to be triaged again; null: no sweep. */
export function sweepRequest(eventName: string, payload: Record<string, unknown>): { rerun: boolean } | null {
  if (eventName === "schedule" || eventName === "workflow_dispatch") return { rerun: false };
  if (eventName !== "issues" || payload["action"] !== "edited") return null;
  const issue = record(payload["issue"]);
  const labels = Array.isArray(issue["labels"]) ? issue["labels"].map((label: unknown) => String(record(label)["name"] ?? "")) : [];
  return isRerunRequest({ body: typeof issue["body"] === "string" ? issue["body"] : null, labels }) ? { rerun: true } : null;
}

export interface SweepEvent {
  gh: GitHub;
  payload: Record<string, unknown>;
  serverUrl: string;
  runId: string;
  rerun: boolean;
  dashboard: SweepOptions["dashboard"];
  configPath: string;
  failOn: "introduced" | "all" | null;
}

/** Runs the sweep; the step's exit code. */
export async function sweepForEvent(runner: Runner, event: SweepEvent): Promise<number> {
  // A `schedule` event names no repository: the sweep then asks GitHub for the default branch.
  const branch = record(event.payload["repository"])["default_branch"];
  const report = await runner.group("story-triage: sweep", () =>
    runSweep({
      gh: event.gh,
      defaultBranch: typeof branch === "string" && branch !== "" ? branch : null,
      serverUrl: event.serverUrl,
      dashboard: event.dashboard,
      configPath: event.configPath,
      ...(event.failOn === null ? {} : { failOn: event.failOn }),
      deliveryId: event.runId,
      rerun: event.rerun,
    }),
  );
  runner.summary(`## story-triage: sweep\n\n${describeSweep(report)}\n`);
  if (report.failed.length === 0) return 0;
  runner.command("error", {}, `story-triage could not finish ${report.failed.map((n) => `#${n}`).join(", ")}; their check runs say why, and the next sweep tries again`);
  return 1;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
