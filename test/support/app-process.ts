/**
 * Starts the built app as its own process with the start command the README gives
 * (`probot run ./lib/index.js`), pointed at a GitHub stand-in through GHE_HOST, and waits until
 * Probot answers GET /ping.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { generatePrivateKey } from "../../src/standin/host.js";
import type { Standin } from "../../src/standin/server.js";
import { deliverWebhook, type DeliveryResult } from "../../src/standin/webhooks.js";
import { freePort } from "./ports.js";
import { sleep, waitFor } from "./wait.js";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
// The same path the Dockerfile's CMD runs.
const PROBOT_BIN = resolve(REPO_ROOT, "node_modules/.bin/probot");

export interface AppProcess {
  child: ChildProcess;
  url: string;
  webhookUrl: string;
  secret: string;
  /** Everything the process printed so far (stdout and stderr), for failure messages. */
  output(): string;
  deliver(event: string, payload: unknown, options?: { id?: string; signature?: string }): Promise<DeliveryResult>;
  stop(): Promise<void>;
}

export interface AppProcessOptions {
  /** The app module, relative to the repository root; the README's `./lib/index.js` by default. */
  appPath?: string;
  secret?: string;
  logLevel?: "trace" | "debug" | "info" | "warn" | "error" | "fatal" | "silent";
  env?: NodeJS.ProcessEnv;
}

/** The environment the app runs in against `standin`, listening on 127.0.0.1:`port` (JSON logs, production). */
export function appProcessEnv(standin: Standin, port: number, options: AppProcessOptions = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    NODE_ENV: "production",
    APP_ID: String(standin.world.app.id),
    PRIVATE_KEY: generatePrivateKey(),
    WEBHOOK_SECRET: options.secret ?? DEFAULT_SECRET,
    PORT: String(port),
    HOST: "127.0.0.1",
    GHE_HOST: standin.host,
    GHE_PROTOCOL: "http",
    LOG_LEVEL: options.logLevel ?? "info",
    LOG_FORMAT: "json",
    // The board's sweep reads and queues on its own; tests that are about it turn it on.
    STORY_TRIAGE_SWEEP_SECONDS: "0",
    ...options.env,
  };
}

const DEFAULT_SECRET = "e2e-webhook-secret";

export async function startAppProcess(standin: Standin, options: AppProcessOptions = {}): Promise<AppProcess> {
  const port = await freePort();
  const secret = options.secret ?? DEFAULT_SECRET;
  let output = "";
  const env = appProcessEnv(standin, port, options);
  const child = spawn(process.execPath, [PROBOT_BIN, "run", options.appPath ?? "./lib/index.js"], { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  let exited: string | null = null;
  child.on("exit", (code, signal) => (exited = `exited with ${signal ?? code}`));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((done) => child.once("exit", () => done()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
    await gone;
    clearTimeout(timer);
  };
  try {
    await waitFor("the app to answer GET /ping", async () => {
      if (exited) throw new Error(`the app ${exited} before answering:\n${output}`);
      const response = await fetch(`${url}/ping`);
      return response.status === 200 ? true : undefined;
    }, 20000, 100);
  } catch (error) {
    await stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- app output ---\n${output}`);
  }
  return {
    child,
    url,
    webhookUrl: `${url}/api/github/webhooks`,
    secret,
    output: () => output,
    deliver: (event, payload, extra = {}) => deliverWebhook({ url: `${url}/api/github/webhooks`, secret, event, payload, ...extra }),
    stop: async () => {
      await stop();
      await sleep(0);
    },
  };
}
