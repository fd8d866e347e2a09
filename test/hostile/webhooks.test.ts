/**
 * Hostile webhook deliveries to the built app in its own process (`probot run ./lib/index.js`,
 * as in production, pointed at the stand-in). Unsigned, forged or malformed deliveries are
 * refused or ignored without a single call to GitHub; none brings the process down or makes it
 * grow without bound; after each, an ordinary pull request is still triaged exactly as before.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Standin } from "../../src/standin/server.js";
import { signWebhook } from "../../src/standin/webhooks.js";
import { REPO_ROOT, startAppProcess, type AppProcess } from "../support/app-process.js";
import { pullRequestWebhook } from "../support/payloads.js";
import { addStoryPull, DEMO_STORY, DEMO_STORY_PATH, mark, normalize, type NormalState, seedStoryRepo, type StoryRepo, waitForCheckRuns } from "../support/story-world.js";

let standin: Standin;
let world: StoryRepo;
let app: AppProcess;
let baseline: NormalState;
let nextNumber = 1;
const peaks: string[] = [];

/** Peak resident memory of the app's process (VmHWM), in MB. */
function peakMb(): number {
  const status = readFileSync(`/proc/${app.child.pid}/status`, "utf8");
  const kb = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

async function openAndWait(): Promise<NormalState> {
  const number = nextNumber++;
  addStoryPull(world, number, { [DEMO_STORY_PATH]: DEMO_STORY }, { author: "ferris-writes" });
  const delivery = await app.deliver("pull_request", pullRequestWebhook(standin, world.repo, number, "opened"));
  expect(delivery.status).toBeLessThan(300);
  return normalize(await waitForCheckRuns(world, number, 1, 30000), standin.botLogin);
}

interface Raw {
  method?: string;
  body: string | Buffer;
  headers: Record<string, string>;
}

/** Headers of a delivery of `event` whose body is `body`, signed with `secret`. */
function signed(event: string, body: string | Buffer, secret = app.secret): Record<string, string> {
  return {
    "content-type": "application/json",
    "x-github-event": event,
    "x-github-delivery": `hostile-${Math.random().toString(16).slice(2)}`,
    "x-hub-signature-256": `sha256=${signWebhook(secret, body.toString()).slice("sha256=".length)}`,
  };
}

async function send(raw: Raw): Promise<number> {
  const response = await fetch(app.webhookUrl, { method: raw.method ?? "POST", headers: raw.headers, body: raw.method === "GET" ? null : raw.body });
  await response.text();
  return response.status;
}

beforeAll(async () => {
  if (!existsSync(join(REPO_ROOT, "lib/index.js"))) throw new Error("lib/index.js is missing: run `npm run build` first (npm test does)");
  standin = await Standin.start();
  world = seedStoryRepo(standin);
  // Writes are not spaced here (a stand-in has no rate limits), so each ordinary triage is quick.
  app = await startAppProcess(standin, { logLevel: "warn", env: { STORY_TRIAGE_THROTTLE: "off" } });
  baseline = await openAndWait();
}, 40000);

afterAll(async () => {
  await app?.stop();
  await standin?.close();
});

const PULL_REQUEST = () => JSON.stringify(pullRequestWebhook(standin, world.repo, 1, "opened"));

const CASES: Array<[string, () => Raw, number[]]> = [
  ["no signature", () => ({ body: PULL_REQUEST(), headers: { ...signed("pull_request", PULL_REQUEST()), "x-hub-signature-256": "" } }), [400, 401]],
  ["a forged signature", () => ({ body: PULL_REQUEST(), headers: { ...signed("pull_request", PULL_REQUEST()), "x-hub-signature-256": `sha256=${"ab".repeat(32)}` } }), [400, 401]],
  ["a signature made with another secret", () => ({ body: PULL_REQUEST(), headers: signed("pull_request", PULL_REQUEST(), "not-the-secret") }), [400, 401]],
  ["a signature of another body", () => ({ body: PULL_REQUEST().replace('"opened"', '"reopened"'), headers: signed("pull_request", PULL_REQUEST()) }), [400, 401]],
  ["only the old SHA-1 signature", () => {
    const headers = signed("pull_request", PULL_REQUEST());
    const { "x-hub-signature-256": _dropped, ...rest } = headers;
    return { body: PULL_REQUEST(), headers: { ...rest, "x-hub-signature": `sha1=${"cd".repeat(20)}` } };
  }, [400, 401]],
  ["a signature that is not hex", () => ({ body: PULL_REQUEST(), headers: { ...signed("pull_request", PULL_REQUEST()), "x-hub-signature-256": "sha256=zz" } }), [400, 401]],
  ["malformed JSON, correctly signed", () => ({ body: '{"action": "opened", ', headers: signed("pull_request", '{"action": "opened", ') }), [400]],
  ["JSON null, correctly signed", () => ({ body: "null", headers: signed("pull_request", "null") }), [200, 400, 500]],
  ["a JSON list, correctly signed", () => ({ body: "[1,2,3]", headers: signed("pull_request", "[1,2,3]") }), [200, 400, 500]],
  ["a pull_request event without its pull request, repository or installation", () => ({ body: '{"action":"opened"}', headers: signed("pull_request", '{"action":"opened"}') }), [200, 400, 500]],
  ["an issue_comment with /triage on a plain issue, no installation", () => {
    const body = JSON.stringify({ action: "created", issue: { number: 1, user: { login: "x" } }, comment: { id: 1, body: "/triage", user: { login: "x", type: "User" } }, repository: { name: "stories", owner: { login: "story-org" }, default_branch: "main" } });
    return { body, headers: signed("issue_comment", body) };
  }, [200, 400, 500]],
  ["an event the app does not know", () => ({ body: '{"action":"exploded"}', headers: signed("nonsense", '{"action":"exploded"}') }), [200, 400]],
  ["no event name", () => {
    const { "x-github-event": _dropped, ...headers } = signed("pull_request", PULL_REQUEST());
    return { body: PULL_REQUEST(), headers };
  }, [400]],
  ["a form-encoded body", () => {
    const body = `payload=${encodeURIComponent(PULL_REQUEST())}`;
    return { body, headers: { ...signed("pull_request", body), "content-type": "application/x-www-form-urlencoded" } };
  }, [400, 415]],
  ["a 30 MB body with a forged signature", () => {
    const body = JSON.stringify({ ...pullRequestWebhook(standin, world.repo, 1, "opened"), padding: "x".repeat(30 * 1024 * 1024) });
    return { body, headers: { ...signed("pull_request", body), "x-hub-signature-256": `sha256=${"ab".repeat(32)}` } };
  }, [400, 401, 413]],
  ["a GET", () => ({ method: "GET", body: "", headers: {} }), [404, 405]],
];

describe.each(CASES)("%s", (_name, make, statuses) => {
  test("is answered, calls GitHub for nothing, and the process serves the next pull request as before", async () => {
    const since = mark(world);
    const status = await send(make());
    expect(statuses).toContain(status);
    // Give a queued job the time to start, then look: nothing reached the stand-in.
    await standin.whenQuiet(500);
    expect(standin.requests.filter((r) => r.seq > since).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(app.child.exitCode).toBeNull();
    expect(await openAndWait()).toEqual(baseline);
    peaks.push(`${_name}: ${peakMb()} MB`);
  }, 60000);
});

test("a 30 MB delivery (GitHub sends at most 25 MB), correctly signed, for a pull request already triaged: read, nothing written", async () => {
  const since = mark(world);
  const body = JSON.stringify({ ...pullRequestWebhook(standin, world.repo, 1, "opened"), padding: "x".repeat(30 * 1024 * 1024) });
  expect([200, 202, 413]).toContain(await send({ body, headers: signed("pull_request", body) }));
  await standin.whenQuiet(500);
  expect(standin.requests.filter((r) => r.seq > since && r.method !== "GET")).toEqual([]);
  expect(app.child.exitCode).toBeNull();
  expect(await openAndWait()).toEqual(baseline);
  peaks.push(`a 30 MB signed delivery: ${peakMb()} MB`);
}, 60000);

test("the process stayed small throughout", () => {
  const peak = peakMb();
  process.stdout.write(`hostile webhooks: peak resident memory (VmHWM) of the app process after each case:\n  ${peaks.join("\n  ")}\n`);
  // Generous: a 30 MB body is held a few times over while it is read and checked.
  expect(peak).toBeLessThan(1024);
});
