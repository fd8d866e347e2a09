/**
 * Listings the story board's reconcile sweep reads: the app's installations, an installation's
 * repositories and a repository's pull requests. Like GitHub, every GET answer carries an ETag,
 * and a request whose If-None-Match matches it is answered 304 without a body (server.ts).
 */
import { ApiError, notFound, paginate, repoOf, requireJwt, type Route } from "../http.js";
import { pullJson, repoJson, userJson } from "../shapes.js";

export const listingRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/app/installations",
    handler: (ctx) => {
      requireJwt(ctx);
      const all = [...ctx.world.installations.values()]
        .sort((a, b) => a.id - b.id)
        .map((installation) => ({
          id: installation.id,
          account: userJson(installation.account),
          app_id: ctx.world.app.id,
          app_slug: ctx.world.app.slug,
          target_type: "User",
          repository_selection: "all",
        }));
      const { page, headers } = paginate(ctx, all);
      return { status: 200, body: page, headers };
    },
  },
  {
    method: "GET",
    pattern: "/installation/repositories",
    handler: (ctx) => {
      if (ctx.auth.kind !== "installation") throw new ApiError(401, "This endpoint takes an installation token");
      const installationId = ctx.auth.installationId;
      const repos = [...ctx.world.repos.values()].filter((repo) => repo.installationId === installationId).sort((a, b) => a.id - b.id);
      const { page, headers } = paginate(ctx, repos);
      return {
        status: 200,
        body: { total_count: repos.length, repository_selection: "all", repositories: page.map((repo) => repoJson(repo, ctx.baseUrl)) },
        headers,
      };
    },
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/pulls",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const state = ctx.query.get("state") ?? "open";
      if (state !== "open" && state !== "closed" && state !== "all") throw notFound();
      const pulls = [...repo.pulls.values()].filter((pull) => state === "all" || pull.state === state).sort((a, b) => b.number - a.number);
      const { page, headers } = paginate(ctx, pulls);
      return { status: 200, body: page.map((pull) => pullJson(repo, pull, ctx.baseUrl)), headers };
    },
  },
];
