/** An Octokit (Probot's, with its plugins) talking to a stand-in as the app's installation or as a person. */
import { ProbotOctokit } from "probot";
import type { Standin } from "../../src/standin/server.js";

const QuietOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { enabled: false },
  throttle: { ...(typeof options.throttle === "object" && options.throttle !== null ? options.throttle : {}), enabled: false },
}));

export type TestOctokit = InstanceType<typeof ProbotOctokit>;

/** Exchanges a (fake) app JWT for an installation token, as Probot does. */
export async function installationToken(standin: Standin, installationId = 77): Promise<string> {
  const response = await fetch(`${standin.apiUrl}/app/installations/${installationId}/access_tokens`, {
    method: "POST",
    headers: { authorization: "Bearer header.payload.signature", accept: "application/vnd.github+json" },
  });
  if (response.status !== 201) throw new Error(`access token request answered ${response.status}`);
  const body: unknown = await response.json();
  if (typeof body !== "object" || body === null || !("token" in body) || typeof body.token !== "string") throw new Error("no token in the answer");
  return body.token;
}

export function octokitWithToken(standin: Standin, token: string): TestOctokit {
  return new QuietOctokit({ auth: { token }, baseUrl: standin.apiUrl });
}

export async function installationOctokit(standin: Standin, installationId = 77): Promise<TestOctokit> {
  return octokitWithToken(standin, await installationToken(standin, installationId));
}
