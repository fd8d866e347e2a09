/**
 * Secrets stay out of the logs, and production needs a webhook secret. The built app runs in its
 * own process (`probot run ./lib/index.js`) against the stand-in with LOG_LEVEL=trace, through
 * a triage, a command, a forged delivery and a GitHub outage; then everything it printed is
 * searched for the webhook secret, the private key, the installation tokens the stand-in issued
 * and the JWTs the app signed.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { generatePrivateKey } from "../../src/standin/host.js";
import { Standin } from "../../src/standin/server.js";
import { REPO_ROOT, startAppProcess, type AppProcess } from "../support/app-process.js";
import { issueCommentWebhook, pullRequestWebhook } from "../support/payloads.js";
import { freePort } from "../support/ports.js";
import { addStoryPull, DEMO_STORY, DEMO_STORY_PATH, latestRun, mark, seedStoryRepo, settleAfter, type StoryRepo, waitForCheckRuns } from "../support/story-world.js";

const SECRET = randomBytes(32).toString("hex");
const PRIVATE_KEY = generatePrivateKey();
const AUTHOR = "ferris-writes";

beforeAll(() => {
  if (!existsSync(join(REPO_ROOT, "lib/index.js"))) throw new Error("lib/index.js is missing: run `npm run build` first (npm test does)");
});

describe("a day's work at LOG_LEVEL=trace", () => {
  let standin: Standin;
  let world: StoryRepo;
  let app: AppProcess;
  let output: string;

  beforeAll(async () => {
    standin = await Standin.start();
    world = seedStoryRepo(standin);
    app = await startAppProcess(standin, {
      secret: SECRET,
      logLevel: "trace",
      env: { PRIVATE_KEY, STORY_TRIAGE_THROTTLE: "off" },
    });
    // A first triage.
    addStoryPull(world, 1, { [DEMO_STORY_PATH]: DEMO_STORY }, { author: AUTHOR });
    await app.deliver("pull_request", pullRequestWebhook(standin, world.repo, 1, "opened"), { id: "delivery-opened" });
    await waitForCheckRuns(world, 1);
    // A command.
    let since = mark(world);
    const command = standin.commentAs(AUTHOR, world.repo, 1, "/triage");
    await app.deliver("issue_comment", issueCommentWebhook(standin, world.repo, command, "created"));
    await settleAfter(world, since);
    // A forged delivery.
    await app.deliver("pull_request", pullRequestWebhook(standin, world.repo, 1, "opened"), { signature: `sha256=${"ab".repeat(32)}` });
    // GitHub failing every write of a second pull request: errors are logged with what was sent.
    addStoryPull(world, 2, { [DEMO_STORY_PATH]: DEMO_STORY }, { author: AUTHOR });
    standin.setFault((request) => (request.method !== "GET" && request.path.includes("/2/") ? { status: 502, body: { message: "Server Error" } } : undefined));
    since = mark(world);
    await app.deliver("pull_request", pullRequestWebhook(standin, world.repo, 2, "opened"));
    await waitForCheckRuns(world, 2, 1, 60000);
    standin.setFault(undefined);
    await app.stop();
    output = app.output();
  }, 120000);

  afterAll(async () => {
    await app?.stop();
    await standin?.close();
  });

  test("the run did what the search needs: debug lines of every request, tokens issued, JWTs signed, an outage shown on the check run", () => {
    // Nothing in Probot or the app logs below debug; at trace level every request is logged at debug.
    expect(output).toContain('"level":20');
    expect(output).toContain("GitHub request: POST");
    expect(output).toContain("delivery-opened");
    expect(standin.installationTokens().length).toBeGreaterThan(0);
    expect(standin.jwtsSeen.size).toBeGreaterThan(0);
    expect(latestRun(standin.snapshot(world.repo, 2), world.repo.pulls.get(2)?.headSha ?? "")?.title).toBe("Not finished: GitHub failed on the labels");
  });

  test("the webhook secret is not in the logs", () => {
    expect(output.includes(SECRET)).toBe(false);
  });

  test("no line of the private key is in the logs", () => {
    const lines = PRIVATE_KEY.split("\n").filter((line) => line.length >= 40 && !line.startsWith("-----"));
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.filter((line) => output.includes(line))).toEqual([]);
  });

  test("no installation token the stand-in issued is in the logs", () => {
    expect(standin.installationTokens().filter((token) => output.includes(token))).toEqual([]);
  });

  test("no JWT the app signed is in the logs, not even its signature", () => {
    const leaked = [...standin.jwtsSeen].filter((jwt) => output.includes(jwt) || output.includes(jwt.split(".")[2] ?? jwt));
    expect(leaked).toEqual([]);
  });
});

describe("in production (NODE_ENV=production)", () => {
  /** Starts `probot run ./lib/index.js` with `env`; resolves with its exit code and output, or null if it was still running after 20 s. */
  async function start(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string; port: number }> {
    const port = await freePort();
    const child = spawn(process.execPath, [resolve(REPO_ROOT, "node_modules/.bin/probot"), "run", "./lib/index.js"], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", NODE_ENV: "production", APP_ID: "4242", PRIVATE_KEY, PORT: String(port), HOST: "127.0.0.1", GHE_HOST: "127.0.0.1:9", GHE_PROTOCOL: "http", LOG_FORMAT: "json", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    const code = await new Promise<number | null>((done) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        done(null);
      }, 20000);
      child.once("exit", (exitCode) => {
        clearTimeout(timer);
        done(exitCode);
      });
    });
    return { code, output, port };
  }

  test.each([
    ["without WEBHOOK_SECRET", {}],
    ["with a blank WEBHOOK_SECRET", { WEBHOOK_SECRET: "   " }],
  ])("the app refuses to start %s, naming the variable, and never listens", async (_name, env) => {
    const { code, output, port } = await start(env);
    expect(code).not.toBeNull();
    expect(code).not.toBe(0);
    expect(output).toContain("WEBHOOK_SECRET is not set");
    await expect(fetch(`http://127.0.0.1:${port}/ping`)).rejects.toThrow();
  }, 30000);
});
