/**
 * The action's Octokit: Octokit's core with pagination and retries (5xx and dropped connections,
 * as the app's), authenticated with the step's token, against GITHUB_API_URL, sending through
 * node:http(s) (fetch.ts says why). No Probot: the action is one process for one event, bundled
 * into one file.
 *
 * The retries are the ones @octokit/plugin-retry makes (the app's, through Probot), written here
 * without the scheduler that plugin builds for every request (Bottleneck): loading and running it
 * was about a tenth of an action run's CPU time.
 */
import { Octokit } from "@octokit/core";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import { RequestError } from "@octokit/request-error";
import type { EndpointDefaults, OctokitResponse } from "@octokit/types";
import type { FlowOctokit } from "../flow/github.js";
import { nodeFetch } from "./fetch.js";

/** Left alone: GitHub's answer will not change by asking again. */
export const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];
/** Retries after the first try, unless a request says otherwise (`request: { retries }`). */
export const RETRIES = 3;
/** The wait before retry n (from 1) is n² times this. */
export const RETRY_BASE_MS = 1000;

type Options = Required<EndpointDefaults>;
type Send = (options: Options) => OctokitResponse<unknown> | Promise<OctokitResponse<unknown>>;

/**
 * Retries a request that failed with a status of 400 or more outside DO_NOT_RETRY (a dropped
 * connection is a 500 to Octokit), and a GraphQL answer whose first error is GitHub's "Something
 * went wrong while executing your query", after n² × `baseMs` before retry n.
 */
export function retrying(baseMs: number) {
  return (octokit: Octokit) => {
    const hook = async (request: Send, options: Options): Promise<OctokitResponse<unknown>> => {
      const asked: unknown = options.request["retries"];
      const retries = typeof asked === "number" ? asked : RETRIES;
      for (let done = 0; ; done += 1) {
        try {
          const response = await request(options);
          const failed = graphqlFailure(response.data);
          if (failed !== null) throw new RequestError(failed, 500, { request: options, response });
          return response;
        } catch (error) {
          if (!(error instanceof Error) || !("request" in error) || !("status" in error)) throw error;
          const status = Number(error.status);
          if (!(status >= 400) || DO_NOT_RETRY.includes(status) || done >= retries) throw error;
          await new Promise((resolve) => setTimeout(resolve, (done + 1) ** 2 * baseMs));
        }
      }
    };
    octokit.hook.wrap("request", hook);
  };
}

/** GitHub's transient GraphQL failure: its message, or null. */
function graphqlFailure(data: unknown): string | null {
  if (typeof data !== "object" || data === null || !("errors" in data) || !Array.isArray(data.errors) || data.errors.length === 0) return null;
  const first: unknown = data.errors[0];
  const message = typeof first === "object" && first !== null && "message" in first ? String(first.message) : "";
  return /Something went wrong while executing your query/.test(message) ? message : null;
}

export function actionOctokit(options: { token: string; apiUrl: string; userAgent: string; retryBaseMs?: number }): FlowOctokit {
  const ActionOctokit = Octokit.plugin(paginateRest, retrying(options.retryBaseMs ?? RETRY_BASE_MS));
  return new ActionOctokit({
    auth: options.token,
    baseUrl: options.apiUrl,
    userAgent: options.userAgent,
    request: { fetch: nodeFetch() },
  });
}
