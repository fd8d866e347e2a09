/**
 * The board's store: one contract, run against the memory store and a real redis-server
 * (scripts/redis.sh, or CI's through STORY_TRIAGE_TEST_REDIS_URL).
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { Redis } from "ioredis";
import { MemoryBoardStore, RedisBoardStore, type BoardStore } from "../../src/board/store.js";
import { redisAvailable, sayRedisSkipped, startTestRedis, type TestRedis } from "../queue/support/redis.js";
import { NOW, record } from "./support/records.js";

const DAY = 86_400_000;
const RETENTION = 14 * DAY;

function contract(name: string, make: (now: () => number) => Promise<BoardStore>) {
  describe(name, () => {
    let clock = NOW;
    let store: BoardStore;
    beforeAll(async () => {
      store = await make(() => clock);
    });
    afterAll(async () => {
      await store?.close();
    });

    test("put, get and list, one repository or all; owner and name in any case", async () => {
      await store.put(record({ number: 1, owner: "Org", repo: "Stories" }));
      await store.put(record({ number: 2, owner: "org", repo: "stories" }));
      await store.put(record({ number: 1, owner: "other", repo: "tales" }));
      expect((await store.get("ORG", "stories", 1))?.number).toBe(1);
      expect(await store.get("org", "stories", 99)).toBeNull();
      expect((await store.list({ owner: "org", repo: "STORIES" })).map((r) => r.number).sort()).toEqual([1, 2]);
      expect((await store.list()).map((r) => `${r.owner}/${r.repo}#${r.number}`).sort()).toEqual(["Org/Stories#1", "org/stories#2", "other/tales#1"]);
    });

    test("a later triage replaces the record", async () => {
      await store.put(record({ number: 2, owner: "org", repo: "stories", headSha: "newer" }));
      expect((await store.get("org", "stories", 2))?.headSha).toBe("newer");
    });

    test("a closed pull request stays for the retention time, then is dropped", async () => {
      await store.closePull("org", "stories", 2, "merged", new Date(clock).toISOString());
      expect(await store.get("org", "stories", 2)).toMatchObject({ state: "merged", closedAt: new Date(clock).toISOString() });
      await store.closePull("org", "stories", 404, "closed", new Date(clock).toISOString());
      expect(await store.get("org", "stories", 404)).toBeNull();
      clock += RETENTION - 1000;
      expect((await store.list({ owner: "org", repo: "stories" })).map((r) => r.number).sort()).toEqual([1, 2]);
      clock += 2000;
      expect((await store.list({ owner: "org", repo: "stories" })).map((r) => r.number)).toEqual([1]);
      expect(await store.get("org", "stories", 2)).toBeNull();
    });

    test("the sweep status", async () => {
      expect(await store.sweepStatus()).toBeNull();
      const status = { at: "2025-03-20T12:00:00.000Z", ok: false, error: "GitHub answered 502", queued: 3 };
      await store.setSweepStatus(status);
      expect(await store.sweepStatus()).toEqual(status);
    });

    test("sessions live for their time; deleted ones are gone", async () => {
      await store.putSession("s1", { login: "alice", repos: ["org/secret"] }, 60_000);
      expect(await store.getSession("s1")).toEqual({ login: "alice", repos: ["org/secret"] });
      expect(await store.getSession("nope")).toBeNull();
      await store.deleteSession("s1");
      expect(await store.getSession("s1")).toBeNull();
    });

    test("an OAuth state is usable once", async () => {
      expect(await store.useState("state-1", 60_000)).toBe(true);
      expect(await store.useState("state-1", 60_000)).toBe(false);
      expect(await store.useState("state-2", 60_000)).toBe(true);
    });

    test("the lock: one holder at a time, free again once released or lapsed", async () => {
      const first = await store.lock(60_000);
      expect(first).not.toBeNull();
      expect(await store.lock(60_000)).toBeNull();
      await first?.release();
      const second = await store.lock(200);
      expect(second).not.toBeNull();
      clock += 1000;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await store.lock(200)).not.toBeNull();
    });
  });
}

contract("memory store", async (now) => new MemoryBoardStore({ retentionMs: RETENTION, now }));

const available = redisAvailable();
let redis: TestRedis | undefined;
if (available) {
  beforeAll(async () => {
    redis = await startTestRedis(4);
  });
  afterAll(async () => {
    await redis?.stop();
  });
  contract("Redis store", async (now) => new RedisBoardStore({ url: redis?.url ?? "", prefix: "board-test", retentionMs: RETENTION, now }));

  describe("Redis store, records it cannot read", () => {
    test("a broken record is left out and reported; the others are listed", async () => {
      const bad: string[] = [];
      const store = new RedisBoardStore({ url: redis?.url ?? "", prefix: "board-bad", retentionMs: RETENTION, now: () => NOW, onBadRecord: (key, error) => bad.push(`${key}: ${error.message}`) });
      await store.put(record({ number: 1 }));
      const client = new Redis(redis?.url ?? "");
      await client.hset("board-bad:board:repo:org/stories", "2", JSON.stringify({ v: 1, owner: 3 }));
      await client.hset("board-bad:board:repo:org/stories", "3", "{not json");
      await client.quit();
      expect((await store.list()).map((r) => r.number)).toEqual([1]);
      expect(bad.sort()).toEqual([
        expect.stringMatching(/^org\/stories#2: not a story board record: .*`owner` must be a string; `repo` must be a string/),
        expect.stringMatching(/^org\/stories#3: /),
      ]);
      await store.close();
    });
  });
} else {
  sayRedisSkipped("The board's Redis store tests");
}
