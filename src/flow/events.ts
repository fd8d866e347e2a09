/** Which webhook events ask for a triage: the same for every door. PURE. */

/** The pull_request (and pull_request_target) actions that triage the pull request. */
export const TRIAGE_ACTIONS = ["opened", "reopened", "synchronize", "ready_for_review", "edited"] as const;

/**
 * Whether a pull request event asks for a triage: an edit of the title or description changes no
 * story (only a new base does: it changes the templates).
 */
export function pullRequestEventTriages(action: string, changes: { base?: unknown } | undefined): boolean {
  if (!(TRIAGE_ACTIONS as readonly string[]).includes(action)) return false;
  return action !== "edited" || changes?.base !== undefined;
}
