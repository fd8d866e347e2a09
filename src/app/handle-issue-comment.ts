/**
 * `/triage` and `/triage help` in pull request comments. The handler only reads the comment (bots
 * are ignored; an edited comment runs only the commands the edit added) and queues a command job;
 * the job checks who asked, reacts and queues the triage (run-job.ts), so the webhook is answered
 * at once even when the installation's writes are being spaced out.
 */
import type { Context } from "probot";
import { newCommands, parseCommands } from "../flow/commands.js";
import type { TriageQueue } from "./queue/queue.js";

export type IssueCommentContext = Context<"issue_comment.created" | "issue_comment.edited">;

export async function handleIssueComment(context: IssueCommentContext, queue: TriageQueue): Promise<void> {
  const { payload } = context;
  const { comment, issue } = payload;
  const author = comment.user;
  if (issue.pull_request === undefined || author === null || author.type === "Bot") return;
  const commands =
    payload.action === "edited"
      ? newCommands(comment.body, payload.changes.body?.from ?? comment.body)
      : parseCommands(comment.body);
  if (commands.length === 0) return;
  const installationId = payload.installation?.id;
  if (installationId === undefined) {
    context.log.warn({ deliveryId: context.id }, "story-triage: an issue_comment event without an installation; ignored");
    return;
  }
  await queue.add({
    kind: "command",
    installationId,
    owner: payload.repository.owner.login,
    repo: payload.repository.name,
    number: issue.number,
    defaultBranch: payload.repository.default_branch,
    deliveryId: context.id,
    commentId: comment.id,
    author: author.login,
    pullRequestAuthor: issue.user?.login ?? "",
    commands: [...new Set(commands)],
  });
}
