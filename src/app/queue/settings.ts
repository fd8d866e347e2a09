/**
 * The app's own settings, read once from the environment when it starts. Probot reads its own
 * (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, REDIS_URL, ...); these are the ones the queue and the
 * throttling add, plus the production checks. Every problem names the variable and what it expects.
 */
import { DEFAULT_CONCURRENCY } from "./queue.js";

export interface Settings {
  /** REDIS_URL: jobs and write throttling shared through Redis; null keeps jobs in memory. */
  redisUrl: string | null;
  /** STORY_TRIAGE_CONCURRENCY: jobs (pull requests) one process runs at once. */
  concurrency: number;
  /** STORY_TRIAGE_THROTTLE: space writes per installation as GitHub asks (on), or not (off). */
  throttle: boolean;
  /** STORY_TRIAGE_SHUTDOWN_MS: how long SIGTERM waits for running jobs. */
  shutdownMs: number;
}

/**
 * Every environment variable the app itself reads (Probot reads its own as well). readSettings
 * reads no other, so this list is what the deployment docs are checked against.
 */
export const SETTING_VARIABLES = [
  "NODE_ENV",
  "WEBHOOK_SECRET",
  "REDIS_URL",
  "STORY_TRIAGE_CONCURRENCY",
  "STORY_TRIAGE_THROTTLE",
  "STORY_TRIAGE_SHUTDOWN_MS",
] as const;
type SettingVariable = (typeof SETTING_VARIABLES)[number];

export const MAX_CONCURRENCY = 64;
export const DEFAULT_SHUTDOWN_MS = 8000;
const MAX_SHUTDOWN_MS = 600_000;

export class SettingsError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`story-triage cannot start:\n${problems.map((p) => `- ${p}`).join("\n")}`);
    this.name = "SettingsError";
    this.problems = problems;
  }
}

/** Reads the settings; throws a SettingsError listing every problem. */
export function readSettings(env: NodeJS.ProcessEnv): Settings {
  const problems: string[] = [];
  const set = (name: SettingVariable): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === "" ? undefined : value;
  };
  const whole = (name: SettingVariable, fallback: number, min: number, max: number): number => {
    const raw = set(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}; got ${JSON.stringify(raw)}`);
      return fallback;
    }
    return Number(raw);
  };

  if (set("NODE_ENV") === "production" && set("WEBHOOK_SECRET") === undefined) {
    problems.push(
      "WEBHOOK_SECRET is not set: in production (NODE_ENV=production) the app only accepts webhooks signed with the app's webhook secret; set it to the secret of the app's settings on GitHub",
    );
  }

  const redisUrl = set("REDIS_URL") ?? null;
  if (redisUrl !== null && !/^rediss?:\/\/[^\s]+$/.test(redisUrl)) {
    // The value itself is not repeated: it may hold a password.
    problems.push("REDIS_URL must look like redis://[user:password@]host:port[/db] (or rediss:// for TLS)");
  }

  const throttleRaw = set("STORY_TRIAGE_THROTTLE")?.toLowerCase() ?? "on";
  if (throttleRaw !== "on" && throttleRaw !== "off") {
    problems.push(`STORY_TRIAGE_THROTTLE must be "on" or "off"; got ${JSON.stringify(set("STORY_TRIAGE_THROTTLE"))}`);
  }

  const settings: Settings = {
    redisUrl,
    concurrency: whole("STORY_TRIAGE_CONCURRENCY", DEFAULT_CONCURRENCY, 1, MAX_CONCURRENCY),
    throttle: throttleRaw !== "off",
    shutdownMs: whole("STORY_TRIAGE_SHUTDOWN_MS", DEFAULT_SHUTDOWN_MS, 0, MAX_SHUTDOWN_MS),
  };
  if (problems.length > 0) throw new SettingsError(problems);
  return settings;
}
