/** "Re-run" on the app's check run: queue a triage of the pull request (of its current head). */
import type { Context } from "probot";
import { GitHub } from "../flow/github.js";
import type { TriageQueue } from "./queue/queue.js";
import { CHECK_RUN_NAME } from "../flow/types.js";

export async function handleCheckRunRerequested(context: Context<"check_run.rerequested">, queue: TriageQueue): Promise<void> {
  const { payload } = context;
  const run = payload.check_run;
  if (run.name !== CHECK_RUN_NAME) return;
  // The app's id comes from its credentials: no request.
  const gh = new GitHub(context.octokit, context.repo(), context.log);
  if (run.app === null || run.app.id !== (await gh.appId())) return;
  // The app keeps the pull request number in external_id: GitHub leaves pull_requests empty for forks.
  const number = /^\d+$/.test(run.external_id ?? "") ? Number(run.external_id) : run.pull_requests[0]?.number;
  const installationId = payload.installation?.id;
  if (number === undefined || installationId === undefined) {
    context.log.info({ deliveryId: context.id, checkRun: run.id }, "story-triage: re-run of a check run with no pull request or installation");
    return;
  }
  await queue.add({
    kind: "triage",
    trigger: "rerun",
    installationId,
    owner: payload.repository.owner.login,
    repo: payload.repository.name,
    number,
    defaultBranch: payload.repository.default_branch,
    deliveryId: context.id,
  });
}
