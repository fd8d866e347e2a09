/**
 * Webhook events for the app's tests, derived from the real example payloads of
 * @octokit/webhooks-examples (repository Codertocat/Hello-World, installation 1), changed only
 * where a test needs it.
 */
import { createRequire } from "node:module";
import type { Probot } from "probot";
import { APP_ID, APP_SLUG, INSTALLATION_ID } from "./github-mock.js";

type Definition = { name: string; examples: unknown[] };
/** What probot.receive takes. */
export type WebhookEvent = Parameters<Probot["receive"]>[0];

const require = createRequire(import.meta.url);
const definitions: Definition[] = require("@octokit/webhooks-examples");

function example(name: string, pick: (payload: Record<string, unknown>) => boolean): Record<string, unknown> {
  const found = definitions.find((definition) => definition.name === name)?.examples.find((payload) => isRecord(payload) && pick(payload));
  if (!isRecord(found)) throw new Error(`no ${name} example matches`);
  return structuredClone(found);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function record(value: unknown): Record<string, unknown> {
  if (!isRecord(value)) throw new Error("expected an object in the example payload");
  return value;
}

let deliveries = 0;
function deliveryId(): string {
  deliveries += 1;
  return `delivery-${deliveries}`;
}

/** The repository object of the pull request examples (default branch `master`). */
function repository(): Record<string, unknown> {
  return record(example("pull_request", (p) => p["action"] === "opened" && p["installation"] !== undefined)["repository"]);
}

export interface PullRequestShape {
  number: number;
  headSha: string;
  baseSha: string;
  labels?: string[];
  author?: string;
  /** A fork's owner: the head repository becomes `<forkOwner>/Hello-World`. */
  forkOwner?: string;
}

export function pullRequestEvent(
  action: "opened" | "reopened" | "synchronize" | "ready_for_review" | "edited",
  shape: PullRequestShape,
  changes?: Record<string, unknown>,
): WebhookEvent {
  const payload = example("pull_request", (p) => p["action"] === "opened" && p["installation"] !== undefined);
  const pr = record(payload["pull_request"]);
  const head = record(pr["head"]);
  const base = record(pr["base"]);
  payload["action"] = action;
  payload["number"] = shape.number;
  pr["number"] = shape.number;
  head["sha"] = shape.headSha;
  base["sha"] = shape.baseSha;
  pr["labels"] = (shape.labels ?? []).map((name, index) => ({ id: 1000 + index, node_id: `L${index}`, url: "", name, color: "ededed", default: false, description: null }));
  record(pr["user"])["login"] = shape.author ?? "Codertocat";
  if (shape.forkOwner !== undefined) {
    const headRepo = record(head["repo"]);
    record(headRepo["owner"])["login"] = shape.forkOwner;
    headRepo["full_name"] = `${shape.forkOwner}/Hello-World`;
  }
  if (changes !== undefined) payload["changes"] = changes;
  record(payload["installation"])["id"] = INSTALLATION_ID;
  return { id: deliveryId(), name: "pull_request", payload } as WebhookEvent;
}

export interface CommentShape {
  body: string;
  login: string;
  userType?: "User" | "Bot";
  prAuthor?: string;
  number?: number;
  commentId?: number;
  /** For `edited`: the body before the edit. */
  previousBody?: string;
}

/** A comment on pull request #number (the examples are on a plain issue: `issue.pull_request` is added). */
export function issueCommentEvent(action: "created" | "edited", shape: CommentShape): WebhookEvent {
  const payload = example("issue_comment", (p) => p["action"] === "created" && p["installation"] !== undefined);
  const issue = record(payload["issue"]);
  const comment = record(payload["comment"]);
  payload["action"] = action;
  issue["number"] = shape.number ?? 2;
  issue["pull_request"] = { url: "", html_url: "", diff_url: "", patch_url: "" };
  record(issue["user"])["login"] = shape.prAuthor ?? "Codertocat";
  comment["id"] = shape.commentId ?? 5001;
  comment["body"] = shape.body;
  record(comment["user"])["login"] = shape.login;
  record(comment["user"])["type"] = shape.userType ?? "User";
  if (action === "edited") payload["changes"] = shape.previousBody === undefined ? {} : { body: { from: shape.previousBody } };
  payload["repository"] = repository();
  record(payload["installation"])["id"] = INSTALLATION_ID;
  return { id: deliveryId(), name: "issue_comment", payload } as WebhookEvent;
}

export interface CheckRunShape {
  id: number;
  headSha: string;
  externalId: string;
  summary: string | null;
  name?: string;
  appId?: number;
}

export function checkRunRerequestedEvent(shape: CheckRunShape): WebhookEvent {
  const payload = example("check_run", (p) => p["action"] === "rerequested");
  const run = record(payload["check_run"]);
  run["id"] = shape.id;
  run["head_sha"] = shape.headSha;
  run["external_id"] = shape.externalId;
  run["name"] = shape.name ?? "story-triage";
  run["status"] = "completed";
  run["conclusion"] = "failure";
  record(run["output"])["summary"] = shape.summary;
  const app = record(run["app"]);
  app["id"] = shape.appId ?? APP_ID;
  app["slug"] = APP_SLUG;
  payload["repository"] = repository();
  payload["installation"] = { id: INSTALLATION_ID, node_id: "I1" };
  return { id: deliveryId(), name: "check_run", payload } as WebhookEvent;
}
