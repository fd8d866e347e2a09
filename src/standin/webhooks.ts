/**
 * The other half of playing GitHub: building webhook payloads from the stand-in's state and
 * delivering them signed (HMAC-SHA256 over the exact body, in `x-hub-signature-256`).
 */
import { createHmac, randomUUID } from "node:crypto";
import { checkRunJson, issueCommentJson, pullJson, repoJson, reviewJson, userJson } from "./shapes.js";
import type { CheckRun, IssueComment, Repo, Review, User, World } from "./state.js";

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

/** What payload builders need of the stand-in: its state and its API URL. */
export interface Hub {
  world: World;
  apiUrl: string;
}

/** A webhook GitHub would send: the event name (`x-github-event`) and its payload. */
export interface WebhookEvent {
  event: string;
  payload: Record<string, unknown>;
}

/** A `pull_request` payload for the pull request as the stand-in holds it now. */
export function pullRequestPayload(hub: Hub, repo: Repo, number: number, action: string, sender?: User | string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const pull = repo.pulls.get(number);
  if (!pull) throw new Error(`no pull request #${number} in ${repo.fullName}`);
  const who = typeof sender === "object" ? sender : hub.world.user(sender ?? pull.user.login);
  return {
    action,
    number,
    ...extra,
    pull_request: pullJson(repo, pull, hub.apiUrl),
    repository: repoJson(repo, hub.apiUrl),
    installation: installation(repo),
    sender: userJson(who),
  };
}

/** An `issue_comment` payload for a comment on a pull request (`issue.pull_request` set, as GitHub does). */
export function issueCommentPayload(
  hub: Hub,
  repo: Repo,
  comment: IssueComment,
  action: "created" | "edited" | "deleted",
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const pull = repo.pulls.get(comment.issueNumber);
  if (!pull) throw new Error(`no pull request #${comment.issueNumber} in ${repo.fullName}`);
  const { head: _head, base: _base, ...issue } = pullJson(repo, pull, hub.apiUrl);
  return {
    action,
    ...extra,
    issue: { ...issue, pull_request: { url: `${hub.apiUrl}/repos/${repo.fullName}/pulls/${pull.number}` } },
    comment: issueCommentJson(repo, comment, hub.apiUrl),
    repository: repoJson(repo, hub.apiUrl),
    installation: installation(repo),
    sender: userJson(comment.user),
  };
}

/** A `check_run` payload (`rerequested` is what the "Re-run" button sends). */
export function checkRunPayload(hub: Hub, repo: Repo, run: CheckRun, action: string, sender: User | string): Record<string, unknown> {
  return {
    action,
    check_run: checkRunJson(repo, run, hub.apiUrl),
    repository: repoJson(repo, hub.apiUrl),
    installation: installation(repo),
    sender: userJson(typeof sender === "object" ? sender : hub.world.user(sender)),
  };
}

/** A `pull_request_review` payload for a submitted review. */
export function reviewPayload(hub: Hub, repo: Repo, number: number, review: Review, action: "submitted" | "edited" | "dismissed"): Record<string, unknown> {
  const pull = repo.pulls.get(number);
  if (!pull) throw new Error(`no pull request #${number} in ${repo.fullName}`);
  return {
    action,
    review: reviewJson(repo, number, review, hub.apiUrl),
    pull_request: pullJson(repo, pull, hub.apiUrl),
    repository: repoJson(repo, hub.apiUrl),
    installation: installation(repo),
    sender: userJson(review.user),
  };
}
