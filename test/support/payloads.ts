/**
 * Webhook payloads for end-to-end tests: real examples from @octokit/webhooks-examples, with
 * the repository, pull request, comment and installation replaced by the stand-in's own, so the
 * app sees GitHub's full shape and our seeded data.
 */
import { createRequire } from "node:module";
import type { Standin } from "../../src/standin/server.js";
import type { IssueComment, Repo } from "../../src/standin/state.js";
import { issueCommentPayload, pullRequestPayload } from "../../src/standin/webhooks.js";

const require = createRequire(import.meta.url);

interface Definition {
  name: string;
  examples: Array<Record<string, unknown>>;
}

let definitions: Definition[] | undefined;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A deep copy of the first example of `event` with that `action`. */
export function examplePayload(event: string, action: string): Record<string, unknown> {
  definitions ??= require("@octokit/webhooks-examples") as Definition[];
  const definition = definitions.find((d) => d.name === event);
  const example = definition?.examples.find((e) => e.action === action);
  if (!example) throw new Error(`@octokit/webhooks-examples has no ${event}.${action} example`);
  return structuredClone(example);
}

function overlay(example: unknown, ours: unknown): unknown {
  return isRecord(example) && isRecord(ours) ? { ...example, ...ours } : ours;
}

/** `pull_request.<action>` for a seeded pull request, built on GitHub's example. */
export function pullRequestWebhook(standin: Standin, repo: Repo, number: number, action: string): Record<string, unknown> {
  const example = examplePayload("pull_request", action);
  const ours = pullRequestPayload(standin, repo, number, action);
  return {
    ...example,
    ...ours,
    pull_request: overlay(example.pull_request, ours.pull_request),
    repository: overlay(example.repository, ours.repository),
    sender: overlay(example.sender, ours.sender),
  };
}

/** `issue_comment.<action>` on a seeded pull request (the examples are on plain issues: `issue.pull_request` is ours). */
export function issueCommentWebhook(standin: Standin, repo: Repo, comment: IssueComment, action: "created" | "edited" | "deleted"): Record<string, unknown> {
  const example = examplePayload("issue_comment", action);
  const ours = issueCommentPayload(standin, repo, comment, action);
  return {
    ...example,
    ...ours,
    issue: overlay(example.issue, ours.issue),
    comment: overlay(example.comment, ours.comment),
    repository: overlay(example.repository, ours.repository),
    sender: overlay(example.sender, ours.sender),
  };
}
