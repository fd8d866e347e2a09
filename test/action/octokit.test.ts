/**
 * The action's Octokit retries as the app's does (@octokit/plugin-retry's rules): a status of 400
 * or more outside the do-not-retry list, a dropped connection and GitHub's transient GraphQL error
 * are tried again, at most 3 more times or as many as a request's `retries` says; the rest fail
 * at once. Against the stand-in with injected faults; waits shortened to 1 ms × n².
 */
import { afterAll, beforeAll, beforeEach, expect, test } from "@jest/globals";
import { RequestError } from "@octokit/request-error";
import { actionOctokit, DO_NOT_RETRY, RETRIES } from "../../src/action/octokit.js";
import type { FlowOctokit } from "../../src/flow/github.js";
import { type Repo, Standin } from "../../src/standin/index.js";

let standin: Standin;
let repo: Repo;
let octokit: FlowOctokit;
const PATH = "/repos/org/stories";

beforeAll(async () => {
  standin = await Standin.start();
  repo = standin.addRepo({ owner: "org", name: "stories" });
  octokit = actionOctokit({ token: standin.workflowToken(repo), apiUrl: standin.apiUrl, userAgent: "story-triage-test", retryBaseMs: 1 });
});

afterAll(async () => {
  await standin.close();
});

beforeEach(() => {
  standin.setFault(undefined);
});

/** Answers the first `times` GETs of the repository with `action`, then normally; returns the tries seen. */
function failFirst(times: number, action: { status?: number; drop?: boolean; body?: unknown }): { tries: number } {
  const seen = { tries: 0 };
  standin.setFault((request) => {
    if (request.method !== "GET" || !request.path.endsWith(PATH)) return undefined;
    seen.tries += 1;
    return seen.tries <= times ? action : undefined;
  });
  return seen;
}

test("the lists are the app's: 3 retries, and no retry of 400, 401, 403, 404, 410, 422, 429, 451", () => {
  expect([RETRIES, DO_NOT_RETRY]).toEqual([3, [400, 401, 403, 404, 410, 422, 429, 451]]);
});

test("a 502 and a dropped connection are tried again until GitHub answers", async () => {
  const bad = failFirst(2, { status: 502 });
  expect((await octokit.request("GET /repos/{owner}/{repo}", { owner: "org", repo: "stories" })).status).toBe(200);
  expect(bad.tries).toBe(3);
  const dropped = failFirst(1, { drop: true });
  expect((await octokit.request("GET /repos/{owner}/{repo}", { owner: "org", repo: "stories" })).status).toBe(200);
  expect(dropped.tries).toBe(2);
});

test("after 3 retries the last failure is thrown; with `retries: 0` the first", async () => {
  const bad = failFirst(10, { status: 503 });
  const error = await octokit.request("GET /repos/{owner}/{repo}", { owner: "org", repo: "stories" }).catch((e: unknown) => e);
  expect([error instanceof RequestError, (error as RequestError).status, bad.tries]).toEqual([true, 503, 4]);
  const once = failFirst(10, { status: 500 });
  const first = await octokit.request("GET /repos/{owner}/{repo}", { owner: "org", repo: "stories", request: { retries: 0 } }).catch((e: unknown) => e);
  expect([(first as RequestError).status, once.tries]).toEqual([500, 1]);
});

test("a status on the do-not-retry list fails at once", async () => {
  for (const status of [404, 422, 429]) {
    const seen = failFirst(10, { status });
    const error = await octokit.request("GET /repos/{owner}/{repo}", { owner: "org", repo: "stories" }).catch((e: unknown) => e);
    expect([(error as RequestError).status, seen.tries]).toEqual([status, 1]);
  }
});

test("GitHub's transient GraphQL error is tried again; other GraphQL errors are not (the stand-in's answers replaced by the fault hook)", async () => {
  let tries = 0;
  const answer = (message: string) => (request: { path: string }) => {
    if (!request.path.endsWith("/graphql")) return undefined;
    tries += 1;
    return { status: 200, body: tries === 1 ? { data: null, errors: [{ message }] } : { data: { viewer: { login: "octocat" } } } };
  };
  standin.setFault(answer("Something went wrong while executing your query. Please try again later."));
  const data = await octokit.graphql("query { viewer { login } }");
  expect([data, tries]).toEqual([{ viewer: { login: "octocat" } }, 2]);
  tries = 0;
  standin.setFault(answer("Field 'nope' doesn't exist"));
  const error = await octokit.graphql("query { viewer { login } }").catch((e: unknown) => e);
  expect([(error as Error).message, tries]).toEqual(["Request failed due to following response errors:\n - Field 'nope' doesn't exist", 1]);
});
