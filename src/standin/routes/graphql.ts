/**
 * GitHub's GraphQL endpoint, for the one query shape the app sends: several files' text in one
 * request, as aliased `object(expression: "<ref>:<path>")` fields of aliased `repository` fields,
 * every argument a `String!` variable. Any other query is answered as GitHub answers a query it
 * cannot run: HTTP 200 with `errors`. Under GitHub Enterprise the endpoint is `/api/graphql`.
 */
import { ApiError, type Route, type RouteContext } from "../http.js";
import type { Repo } from "../state.js";

const REPOSITORY = /(\w+): repository\(owner: \$(\w+), name: \$(\w+)\) \{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}/g;
const OBJECT = /(\w+): object\(expression: \$(\w+)\) \{ \.\.\. on Blob \{ text isBinary isTruncated \} \}/g;
/** GitHub gives a blob's text whole up to about this size, and marks bigger ones truncated. */
const TEXT_LIMIT = 512 * 1024;

function answer(ctx: RouteContext): { status: number; body: unknown } {
  const body = ctx.body;
  if (typeof body !== "object" || body === null || !("query" in body) || typeof body.query !== "string") throw new ApiError(400, "Problems parsing JSON");
  const variables: Record<string, unknown> = "variables" in body && typeof body.variables === "object" && body.variables !== null ? (body.variables as Record<string, unknown>) : {};
  const text = (name: string) => (typeof variables[name] === "string" ? (variables[name] as string) : null);
  const data: Record<string, unknown> = {};
  let fields = 0;
  for (const [, alias, ownerVar, nameVar, inner] of body.query.matchAll(REPOSITORY)) {
    const repo = visibleRepo(ctx, text(ownerVar!), text(nameVar!));
    const objects: Record<string, unknown> = {};
    for (const [, field, expressionVar] of inner!.matchAll(OBJECT)) {
      fields++;
      objects[field!] = repo ? blob(repo, text(expressionVar!)) : null;
    }
    data[alias!] = repo ? objects : null;
  }
  if (fields === 0) return { status: 200, body: { errors: [{ message: "the stand-in answers only queries reading blobs with object(expression: $e) { ... on Blob { text isBinary isTruncated } }" }] } };
  return { status: 200, body: { data } };
}

function visibleRepo(ctx: RouteContext, owner: string | null, name: string | null): Repo | null {
  const repo = owner !== null && name !== null ? ctx.world.repo(owner, name) : undefined;
  const auth = ctx.auth;
  if (!repo || (auth.kind !== "installation" && auth.kind !== "user")) return null;
  if (auth.kind === "installation" && auth.installationId !== repo.installationId) return null;
  return repo;
}

function blob(repo: Repo, expression: string | null): Record<string, unknown> | null {
  const colon = expression?.indexOf(":") ?? -1;
  if (expression === null || colon === -1) return null;
  const sha = repo.resolveRef(expression.slice(0, colon));
  const bytes = sha === null ? undefined : repo.commits.get(sha)?.get(expression.slice(colon + 1));
  if (bytes === undefined) return null;
  if (bytes.subarray(0, 8000).includes(0)) return { text: null, isBinary: true, isTruncated: false };
  const truncated = bytes.length > TEXT_LIMIT;
  return { text: new TextDecoder().decode(truncated ? bytes.subarray(0, TEXT_LIMIT) : bytes), isBinary: false, isTruncated: truncated };
}

export const graphqlRoutes: Route[] = [
  { method: "POST", pattern: "/graphql", handler: answer },
  { method: "POST", pattern: "/api/graphql", handler: answer },
];
