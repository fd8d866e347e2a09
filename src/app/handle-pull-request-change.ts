/** A pull request opened, reopened, pushed to, marked ready, or moved to another base: triage it. */
import type { Context } from "probot";
import { GitHub } from "./github.js";
import { triagePullRequest } from "./triage.js";

export type PullRequestChangeContext = Context<
  | "pull_request.opened"
  | "pull_request.reopened"
  | "pull_request.synchronize"
  | "pull_request.ready_for_review"
  | "pull_request.edited"
>;

export async function handlePullRequestChange(context: PullRequestChangeContext): Promise<void> {
  const { payload } = context;
  // An edit of the title or description changes no story; a new base changes the templates.
  if (payload.action === "edited" && payload.changes.base === undefined) return;
  const pr = payload.pull_request;
  const headRepo = pr.head.repo;
  const gh = new GitHub(context.octokit, context.repo(), context.log);
  await triagePullRequest(
    gh,
    {
      number: pr.number,
      defaultBranch: payload.repository.default_branch,
      pullRequest: {
        number: pr.number,
        headSha: pr.head.sha,
        baseSha: pr.base.sha,
        headRepo: headRepo?.owner ? { owner: headRepo.owner.login, repo: headRepo.name } : null,
        author: pr.user?.login ?? "",
        labels: (pr.labels ?? []).map((label) => label.name),
      },
      checkRun: null,
    },
    context.id,
  );
}
