/** Repository labels, the labels on an issue or pull request, and the labeled/unlabeled events they leave. */
import {
  ApiError,
  actorOf,
  bodyObject,
  isRecord,
  notFound,
  optionalString,
  paginate,
  repoOf,
  requiredString,
  unprocessable,
  type Route,
  type RouteContext,
} from "../http.js";
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

/** Adds labels to an issue as a given actor, creating unknown labels like GitHub does, and records `labeled` events. */
export function addIssueLabels(world: World, repo: Repo, issue: number, names: string[], actor: User): void {
  for (const name of names) checkLabelName(name);
  const on = repo.labelsOn(issue);
  for (const name of names) {
    const label = repo.findLabel(name) ?? createLabel(world, repo, name);
    if (on.some((n) => n.toLowerCase() === label.name.toLowerCase())) continue;
    on.push(label.name);
    repo.eventsOn(issue).push({
      id: world.id(),
      event: "labeled",
      actor,
      label: { name: label.name, color: label.color },
      viaApp: actor.type === "Bot" && actor.login === world.app.bot.login ? world.app : null,
      createdAt: world.now(),
    });
  }
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
    viaApp: actor.type === "Bot" && actor.login === world.app.bot.login ? world.app : null,
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

function issueLabelsReply(ctx: RouteContext, repo: Repo, issue: number, status = 200) {
  return { status, body: issueLabelsJson(repo, issue, ctx.baseUrl) };
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
      addIssueLabels(ctx.world, repo, issue, labelNames(ctx), actorOf(ctx));
      return issueLabelsReply(ctx, repo, issue);
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
      for (const current of [...repo.labelsOn(issue)]) {
        if (!names.some((n) => n.toLowerCase() === current.toLowerCase())) removeIssueLabel(ctx.world, repo, issue, current, actor);
      }
      addIssueLabels(ctx.world, repo, issue, names, actor);
      return issueLabelsReply(ctx, repo, issue);
    },
  },
  {
    method: "DELETE",
    pattern: "/repos/:owner/:repo/issues/:number/labels",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const issue = pullOf(ctx, repo).number;
      const actor = actorOf(ctx);
      for (const current of [...repo.labelsOn(issue)]) removeIssueLabel(ctx.world, repo, issue, current, actor);
      return { status: 204 };
    },
  },
  {
    method: "DELETE",
    pattern: "/repos/:owner/:repo/issues/:number/labels/:name",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const issue = pullOf(ctx, repo).number;
      if (!removeIssueLabel(ctx.world, repo, issue, ctx.params.name ?? "", actorOf(ctx))) {
        throw new ApiError(404, "Label does not exist");
      }
      return issueLabelsReply(ctx, repo, issue);
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
