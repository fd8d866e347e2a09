/**
 * GitHub's web flow for a GitHub App's user-to-server tokens, as the board's sign-in uses it:
 * the authorize page (which signs in as `world.oauth.login` and redirects back with a code and
 * the state), the code exchange, and what a user token may list: the user, the app's
 * installations the user can reach, and each one's repositories the user can access.
 */
import { ApiError, intParam, isRecord, paginate, type Route, type RouteContext } from "../http.js";
import { repoJson, userJson } from "../shapes.js";
import type { Repo, User, World } from "../state.js";

function userOf(ctx: RouteContext): User {
  if (ctx.auth.kind !== "user") throw new ApiError(401, "Requires authentication");
  return ctx.auth.actor;
}

/** Repositories `user` can access: owned, or a collaborator of. */
export function reachable(world: World, user: User): Repo[] {
  const login = user.login.toLowerCase();
  return [...world.repos.values()].filter((repo) => repo.owner.login.toLowerCase() === login || (repo.collaborators.get(login) ?? "none") !== "none").sort((a, b) => a.id - b.id);
}

function formOrJson(body: unknown): Record<string, string> {
  if (isRecord(body)) return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)]));
  if (typeof body === "string") return Object.fromEntries(new URLSearchParams(body));
  return {};
}

export const oauthRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/login/oauth/authorize",
    handler: (ctx) => {
      const { oauth } = ctx.world;
      const redirect = ctx.query.get("redirect_uri");
      if (ctx.query.get("client_id") !== oauth.clientId || redirect === null) throw new ApiError(404, "Unknown OAuth client or no redirect_uri");
      if (oauth.login === null) throw new ApiError(401, "Nobody is signed in to the stand-in (set world.oauth.login)");
      const code = `code${ctx.world.id()}`;
      oauth.codes.set(code, oauth.login);
      const to = new URL(redirect);
      to.searchParams.set("code", code);
      to.searchParams.set("state", ctx.query.get("state") ?? "");
      return { status: 302, headers: { location: to.toString() } };
    },
  },
  {
    method: "POST",
    pattern: "/login/oauth/access_token",
    handler: (ctx) => {
      const { oauth } = ctx.world;
      const form = formOrJson(ctx.body);
      if (form["client_id"] !== oauth.clientId || form["client_secret"] !== oauth.clientSecret) {
        return { status: 200, body: { error: "incorrect_client_credentials", error_description: "The client_id and/or client_secret passed are incorrect." } };
      }
      const login = oauth.codes.get(form["code"] ?? "");
      if (login === undefined) return { status: 200, body: { error: "bad_verification_code", error_description: "The code passed is incorrect or expired." } };
      oauth.codes.delete(form["code"] ?? "");
      const token = `ghu_standin_${login}_${ctx.world.id()}`;
      ctx.world.tokens.set(token, { kind: "user", user: ctx.world.user(login) });
      return { status: 200, body: { access_token: token, token_type: "bearer", scope: "" } };
    },
  },
  {
    method: "GET",
    pattern: "/user",
    handler: (ctx) => ({ status: 200, body: userJson(userOf(ctx)) }),
  },
  {
    method: "GET",
    pattern: "/user/installations",
    handler: (ctx) => {
      const ids = new Set(reachable(ctx.world, userOf(ctx)).map((repo) => repo.installationId));
      const installations = [...ctx.world.installations.values()].filter((i) => ids.has(i.id)).sort((a, b) => a.id - b.id);
      const { page, headers } = paginate(ctx, installations);
      return {
        status: 200,
        body: { total_count: installations.length, installations: page.map((i) => ({ id: i.id, account: userJson(i.account), app_id: ctx.world.app.id })) },
        headers,
      };
    },
  },
  {
    method: "GET",
    pattern: "/user/installations/:id/repositories",
    handler: (ctx) => {
      const id = intParam(ctx, "id");
      const repos = reachable(ctx.world, userOf(ctx)).filter((repo) => repo.installationId === id);
      if (repos.length === 0) throw new ApiError(404, "Not Found");
      const { page, headers } = paginate(ctx, repos);
      return { status: 200, body: { total_count: repos.length, repositories: page.map((repo) => repoJson(repo, ctx.baseUrl)) }, headers };
    },
  },
];
