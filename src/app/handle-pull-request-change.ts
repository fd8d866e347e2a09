/** A pull request opened, reopened, pushed to, marked ready, or moved to another base: queue its triage. */
import type { Context } from "probot";
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
  // An edit of the title or description changes no story; a new base changes the templates.
  if (payload.action === "edited" && payload.changes.base === undefined) return;
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
