/** GitHub API response objects, trimmed to real fields the app reads, for the mock's replies. */
import { APP_ID, APP_SLUG, BOT_LOGIN, OWNER, REPO } from "./github-mock.js";

const app = { id: APP_ID, slug: APP_SLUG, node_id: "A1", name: "story-triage", owner: { login: OWNER } };

function user(login: string): { login: string; type: string } {
  return { login, type: login.endsWith("[bot]") ? "Bot" : "User" };
}

export interface PullShape {
  number: number;
  headSha: string;
  baseSha: string;
  labels?: string[];
  author?: string;
  /** Owner of the head repository when it is a fork; null when the fork was deleted. */
  headOwner?: string | null;
}

export function pullJson(shape: PullShape): Record<string, unknown> {
  const headOwner = shape.headOwner === undefined ? OWNER : shape.headOwner;
  return {
    number: shape.number,
    state: "open",
    user: user(shape.author ?? "Codertocat"),
    labels: (shape.labels ?? []).map((name, index) => ({ id: 100 + index, name, color: "ededed", description: null })),
    head: { sha: shape.headSha, ref: "story", repo: headOwner === null ? null : { name: REPO, full_name: `${headOwner}/${REPO}`, owner: user(headOwner) } },
    base: { sha: shape.baseSha, ref: "master", repo: { name: REPO, full_name: `${OWNER}/${REPO}`, owner: user(OWNER) } },
  };
}

/** The patch GitHub shows for a file added with this text. */
export function addedPatch(text: string): string {
  const lines = text.endsWith("\n") ? text.slice(0, -1).split("\n") : text.split("\n");
  const note = text.endsWith("\n") ? [] : ["\\ No newline at end of file"];
  return [`@@ -0,0 +1,${lines.length} @@`, ...lines.map((line) => `+${line}`), ...note].join("\n");
}

export function addedFile(path: string, text: string): Record<string, unknown> {
  const additions = (text.endsWith("\n") ? text.slice(0, -1) : text).split("\n").length;
  return { sha: "blob", filename: path, status: "added", additions, deletions: 0, changes: additions, patch: addedPatch(text) };
}

export function changedFile(path: string, status: string, patch: string | null, previous?: string): Record<string, unknown> {
  return {
    sha: "blob",
    filename: path,
    status,
    additions: 1,
    deletions: 1,
    changes: 2,
    ...(patch === null ? {} : { patch }),
    ...(previous === undefined ? {} : { previous_filename: previous }),
  };
}

// Timeline items ---------------------------------------------------------------------------

export function commentItem(id: number, body: string, by: "app" | string): Record<string, unknown> {
  const byApp = by === "app";
  return { event: "commented", id, body, user: user(byApp ? BOT_LOGIN : by), actor: user(byApp ? BOT_LOGIN : by), performed_via_github_app: byApp ? app : null };
}

export function labelItem(action: "labeled" | "unlabeled", name: string, by: "app" | string): Record<string, unknown> {
  const byApp = by === "app";
  return { event: action, id: 1, label: { name, color: "ededed" }, actor: user(byApp ? BOT_LOGIN : by), performed_via_github_app: byApp ? app : null };
}

export function reviewItem(body: string, by: string): Record<string, unknown> {
  return { event: "reviewed", id: 77, body, state: "commented", user: user(by) };
}

export function reviewCommentsItem(comments: Array<{ body: string; by: string; path?: string; line?: number }>): Record<string, unknown> {
  return {
    event: "line-commented",
    node_id: "LC1",
    comments: comments.map((comment, index) => ({ id: 900 + index, body: comment.body, path: comment.path ?? "x.md", line: comment.line ?? 1, user: user(comment.by) })),
  };
}

// Check runs -------------------------------------------------------------------------------

export function checkRunsJson(runs: Array<{ id: number; headSha: string; status: string; conclusion: string | null; summary: string | null }>): Record<string, unknown> {
  return {
    total_count: runs.length,
    check_runs: runs.map((run) => ({
      id: run.id,
      head_sha: run.headSha,
      name: "story-triage",
      status: run.status,
      conclusion: run.conclusion,
      output: { title: "t", summary: run.summary, text: null, annotations_count: 0, annotations_url: "" },
      app,
    })),
  };
}

export function labelJson(name: string, color = "1d76db", description: string | null = "desc"): Record<string, unknown> {
  return { id: 1, node_id: "L", url: "", name, color, default: false, description };
}

/** A recursive git trees answer listing `paths` as blobs (and their folders as trees). */
export function treeJson(sha: string, paths: readonly string[], truncated = false): Record<string, unknown> {
  const folders = new Set<string>();
  for (const p of paths) for (let i = p.indexOf("/"); i !== -1; i = p.indexOf("/", i + 1)) folders.add(p.slice(0, i));
  const tree = [
    ...[...folders].map((path) => ({ path, mode: "040000", type: "tree", sha: "d".repeat(40), url: `https://api.github.com/t/${path}` })),
    ...paths.map((path) => ({ path, mode: "100644", type: "blob", sha: "b".repeat(40), size: 10, url: `https://api.github.com/b/${path}` })),
  ];
  return { sha, url: `https://api.github.com/repos/Codertocat/Hello-World/git/trees/${sha}`, tree, truncated };
}
