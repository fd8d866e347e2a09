/** The stand-in's small HTTP toolkit: a route table, GitHub-shaped errors and pagination. */
import type { World, Repo, User } from "./state.js";
import type { WebhookEvent } from "./webhooks.js";

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as is (raw file contents) instead of JSON. */
  raw?: Uint8Array;
  /** The webhooks GitHub would send because of this change (delivered only when forwarding is on). */
  emit?: WebhookEvent[];
}

export interface RouteContext {
  world: World;
  method: string;
  /** Path below the API prefix, e.g. `/repos/o/r/pulls/1`. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: unknown;
  /** What the Authorization header carries. */
  auth: Auth;
  /** The absolute URL prefix of the API, for Link headers and `url` fields. */
  baseUrl: string;
}

/**
 * `jwt`: a `Bearer` JSON web token (the app itself); `installation`: a token from
 * POST /app/installations/{id}/access_tokens, acting as the app's bot, or a workflow's
 * GITHUB_TOKEN (`workflow`), acting as `github-actions[bot]`; `user`: a person's token made by a
 * test; `bad`: a token the stand-in never issued.
 */
export type Auth =
  | { kind: "none" }
  | { kind: "bad" }
  | { kind: "jwt" }
  | { kind: "installation"; installationId: number; actor: User; workflow?: { readOnly: boolean } }
  | { kind: "user"; actor: User };

export type Handler = (ctx: RouteContext) => Reply | Promise<Reply>;

export interface Route {
  method: string;
  pattern: string;
  handler: Handler;
}

/** The payload builders' view of a request: the stand-in's state and API URL. */
export function hubOf(ctx: RouteContext): { world: World; apiUrl: string } {
  return { world: ctx.world, apiUrl: ctx.baseUrl };
}

/** A failure that becomes GitHub's error answer (`message`, optional `errors`, `documentation_url`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: unknown[],
  ) {
    super(message);
  }

  toBody(): Record<string, unknown> {
    return {
      message: this.message,
      ...(this.errors ? { errors: this.errors } : {}),
      documentation_url: "https://docs.github.com/rest",
      status: String(this.status),
    };
  }
}

export const notFound = (): ApiError => new ApiError(404, "Not Found");

export function unprocessable(...errors: unknown[]): ApiError {
  return new ApiError(422, "Validation Failed", errors);
}

/** Compiles `/repos/:owner/:repo/contents/*path` into a matcher returning decoded params. */
export function compile(pattern: string): (path: string) => Record<string, string> | null {
  const names: string[] = [];
  const source = pattern
    .split("/")
    .map((part) => {
      if (part.startsWith(":")) {
        names.push(part.slice(1));
        return "([^/]+)";
      }
      if (part.startsWith("*")) {
        names.push(part.slice(1));
        return "(.+)";
      }
      return part.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  const regex = new RegExp(`^${source}$`);
  return (path) => {
    const match = regex.exec(path);
    if (!match) return null;
    const params: Record<string, string> = {};
    names.forEach((name, index) => {
      params[name] = decodeURIComponent(match[index + 1] ?? "");
    });
    return params;
  };
}

/** Reads `per_page` (default 30, at most 100) and `page` (from 1) and slices like GitHub, with a Link header. */
export function paginate<T>(ctx: RouteContext, items: T[]): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(ctx.query.get("per_page") ?? "30") || 30));
  const page = Math.max(1, Number(ctx.query.get("page") ?? "1") || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const link = (n: number, rel: string): string => {
    const query = new URLSearchParams(ctx.query);
    query.set("per_page", String(perPage));
    query.set("page", String(n));
    return `<${ctx.baseUrl}${ctx.path}?${query.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, "prev"));
  if (page < last) links.push(link(page + 1, "next"), link(last, "last"));
  if (page > 1) links.push(link(1, "first"));
  return { page: slice, headers: links.length > 0 ? { link: links.join(", ") } : {} };
}

function authFailure(auth: Auth): ApiError {
  if (auth.kind === "bad") return new ApiError(401, "Bad credentials");
  if (auth.kind === "jwt") return new ApiError(401, "This endpoint takes an installation token, not the app's JSON web token");
  return new ApiError(401, "Requires authentication");
}

/** Endpoints under /app and /repos/{o}/{r}/installation take the app's JWT (any is accepted). */
export function requireJwt(ctx: RouteContext): void {
  if (ctx.auth.kind !== "jwt") {
    throw new ApiError(401, "A JSON web token could not be decoded: this endpoint takes the app's JWT as a Bearer token");
  }
}

/**
 * The repository named by `:owner/:repo`, for a caller holding an installation token of that
 * repository's installation or a person's token; 404 (as GitHub answers for a repository you
 * cannot see) for another installation's token.
 */
export function repoOf(ctx: RouteContext): Repo {
  const repo = ctx.world.repo(ctx.params.owner ?? "", ctx.params.repo ?? "");
  const auth = ctx.auth;
  if (auth.kind !== "installation" && auth.kind !== "user") throw authFailure(auth);
  if (!repo) throw notFound();
  if (auth.kind === "installation" && auth.installationId !== repo.installationId) throw notFound();
  return repo;
}

/** Who acts: the app's bot for an installation token, or the person. */
export function actorOf(ctx: RouteContext): User {
  const auth = ctx.auth;
  if (auth.kind !== "installation" && auth.kind !== "user") throw authFailure(auth);
  return auth.actor;
}

export function intParam(ctx: RouteContext, name: string): number {
  const value = ctx.params[name] ?? "";
  if (!/^\d+$/.test(value)) throw notFound();
  return Number(value);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The JSON body as an object; 400 "Problems parsing JSON" otherwise, like GitHub. */
export function bodyObject(ctx: RouteContext): Record<string, unknown> {
  if (!isRecord(ctx.body)) throw new ApiError(400, "Problems parsing JSON");
  return ctx.body;
}

export function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw unprocessable({ resource: "", field: key, code: "invalid", message: `${key} must be a string` });
  return value;
}

export function requiredString(body: Record<string, unknown>, key: string, resource: string): string {
  const value = optionalString(body, key);
  if (value === undefined) throw unprocessable({ resource, field: key, code: "missing_field" });
  return value;
}

/** GitHub's cap on issue comments, review bodies and review comments. */
export const MAX_BODY = 65536;

export function checkBodyLength(body: string, resource: string): void {
  if (body.length > MAX_BODY) {
    throw unprocessable({ resource, field: "body", code: "custom", message: `body is too long (maximum is ${MAX_BODY} characters)` });
  }
}
