/**
 * A nock-based GitHub for webhook tests: each test declares the requests it expects, with their
 * replies; the mock records every request (method, path with query, JSON body), checks each body
 * against GitHub's OpenAPI description, and lets the test assert the exact sequence and bodies.
 * Network access is off: an undeclared request fails the run.
 */
import { generateKeyPairSync } from "node:crypto";
import { afterAll } from "@jest/globals";
import nock from "nock";
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import { createStoryTriage, readSettings } from "../../../src/index.js";
import { validateRequest } from "./openapi.js";

export const API = "https://api.github.com";
export const APP_ID = 123;
export const APP_SLUG = "story-triage";
export const BOT_LOGIN = `${APP_SLUG}[bot]`;
export const OWNER = "Codertocat";
export const REPO = "Hello-World";
export const REPO_PATH = `/repos/${OWNER}/${REPO}`;
export const INSTALLATION_ID = 1;

export interface Recorded {
  method: string;
  path: string;
  body: unknown;
}

type Reply = [number, unknown] | [number, unknown, Record<string, string>];

let privateKey: string | null = null;

/** An RSA key made once per test file: Probot signs its app JWT with it. */
function testPrivateKey(): string {
  privateKey ??= generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  return privateKey;
}

/** A log line the app wrote, as pino's JSON. */
export type LogLine = Record<string, unknown>;

/**
 * A Probot with the app loaded, retries and throttling off so a test sees each request once.
 * What the app logs at level info and above is pushed onto `logs` when given.
 */
export async function testProbot(logs?: LogLine[]): Promise<Probot> {
  const log = pino({ level: logs === undefined ? "silent" : "info" }, {
    write(line: string) {
      logs?.push(JSON.parse(line));
    },
  });
  const probot = new Probot({
    appId: APP_ID,
    privateKey: testPrivateKey(),
    log,
    Octokit: ProbotOctokit.defaults((options: ConstructorParameters<typeof ProbotOctokit>[0]) => ({
      ...options,
      retry: { enabled: false },
      throttle: { ...options?.throttle, enabled: false },
    })),
  });
  // The app answers a webhook once the job is queued and triages from the queue; a test's
  // `probot.receive` resolves once the queue is idle again, so the requests can be checked.
  const triage = createStoryTriage(readSettings({ STORY_TRIAGE_SWEEP_SECONDS: "0" }));
  await probot.load(triage.app);
  const receive = probot.receive.bind(probot);
  probot.receive = async (event) => {
    await receive(event);
    await triage.idle();
  };
  return probot;
}

function graphqlProblems(body: unknown): string[] {
  if (typeof body !== "object" || body === null || !("query" in body) || typeof body.query !== "string") return ["POST /graphql: needs a JSON body with a query"];
  const variables: unknown = "variables" in body ? body.variables : {};
  const used = [...body.query.matchAll(/\$(\w+)/g)].map((m) => m[1]!);
  const given = typeof variables === "object" && variables !== null ? Object.keys(variables) : [];
  return [...new Set(used)].filter((name) => !given.includes(name)).map((name) => `POST /graphql: variable $${name} is used but not given`);
}

export class GitHubMock {
  readonly requests: Recorded[] = [];
  /** Request bodies GitHub's description would refuse. */
  readonly problems: string[] = [];
  readonly #scope: nock.Scope;

  constructor() {
    this.#scope = nock(API);
    this.#scope.on("request", (req: { method: string; path: string }, _interceptor: unknown, body: string) => {
      const parsed: unknown = body === "" || body === undefined ? undefined : JSON.parse(body);
      this.requests.push({ method: req.method, path: req.path, body: parsed });
      // GraphQL is not in GitHub's REST description: its body is a query and variables.
      if (req.path === "/graphql") this.problems.push(...graphqlProblems(parsed));
      else this.problems.push(...validateRequest(req.method, req.path, parsed));
    });
  }

  /** Declares one expected request (path without query; any query accepted and recorded). */
  on(method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE", path: string, ...reply: Reply): this {
    const [status, body, headers] = reply;
    const interceptor = this.#scope.intercept(path, method).query(true);
    const json = typeof body === "string" ? body : JSON.stringify(body);
    interceptor.reply(status, json, { "content-type": typeof body === "string" ? "application/vnd.github.raw; charset=utf-8" : "application/json", ...headers });
    return this;
  }

  /** "METHOD path" of every request so far, in order. */
  calls(): string[] {
    return this.requests.map((request) => `${request.method} ${request.path}`);
  }

  /** The JSON bodies sent to one method and path (query ignored), in order. */
  bodies(method: string, path: string): unknown[] {
    return this.requests.filter((request) => request.method === method && request.path.split("?")[0] === path).map((request) => request.body);
  }

  /** Requests that change something on GitHub: every non-GET but the installation token. */
  writes(): string[] {
    return this.calls().filter((call) => !call.startsWith("GET ") && !/^POST \/app\/installations\/\d+\/access_tokens$/.test(call));
  }

  // ------------------------------------------------------------------------------------------
  // Common replies

  token(): this {
    return this.on("POST", `/app/installations/${INSTALLATION_ID}/access_tokens`, 201, {
      token: "ghs_test",
      expires_at: "2099-01-01T00:00:00Z",
      permissions: { checks: "write", contents: "read", issues: "write", pull_requests: "write", metadata: "read" },
      repository_selection: "all",
    });
  }

  /** A file's raw text at a ref; null answers 404. */
  file(path: string, text: string | null, repoPath: string = REPO_PATH): this {
    const url = `${repoPath}/contents/${path}`;
    return text === null ? this.on("GET", url, 404, { message: "Not Found" }) : this.on("GET", url, 200, text);
  }
}

/** Starts a test: no real network, nothing left from the previous test. */
export function resetNetwork(): void {
  nock.cleanAll();
  nock.disableNetConnect();
}

// nock patches node:http, which every test file of a Jest worker shares: when a file that used
// the mock is done, its interception ends, so a later file's real requests reach their servers.
afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
  nock.restore();
});

export function pendingMocks(): string[] {
  return nock.pendingMocks();
}
