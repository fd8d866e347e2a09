/**
 * Runs the COMMITTED action bundle (dist/action.cjs, what action.yml's `runs.main` names) as its
 * own process, the way a GitHub Actions runner does: the event written to a file, the variables
 * a runner sets, inputs as INPUT_<NAME>, and the step's files (GITHUB_OUTPUT,
 * GITHUB_STEP_SUMMARY) read back afterwards.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Standin } from "../../src/standin/server.js";
import type { Repo } from "../../src/standin/state.js";
import { REPO_ROOT } from "./app-process.js";

export const ACTION_BUNDLE = join(REPO_ROOT, "dist/action.cjs");

export interface ActionRun {
  code: number;
  /** What the step printed (workflow commands included). */
  stdout: string;
  stderr: string;
  /** The job summary it wrote. */
  summary: string;
  /** Its outputs, from GITHUB_OUTPUT. */
  outputs: Record<string, string>;
  /** Its workflow commands of a kind (`warning`, `error`, `notice`), each as `properties::message`. */
  commands(name: string): string[];
}

export interface ActionRunOptions {
  token: string;
  /** `INPUT_<NAME>` values besides the token. */
  inputs?: Record<string, string>;
}

/** Runs the bundle for one event against the stand-in's repository `repo`. */
export async function runActionProcess(standin: Standin, repo: Repo, eventName: string, payload: unknown, options: ActionRunOptions): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), "story-triage-action-"));
  try {
    const eventPath = join(dir, "event.json");
    const summaryPath = join(dir, "step-summary.md");
    const outputPath = join(dir, "output.txt");
    writeFileSync(eventPath, JSON.stringify(payload));
    writeFileSync(summaryPath, "");
    writeFileSync(outputPath, "");
    const inputs = Object.fromEntries(Object.entries({ token: options.token, ...options.inputs }).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      GITHUB_ACTIONS: "true",
      GITHUB_EVENT_NAME: eventName,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: repo.fullName,
      GITHUB_API_URL: standin.apiUrl,
      GITHUB_SERVER_URL: "http://github.invalid",
      GITHUB_RUN_ID: "4242",
      GITHUB_RUN_ATTEMPT: "1",
      GITHUB_TOKEN: options.token,
      GITHUB_STEP_SUMMARY: summaryPath,
      GITHUB_OUTPUT: outputPath,
      RUNNER_TEMP: dir,
      ...inputs,
    };
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [ACTION_BUNDLE], { env, cwd: dir, timeout: 60000 }, (error, out, err) => {
        const status = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({ code: status, stdout: out, stderr: err });
      });
    });
    const outputs: Record<string, string> = {};
    for (const line of readFileSync(outputPath, "utf8").split("\n")) {
      const at = line.indexOf("=");
      if (at > 0) outputs[line.slice(0, at)] = line.slice(at + 1);
    }
    const summary = readFileSync(summaryPath, "utf8");
    return {
      code,
      stdout,
      stderr,
      summary,
      outputs,
      commands: (name) => stdout.split("\n").flatMap((line) => (line.startsWith(`::${name}`) ? [line.slice(name.length + 2).trim()] : [])),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
