/**
 * The GitHub App's entry, loaded by `probot run ./lib/index.js`: it only wires events to handlers.
 */
import type { ApplicationFunctionOptions, Probot } from "probot";
import { handleCheckRunRerequested } from "./app/handle-check-run-rerequested.js";
import { handleIssueComment } from "./app/handle-issue-comment.js";
import { handlePullRequestChange } from "./app/handle-pull-request-change.js";

export default function storyTriage(app: Probot, _options?: ApplicationFunctionOptions): void {
  app.on(
    [
      "pull_request.opened",
      "pull_request.reopened",
      "pull_request.synchronize",
      "pull_request.ready_for_review",
      "pull_request.edited",
    ],
    handlePullRequestChange,
  );
  app.on("check_run.rerequested", handleCheckRunRerequested);
  app.on(["issue_comment.created", "issue_comment.edited"], handleIssueComment);
}
