/**
 * The other half of playing GitHub: building webhook payloads from the stand-in's state and
 * delivering them signed (HMAC-SHA256 over the exact body, in `x-hub-signature-256`).
 */
import { createHmac, randomUUID } from "node:crypto";
import type { Standin } from "./server.js";
import { checkRunJson, issueCommentJson, pullJson, repoJson, userJson } from "./shapes.js";
import type { CheckRun, IssueComment, Repo } from "./state.js";

export function signWebhook(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

export interface Delivery {
  /** The app's webhook URL, e.g. http://127.0.0.1:3000/api/github/webhooks. */
  url: string;
  secret: string;
  event: string;
  payload: unknown;
  /** `x-github-delivery`; a fresh UUID when absent. Reuse one to emulate a redelivery. */
  id?: string;
  /** Overrides the computed signature (to send a forged one). */
  signature?: string;
}

export interface DeliveryResult {
  id: string;
  status: number;
  body: string;
  /** Milliseconds until the app answered. */
  ms: number;
}

export async function deliverWebhook(delivery: Delivery): Promise<DeliveryResult> {
  const id = delivery.id ?? randomUUID();
  const body = JSON.stringify(delivery.payload);
  const started = Date.now();
  const response = await fetch(delivery.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": "GitHub-Hookshot/standin",
      "x-github-event": delivery.event,
      "x-github-delivery": id,
      "x-github-hook-id": "1",
      "x-hub-signature-256": delivery.signature ?? signWebhook(delivery.secret, body),
    },
    body,
  });
  return { id, status: response.status, body: await response.text(), ms: Date.now() - started };
}

function installation(repo: Repo): Record<string, unknown> {
  return { id: repo.installationId, node_id: `I_${repo.installationId}` };
}

/** A `pull_request` payload for the pull request as the stand-in holds it now. */
export function pullRequestPayload(standin: Standin, repo: Repo, number: number, action: string, sender?: string): Record<string, unknown> {
  const pull = repo.pulls.get(number);
  if (!pull) throw new Error(`no pull request #${number} in ${repo.fullName}`);
  return {
    action,
    number,
    pull_request: pullJson(repo, pull, standin.apiUrl),
    repository: repoJson(repo, standin.apiUrl),
    installation: installation(repo),
    sender: userJson(standin.world.user(sender ?? pull.user.login)),
  };
}

/** An `issue_comment` payload for a comment on a pull request (`issue.pull_request` set, as GitHub does). */
export function issueCommentPayload(standin: Standin, repo: Repo, comment: IssueComment, action: "created" | "edited" | "deleted"): Record<string, unknown> {
  const pull = repo.pulls.get(comment.issueNumber);
  if (!pull) throw new Error(`no pull request #${comment.issueNumber} in ${repo.fullName}`);
  const { head: _head, base: _base, ...issue } = pullJson(repo, pull, standin.apiUrl);
  return {
    action,
    issue: { ...issue, pull_request: { url: `${standin.apiUrl}/repos/${repo.fullName}/pulls/${pull.number}` } },
    comment: issueCommentJson(repo, comment, standin.apiUrl),
    repository: repoJson(repo, standin.apiUrl),
    installation: installation(repo),
    sender: userJson(comment.user),
  };
}

/** A `check_run` payload (`rerequested` is what the "Re-run" button sends). */
export function checkRunPayload(standin: Standin, repo: Repo, run: CheckRun, action: string, sender: string): Record<string, unknown> {
  return {
    action,
    check_run: checkRunJson(repo, run, standin.apiUrl),
    repository: repoJson(repo, standin.apiUrl),
    installation: installation(repo),
    sender: userJson(standin.world.user(sender)),
  };
}
