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
  /** The story board (src/board, docs/board.md). */
  board: BoardSettings;
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
  "STORY_TRIAGE_BOARD",
  "STORY_TRIAGE_BOARD_RETENTION_DAYS",
  "STORY_TRIAGE_SWEEP_SECONDS",
  "STORY_TRIAGE_SWEEP_MAX_READS",
  "STORY_TRIAGE_OAUTH_CLIENT_ID",
  "STORY_TRIAGE_OAUTH_CLIENT_SECRET",
  "STORY_TRIAGE_SESSION_SECRET",
  "STORY_TRIAGE_BOARD_URL",
  // Probot's own, read here too: where the board links to and signs in against.
  "GHE_HOST",
  "GHE_PROTOCOL",
] as const;
type SettingVariable = (typeof SETTING_VARIABLES)[number];

export interface BoardSettings {
  /** STORY_TRIAGE_BOARD: record triages and serve /board (on), or neither (off). */
  enabled: boolean;
  /** STORY_TRIAGE_BOARD_RETENTION_DAYS: how long a closed or merged pull request stays under "recently merged or closed". */
  retentionDays: number;
  /** STORY_TRIAGE_SWEEP_SECONDS: seconds between reconcile sweeps (one at start); 0 turns the sweep off. */
  sweepSeconds: number;
  /** STORY_TRIAGE_SWEEP_MAX_READS: GitHub reads per installation per sweep, at most. */
  sweepMaxReads: number;
  /** Where pull requests link to: https://github.com, or GHE_PROTOCOL://GHE_HOST. */
  webUrl: string;
  /** "Sign in with GitHub" for private repositories; null: not configured (private repositories are never shown). */
  signIn: SignInSettings | null;
}

export interface SignInSettings {
  /** STORY_TRIAGE_OAUTH_CLIENT_ID and STORY_TRIAGE_OAUTH_CLIENT_SECRET: the GitHub App's OAuth client. */
  clientId: string;
  clientSecret: string;
  /** STORY_TRIAGE_SESSION_SECRET: signs the board's cookies (32 characters or more). */
  sessionSecret: string;
  /** STORY_TRIAGE_BOARD_URL: the board's public address (https://… behind TLS), for the callback and Secure cookies. */
  publicUrl: string;
  /** GitHub's REST API: https://api.github.com, or GHE_PROTOCOL://GHE_HOST/api/v3. */
  apiUrl: string;
}

const SIGN_IN_VARIABLES = ["STORY_TRIAGE_OAUTH_CLIENT_ID", "STORY_TRIAGE_OAUTH_CLIENT_SECRET", "STORY_TRIAGE_SESSION_SECRET", "STORY_TRIAGE_BOARD_URL"] as const;
const MIN_SESSION_SECRET = 32;

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

  const boardRaw = set("STORY_TRIAGE_BOARD")?.toLowerCase() ?? "on";
  if (boardRaw !== "on" && boardRaw !== "off") {
    problems.push(`STORY_TRIAGE_BOARD must be "on" or "off"; got ${JSON.stringify(set("STORY_TRIAGE_BOARD"))}`);
  }
  const gheHost = set("GHE_HOST");
  const webUrl = gheHost === undefined ? "https://github.com" : `${set("GHE_PROTOCOL") ?? "https"}://${gheHost}`;
  const given = SIGN_IN_VARIABLES.filter((name) => set(name) !== undefined);
  let signIn: SignInSettings | null = null;
  if (given.length > 0 && given.length < SIGN_IN_VARIABLES.length) {
    const missing = SIGN_IN_VARIABLES.filter((name) => !given.includes(name));
    problems.push(`sign-in to the board needs all of ${SIGN_IN_VARIABLES.join(", ")}; missing ${missing.join(", ")}`);
  } else if (given.length === SIGN_IN_VARIABLES.length) {
    const sessionSecret = set("STORY_TRIAGE_SESSION_SECRET") ?? "";
    const publicUrl = (set("STORY_TRIAGE_BOARD_URL") ?? "").replace(/\/+$/, "");
    // The secrets themselves are never repeated in a message.
    if (sessionSecret.length < MIN_SESSION_SECRET) problems.push(`STORY_TRIAGE_SESSION_SECRET must be at least ${MIN_SESSION_SECRET} characters long`);
    if (!/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(publicUrl)) problems.push(`STORY_TRIAGE_BOARD_URL must be the board's address, like https://triage.example.com; got ${JSON.stringify(publicUrl)}`);
    signIn = {
      clientId: set("STORY_TRIAGE_OAUTH_CLIENT_ID") ?? "",
      clientSecret: set("STORY_TRIAGE_OAUTH_CLIENT_SECRET") ?? "",
      sessionSecret,
      publicUrl,
      apiUrl: gheHost === undefined ? "https://api.github.com" : `${webUrl}/api/v3`,
    };
  }
  const board: BoardSettings = {
    enabled: boardRaw !== "off",
    retentionDays: whole("STORY_TRIAGE_BOARD_RETENTION_DAYS", 14, 0, 365),
    sweepSeconds: whole("STORY_TRIAGE_SWEEP_SECONDS", 900, 0, 86_400),
    sweepMaxReads: whole("STORY_TRIAGE_SWEEP_MAX_READS", 200, 1, 100_000),
    webUrl,
    signIn,
  };

  const settings: Settings = {
    redisUrl,
    concurrency: whole("STORY_TRIAGE_CONCURRENCY", DEFAULT_CONCURRENCY, 1, MAX_CONCURRENCY),
    throttle: throttleRaw !== "off",
    shutdownMs: whole("STORY_TRIAGE_SHUTDOWN_MS", DEFAULT_SHUTDOWN_MS, 0, MAX_SHUTDOWN_MS),
    board,
  };
  if (problems.length > 0) throw new SettingsError(problems);
  return settings;
}
