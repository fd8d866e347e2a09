/**
 * The story board end to end: the built app (`probot run ./lib/index.js`) against the stand-in.
 * A webhook dropped on purpose is healed by the next sweep; a merged pull request leaves the
 * open view; two replicas on one Redis serve the same board and sweep one at a time.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Standin } from "../../src/standin/server.js";
import { pullRequestPayload } from "../../src/standin/webhooks.js";
import { seedFromFolder } from "../../src/standin/seed.js";
import { REPO_ROOT, startAppProcess, type AppProcess } from "../support/app-process.js";
import { waitFor } from "../support/wait.js";
import { redisAvailable, sayRedisSkipped, startTestRedis, type TestRedis } from "../queue/support/redis.js";
import { logLines, startReplicas } from "../scale/support/replicas.js";
import { DEMO } from "../board/support/board-world.js";

interface BoardJson {
  open: number;
  pulls: Array<{ repository: string; number: number; faq: { answered: number; questions: number } }>;
  recentlyClosed: Array<{ repository: string; number: number; state: string }>;
}

async function board(app: AppProcess): Promise<BoardJson> {
  const response = await fetch(`${app.url}/board.json`);
  expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
  return (await response.json()) as BoardJson;
}

const names = (data: BoardJson) => data.pulls.map((p) => `${p.repository}#${p.number}`).sort();

beforeAll(() => {
  if (!existsSync(join(REPO_ROOT, "lib/index.js"))) throw new Error("lib/index.js is missing: run `npm run build` first (npm test does)");
});

describe("one replica", () => {
  let standin: Standin;
  let app: AppProcess;

  beforeAll(async () => {
    standin = await Standin.start();
    app = await startAppProcess(standin, { env: { STORY_TRIAGE_SWEEP_SECONDS: "2", STORY_TRIAGE_THROTTLE: "off" } });
    await waitFor("the first sweep", async () => (logLines(app).some((l) => l["msg"]?.toString().startsWith("story-triage: sweep done")) ? true : undefined), 20000, 100);
  });

  afterAll(async () => {
    await app?.stop();
    await standin?.close();
  });

  test("a pull request whose webhook was dropped on purpose is triaged by the next sweep and shows on the board", async () => {
    const { repo, pull } = await seedFromFolder(standin, DEMO, { owner: "story-org", repo: "stories" });
    // No webhook is delivered for it.
    const data = await waitFor("the sweep to heal the lost delivery", async () => {
      const current = await board(app);
      return current.open === 1 ? current : undefined;
    }, 20000, 200);
    expect(names(data)).toEqual(["story-org/stories#12"]);
    expect(data.pulls[0]?.faq).toMatchObject({ answered: 2, questions: 4 });
    await standin.whenQuiet(500, 20000);
    expect(standin.snapshot(repo, pull.number).checkRuns.map((run) => [run.headSha, run.conclusion])).toEqual([[pull.headSha, "failure"]]);
    expect(logLines(app).filter((l) => l["msg"] === "story-triage: triage started").map((l) => l["trigger"])).toEqual(["sweep"]);
  });

  test("a merged pull request leaves the open view", async () => {
    const repo = standin.repo("story-org", "stories");
    standin.closePull(repo, 12, true);
    const payload = pullRequestPayload(standin, repo, 12, "closed");
    (payload["pull_request"] as Record<string, unknown>)["closed_at"] = new Date().toISOString();
    expect((await app.deliver("pull_request", payload)).status).toBe(200);
    const data = await board(app);
    expect(data.open).toBe(0);
    expect(data.recentlyClosed.map((p) => [p.repository, p.number, p.state])).toEqual([["story-org/stories", 12, "merged"]]);
    const page = await (await fetch(`${app.url}/board`)).text();
    expect(page).toContain("<h2>Nothing needs triage</h2>");
  });
});

const available = redisAvailable();
if (!available) sayRedisSkipped("The board's two-replica test");

(available ? describe : describe.skip)("two replicas on one Redis", () => {
  let standin: Standin;
  let redis: TestRedis;
  let replicas: AppProcess[];
  /** While set, a sweep's listing of installations waits for it: the sweep holds its lock meanwhile. */
  let hold: Promise<unknown> | null = null;

  beforeAll(async () => {
    redis = await startTestRedis(5);
    standin = await Standin.start({
      latencyMs: 40,
      fault: async (request) => {
        if (hold !== null && request.path === "/app/installations") await hold.catch(() => undefined);
        return undefined;
      },
    });
    for (const name of ["one", "two", "three"]) await seedFromFolder(standin, DEMO, { owner: "story-org", repo: name });
    replicas = await startReplicas(standin, 2, { REDIS_URL: redis.url, STORY_TRIAGE_SWEEP_SECONDS: "1", STORY_TRIAGE_THROTTLE: "off" });
  });

  afterAll(async () => {
    await Promise.all((replicas ?? []).map((r) => r.stop()));
    await standin?.close();
    await redis?.stop();
  });

  test("both serve the same board, and their sweeps never overlap", async () => {
    const [a, b] = replicas;
    if (!a || !b) throw new Error("two replicas expected");
    await waitFor("the sweeps to fill the board", async () => ((await board(a)).open === 3 ? true : undefined), 30000, 200);
    expect(names(await board(b))).toEqual(names(await board(a)));
    expect(names(await board(b))).toEqual(["story-org/one#12", "story-org/three#12", "story-org/two#12"]);
    const skips = () => replicas.flatMap(logLines).filter((line) => line["msg"] === "story-triage: sweep skipped: another replica is sweeping").length;
    // A sweep is held at its first read until the other replica has tried to sweep meanwhile (each
    // tries every second): an event to wait for, whatever the machine's load.
    const skippedBefore = skips();
    hold = waitFor("the other replica to try a sweep while one holds the lock", () => (skips() > skippedBefore ? true : undefined), 20000, 20);
    await hold;
    hold = null;
    const sweepsDone = () => replicas.flatMap(logLines).filter((line) => String(line["msg"] ?? "").startsWith("story-triage: sweep done")).length;
    const doneBefore = sweepsDone();
    await waitFor("two more sweeps to finish", () => (sweepsDone() >= doneBefore + 2 ? true : undefined), 20000, 50);
    const spans: Array<{ from: number; to: number; pid: unknown }> = [];
    let skipped = 0;
    for (const replica of replicas) {
      let started: number | null = null;
      for (const line of logLines(replica)) {
        const msg = String(line["msg"] ?? "");
        const time = Number(line["time"]);
        if (msg === "story-triage: sweep started") started = time;
        if ((msg.startsWith("story-triage: sweep done") || msg === "story-triage: sweep failed") && started !== null) {
          spans.push({ from: started, to: time, pid: line["pid"] });
          started = null;
        }
        if (msg === "story-triage: sweep skipped: another replica is sweeping") skipped += 1;
      }
    }
    spans.sort((x, y) => x.from - y.from);
    expect(spans.length).toBeGreaterThanOrEqual(3);
    expect(skipped).toBeGreaterThan(0);
    for (let i = 1; i < spans.length; i += 1) expect(spans[i]?.from ?? 0).toBeGreaterThanOrEqual(spans[i - 1]?.to ?? 0);
  }, 60000);
});
