/** A pull request opened, reopened, pushed to, marked ready, or moved to another base: queue its triage. */
import type { Context } from "probot";
import { pullRequestEventTriages } from "../flow/events.js";
import type { TriageQueue } from "./queue/queue.js";

export type PullRequestChangeContext = Context<
  | "pull_request.opened"
  | "pull_request.reopened"
  | "pull_request.synchronize"
  | "pull_request.ready_for_review"
  | "pull_request.edited"
>;

export async function handlePullRequestChange(context: PullRequestChangeContext, queue: TriageQueue): Promise<void> {
  const { payload } = context;
  if (!pullRequestEventTriages(payload.action, payload.action === "edited" ? payload.changes : undefined)) return;
  const installationId = payload.installation?.id;
  if (installationId === undefined) {
    context.log.warn({ deliveryId: context.id }, "story-triage: a pull_request event without an installation; ignored");
    return;
  }
  await queue.add({
    kind: "triage",
    trigger: "pull_request",
    installationId,
    owner: payload.repository.owner.login,
    repo: payload.repository.name,
    number: payload.pull_request.number,
    defaultBranch: payload.repository.default_branch,
    deliveryId: context.id,
  });
}
