/**
 * Starting and stopping the built app as operators do (`probot run ./lib/index.js`): refusing to
 * start without a webhook secret in production or with a bad setting, saying why and exiting
 * non-zero; stopping on SIGTERM after the running triage is done; and starting, answering /ping
 * and refusing webhooks in time while the configured Redis does not answer.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generatePrivateKey } from "../../src/standin/host.js";
import { Standin } from "../../src/standin/server.js";
import { deliverWebhook } from "../../src/standin/webhooks.js";
import { appProcessEnv, REPO_ROOT, startAppProcess } from "../support/app-process.js";
import { pullRequestWebhook } from "../support/payloads.js";
import { freePort } from "../support/ports.js";
import { addStoryPull, DEMO_STORY, DEMO_STORY_PATH, latestRun, seedStoryRepo, type StoryRepo } from "../support/story-world.js";
import { waitFor } from "../support/wait.js";
import { logLines } from "./support/replicas.js";

const PROBOT = join(REPO_ROOT, "node_modules/.bin/probot");

/** Runs the app until it exits by itself (or 20 s pass); its exit code and everything it printed. */
async function runUntilExit(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [PROBOT, "run", "./lib/index.js"], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", HOST: "127.0.0.1", PORT: String(await freePort()), LOG_FORMAT: "json", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const timer = setTimeout(() => child.kill("SIGKILL"), 20000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  return { code, output };
}

type Stdout = "a pipe" | "a file" | "a terminal";

interface Stopped {
  code: number | null;
  /** The `msg` of every JSON line the app printed, in order. */
  messages: unknown[];
  output: string;
}

/**
 * Runs the app with its stdout and stderr on `stdout` until `whenBusy` (given the app's URL)
 * resolves, then sends it `signal`; resolves once it exits. A terminal is a pseudo-terminal from
 * util-linux's `script`, which relays what the app prints and exits with its code.
 */
async function stopWith(standin: Standin, signal: NodeJS.Signals, stdout: Stdout, whenBusy: (url: string) => Promise<void>): Promise<Stopped> {
  const port = await freePort();
  const env = appProcessEnv(standin, port, { secret: "s3cret", logLevel: "info", env: { STORY_TRIAGE_THROTTLE: "off" } });
  const dir = mkdtempSync(join(tmpdir(), "story-triage-stop-"));
  const file = join(dir, "out.log");
  let relayed = "";
  let fd: number | null = null;
  let child: ChildProcess;
  if (stdout === "a terminal") {
    const command = [process.execPath, PROBOT, "run", "./lib/index.js"].map((word) => `'${word}'`).join(" ");
    child = spawn("script", ["--quiet", "--flush", "--return", "--command", command, "/dev/null"], { cwd: REPO_ROOT, env, stdio: ["pipe", "pipe", "pipe"] });
  } else if (stdout === "a file") {
    fd = openSync(file, "w");
    child = spawn(process.execPath, [PROBOT, "run", "./lib/index.js"], { cwd: REPO_ROOT, env, stdio: ["ignore", fd, fd] });
  } else {
    child = spawn(process.execPath, [PROBOT, "run", "./lib/index.js"], { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  }
  child.stdout?.on("data", (chunk: Buffer) => (relayed += chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => (relayed += chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const printed = () => (stdout === "a file" ? readFileSync(file, "utf8") : relayed);
  const lines = () =>
    printed()
      .split(/\r?\n/)
      .flatMap((line) => {
        try {
          return line.startsWith("{") ? [JSON.parse(line) as Record<string, unknown>] : [];
        } catch {
          return [];
        }
      });
  try {
    const listening = await waitFor("the app to say it listens", () => lines().find((m) => String(m["msg"]).startsWith("Listening on")), 20000, 20);
    await whenBusy(`http://127.0.0.1:${port}`);
    // Under `script` the app is a grandchild: it is signalled by the pid it logs, as an operator would.
    if (stdout === "a terminal") process.kill(Number(listening["pid"]), signal);
    else child.kill(signal);
    const code = await exited;
    return { code, messages: lines().map((m) => m["msg"]), output: printed() };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    if (fd !== null) closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}

beforeAll(() => {
  if (!existsSync(join(REPO_ROOT, "lib/index.js"))) throw new Error("lib/index.js is missing: run `npm run build` first (npm test does)");
});

describe("refusing to start", () => {
  const key = generatePrivateKey();
  const keyBody = key.split("\n")[1] ?? key;

  test("in production without WEBHOOK_SECRET: a message naming it, a non-zero exit, and no key in the output", async () => {
    const { code, output } = await runUntilExit({ NODE_ENV: "production", APP_ID: "1", PRIVATE_KEY: key });
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(output).toContain("WEBHOOK_SECRET is not set: in production (NODE_ENV=production) the app only accepts webhooks signed with the app's webhook secret");
    expect(output).not.toContain(keyBody);
  }, 30000);

  test("with a setting it cannot use: a message naming the variable and a non-zero exit", async () => {
    const { code, output } = await runUntilExit({ NODE_ENV: "production", APP_ID: "1", PRIVATE_KEY: key, WEBHOOK_SECRET: "s3cret", STORY_TRIAGE_CONCURRENCY: "lots" });
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(output).toContain('STORY_TRIAGE_CONCURRENCY must be a whole number from 1 to 64; got "lots"');
    expect(output).not.toContain("s3cret");
  }, 30000);
});

describe("running", () => {
  let standin: Standin;
  let world: StoryRepo;
  let slowFiles: number | null = null;
  let filesAsked = false;

  beforeAll(async () => {
    standin = await Standin.start({
      fault: (request) => {
        if (slowFiles === null || request.path !== `/repos/story-org/stories/pulls/${slowFiles}/files`) return undefined;
        filesAsked = true;
        return { delayMs: 1500 };
      },
    });
    world = seedStoryRepo(standin);
  });

  afterAll(async () => {
    await standin?.close();
  });

  /** Opens pull request `number` on the app at `url` and resolves once its triage is reading the files (held 1.5 s there). */
  const triageUnderWay = (number: number) => async (url: string) => {
    addStoryPull(world, number, { [DEMO_STORY_PATH]: DEMO_STORY });
    filesAsked = false;
    slowFiles = number;
    const payload = pullRequestWebhook(standin, world.repo, number, "opened");
    const delivery = await deliverWebhook({ url: `${url}/api/github/webhooks`, secret: "s3cret", event: "pull_request", payload });
    expect(delivery.status).toBe(200);
    await waitFor("the triage to be under way", () => (filesAsked ? true : undefined), 10000, 10);
  };

  const stops: Array<[NodeJS.Signals, Stdout, number]> = [];
  for (const signal of ["SIGTERM", "SIGINT"] as const) for (const stdout of ["a pipe", "a file", "a terminal"] as const) stops.push([signal, stdout, 10 + stops.length]);

  test.each(stops)("%s with stdout on %s, a triage under way: it finishes, exits 0, and its last line `story-triage: stopped` is printed", async (signal, stdout, number) => {
    try {
      const { code, messages, output } = await stopWith(standin, signal, stdout, triageUnderWay(number));
      expect({ code, last: messages.slice(-3) }).toEqual({
        code: 0,
        last: ["story-triage: stopping: no new jobs are taken; running ones get time to finish", "story-triage: triaged", "story-triage: stopped"],
      });
      expect(output).not.toContain("s3cret");
    } finally {
      slowFiles = null;
    }
  }, 30000);

  test("SIGTERM: no new job is taken, the running triage is finished, then the process exits 0", async () => {
    const app = await startAppProcess(standin, { logLevel: "info", env: { STORY_TRIAGE_THROTTLE: "off" } });
    try {
      addStoryPull(world, 1, { [DEMO_STORY_PATH]: DEMO_STORY });
      slowFiles = 1;
      const delivery = await app.deliver("pull_request", pullRequestWebhook(standin, world.repo, 1, "opened"));
      expect(delivery.status).toBe(200);
      await waitFor("the triage to be under way", () => (filesAsked ? true : undefined), 10000, 10);
      const exited = new Promise<number | null>((resolve) => app.child.once("exit", (code) => resolve(code)));
      app.child.kill("SIGTERM");
      expect(await exited).toBe(0);
      const snapshot = standin.snapshot(world.repo, 1);
      expect(latestRun(snapshot, world.repo.pulls.get(1)?.headSha ?? "")).toMatchObject({ status: "completed", conclusion: "failure" });
      expect(snapshot.issueComments.filter((c) => c.user === standin.botLogin)).toHaveLength(1);
      // By the time each line was logged: the lines reach the test through pipes that may
      // reorder lines written within the same millisecond.
      const lines = logLines(app);
      const timeOf = (msg: string) => Number(lines.find((l) => l["msg"] === msg)?.["time"] ?? Number.NaN);
      expect(timeOf("story-triage: stopping: no new jobs are taken; running ones get time to finish")).toBeLessThanOrEqual(timeOf("story-triage: triaged"));
      expect(timeOf("story-triage: stopped")).toBeGreaterThanOrEqual(timeOf("story-triage: triaged"));
      expect(timeOf("story-triage: stopped")).toBe(Math.max(...lines.map((l) => Number(l["time"]))));
    } finally {
      slowFiles = null;
      await app.stop();
    }
  }, 30000);

  test("with REDIS_URL pointing nowhere: it starts and answers /ping, says Redis is unreachable, and answers webhooks with 500 within GitHub's 10 s", async () => {
    const port = await freePort();
    const app = await startAppProcess(standin, { logLevel: "info", env: { REDIS_URL: `redis://:p4ssw0rd@127.0.0.1:${port}` } });
    try {
      expect((await fetch(`${app.url}/ping`)).status).toBe(200);
      addStoryPull(world, 2, { [DEMO_STORY_PATH]: DEMO_STORY });
      const delivery = await app.deliver("pull_request", pullRequestWebhook(standin, world.repo, 2, "opened"));
      expect(delivery.status).toBe(500);
      expect(delivery.ms).toBeLessThan(5000);
      const unreachable = await waitFor("the log line", () => logLines(app).find((l) => String(l["msg"]).includes("is unreachable")), 10000, 50);
      expect(String(unreachable["msg"])).toMatch(new RegExp(`^story-triage: Redis at redis://127\\.0\\.0\\.1:${port} is unreachable`));
      expect(app.output()).not.toContain("p4ssw0rd");
    } finally {
      await app.stop();
    }
  }, 30000);
});
