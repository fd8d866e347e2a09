/** The app's settings from the environment: defaults, each variable, and every problem named. */
import { describe, expect, test } from "@jest/globals";
import { DEFAULT_SHUTDOWN_MS, readSettings, SettingsError } from "../../src/app/queue/settings.js";

const BOARD_DEFAULTS = { enabled: true, retentionDays: 14, sweepSeconds: 900, sweepMaxReads: 200, webUrl: "https://github.com", signIn: null };

describe("readSettings", () => {
  test("nothing set: jobs in memory, 16 at once, throttling on, 8 s to stop", () => {
    expect(readSettings({})).toEqual({ redisUrl: null, concurrency: 16, throttle: true, shutdownMs: DEFAULT_SHUTDOWN_MS, board: BOARD_DEFAULTS });
    expect(DEFAULT_SHUTDOWN_MS).toBe(8000);
  });

  test("each variable", () => {
    expect(
      readSettings({
        REDIS_URL: "redis://:secret@redis.internal:6380/2",
        STORY_TRIAGE_CONCURRENCY: "8",
        STORY_TRIAGE_THROTTLE: "OFF",
        STORY_TRIAGE_SHUTDOWN_MS: "25000",
        NODE_ENV: "production",
        WEBHOOK_SECRET: "s3cret",
      }),
    ).toEqual({ redisUrl: "redis://:secret@redis.internal:6380/2", concurrency: 8, throttle: false, shutdownMs: 25000, board: BOARD_DEFAULTS });
  });

  test("the board's variables, and pull request links on a GitHub Enterprise host", () => {
    expect(
      readSettings({
        STORY_TRIAGE_BOARD: "off",
        STORY_TRIAGE_BOARD_RETENTION_DAYS: "30",
        STORY_TRIAGE_SWEEP_SECONDS: "0",
        STORY_TRIAGE_SWEEP_MAX_READS: "50",
        GHE_HOST: "github.example.com",
      }).board,
    ).toEqual({ enabled: false, retentionDays: 30, sweepSeconds: 0, sweepMaxReads: 50, webUrl: "https://github.example.com", signIn: null });
    expect(readSettings({ GHE_HOST: "127.0.0.1:3000", GHE_PROTOCOL: "http" }).board.webUrl).toBe("http://127.0.0.1:3000");
  });

  test("sign-in to the board: all four variables or none; the secrets are never repeated", () => {
    const all = {
      STORY_TRIAGE_OAUTH_CLIENT_ID: "Iv1.abc",
      STORY_TRIAGE_OAUTH_CLIENT_SECRET: "client-secret",
      STORY_TRIAGE_SESSION_SECRET: "s".repeat(32),
      STORY_TRIAGE_BOARD_URL: "https://triage.example.com/",
    };
    expect(readSettings(all).board.signIn).toEqual({
      clientId: "Iv1.abc",
      clientSecret: "client-secret",
      sessionSecret: "s".repeat(32),
      publicUrl: "https://triage.example.com",
      apiUrl: "https://api.github.com",
    });
    expect(readSettings({ ...all, GHE_HOST: "ghe.example.com" }).board.signIn?.apiUrl).toBe("https://ghe.example.com/api/v3");
    const problems = (env: NodeJS.ProcessEnv): string[] => {
      try {
        readSettings(env);
      } catch (error) {
        if (error instanceof SettingsError) return error.problems;
        throw error;
      }
      return [];
    };
    expect(problems({ STORY_TRIAGE_OAUTH_CLIENT_ID: "Iv1.abc", STORY_TRIAGE_BOARD_URL: "https://x" })).toEqual([
      "sign-in to the board needs all of STORY_TRIAGE_OAUTH_CLIENT_ID, STORY_TRIAGE_OAUTH_CLIENT_SECRET, STORY_TRIAGE_SESSION_SECRET, STORY_TRIAGE_BOARD_URL; missing STORY_TRIAGE_OAUTH_CLIENT_SECRET, STORY_TRIAGE_SESSION_SECRET",
    ]);
    expect(problems({ ...all, STORY_TRIAGE_SESSION_SECRET: "short-secret", STORY_TRIAGE_BOARD_URL: "triage.example.com" })).toEqual([
      "STORY_TRIAGE_SESSION_SECRET must be at least 32 characters long",
      'STORY_TRIAGE_BOARD_URL must be the board\'s address, like https://triage.example.com; got "triage.example.com"',
    ]);
  });

  test("the board's variables out of range are named", () => {
    const problems = (() => {
      try {
        readSettings({ STORY_TRIAGE_BOARD: "maybe", STORY_TRIAGE_SWEEP_SECONDS: "-1", STORY_TRIAGE_SWEEP_MAX_READS: "0", STORY_TRIAGE_BOARD_RETENTION_DAYS: "400" });
      } catch (error) {
        if (error instanceof SettingsError) return error.problems;
        throw error;
      }
      return [];
    })();
    expect(problems).toEqual([
      'STORY_TRIAGE_BOARD must be "on" or "off"; got "maybe"',
      'STORY_TRIAGE_BOARD_RETENTION_DAYS must be a whole number from 0 to 365; got "400"',
      'STORY_TRIAGE_SWEEP_SECONDS must be a whole number from 0 to 86400; got "-1"',
      'STORY_TRIAGE_SWEEP_MAX_READS must be a whole number from 1 to 100000; got "0"',
    ]);
  });

  test.each([
    [
      "production without a webhook secret",
      { NODE_ENV: "production", WEBHOOK_SECRET: " " },
      [
        "WEBHOOK_SECRET is not set: in production (NODE_ENV=production) the app only accepts webhooks signed with the app's webhook secret; set it to the secret of the app's settings on GitHub",
      ],
    ],
    ["a REDIS_URL that is not one (its value is not repeated)", { REDIS_URL: "localhost:6379 password" }, ["REDIS_URL must look like redis://[user:password@]host:port[/db] (or rediss:// for TLS)"]],
    [
      "numbers out of range, and a throttle that is neither on nor off",
      { STORY_TRIAGE_CONCURRENCY: "0", STORY_TRIAGE_SHUTDOWN_MS: "soon", STORY_TRIAGE_THROTTLE: "fast" },
      [
        'STORY_TRIAGE_THROTTLE must be "on" or "off"; got "fast"',
        'STORY_TRIAGE_CONCURRENCY must be a whole number from 1 to 64; got "0"',
        'STORY_TRIAGE_SHUTDOWN_MS must be a whole number from 0 to 600000; got "soon"',
      ],
    ],
  ])("refuses %s", (_name, env, problems) => {
    let caught: unknown;
    try {
      readSettings(env);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SettingsError);
    expect((caught as SettingsError).problems).toEqual(problems);
    expect((caught as SettingsError).message).toBe(`story-triage cannot start:\n${problems.map((p) => `- ${p}`).join("\n")}`);
  });

  test("a development run needs no webhook secret (Probot then uses its development default)", () => {
    expect(readSettings({ NODE_ENV: "development" }).redisUrl).toBeNull();
  });
});
