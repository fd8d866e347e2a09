/** Issue comments on pull requests, and reactions to them. */
import { ApiError, actorOf, bodyObject, checkBodyLength, hubOf, intParam, notFound, optionalString, paginate, repoOf, unprocessable, type Route } from "../http.js";
import { issueCommentPayload } from "../webhooks.js";
import { issueCommentJson, userJson } from "../shapes.js";
import type { IssueComment, Repo, User, World } from "../state.js";
import { pullOf } from "./repos.js";

const REACTIONS = ["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"];

export function addIssueComment(world: World, repo: Repo, issue: number, body: string, user: User): IssueComment {
  if (body === "") throw unprocessable({ resource: "IssueComment", field: "body", code: "missing_field" });
  checkBodyLength(body, "IssueComment");
  const at = world.now();
  const viaApp = world.appOf(user);
  const comment: IssueComment = { id: world.id(), issueNumber: issue, body, user, viaApp, createdAt: at, updatedAt: at, reactions: [] };
  repo.issueComments.push(comment);
  return comment;
}

function findComment(repo: Repo, id: number): IssueComment {
  const comment = repo.issueComments.find((c) => c.id === id);
  if (!comment) throw notFound();
  return comment;
}

export const commentRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/issues/:number/comments",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const issue = pullOf(ctx, repo).number;
      const comments = repo.issueComments.filter((c) => c.issueNumber === issue);
      const { page, headers } = paginate(ctx, comments.map((c) => issueCommentJson(repo, c, ctx.baseUrl)));
      return { status: 200, body: page, headers };
    },
  },
  {
    method: "POST",
    pattern: "/repos/:owner/:repo/issues/:number/comments",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const issue = pullOf(ctx, repo).number;
      const body = optionalString(bodyObject(ctx), "body") ?? "";
      const comment = addIssueComment(ctx.world, repo, issue, body, actorOf(ctx));
      return {
        status: 201,
        body: issueCommentJson(repo, comment, ctx.baseUrl),
        emit: [{ event: "issue_comment", payload: issueCommentPayload(hubOf(ctx), repo, comment, "created") }],
      };
    },
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/issues/comments/:id",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      return { status: 200, body: issueCommentJson(repo, findComment(repo, intParam(ctx, "id")), ctx.baseUrl) };
    },
  },
  {
    method: "PATCH",
    pattern: "/repos/:owner/:repo/issues/comments/:id",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const comment = findComment(repo, intParam(ctx, "id"));
      const actor = actorOf(ctx);
      if (comment.user.login !== actor.login) throw new ApiError(403, "Resource not accessible by integration");
      const body = optionalString(bodyObject(ctx), "body");
      if (body === undefined || body === "") throw unprocessable({ resource: "IssueComment", field: "body", code: "missing_field" });
      checkBodyLength(body, "IssueComment");
      const from = comment.body;
      comment.body = body;
      comment.updatedAt = ctx.world.now();
      return {
        status: 200,
        body: issueCommentJson(repo, comment, ctx.baseUrl),
        emit: [{ event: "issue_comment", payload: issueCommentPayload(hubOf(ctx), repo, comment, "edited", { changes: { body: { from } } }) }],
      };
    },
  },
  {
    method: "DELETE",
    pattern: "/repos/:owner/:repo/issues/comments/:id",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const comment = findComment(repo, intParam(ctx, "id"));
      repo.issueComments.splice(repo.issueComments.indexOf(comment), 1);
      return { status: 204, emit: [{ event: "issue_comment", payload: issueCommentPayload(hubOf(ctx), repo, comment, "deleted") }] };
    },
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/issues/comments/:id/reactions",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const comment = findComment(repo, intParam(ctx, "id"));
      const { page, headers } = paginate(ctx, comment.reactions.map((r) => ({ id: r.id, content: r.content, user: userJson(r.user) })));
      return { status: 200, body: page, headers };
    },
  },
  {
    method: "POST",
    pattern: "/repos/:owner/:repo/issues/comments/:id/reactions",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const comment = findComment(repo, intParam(ctx, "id"));
      const content = optionalString(bodyObject(ctx), "content");
      if (content === undefined || !REACTIONS.includes(content)) throw unprocessable({ resource: "Reaction", field: "content", code: "invalid" });
      const user = actorOf(ctx);
      const existing = comment.reactions.find((r) => r.content === content && r.user.login === user.login);
      if (existing) return { status: 200, body: { id: existing.id, content, user: userJson(user) } };
      const reaction = { id: ctx.world.id(), content, user };
      comment.reactions.push(reaction);
      return { status: 201, body: { id: reaction.id, content, user: userJson(user) } };
    },
  },
];
