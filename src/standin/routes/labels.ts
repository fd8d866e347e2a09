/** Repository labels, the labels on an issue or pull request, and the labeled/unlabeled events they leave. */
import {
  ApiError,
  actorOf,
  bodyObject,
  hubOf,
  isRecord,
  notFound,
  optionalString,
  paginate,
  repoOf,
  requiredString,
  unprocessable,
  type Reply,
  type Route,
  type RouteContext,
} from "../http.js";
import { pullRequestPayload, type WebhookEvent } from "../webhooks.js";
import { eventJson, issueLabelsJson, labelJson } from "../shapes.js";
import { DEFAULT_LABEL_COLOR, type Label, type Repo, type User, type World } from "../state.js";
import { pullOf } from "./repos.js";

/** GitHub rejects label names longer than this. */
export const MAX_LABEL_NAME = 50;

function checkLabelName(name: string): void {
  if (name.trim() === "") throw unprocessable({ resource: "Label", field: "name", code: "missing_field" });
  if (name.length > MAX_LABEL_NAME) {
    throw unprocessable({ resource: "Label", field: "name", code: "custom", message: `name is too long (maximum is ${MAX_LABEL_NAME} characters)` });
  }
}

function checkColor(color: string): string {
  const bare = color.replace(/^#/, "");
  if (!/^[0-9a-fA-F]{6}$/.test(bare)) throw unprocessable({ resource: "Label", field: "color", code: "invalid" });
  return bare.toLowerCase();
}

export function createLabel(world: World, repo: Repo, name: string, color = DEFAULT_LABEL_COLOR, description: string | null = null): Label {
  checkLabelName(name);
  if (repo.findLabel(name)) throw unprocessable({ resource: "Label", code: "already_exists", field: "name" });
  const label: Label = { id: world.id(), name, color: checkColor(color), description, default: false };
  repo.labels.set(name.toLowerCase(), label);
  return label;
}

/**
 * Adds labels to an issue as a given actor, creating unknown labels like GitHub does, and
 * records `labeled` events. Returns the labels that were not there yet.
 */
export function addIssueLabels(world: World, repo: Repo, issue: number, names: string[], actor: User): Label[] {
  for (const name of names) checkLabelName(name);
  const on = repo.labelsOn(issue);
  const added: Label[] = [];
  for (const name of names) {
    const label = repo.findLabel(name) ?? createLabel(world, repo, name);
    if (on.some((n) => n.toLowerCase() === label.name.toLowerCase())) continue;
    on.push(label.name);
    added.push(label);
    repo.eventsOn(issue).push({
      id: world.id(),
      event: "labeled",
      actor,
      label: { name: label.name, color: label.color },
      viaApp: world.appOf(actor),
      createdAt: world.now(),
    });
  }
  return added;
}

/** Removes one label from an issue; false when it was not there. */
export function removeIssueLabel(world: World, repo: Repo, issue: number, name: string, actor: User): boolean {
  const on = repo.labelsOn(issue);
  const index = on.findIndex((n) => n.toLowerCase() === name.toLowerCase());
  if (index === -1) return false;
  const [removed] = on.splice(index, 1);
  const label = repo.findLabel(removed ?? name);
  repo.eventsOn(issue).push({
    id: world.id(),
    event: "unlabeled",
    actor,
    label: { name: removed ?? name, color: label?.color ?? DEFAULT_LABEL_COLOR },
    viaApp: world.appOf(actor),
    createdAt: world.now(),
  });
  return true;
}

/** Accepts `{labels: ["a"]}`, `{labels: [{name: "a"}]}` and `["a"]`, as GitHub does. */
function labelNames(ctx: RouteContext): string[] {
  const raw = Array.isArray(ctx.body) ? ctx.body : isRecord(ctx.body) ? ctx.body.labels : undefined;
  if (!Array.isArray(raw)) throw unprocessable({ resource: "Label", field: "labels", code: "missing_field" });
  return raw.map((item: unknown) => {
    if (typeof item === "string") return item;
    if (isRecord(item) && typeof item.name === "string") return item.name;
    throw unprocessable({ resource: "Label", field: "labels", code: "invalid" });
  });
}

/** `pull_request.labeled`/`unlabeled` webhooks for label changes made by the caller. */
function labelEvents(ctx: RouteContext, repo: Repo, issue: number, action: "labeled" | "unlabeled", names: string[]): WebhookEvent[] {
  return names.map((name) => {
    const label = repo.findLabel(name);
    const extra = label ? { label: labelJson(label, ctx.baseUrl, repo) } : { label: { name } };
    return { event: "pull_request", payload: pullRequestPayload(hubOf(ctx), repo, issue, action, actorOf(ctx), extra) };
  });
}

function issueLabelsReply(ctx: RouteContext, repo: Repo, issue: number, emit: WebhookEvent[] = []): Reply {
  return { status: 200, body: issueLabelsJson(repo, issue, ctx.baseUrl), emit };
}

export const labelRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/labels",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const { page, headers } = paginate(ctx, [...repo.labels.values()].map((label) => labelJson(label, ctx.baseUrl, repo)));
      return { status: 200, body: page, headers };
    },
  },
  {
    method: "POST",
    pattern: "/repos/:owner/:repo/labels",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      actorOf(ctx);
      const body = bodyObject(ctx);
      const label = createLabel(
        ctx.world,
        repo,
        requiredString(body, "name", "Label"),
        optionalString(body, "color") ?? DEFAULT_LABEL_COLOR,
        optionalString(body, "description") ?? null,
      );
      return { status: 201, body: labelJson(label, ctx.baseUrl, repo) };
    },
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/labels/:name",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const label = repo.findLabel(ctx.params.name ?? "");
      if (!label) throw notFound();
      return { status: 200, body: labelJson(label, ctx.baseUrl, repo) };
    },
  },
  {
    method: "PATCH",
    pattern: "/repos/:owner/:repo/labels/:name",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const label = repo.findLabel(ctx.params.name ?? "");
      if (!label) throw notFound();
      const body = bodyObject(ctx);
      const newName = optionalString(body, "new_name");
      const color = optionalString(body, "color");
      const description = optionalString(body, "description");
      if (color !== undefined) label.color = checkColor(color);
      if (description !== undefined) label.description = description;
      if (newName !== undefined && newName !== label.name) {
        checkLabelName(newName);
        repo.labels.delete(label.name.toLowerCase());
        for (const names of repo.issueLabels.values()) {
          const index = names.indexOf(label.name);
          if (index >= 0) names[index] = newName;
        }
        label.name = newName;
        repo.labels.set(newName.toLowerCase(), label);
      }
      return { status: 200, body: labelJson(label, ctx.baseUrl, repo) };
    },
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/issues/:number/labels",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const issue = pullOf(ctx, repo).number;
      const { page, headers } = paginate(ctx, issueLabelsJson(repo, issue, ctx.baseUrl));
      return { status: 200, body: page, headers };
    },
  },
  {
    method: "POST",
    pattern: "/repos/:owner/:repo/issues/:number/labels",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const issue = pullOf(ctx, repo).number;
      const added = addIssueLabels(ctx.world, repo, issue, labelNames(ctx), actorOf(ctx));
      return issueLabelsReply(ctx, repo, issue, labelEvents(ctx, repo, issue, "labeled", added.map((l) => l.name)));
    },
  },
  {
    method: "PUT",
    pattern: "/repos/:owner/:repo/issues/:number/labels",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const issue = pullOf(ctx, repo).number;
      const names = labelNames(ctx);
      const actor = actorOf(ctx);
      for (const name of names) checkLabelName(name);
      const removed = repo.labelsOn(issue).filter((current) => !names.some((n) => n.toLowerCase() === current.toLowerCase()));
      for (const current of removed) removeIssueLabel(ctx.world, repo, issue, current, actor);
      const added = addIssueLabels(ctx.world, repo, issue, names, actor);
      return issueLabelsReply(ctx, repo, issue, [
        ...labelEvents(ctx, repo, issue, "unlabeled", removed),
        ...labelEvents(ctx, repo, issue, "labeled", added.map((l) => l.name)),
      ]);
    },
  },
  {
    method: "DELETE",
    pattern: "/repos/:owner/:repo/issues/:number/labels",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const issue = pullOf(ctx, repo).number;
      const actor = actorOf(ctx);
      const removed = [...repo.labelsOn(issue)];
      for (const current of removed) removeIssueLabel(ctx.world, repo, issue, current, actor);
      return { status: 204, emit: labelEvents(ctx, repo, issue, "unlabeled", removed) };
    },
  },
  {
    method: "DELETE",
    pattern: "/repos/:owner/:repo/issues/:number/labels/:name",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const issue = pullOf(ctx, repo).number;
      const name = repo.labelsOn(issue).find((n) => n.toLowerCase() === (ctx.params.name ?? "").toLowerCase());
      if (name === undefined || !removeIssueLabel(ctx.world, repo, issue, name, actorOf(ctx))) {
        throw new ApiError(404, "Label does not exist");
      }
      return issueLabelsReply(ctx, repo, issue, labelEvents(ctx, repo, issue, "unlabeled", [name]));
    },
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/issues/:number/events",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const issue = pullOf(ctx, repo).number;
      const { page, headers } = paginate(ctx, repo.eventsOn(issue).map(eventJson));
      return { status: 200, body: page, headers };
    },
  },
];
