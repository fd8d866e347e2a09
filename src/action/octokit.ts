/**
 * The action's Octokit: Octokit's core with pagination and retries (5xx and dropped connections,
 * as the app's), authenticated with the step's token, against GITHUB_API_URL, sending through
 * node:http(s) (fetch.ts says why). No Probot: the action is one process for one event, bundled
 * into one file.
 */
import { Octokit } from "@octokit/core";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import { retry } from "@octokit/plugin-retry";
import type { FlowOctokit } from "../flow/github.js";
import { nodeFetch } from "./fetch.js";

/** Octokit's retry plugin leaves these alone: GitHub's answer will not change by asking again. */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];

const ActionOctokit = Octokit.plugin(paginateRest, retry);

export function actionOctokit(options: { token: string; apiUrl: string; userAgent: string }): FlowOctokit {
  return new ActionOctokit({
    auth: options.token,
    baseUrl: options.apiUrl,
    userAgent: options.userAgent,
    retry: { doNotRetry: DO_NOT_RETRY },
    request: { fetch: nodeFetch() },
  });
}
