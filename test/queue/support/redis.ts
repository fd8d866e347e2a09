/**
 * A real redis-server for the Redis tests. CI (.ci/run) starts one with scripts/redis.sh and
 * passes its URL in STORY_TRIAGE_TEST_REDIS_URL; elsewhere a test file starts its own through the
 * same script when `redis-server` is installed, and skips (saying so) when it is not.
 *
 * Each test file takes its own logical database (`/N` of the URL) and empties it first, so test
 * files running side by side on CI's one server do not see each other's keys.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { REPO_ROOT } from "../../support/app-process.js";

export const REDIS_URL_VARIABLE = "STORY_TRIAGE_TEST_REDIS_URL";
const SCRIPT = join(REPO_ROOT, "scripts/redis.sh");

/** Whether a Redis can be had: the CI's, or a redis-server to start. Synchronous, for describe/describe.skip. */
export function redisAvailable(): boolean {
  if (process.env[REDIS_URL_VARIABLE]) return true;
  return spawnSync("sh", ["-c", "command -v redis-server"], { stdio: "ignore" }).status === 0;
}

/** Says once, plainly, that a Redis test did not run, so a green run is not mistaken for a check. */
export function sayRedisSkipped(what: string): void {
  console.log(`${what} skipped: no Redis (${REDIS_URL_VARIABLE} is not set and redis-server is not installed; .ci/run installs and starts one)`);
}

export interface TestRedis {
  /** redis://host:port/db of this test file's database. */
  url: string;
  stop(): Promise<void>;
}

/** The database `db` (1–15) of CI's Redis or of one started for this file, emptied. */
export async function startTestRedis(db: number): Promise<TestRedis> {
  let base = process.env[REDIS_URL_VARIABLE];
  let dir: string | null = null;
  if (!base) {
    dir = mkdtempSync(join(tmpdir(), "story-triage-redis-"));
    base = execFileSync("bash", [SCRIPT, "start", dir], { encoding: "utf8" }).trim();
  }
  const url = `${base.replace(/\/\d*$/, "")}/${db}`;
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  await client.flushdb();
  client.disconnect();
  return {
    url,
    stop: async () => {
      if (dir === null) return;
      execFileSync("bash", [SCRIPT, "stop", dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
