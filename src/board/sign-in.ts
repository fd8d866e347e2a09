/**
 * "Sign in with GitHub" for the board, with the app's own OAuth client (a GitHub App's
 * user-to-server token): the viewer then sees the private repositories of the app's
 * installations they can access, and no other.
 *
 * - GET /board/auth/sign-in: a random `state`, kept in a signed cookie (10 minutes), and a
 *   redirect to GitHub's authorize page.
 * - GET /board/auth/callback: the `state` must match the cookie's (a forged one is refused) and
 *   must not have been used before (a replayed one is refused); the code is exchanged for a
 *   token, which lists the viewer's login, installations and their repositories; the token is
 *   then dropped. The session (login and repository names) lives in the board's store for 8
 *   hours, its id in a signed cookie.
 * - POST /board/auth/sign-out: the session is deleted and the cookie cleared.
 *
 * Cookies are signed (HMAC-SHA256), HttpOnly, SameSite=Lax, and Secure when the board's address
 * is https.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "probot";
import type { SignInSettings } from "../app/queue/settings.js";
import { repoKey } from "./record.js";
import type { BoardStore, Session } from "./store.js";
import { ANONYMOUS, type Viewer } from "./view.js";

export const STATE_COOKIE = "story_triage_oauth_state";
export const SESSION_COOKIE = "story_triage_session";
const STATE_TTL_MS = 10 * 60_000;
const SESSION_TTL_MS = 8 * 3_600_000;
/** Repositories one session lists, at most (100 a page). */
const MAX_REPOS = 5000;

export function signValue(secret: string, value: string): string {
  return `${value}.${createHmac("sha256", secret).update(value).digest("base64url")}`;
}

/** The value of a signed cookie value, or null when its signature does not match. */
export function verifyValue(secret: string, signed: string): string | null {
  const dot = signed.lastIndexOf(".");
  if (dot <= 0) return null;
  const value = signed.slice(0, dot);
  const expected = Buffer.from(signValue(secret, value));
  const given = Buffer.from(signed);
  return expected.length === given.length && timingSafeEqual(expected, given) ? value : null;
}

export function cookieHeader(name: string, value: string, options: { path: string; maxAgeS: number; secure: boolean }): string {
  return [`${name}=${value}`, `Path=${options.path}`, `Max-Age=${options.maxAgeS}`, "HttpOnly", "SameSite=Lax", ...(options.secure ? ["Secure"] : [])].join("; ");
}

export function cookiesOf(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

export interface SignInOptions {
  settings: SignInSettings;
  /** Where GitHub's web pages are (its authorize and token endpoints). */
  webUrl: string;
  store: BoardStore;
  log: Logger;
}

export class SignIn {
  readonly #o: SignInOptions;
  readonly #secure: boolean;

  constructor(options: SignInOptions) {
    this.#o = options;
    this.#secure = options.settings.publicUrl.startsWith("https://");
  }

  /** The viewer of a request: anonymous unless its session cookie is valid and the session alive. */
  async viewerOf(req: IncomingMessage): Promise<Viewer> {
    const raw = cookiesOf(req).get(SESSION_COOKIE);
    const id = raw === undefined ? null : verifyValue(this.#o.settings.sessionSecret, raw);
    if (id === null) return ANONYMOUS;
    const session = await this.#o.store.getSession(id);
    if (session === null) return ANONYMOUS;
    const repos = new Set(session.repos);
    return { login: session.login, canSee: (repo) => repos.has(repoKey(repo.owner, repo.repo)) };
  }

  /** Answers /board/auth/*; false for any other path. */
  async handle(req: IncomingMessage, res: ServerResponse, pathname: string, query: URLSearchParams): Promise<boolean> {
    if (pathname === "/board/auth/sign-in" && req.method === "GET") return this.#start(res);
    if (pathname === "/board/auth/callback" && req.method === "GET") return this.#callback(req, res, query);
    if (pathname === "/board/auth/sign-out" && req.method === "POST") return this.#signOut(req, res);
    return false;
  }

  #cookie(name: string, value: string, path: string, maxAgeS: number): string {
    return cookieHeader(name, value, { path, maxAgeS, secure: this.#secure });
  }

  #start(res: ServerResponse): boolean {
    const { settings } = this.#o;
    const state = randomBytes(32).toString("base64url");
    const authorize = new URL(`${this.#o.webUrl}/login/oauth/authorize`);
    authorize.searchParams.set("client_id", settings.clientId);
    authorize.searchParams.set("redirect_uri", `${settings.publicUrl}/board/auth/callback`);
    authorize.searchParams.set("state", state);
    res.writeHead(302, {
      location: authorize.toString(),
      "set-cookie": this.#cookie(STATE_COOKIE, signValue(settings.sessionSecret, state), "/board/auth", STATE_TTL_MS / 1000),
      "cache-control": "no-store",
    });
    res.end();
    return true;
  }

  async #callback(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<boolean> {
    const { settings, store } = this.#o;
    const given = query.get("state") ?? "";
    const cookie = cookiesOf(req).get(STATE_COOKIE);
    const expected = cookie === undefined ? null : verifyValue(settings.sessionSecret, cookie);
    const matches = expected !== null && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
    if (!matches) return refuse(res, 400, "Sign-in refused: the sign-in state does not match this browser's. Start again from “Sign in with GitHub”.");
    if (!(await store.useState(given, STATE_TTL_MS))) return refuse(res, 400, "Sign-in refused: this sign-in was already used. Start again from “Sign in with GitHub”.");
    const code = query.get("code");
    if (code === null || code === "") return refuse(res, 400, "Sign-in refused: GitHub sent no code.");
    let session: Session;
    try {
      session = await this.#sessionFor(code);
    } catch (error) {
      this.#o.log.warn({ err: error instanceof SignInError ? error.message : error }, "story-triage: board sign-in failed");
      return refuse(res, 502, "GitHub did not complete the sign-in; try again.");
    }
    const id = randomBytes(32).toString("base64url");
    await store.putSession(id, session, SESSION_TTL_MS);
    this.#o.log.info({ login: session.login, repositories: session.repos.length }, "story-triage: signed in to the board");
    res.writeHead(303, {
      location: "/board",
      "set-cookie": [this.#cookie(SESSION_COOKIE, signValue(settings.sessionSecret, id), "/board", SESSION_TTL_MS / 1000), this.#cookie(STATE_COOKIE, "", "/board/auth", 0)],
      "cache-control": "no-store",
    });
    res.end();
    return true;
  }

  async #signOut(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const raw = cookiesOf(req).get(SESSION_COOKIE);
    const id = raw === undefined ? null : verifyValue(this.#o.settings.sessionSecret, raw);
    if (id !== null) await this.#o.store.deleteSession(id);
    res.writeHead(303, { location: "/board", "set-cookie": this.#cookie(SESSION_COOKIE, "", "/board", 0), "cache-control": "no-store" });
    res.end();
    return true;
  }

  /** Exchanges the code, reads who signed in and what their installations let them see; drops the token. */
  async #sessionFor(code: string): Promise<Session> {
    const { settings } = this.#o;
    const exchanged = await fetchJson(`${this.#o.webUrl}/login/oauth/access_token`, {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/json" },
      body: JSON.stringify({ client_id: settings.clientId, client_secret: settings.clientSecret, code, redirect_uri: `${settings.publicUrl}/board/auth/callback` }),
    });
    const token = isObject(exchanged) ? exchanged["access_token"] : undefined;
    if (typeof token !== "string") throw new SignInError(`the code exchange gave no token (${isObject(exchanged) ? String(exchanged["error"]) : "no answer"})`);
    const headers = { accept: "application/vnd.github+json", authorization: `Bearer ${token}` };
    const user = await fetchJson(`${settings.apiUrl}/user`, { headers });
    const login = isObject(user) ? user["login"] : undefined;
    if (typeof login !== "string") throw new SignInError("GET /user gave no login");
    const repos: string[] = [];
    const installations = await pages(`${settings.apiUrl}/user/installations`, headers, "installations");
    for (const installation of installations) {
      if (!isObject(installation) || typeof installation["id"] !== "number") continue;
      for (const repo of await pages(`${settings.apiUrl}/user/installations/${installation["id"]}/repositories`, headers, "repositories")) {
        if (isObject(repo) && typeof repo["full_name"] === "string" && repos.length < MAX_REPOS) repos.push(repo["full_name"].toLowerCase());
      }
    }
    return { login, repos };
  }
}

class SignInError extends Error {}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

async function fetchJson(url: string, init: RequestInit): Promise<unknown> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new SignInError(`${init.method ?? "GET"} ${new URL(url).pathname} answered ${response.status}`);
  return response.json();
}

/** Every item of a paginated listing whose items are under `key`, up to MAX_REPOS. */
async function pages(url: string, headers: Record<string, string>, key: string): Promise<unknown[]> {
  const items: unknown[] = [];
  for (let page = 1; items.length < MAX_REPOS; page += 1) {
    const data = await fetchJson(`${url}?per_page=100&page=${page}`, { headers });
    const list = isObject(data) && Array.isArray(data[key]) ? data[key] : [];
    items.push(...list);
    if (list.length < 100) break;
  }
  return items;
}

function refuse(res: ServerResponse, status: number, message: string): boolean {
  res.writeHead(status, {
    "content-type": "text/plain; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  });
  res.end(`${message}\n`);
  return true;
}
