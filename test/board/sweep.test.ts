/**
 * The reconcile sweep against the stand-in, through the app's real Octokit: it fills the board
 * after an install without any webhook, costs only 304s when nothing changed, queues exactly the
 * pull requests whose head moved, marks pull requests closed whose webhook was lost, stops at its
 * read cap and carries on next time, skips while another holds the lock, and says so on the page
 * when it fails.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { planSweep } from "../../src/board/sweep.js";
import { createStoryTriage, readSettings, type StoryTriage } from "../../src/index.js";
import { hostApp, type HostedApp } from "../../src/standin/host.js";
import { Standin } from "../../src/standin/server.js";
import { seedBoardWorld, type BoardWorld } from "./support/board-world.js";
import { record } from "./support/records.js";

let standin: Standin;
let world: BoardWorld;

async function host(env: Record<string, string>): Promise<{ app: HostedApp; triage: StoryTriage }> {
  const triage = createStoryTriage(readSettings({ STORY_TRIAGE_SWEEP_SECONDS: "0", ...env }));
  const app = await hostApp(triage.app, standin, { logLevel: "fatal", retryBaseMs: 5 });
  return { app, triage };
}

async function boardJson(app: HostedApp): Promise<{ open: number; sweep: unknown; pulls: Array<{ repository: string; number: number }>; recentlyClosed: Array<{ repository: string }> }> {
  return (await fetch(`${new URL(app.webhookUrl).origin}/board.json`)).json() as never;
}

/** The sweep's listing requests since the last clearRequests(), as `path -> status`. */
function listings(): string[] {
  return standin.requests
    .filter((r) => r.method === "GET" && (r.path.startsWith("/app/installations") || r.path === "/installation/repositories" || /^\/repos\/[^/]+\/[^/]+\/pulls$/.test(r.path)))
    .map((r) => `${r.path} -> ${r.status}`);
}

describe("planSweep", () => {
  test("queues pull requests without a record, with another head, or recorded closed; closes records no longer open", () => {
    const records = [record({ number: 1, headSha: "a" }), record({ number: 2, headSha: "b" }), { ...record({ number: 3, headSha: "c" }), state: "closed" as const }, record({ number: 4 })];
    const open = [
      { number: 1, headSha: "a" },
      { number: 2, headSha: "b2" },
      { number: 3, headSha: "c" },
      { number: 5, headSha: "e" },
    ];
    expect(planSweep(open, records)).toEqual({ triage: [2, 3, 5], closed: [4] });
  });
});

describe("the sweep", () => {
  let app: HostedApp;
  let triage: StoryTriage;

  beforeAll(async () => {
    standin = await Standin.start();
    world = await seedBoardWorld(standin);
    ({ app, triage } = await host({}));
  });

  afterAll(async () => {
    await triage?.close(1000);
    await app?.close();
    await standin?.close();
  });

  test("right after an install, with no webhook delivered, it queues every open pull request and fills the board", async () => {
    const report = await triage.sweep();
    await triage.idle();
    expect(report).toMatchObject({ ran: true, installations: 2, repositories: 3, openPulls: 3, queued: 3, closed: 0, capped: [] });
    const board = await boardJson(app);
    expect(board.pulls.map((p) => `${p.repository}#${p.number}`).sort()).toEqual(["story-org/markup#12", "story-org/stories#12"]);
    expect(board.sweep).toMatchObject({ ok: true, error: null, queued: 3 });
  });

  test("when nothing changed, every listing is answered 304 and nothing is queued", async () => {
    // The triages changed the listings (labels): one sweep to see that, then nothing changes.
    expect(await triage.sweep()).toMatchObject({ queued: 0 });
    standin.clearRequests();
    const report = await triage.sweep();
    expect(report).toMatchObject({ queued: 0, closed: 0, reads: 6, notModified: 6 });
    expect(listings().sort()).toEqual([
      "/app/installations -> 304",
      "/installation/repositories -> 304",
      "/installation/repositories -> 304",
      "/repos/secret-org/hidden/pulls -> 304",
      "/repos/story-org/markup/pulls -> 304",
      "/repos/story-org/stories/pulls -> 304",
    ]);
    expect(standin.writes()).toEqual([]);
  });

  test("a push whose webhook was lost is queued, and only that repository's listing is read again", async () => {
    const { repo, pull } = world.demo;
    standin.addCommit(repo, "f".repeat(40), Object.fromEntries(repo.commits.get(pull.headSha) ?? new Map()));
    standin.push(repo, pull.number, "f".repeat(40), pull.files);
    standin.clearRequests();
    const report = await triage.sweep();
    await triage.idle();
    expect(report).toMatchObject({ queued: 1, notModified: 5, reads: 6 });
    expect(listings().filter((line) => line.endsWith("200"))).toEqual(["/repos/story-org/stories/pulls -> 200"]);
    expect(standin.snapshot(repo, pull.number).checkRuns.map((run) => run.headSha)).toContain("f".repeat(40));
  });

  test("a pull request closed without its webhook leaves the open view at the next sweep", async () => {
    standin.closePull(world.markup.repo, world.markup.pull.number, true);
    const report = await triage.sweep();
    expect(report).toMatchObject({ queued: 0, closed: 1 });
    const board = await boardJson(app);
    expect(board.pulls.map((p) => p.repository)).toEqual(["story-org/stories"]);
  });

  test("while another holder has the lock, the sweep is skipped", async () => {
    const lock = await triage.board?.store.lock(60_000);
    expect(await triage.sweep()).toMatchObject({ ran: false, queued: 0 });
    await lock?.release();
    expect(await triage.sweep()).toMatchObject({ ran: true });
  });

  test("a sweep that fails says so on the page, without any secret", async () => {
    standin.setFault((request) => (request.path === "/app/installations" ? { status: 502 } : undefined));
    try {
      const report = await triage.sweep();
      expect(report?.ran).toBe(true);
      const page = await (await fetch(`${new URL(app.webhookUrl).origin}/board`)).text();
      expect(page).toMatch(/<strong class="stale" role="alert">The last sweep failed <time datetime="[^"]+">just now<\/time>: GitHub answered 502\. Pull requests whose webhooks were lost may be missing or out of date\.<\/strong>/);
    } finally {
      standin.setFault(undefined);
    }
  });
});

describe("the read cap", () => {
  let app: HostedApp;
  let triage: StoryTriage;

  beforeAll(async () => {
    standin = await Standin.start();
    for (const name of ["one", "two", "three"]) standin.addRepo({ owner: "many", name, installationId: 5 });
    ({ app, triage } = await host({ STORY_TRIAGE_SWEEP_MAX_READS: "3" }));
  });

  afterAll(async () => {
    await triage?.close(1000);
    await app?.close();
    await standin?.close();
  });

  test("an installation's reads stop at the cap; the next sweep carries on where it stopped", async () => {
    standin.clearRequests();
    expect(await triage.sweep()).toMatchObject({ repositories: 2, capped: [5] });
    expect(listings().filter((l) => l.includes("/repos/"))).toEqual(["/repos/many/one/pulls -> 200", "/repos/many/two/pulls -> 200"]);
    standin.clearRequests();
    expect(await triage.sweep()).toMatchObject({ repositories: 2, capped: [5] });
    expect(listings().filter((l) => l.includes("/repos/"))).toEqual(["/repos/many/three/pulls -> 200", "/repos/many/one/pulls -> 304"]);
  });
});
