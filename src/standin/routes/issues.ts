/**
 * Issues that are not pull requests: listed (with the pull requests, as GitHub's issues API
 * does), created and edited. The action keeps its dashboard in one.
 */
import { actorOf, bodyObject, checkBodyLength, intParam, notFound, optionalString, paginate, repoOf, requiredString, unprocessable, type Route } from "../http.js";
import { issueJson, pullIssueJson } from "../shapes.js";
import type { Issue } from "../state.js";
import { addIssueLabels } from "./labels.js";

export const issueRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/issues",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const state = ctx.query.get("state") ?? "open";
      if (state !== "open" && state !== "closed" && state !== "all") throw unprocessable({ resource: "Issue", field: "state", code: "invalid" });
      const wanted = (ctx.query.get("labels") ?? "").split(",").map((l) => l.trim().toLowerCase()).filter((l) => l !== "");
      const creator = ctx.query.get("creator")?.toLowerCase() ?? null;
      const sort = ctx.query.get("sort") ?? "created";
      const ascending = ctx.query.get("direction") === "asc";
      const all = [
        ...[...repo.issues.values()].map((issue) => ({ number: issue.number, state: issue.state, user: issue.user.login, createdAt: issue.createdAt, updatedAt: issue.updatedAt, json: () => issueJson(repo, issue, ctx.baseUrl) })),
        ...[...repo.pulls.values()].map((pull) => ({ number: pull.number, state: pull.state, user: pull.user.login, createdAt: pull.createdAt, updatedAt: pull.updatedAt, json: () => pullIssueJson(repo, pull, ctx.baseUrl) })),
      ].filter(
        (item) =>
          (state === "all" || item.state === state) &&
          (creator === null || item.user.toLowerCase() === creator) &&
          wanted.every((label) => repo.labelsOn(item.number).some((on) => on.toLowerCase() === label)),
      );
      const key = (item: (typeof all)[number]) => (sort === "updated" ? item.updatedAt : item.createdAt);
      all.sort((a, b) => (ascending ? 1 : -1) * (key(a).localeCompare(key(b)) || a.number - b.number));
      const { page, headers } = paginate(ctx, all);
      return { status: 200, body: page.map((item) => item.json()), headers };
    },
  },
  {
    method: "POST",
    pattern: "/repos/:owner/:repo/issues",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const body = bodyObject(ctx);
      const title = requiredString(body, "title", "Issue");
      const text = optionalString(body, "body") ?? null;
      if (text !== null) checkBodyLength(text, "Issue");
      const labels = body["labels"] ?? [];
      if (!Array.isArray(labels) || !labels.every((l) => typeof l === "string")) throw unprocessable({ resource: "Issue", field: "labels", code: "invalid" });
      const at = ctx.world.now();
      const user = actorOf(ctx);
      const issue: Issue = { number: repo.nextNumber(), title, body: text, state: "open", user, createdAt: at, updatedAt: at, closedAt: null };
      repo.issues.set(issue.number, issue);
      addIssueLabels(ctx.world, repo, issue.number, labels as string[], user);
      return { status: 201, body: issueJson(repo, issue, ctx.baseUrl) };
    },
  },
  {
    method: "PATCH",
    pattern: "/repos/:owner/:repo/issues/:number",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const issue = repo.issues.get(intParam(ctx, "number"));
      if (issue === undefined) throw notFound();
      const body = bodyObject(ctx);
      const title = optionalString(body, "title");
      const text = optionalString(body, "body");
      const state = optionalString(body, "state");
      if (state !== undefined && state !== "open" && state !== "closed") throw unprocessable({ resource: "Issue", field: "state", code: "invalid" });
      if (text !== undefined) checkBodyLength(text, "Issue");
      if (title !== undefined) issue.title = title;
      if (text !== undefined) issue.body = text;
      if (state !== undefined && state !== issue.state) {
        issue.state = state;
        issue.closedAt = state === "closed" ? ctx.world.now() : null;
      }
      issue.updatedAt = ctx.world.now();
      return { status: 200, body: issueJson(repo, issue, ctx.baseUrl) };
    },
  },
];
