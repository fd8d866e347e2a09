/**
 * The Octokit a queued job uses: one write limiter per installation (a busy installation does not
 * hold up another), GitHub's secondary rate limit retried after `retry-after` a bounded number of
 * times, the primary one retried once when it resets soon, and throttling that the settings or
 * Probot's own options can turn off. Real requests to the stand-in; the fault hook answers the
 * rate limits and notes when each write arrived.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import { generatePrivateKey } from "../../src/standin/host.js";
import { Standin, type FaultAction } from "../../src/standin/server.js";
import type { Repo } from "../../src/standin/state.js";
import {
  installationOctokit,
  installationThrottle,
  PRIMARY_RATE_LIMIT_WAIT_S,
  retryPrimaryRateLimit,
  retrySecondaryRateLimit,
  SECONDARY_RATE_LIMIT_RETRIES,
} from "../../src/app/throttle.js";
import { type LogLine, testLog } from "./support/contract.js";

describe("when to retry a rate limit", () => {
  test.each([
    [0, true],
    [1, true],
    [2, true],
    [3, false],
  ])("secondary rate limit after %i retries: retry %s", (retryCount, expected) => {
    expect(retrySecondaryRateLimit(retryCount)).toBe(expected);
  });

  test.each([
    [5, 0, true],
    [PRIMARY_RATE_LIMIT_WAIT_S, 0, true],
    [PRIMARY_RATE_LIMIT_WAIT_S + 1, 0, false],
    [5, 1, false],
  ])("primary rate limit resetting in %i s after %i retries: retry %s", (retryAfter, retryCount, expected) => {
    expect(retryPrimaryRateLimit(retryAfter, retryCount)).toBe(expected);
  });
});

describe("the throttle options of an installation", () => {
  const log = testLog([]);

  test("on: Probot's options (its Redis connection) kept, the installation as the limiter id", () => {
    const connection = { redis: "stand-in for Bottleneck's IORedisConnection" };
    const options = installationThrottle({ enabled: true, connection, id: "no-id" }, 42, true, log);
    expect(options).toMatchObject({ enabled: true, connection, id: "42" });
    // Comments and reviews wait for the write limiter only, like every other write.
    const triggersNotification = options["triggersNotification"];
    expect(typeof triggersNotification === "function" && triggersNotification("/repos/o/r/issues/1/comments")).toBe(false);
    expect(typeof options["onSecondaryRateLimit"]).toBe("function");
    expect(typeof options["onRateLimit"]).toBe("function");
  });

  test.each([
    ["STORY_TRIAGE_THROTTLE=off", { enabled: true }, false],
    ["Probot's Octokit with throttling off", { enabled: false }, true],
  ])("off with %s", (_name, inherited, setting) => {
    expect(installationThrottle(inherited, 42, setting, log)).toEqual({ enabled: false });
  });
});

/** Requests of the stand-in in arrival order: when, method, path, and the answer the hook chose. */
interface Arrival {
  at: number;
  method: string;
  path: string;
}

describe("an installation's Octokit against the stand-in", () => {
  let standin: Standin;
  let probot: Probot;
  const arrivals: Arrival[] = [];
  let fault: ((method: string, path: string) => FaultAction | undefined) | null = null;
  const repos = new Map<number, Repo>();
  const lines: LogLine[] = [];

  beforeAll(async () => {
    standin = await Standin.start({
      fault: (request) => {
        arrivals.push({ at: Date.now(), method: request.method, path: request.path });
        return fault?.(request.method, request.path);
      },
    });
    for (const installationId of [101, 102, 103, 104, 105]) {
      const repo = standin.addRepo({ owner: `org-${installationId}`, name: "stories", installationId });
      standin.addCommit(repo, "a".repeat(40), { "README.md": "x" });
      standin.addPull(repo, { number: 1, headSha: "a".repeat(40), baseSha: "a".repeat(40), files: [] });
      repos.set(installationId, repo);
    }
    probot = new Probot({
      appId: standin.world.app.id,
      privateKey: generatePrivateKey(),
      baseUrl: standin.apiUrl,
      log: pino({ level: "silent" }),
      // Throttling stays on, as in production; retry-after seconds count as 20 ms here.
      Octokit: ProbotOctokit.defaults((options: ConstructorParameters<typeof ProbotOctokit>[0]) => ({
        ...options,
        retry: { enabled: false },
        throttle: { ...options?.throttle, retryAfterBaseValue: 20 },
      })),
    });
  }, 30000);

  afterAll(async () => {
    await standin?.close();
  });

  async function octokitFor(installationId: number) {
    return installationOctokit(probot, installationId, { throttle: true, log: testLog(lines) });
  }

  function addLabel(octokit: Awaited<ReturnType<typeof octokitFor>>, installationId: number, label: string) {
    const repo = repos.get(installationId);
    if (!repo) throw new Error(`no repository for installation ${installationId}`);
    return octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", { owner: repo.owner.login, repo: repo.name, issue_number: 1, labels: [label] });
  }

  const labelWrites = (installationId: number) =>
    arrivals.filter((a) => a.method === "POST" && a.path === `/repos/org-${installationId}/stories/issues/1/labels`);

  test("writes of one installation are a second apart, comments too; another installation's are not held up by them", async () => {
    const [a, b] = await Promise.all([octokitFor(101), octokitFor(102)]);
    const started = Date.now();
    const comment = (body: string) => a.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { owner: "org-101", repo: "stories", issue_number: 1, body });
    await Promise.all([
      addLabel(a, 101, "a1"),
      comment("c1"),
      addLabel(a, 101, "a2"),
      comment("c2"),
      addLabel(b, 102, "b1"),
    ]);
    const writesA = arrivals.filter((w) => w.method === "POST" && w.path.startsWith("/repos/org-101/")).map((w) => w.at);
    const gaps = writesA.slice(1).map((at, i) => at - (writesA[i] ?? at));
    expect(writesA).toHaveLength(4);
    // No 3 s wait for comments: four writes take about three seconds.
    expect((writesA.at(-1) ?? 0) - (writesA[0] ?? 0)).toBeLessThan(4500);
    // A second apart when they leave the limiter; arrival adds a little jitter either way.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(800);
    // Installation 102's one write went out at once, not after 101's queue.
    expect((labelWrites(102)[0]?.at ?? Infinity) - started).toBeLessThan(900);
  }, 20000);

  test("a secondary rate limit is retried after retry-after, and the request succeeds", async () => {
    const octokit = await octokitFor(103);
    let limited = 0;
    fault = (method, path) => {
      if (method !== "POST" || path !== "/repos/org-103/stories/issues/1/labels" || limited >= 2) return undefined;
      limited += 1;
      return { status: 403, headers: { "retry-after": "1" }, body: { message: "You have exceeded a secondary rate limit." } };
    };
    const response = await addLabel(octokit, 103, "retried");
    fault = null;
    expect(response.status).toBe(200);
    expect(labelWrites(103)).toHaveLength(3);
    expect(lines.filter((l) => l["installationId"] === 103).map((l) => l["msg"])).toEqual([
      "story-triage: GitHub's secondary rate limit; retrying in 1 s",
      "story-triage: GitHub's secondary rate limit; retrying in 1 s",
    ]);
  }, 20000);

  test.each([
    [403, 104],
    [429, 105],
  ])(`a secondary rate limit (HTTP %i) on every try: ${SECONDARY_RATE_LIMIT_RETRIES} retries, then the request fails`, async (status, installationId) => {
    const octokit = await octokitFor(installationId);
    fault = (method, path) =>
      method === "POST" && path === `/repos/org-${installationId}/stories/issues/1/labels`
        ? { status, headers: { "retry-after": "1" }, body: { message: "You have exceeded a secondary rate limit." } }
        : undefined;
    await expect(addLabel(octokit, installationId, "never")).rejects.toMatchObject({ status });
    fault = null;
    expect(labelWrites(installationId)).toHaveLength(1 + SECONDARY_RATE_LIMIT_RETRIES);
    expect(lines.filter((l) => l["installationId"] === installationId).at(-1)?.["msg"]).toBe(
      `story-triage: GitHub's secondary rate limit ${SECONDARY_RATE_LIMIT_RETRIES + 1} times in a row; giving up on this request`,
    );
  }, 20000);

  test("a used-up primary rate limit that resets in a second is waited for once; one resetting in an hour is not", async () => {
    const octokit = await octokitFor(101);
    const path = "/repos/org-101/stories/pulls/1";
    let resetIn = 1;
    let limited = 0;
    fault = (method, requestPath) => {
      if (method !== "GET" || requestPath !== path || limited >= 1) return undefined;
      limited += 1;
      const reset = Math.floor(Date.now() / 1000) + resetIn;
      return { status: 403, headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) }, body: { message: "API rate limit exceeded" } };
    };
    const read = () => octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { owner: "org-101", repo: "stories", pull_number: 1 });
    expect((await read()).status).toBe(200);
    expect(arrivals.filter((a) => a.path === path)).toHaveLength(2);
    resetIn = 3600;
    limited = 0;
    await expect(read()).rejects.toMatchObject({ status: 403 });
    fault = null;
    expect(arrivals.filter((a) => a.path === path)).toHaveLength(3);
  }, 20000);
});
