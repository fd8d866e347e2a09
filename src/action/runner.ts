/**
 * What a GitHub Actions runner gives a step and takes from it, written once: inputs
 * (`INPUT_<NAME>`), the event (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH), the repository, and the
 * files and workflow commands a step speaks through (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY,
 * `::group::`, `::warning::`, `::error::`). The formatting is pure; `Runner` does the I/O.
 */
import { appendFileSync, readFileSync } from "node:fs";
import type { Logger } from "../flow/github.js";

/** A runner variable is missing or wrong: the workflow, not the code, must change. */
export class RunnerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RunnerError";
  }
}

/** An input as the runner passes it: `INPUT_` and the name upper-cased, spaces as underscores. */
export function inputOf(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();
}

/** Escapes a workflow command's message (GitHub's rule: %, CR and LF). */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escapes a workflow command's property value (the message's rule, plus `:` and `,`). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** One workflow command line: `::name key=value,...::message`. */
export function command(name: string, properties: Record<string, string | number | undefined>, message: string): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(",");
  return `::${name}${props === "" ? "" : ` ${props}`}::${escapeData(message)}`;
}

/** `name=value` for GITHUB_OUTPUT; a value with a line break goes between delimiter lines. */
export function outputLine(name: string, value: string, delimiter: string): string {
  if (!/[\r\n]/.test(value)) return `${name}=${value}\n`;
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

export interface RunnerContext {
  eventName: string;
  /** The event's webhook payload, as the runner wrote it to GITHUB_EVENT_PATH. */
  payload: Record<string, unknown>;
  owner: string;
  repo: string;
  apiUrl: string;
  serverUrl: string;
  /** `run-<id>.<attempt>`: names this run in logs and on an internal error's check run. */
  runId: string;
}

/** The runner's side of one step: reads what it was given, writes what it shows. */
export class Runner {
  readonly env: NodeJS.ProcessEnv;
  readonly #print: (line: string) => void;

  constructor(env: NodeJS.ProcessEnv, print: (line: string) => void) {
    this.env = env;
    this.#print = print;
  }

  input(name: string): string {
    return inputOf(this.env, name);
  }

  /** The event and repository; a RunnerError naming the variable when one is missing or unreadable. */
  context(): RunnerContext {
    const eventName = this.#required("GITHUB_EVENT_NAME");
    const eventPath = this.#required("GITHUB_EVENT_PATH");
    let payload: unknown;
    try {
      payload = JSON.parse(readFileSync(eventPath, "utf8"));
    } catch (error) {
      throw new RunnerError(`GITHUB_EVENT_PATH (${eventPath}) is not a readable JSON file: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (typeof payload !== "object" || payload === null || Array.isArray(payload)) throw new RunnerError(`GITHUB_EVENT_PATH (${eventPath}) holds no event object`);
    const full = this.#required("GITHUB_REPOSITORY");
    const [owner, repo, ...rest] = full.split("/");
    if (!owner || !repo || rest.length > 0) throw new RunnerError(`GITHUB_REPOSITORY must be owner/name; got "${full}"`);
    const runId = this.env["GITHUB_RUN_ID"] ?? "local";
    return {
      eventName,
      payload: payload as Record<string, unknown>,
      owner,
      repo,
      apiUrl: (this.env["GITHUB_API_URL"] ?? "https://api.github.com").replace(/\/+$/, ""),
      serverUrl: (this.env["GITHUB_SERVER_URL"] ?? "https://github.com").replace(/\/+$/, ""),
      runId: `run-${runId}.${this.env["GITHUB_RUN_ATTEMPT"] ?? "1"}`,
    };
  }

  #required(name: string): string {
    const value = this.env[name];
    if (value === undefined || value === "") throw new RunnerError(`${name} is not set: run story-triage as a step of a GitHub Actions workflow`);
    return value;
  }

  line(text: string): void {
    this.#print(text);
  }

  command(name: string, properties: Record<string, string | number | undefined>, message: string): void {
    this.#print(command(name, properties, message));
  }

  /** Runs `work` inside a collapsed `::group::` of the log. */
  async group<T>(title: string, work: () => Promise<T>): Promise<T> {
    this.#print(`::group::${escapeData(title)}`);
    try {
      return await work();
    } finally {
      this.#print("::endgroup::");
    }
  }

  /** Sets a step output (GITHUB_OUTPUT); printed as a line when the runner gives no file. */
  setOutput(name: string, value: string): void {
    const file = this.env["GITHUB_OUTPUT"];
    if (file === undefined || file === "") {
      this.#print(`output ${name}=${value}`);
      return;
    }
    appendFileSync(file, outputLine(name, value, `story_triage_${name}_${Date.now()}`));
  }

  /** Adds markdown to the job summary (GITHUB_STEP_SUMMARY); nothing when the runner gives no file. */
  summary(markdown: string): void {
    const file = this.env["GITHUB_STEP_SUMMARY"];
    if (file === undefined || file === "") return;
    appendFileSync(file, markdown.endsWith("\n") ? markdown : `${markdown}\n`);
  }

  /** The flow's logger: info as plain lines, warnings and errors as annotations of the run. */
  logger(): Logger {
    const text = (fields: Record<string, unknown>, message: string) => {
      const err = fields["err"];
      const rest = Object.entries(fields).filter(([key, value]) => key !== "err" && value !== undefined && typeof value !== "object");
      const detail = rest.map(([key, value]) => `${key}=${String(value)}`).join(" ");
      const why = err instanceof Error ? `: ${err.message}` : "";
      return `${message}${why}${detail === "" ? "" : ` (${detail})`}`;
    };
    return {
      info: (fields, message) => this.#print(text(fields, message)),
      warn: (fields, message) => this.command("warning", {}, text(fields, message)),
      error: (fields, message) => this.command("error", {}, text(fields, message)),
    };
  }
}
