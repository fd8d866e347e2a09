/**
 * The Octokit a queued job talks to GitHub with: authenticated as the installation, and throttled
 * per installation, because that is how GitHub counts. Octokit's throttling spaces writes one
 * second apart per limiter id; the id here is the installation, so one busy installation does not
 * hold up another. With REDIS_URL, Probot gives the throttling a Redis connection, so the limiter
 * of an installation is shared by every replica.
 *
 * Octokit would also keep writes that notify people (comments, reviews) three seconds apart, in a
 * second limiter passed after the write limiter: such a write takes its write slot, then waits up
 * to 3 s more while the next write goes ahead, so writes reach GitHub less than a second apart
 * (the load benchmark saw 0 ms). Here every write waits for the write limiter alone: writes are a
 * second apart, and content that notifies is at most 60 a minute, under GitHub's 80.
 *
 * Probot's defaults log a secondary rate limit and give up; here it is retried after GitHub's
 * `retry-after`, up to SECONDARY_RATE_LIMIT_RETRIES times. A used-up primary rate limit is
 * retried once when it resets within PRIMARY_RATE_LIMIT_WAIT_S, else the job gives up (and the
 * next event or `/triage` tries again).
 *
 * STORY_TRIAGE_THROTTLE=off sends requests as they come: for a GitHub Enterprise Server whose
 * rate limits are switched off, or a stand-in of GitHub.
 */
import { type Logger, type Probot, ProbotOctokit } from "probot";

export const SECONDARY_RATE_LIMIT_RETRIES = 3;
export const PRIMARY_RATE_LIMIT_WAIT_S = 60;
/** Octokit's retry plugin does not retry these; 429 is added because the throttling handles it. */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What a request looked like, for the log line of a rate limit. */
function requestOf(options: unknown): { method: string; url: string } {
  const method = isRecord(options) && typeof options["method"] === "string" ? options["method"] : "?";
  const url = isRecord(options) && typeof options["url"] === "string" ? options["url"] : "?";
  return { method, url };
}

/** Whether to retry after a secondary rate limit; retryCount is how many retries were made already. */
export function retrySecondaryRateLimit(retryCount: number): boolean {
  return retryCount < SECONDARY_RATE_LIMIT_RETRIES;
}

/** Whether to wait for the primary rate limit to reset (`retryAfter` seconds) and retry. */
export function retryPrimaryRateLimit(retryAfter: number, retryCount: number): boolean {
  return retryCount === 0 && retryAfter <= PRIMARY_RATE_LIMIT_WAIT_S;
}

/**
 * The throttle options for one installation's Octokit, on top of what Probot configured
 * (`inherited`: its Redis connection, when REDIS_URL is set). Throttling stays off when the
 * settings or the inherited options turn it off.
 */
export function installationThrottle(inherited: unknown, installationId: number, throttle: boolean, log: Logger): Record<string, unknown> {
  const base = isRecord(inherited) ? inherited : {};
  if (!throttle || base["enabled"] === false) return { enabled: false };
  return {
    ...base,
    enabled: true,
    id: String(installationId),
    triggersNotification: () => false,
    onSecondaryRateLimit: (retryAfter: number, options: unknown, _octokit: unknown, retryCount: number) => {
      const retry = retrySecondaryRateLimit(retryCount);
      log.warn(
        { installationId, ...requestOf(options), retryAfter, retryCount },
        retry
          ? `story-triage: GitHub's secondary rate limit; retrying in ${retryAfter} s`
          : `story-triage: GitHub's secondary rate limit ${retryCount + 1} times in a row; giving up on this request`,
      );
      return retry;
    },
    onRateLimit: (retryAfter: number, options: unknown, _octokit: unknown, retryCount: number) => {
      const retry = retryPrimaryRateLimit(retryAfter, retryCount);
      log.warn(
        { installationId, ...requestOf(options), retryAfter, retryCount },
        retry
          ? `story-triage: the installation's rate limit is used up; retrying when it resets in ${retryAfter} s`
          : `story-triage: the installation's rate limit is used up and resets in ${retryAfter} s; giving up on this request`,
      );
      return retry;
    },
  };
}

/**
 * An Octokit authenticated as the installation (its token cached with Probot's, shared by every
 * job of the process), throttled per installation. Built the way Probot's `app.auth(id)` builds
 * one, from the app's own Octokit options, with the throttle options above.
 */
export async function installationOctokit(
  app: Probot,
  installationId: number,
  options: { throttle: boolean; log: Logger },
): Promise<ProbotOctokit> {
  const appOctokit = await app.auth();
  const made: unknown = await appOctokit.auth({
    type: "installation",
    installationId,
    factory: (params: unknown) => {
      const inherited = isRecord(params) && isRecord(params["octokitOptions"]) ? params["octokitOptions"] : {};
      const auth = isRecord(inherited["auth"]) ? inherited["auth"] : {};
      const retry = isRecord(inherited["retry"]) ? inherited["retry"] : {};
      return new ProbotOctokit({
        ...inherited,
        log: options.log,
        retry: { doNotRetry: DO_NOT_RETRY, ...retry },
        throttle: installationThrottle(inherited["throttle"], installationId, options.throttle, options.log),
        auth: { ...auth, installationId },
      });
    },
  });
  if (!isProbotOctokit(made)) throw new Error("Probot's app Octokit did not make an installation Octokit");
  return made;
}

function isProbotOctokit(value: unknown): value is ProbotOctokit {
  return value instanceof ProbotOctokit;
}
