/**
 * `/triage` and `/triage help` in pull request comments. Only the pull request's author and people
 * with write, maintain or admin permission are heard; anyone else gets a 😕 reaction. Bots are
 * ignored, and an edited comment runs only the commands the edit added.
 */
import type { Context } from "probot";
import { helpText, newCommands, parseCommands } from "./commands.js";
import { GitHub } from "./github.js";
import { triagePullRequest } from "./triage.js";

export type IssueCommentContext = Context<"issue_comment.created" | "issue_comment.edited">;

export async function handleIssueComment(context: IssueCommentContext): Promise<void> {
  const { payload } = context;
  const { comment, issue } = payload;
  const author = comment.user;
  if (issue.pull_request === undefined || author === null || author.type === "Bot") return;
  const commands =
    payload.action === "edited"
      ? newCommands(comment.body, payload.changes.body?.from ?? comment.body)
      : parseCommands(comment.body);
  if (commands.length === 0) return;

  const gh = new GitHub(context.octokit, context.repo(), context.log);
  const allowed = author.login === issue.user?.login || (await gh.canWrite(author.login));
  if (!allowed) {
    await gh.react(comment.id, "confused");
    return;
  }
  if (commands.includes("help")) await gh.comment(issue.number, helpText());
  if (commands.includes("triage")) {
    await gh.react(comment.id, "+1");
    await triagePullRequest(
      gh,
      { number: issue.number, defaultBranch: payload.repository.default_branch, pullRequest: null, checkRun: null },
      context.id,
    );
  }
}
