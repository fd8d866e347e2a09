/** "Re-run" on the app's check run: triage the pull request again (when the check run is on its head). */
import type { Context } from "probot";
import { GitHub } from "./github.js";
import { outputHashOf } from "./markers.js";
import { triagePullRequest } from "./triage.js";
import { CHECK_RUN_NAME } from "./types.js";

export async function handleCheckRunRerequested(context: Context<"check_run.rerequested">): Promise<void> {
  const run = context.payload.check_run;
  if (run.name !== CHECK_RUN_NAME) return;
  const gh = new GitHub(context.octokit, context.repo(), context.log);
  if (run.app === null || run.app.id !== (await gh.appId())) return;
  // The app keeps the pull request number in external_id: GitHub leaves pull_requests empty for forks.
  const number = /^\d+$/.test(run.external_id ?? "") ? Number(run.external_id) : run.pull_requests[0]?.number;
  if (number === undefined) {
    context.log.info({ deliveryId: context.id, checkRun: run.id }, "story-triage: re-run of a check run with no pull request");
    return;
  }
  await triagePullRequest(
    gh,
    {
      number,
      defaultBranch: context.payload.repository.default_branch,
      pullRequest: null,
      checkRun: {
        id: run.id,
        headSha: run.head_sha,
        status: run.status,
        conclusion: run.conclusion,
        outputHash: outputHashOf(run.output.summary ?? null),
      },
    },
    context.id,
  );
}
