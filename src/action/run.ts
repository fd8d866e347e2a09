/**
 * The action's door onto the flow: one event from the runner, one run. It builds the flow's
 * inputs from the event (the same handlers' rules as the app: which pull request actions triage,
 * who may use `/triage`), picks the door that fits the token, carries out the triage, and shows
 * it: job summary, outputs, and, when the token may not write, the findings as annotations.
 *
 * The step fails (exit 1) only when the triage could not be finished: GitHub kept failing or
 * refused a write, a broken configuration, an internal error. Findings never fail it: the check
 * run carries them.
 */
import { answerCommand } from "../flow/answer-command.js";
import { newCommands, parseCommands } from "../flow/commands.js";
import { appDoor, type Door, workflowDoor } from "../flow/door.js";
import { pullRequestEventTriages } from "../flow/events.js";
import { GitHub } from "../flow/github.js";
import { type PlanOutcome, type TriageResult, triagePullRequest } from "../flow/triage.js";
import { actionOctokit } from "./octokit.js";
import { annotationCommands, jobSummary, type Outputs, outputsOf } from "./report.js";
import { Runner, RunnerError, type RunnerContext } from "./runner.js";
import { sweepForEvent, sweepRequest } from "./sweep-event.js";

export interface ActionInputs {
  token: string;
  /** Where the configuration is on the default branch. */
  config: string;
  /** The dashboard issue: off, or on with this title. */
  dashboard: { enabled: boolean; title: string };
  /** Overrides the configuration's `fail-on`; null: the configuration's. */
  failOn: "introduced" | "all" | null;
  /** The GitHub App whose token `token` is (actions/create-github-app-token's `app-slug`); null: a workflow's GITHUB_TOKEN. */
  appSlug: string | null;
}

export const DEFAULT_CONFIG_PATH = ".github/story-triage.yml";
export const DEFAULT_DASHBOARD_TITLE = "Story board";

/** The inputs, checked; a RunnerError naming the input when one is wrong. */
export function readInputs(input: (name: string) => string): ActionInputs {
  const token = input("token");
  if (token === "") throw new RunnerError("the input `token` is empty: give the step `token: ${{ github.token }}` (the default) or a GitHub App's token");
  const failOn = input("fail-on");
  if (failOn !== "" && failOn !== "introduced" && failOn !== "all") {
    throw new RunnerError(`the input \`fail-on\` must be "introduced" or "all" (or empty for the configuration's); got "${failOn}"`);
  }
  const dashboard = input("dashboard");
  const off = ["off", "false", "no"].includes(dashboard.toLowerCase());
  const on = dashboard === "" || ["on", "true", "yes"].includes(dashboard.toLowerCase());
  const appSlug = input("app-slug");
  return {
    token,
    config: input("config") || DEFAULT_CONFIG_PATH,
    dashboard: { enabled: !off, title: on || off ? DEFAULT_DASHBOARD_TITLE : dashboard },
    failOn: failOn === "" ? null : failOn,
    appSlug: appSlug === "" ? null : appSlug,
  };
}

/** What the step ends with. */
interface Ending {
  exitCode: number;
  outputs: Outputs;
}

/** Runs the step for the runner's event; the exit code. */
export async function runAction(runner: Runner): Promise<number> {
  let ending: Ending;
  try {
    ending = await dispatch(runner, runner.context(), readInputs((name) => runner.input(name)));
  } catch (error) {
    if (!(error instanceof RunnerError)) throw error;
    runner.command("error", {}, `story-triage: ${error.message}`);
    return 1;
  }
  runner.setOutput("conclusion", ending.outputs.conclusion);
  runner.setOutput("findings", String(ending.outputs.findings));
  runner.setOutput("stories", String(ending.outputs.stories));
  return ending.exitCode;
}

const NOTHING: Ending = { exitCode: 0, outputs: outputsOf(null) };

async function dispatch(runner: Runner, context: RunnerContext, inputs: ActionInputs): Promise<Ending> {
  const { eventName, payload } = context;
  const action = typeof payload["action"] === "string" ? payload["action"] : "";
  if (eventName === "pull_request" || eventName === "pull_request_target") {
    const pr = record(payload["pull_request"]);
    const changes = record(payload["changes"]);
    if (!pullRequestEventTriages(action, changes)) {
      runner.line(`story-triage: ${eventName}.${action} asks for no triage; nothing to do`);
      return NOTHING;
    }
    // Under pull_request, a fork's pull request gets a read-only token (and no secrets): the
    // findings are shown in the run instead. pull_request_target runs with the base's token.
    const readOnly = eventName === "pull_request" && inputs.appSlug === null && isFromFork(pr);
    return triage(runner, context, inputs, numberOf(pr, "pull_request"), readOnly);
  }
  if (eventName === "issue_comment") return comment(runner, context, inputs, action);
  const sweep = sweepRequest(eventName, payload);
  if (sweep !== null) {
    const gh = github(runner, context, inputs, false);
    const event = { gh, payload, serverUrl: context.serverUrl, runId: context.runId, rerun: sweep.rerun, dashboard: inputs.dashboard, configPath: inputs.config, failOn: inputs.failOn };
    return { exitCode: await sweepForEvent(runner, event), outputs: outputsOf(null) };
  }
  runner.line(`story-triage: the ${eventName} event asks for no triage; nothing to do`);
  return NOTHING;
}

/** `/triage` and `/triage help` in a pull request's comment: the app's rule (author, or write access). */
async function comment(runner: Runner, context: RunnerContext, inputs: ActionInputs, action: string): Promise<Ending> {
  const { payload } = context;
  const issue = record(payload["issue"]);
  const body = record(payload["comment"]);
  const author = record(body["user"]);
  if (issue["pull_request"] === undefined || (action !== "created" && action !== "edited") || author["type"] === "Bot") {
    runner.line("story-triage: the comment is not a person's on a pull request; nothing to do");
    return NOTHING;
  }
  const text = stringOf(body["body"]);
  const previous = record(record(payload["changes"])["body"])["from"];
  const commands = action === "edited" ? newCommands(text, typeof previous === "string" ? previous : text) : parseCommands(text);
  if (commands.length === 0) {
    runner.line("story-triage: the comment holds no /triage command; nothing to do");
    return NOTHING;
  }
  const number = numberOf(issue, "issue");
  const gh = github(runner, context, inputs, false);
  let ending: Ending = NOTHING;
  const heard = await answerCommand(
    gh,
    {
      number,
      commentId: numberOf(body, "comment"),
      author: stringOf(author["login"]),
      pullRequestAuthor: stringOf(record(issue["user"])["login"]),
      commands: [...new Set(commands)],
    },
    async () => {
      ending = await triage(runner, context, inputs, number, false, gh);
    },
  );
  if (!heard) runner.line(`story-triage: ${stringOf(author["login"])} is neither the pull request's author nor has write access; the command is refused`);
  return ending;
}

async function triage(runner: Runner, context: RunnerContext, inputs: ActionInputs, number: number, readOnly: boolean, given?: GitHub): Promise<Ending> {
  const gh = given ?? github(runner, context, inputs, readOnly);
  const defaultBranch = stringOf(record(context.payload["repository"])["default_branch"]);
  if (defaultBranch === "") throw new RunnerError("the event carries no repository.default_branch");
  const result = await runner.group(`story-triage: pull request #${number}`, async () => {
    const done = await triagePullRequest(
      gh,
      { number, defaultBranch, pullRequest: null, checkRun: null, configPath: inputs.config, ...(inputs.failOn === null ? {} : { failOn: inputs.failOn }) },
      context.runId,
    );
    runner.line(`story-triage: ${gh.requestCount} requests to GitHub`);
    return done;
  });
  return show(runner, number, result, readOnly);
}

/** The job summary, annotations and exit code of one triage. */
function show(runner: Runner, number: number, result: TriageResult, readOnly: boolean): Ending {
  if (result.kind === "internal-error") {
    runner.command("error", {}, `story-triage could not finish pull request #${number}: ${result.error instanceof Error ? result.error.message : String(result.error)}`);
    return { exitCode: 1, outputs: outputsOf(null) };
  }
  const outcome: PlanOutcome = result.outcome;
  const outputs = outputsOf(outcome);
  if (result.kind === "planned") {
    const why = readOnly
      ? "This pull request comes from a fork and the workflow runs on `pull_request`, so its token is read-only: nothing was labelled, reviewed or commented, and no check run was written. The findings are below and as annotations of this run. Run the workflow on `pull_request_target` (it never runs the pull request's code) to triage fork pull requests on the pull request itself."
      : "The token may not write to this pull request: nothing was written. The findings are below and as annotations of this run.";
    runner.command("notice", {}, `story-triage: nothing was labelled on #${number}: ${readOnly ? "the token of a pull_request run from a fork is read-only" : "the token may not write"}`);
    if (outcome.kind === "plan") for (const annotation of annotationCommands(outcome.plan)) runner.command(annotation.name, annotation.properties, annotation.message);
    runner.summary(jobSummary(number, outcome, `> [!NOTE]\n> ${why}`));
    return { exitCode: failsForConfig(outcome) ? 1 : 0, outputs };
  }
  if (result.kind === "unfinished") {
    const refused = result.status === 403;
    const why = refused
      ? `GitHub refused the ${result.step} (HTTP 403): the token lacks a permission. Give the job \`permissions:\` contents: read, pull-requests: write, issues: write, checks: write.`
      : `GitHub kept failing the ${result.step} (${result.message}); run the workflow again or comment \`/triage\` to finish.`;
    runner.command("error", {}, `story-triage could not finish pull request #${number}: ${why}`);
    for (const annotation of annotationCommands(result.outcome.plan)) runner.command(annotation.name, annotation.properties, annotation.message);
    runner.summary(jobSummary(number, outcome, `> [!WARNING]\n> Not finished: ${why}`));
    return { exitCode: 1, outputs };
  }
  runner.summary(jobSummary(number, outcome, null));
  if (failsForConfig(outcome)) {
    const problems = outcome.kind === "plan" ? (outcome.configProblems ?? []) : [];
    runner.command("error", {}, `story-triage: the configuration on the default branch cannot be used: ${problems.join("; ")}`);
    return { exitCode: 1, outputs };
  }
  const { conclusion, findings, stories } = outputs;
  runner.line(
    outcome.kind === "plan"
      ? `story-triage: #${number}: ${stories} ${stories === 1 ? "story" : "stories"}, ${findings} ${findings === 1 ? "finding" : "findings"}, check ${conclusion}`
      : `story-triage: #${number}: ${outcome.kind === "no-stories" ? "no story changed" : "the head moved on"}`,
  );
  return { exitCode: 0, outputs };
}

/** A broken configuration is the one plan that fails the step: the triage could not be done. */
function failsForConfig(outcome: PlanOutcome): boolean {
  return outcome.kind === "plan" && outcome.configProblems !== undefined;
}

/** The adapter with the door that fits the token: a named GitHub App, or the workflow's GITHUB_TOKEN. */
function github(runner: Runner, context: RunnerContext, inputs: ActionInputs, readOnly: boolean): GitHub {
  const octokit = actionOctokit({ token: inputs.token, apiUrl: context.apiUrl, userAgent: "story-triage-action" });
  const slug = inputs.appSlug;
  let app: Promise<{ id: number; botLogin: string }> | null = null;
  const door: Door =
    slug === null
      ? workflowDoor({ mayWrite: !readOnly })
      : appDoor({
          appId: async () => (await (app ??= gh.appBySlug(slug))).id,
          botLogin: async () => (await (app ??= gh.appBySlug(slug))).botLogin,
        });
  const gh: GitHub = new GitHub(octokit, { owner: context.owner, repo: context.repo }, runner.logger(), { door });
  return gh;
}

function isFromFork(pr: Record<string, unknown>): boolean {
  const head = record(record(pr["head"])["repo"])["full_name"];
  const base = record(record(pr["base"])["repo"])["full_name"];
  return typeof head !== "string" || typeof base !== "string" || head.toLowerCase() !== base.toLowerCase();
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function stringOf(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function numberOf(value: Record<string, unknown>, what: string): number {
  const number = value["number"] ?? value["id"];
  if (typeof number !== "number" || !Number.isSafeInteger(number)) throw new RunnerError(`the event's ${what} carries no number`);
  return number;
}
