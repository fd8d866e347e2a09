/**
 * What differs between the entry points onto the flow (the app's server, the action), named once:
 * who writes, how the flow tells its own earlier work from anyone else's, and whether the token
 * may write at all. The flow asks a Door; each entry point hands it the one that fits its token.
 *
 * - A GitHub App (the server, or the action run with an app's token) writes as its own bot: what
 *   carries its app id or bot login is its own, as today.
 * - The action run with a workflow's GITHUB_TOKEN writes as `github-actions[bot]` (the GitHub
 *   Actions app), which every other workflow of the repository shares: only what also carries the
 *   flow's hidden markers (or, for a check run still in progress, the pull request's number as its
 *   external id) is its own. Another workflow's comment, review or check run is never touched.
 */
import { findingFingerprints, fixedFingerprints } from "./markers.js";
import type { ExistingCheckRun } from "./types.js";

export interface Door {
  /** The id of the GitHub App the token writes through: comments, labels and check runs carry it. */
  appId(): Promise<number>;
  /** The login of the bot user it writes as (review comments carry no app id, only the login). */
  botLogin(): Promise<string>;
  /** Whether a check run of this app, named as the flow names its own, is the flow's. */
  ownsCheckRun(run: ExistingCheckRun): boolean;
  /** Whether a review by the bot user is the flow's: its body, and the bodies of its inline comments. */
  ownsReview(body: string, commentBodies: readonly string[]): boolean;
  /**
   * Whether the token may write to the pull request. When not (a workflow's read-only token on a
   * pull request from a fork), the flow reads and plans and writes nothing; the door shows the plan.
   */
  readonly mayWrite: boolean;
}

/** The id of the GitHub Actions app, through which a workflow's GITHUB_TOKEN writes. */
export const GITHUB_ACTIONS_APP_ID = 15368;
/** The bot user every workflow's GITHUB_TOKEN writes as. */
export const GITHUB_ACTIONS_LOGIN = "github-actions[bot]";

/** A GitHub App's door: everything its bot did is its own. The id and login are learned as the caller says. */
export function appDoor(identity: { appId: () => Promise<number>; botLogin: () => Promise<string> }): Door {
  let appId: Promise<number> | null = null;
  let botLogin: Promise<string> | null = null;
  return {
    appId: () => (appId ??= identity.appId()),
    botLogin: () => (botLogin ??= identity.botLogin()),
    ownsCheckRun: () => true,
    ownsReview: () => true,
    mayWrite: true,
  };
}

/** A workflow's GITHUB_TOKEN: `github-actions[bot]`, shared with every workflow, so only marked work is its own. */
export function workflowDoor(options: { mayWrite: boolean }): Door {
  return {
    appId: () => Promise.resolve(GITHUB_ACTIONS_APP_ID),
    botLogin: () => Promise.resolve(GITHUB_ACTIONS_LOGIN),
    // A completed check run of the flow ends with its output marker; one still in progress (opened,
    // not yet completed) carries the pull request's number as its external id.
    ownsCheckRun: (run) => run.outputHash !== null || (run.status !== "completed" && /^\d+$/.test(run.externalId ?? "")),
    ownsReview: (body, commentBodies) => [body, ...commentBodies].some(hasFlowMarker),
    mayWrite: options.mayWrite,
  };
}

/** Whether a body carries a finding's or a fix's hidden marker (outside quoted code). */
function hasFlowMarker(body: string): boolean {
  return findingFingerprints(body).length > 0 || fixedFingerprints(body).length > 0;
}
