/**
 * The board never breaks on one bad record: a record is checked when it is written, from whatever
 * GitHub answered (a missing or malformed field filled, or the record refused with a log line
 * naming the field), and a page (HTML and JSON) shows every good record even when the store holds
 * bad ones, counting those in its footer.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { pino } from "pino";
import { recordTriage } from "../../src/board/record-triage.js";
import { checkedRecord, RecordError, type TriageRecord } from "../../src/board/record.js";
import { boardHandler } from "../../src/board/serve.js";
import { MemoryBoardStore, RedisBoardStore, type BoardStore } from "../../src/board/store.js";
import type { PullRequestInfo } from "../../src/flow/types.js";
import { redisAvailable, sayRedisSkipped, startTestRedis, type TestRedis } from "../queue/support/redis.js";
import { NOW, record } from "./support/records.js";

const RETENTION = 14 * 86_400_000;

/** A record as GitHub's answer left it: without `updatedAt`. */
function withoutUpdatedAt(good: TriageRecord): TriageRecord {
  const { updatedAt: _gone, ...rest } = good;
  return rest as TriageRecord;
}

describe("checked when written", () => {
  test("a missing updatedAt is filled from openedAt and named", () => {
    const good = record({ number: 1 });
    const checked = checkedRecord(withoutUpdatedAt(good));
    expect(checked).toEqual({ record: { ...good, updatedAt: good.openedAt }, filled: ["updatedAt"] });
  });

  test("a field with no safe value is refused, naming it", () => {
    const bad = { ...record({ number: 1 }), number: "12" } as unknown as TriageRecord;
    expect(checkedRecord(bad)).toEqual({ record: null, problems: ["`number` must be a whole number"] });
  });

  test("the memory store refuses a record it could not give back", async () => {
    const store = new MemoryBoardStore({ retentionMs: RETENTION, now: () => NOW });
    await expect(store.put(withoutUpdatedAt(record({ number: 1 })))).rejects.toThrow(RecordError);
    await expect(store.put(withoutUpdatedAt(record({ number: 1 })))).rejects.toThrow("`updatedAt` must be a date and time (ISO 8601)");
    expect(await store.list()).toEqual([]);
  });

  test("a triage whose pull request came without updated_at is stored with it filled, and the log names the field", async () => {
    const lines: string[] = [];
    const log = pino({ level: "warn" }, { write: (line: string) => void lines.push(line) });
    const store = new MemoryBoardStore({ retentionMs: RETENTION, now: () => NOW });
    const pr = {
      number: 5,
      headSha: "a".repeat(40),
      baseSha: "b".repeat(40),
      baseRef: "main",
      headRepo: null,
      author: "writer",
      labels: [],
      title: "A story",
      draft: false,
      createdAt: "2025-03-19T10:00:00Z",
      privateRepo: false,
      changedFiles: 1,
    } as unknown as PullRequestInfo;
    await recordTriage(store, { owner: "org", repo: "stories" }, log, () => new Date(NOW))({ kind: "no-stories", pr }, { kind: "no-stories" });
    expect((await store.get("org", "stories", 5))?.updatedAt).toBe("2025-03-19T10:00:00Z");
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual([
      "story-triage: GitHub's answer lacked or garbled `updatedAt`; the board record fills it in",
    ]);
  });
});

const available = redisAvailable();
let redis: TestRedis | undefined;
if (available) {
  describe("a store holding bad records", () => {
    let store: BoardStore;
    let server: Server;
    let base: string;
    const bad: string[] = [];

    beforeAll(async () => {
      redis = await startTestRedis(5);
      store = new RedisBoardStore({ url: redis.url, prefix: "board-bad-page", retentionMs: RETENTION, now: () => NOW, onBadRecord: (key) => bad.push(key) });
      await store.put(record({ number: 1, ageDays: 1 }));
      await store.put(record({ number: 2, ageDays: 2 }));
      const client = new Redis(redis.url);
      await client.hset("board-bad-page:board:repo:org/stories", "3", JSON.stringify(withoutUpdatedAt(record({ number: 3 }))));
      await client.hset("board-bad-page:board:repo:org/stories", "4", JSON.stringify({ ...record({ number: 4 }), stories: "none" }));
      await client.quit();
      const handler = boardHandler({ store, log: pino({ level: "silent" }), webUrl: "https://github.com", now: () => NOW });
      server = createServer((req, res) => {
        void handler(req, res).then((answered) => {
          if (!answered) res.writeHead(404).end();
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      await new Promise((resolve) => server?.close(resolve));
      await store?.close();
      await redis?.stop();
    });

    test("the page answers 200 with the good rows and counts the bad ones in its footer", async () => {
      const page = await fetch(`${base}/board`);
      expect(page.status).toBe(200);
      const body = await page.text();
      expect(body).toContain("org/stories#1</a>");
      expect(body).toContain("org/stories#2</a>");
      expect(body).not.toContain("org/stories#3</a>");
      expect(body).toContain(
        `<footer class="unreadable"><p>2 stored records could not be read and are left out; the app's log names them. The next triage of their pull requests replaces them.</p></footer>`,
      );
      expect(bad.sort()).toEqual(["org/stories#3", "org/stories#4"]);
    });

    test("the JSON answers 200 with the good rows and the count", async () => {
      const json = await fetch(`${base}/board.json`);
      expect(json.status).toBe(200);
      const data = (await json.json()) as { pulls: Array<{ number: number }>; unreadableRecords: number };
      expect(data.pulls.map((pull) => pull.number).sort()).toEqual([1, 2]);
      expect(data.unreadableRecords).toBe(2);
    });
  });
} else {
  sayRedisSkipped("The board's bad-record page tests");
}
