/**
 * The board's HTTP front: GET /board, /board/{owner}/{repo}, their JSON (`.json` on the path, or
 * `Accept: application/json`) and the page's assets. A page view reads the store only; it never
 * calls GitHub. Every answer carries a strict Content-Security-Policy; JSON is served as JSON
 * (with nosniff), never as HTML.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "probot";
import { BOARD_CSS, BOARD_ICON, BOARD_JS } from "./assets.js";
import { renderJson } from "./json.js";
import { renderPage } from "./page.js";
import type { BoardStore } from "./store.js";
import type { SignIn } from "./sign-in.js";
import { ANONYMOUS, buildView, parseQuery } from "./view.js";

/** No inline script or style, nothing from elsewhere; the page may only talk to this server. */
export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const DATA_CSP = "default-src 'none'; frame-ancestors 'none'";

const SAFE_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
} as const;

const ASSETS: Record<string, { type: string; body: string }> = {
  "board.css": { type: "text/css; charset=utf-8", body: BOARD_CSS },
  "board.js": { type: "text/javascript; charset=utf-8", body: BOARD_JS },
  "icon.svg": { type: "image/svg+xml", body: BOARD_ICON },
};

/** GitHub's owner and repository names: letters, digits, `-`, `_` and `.`. */
const NAME = /^[A-Za-z0-9_.-]{1,100}$/;

export type BoardRoute =
  | { kind: "board"; scope: { owner: string; repo: string } | null; json: boolean }
  | { kind: "asset"; name: string }
  | { kind: "not-found" };

/** Which board route a path names; null when the path is not the board's. PURE. */
export function routeOf(pathname: string, accept: string | undefined): BoardRoute | null {
  if (pathname !== "/board" && pathname !== "/board.json" && !pathname.startsWith("/board/")) return null;
  const wantsJson = (accept ?? "").split(",")[0]?.trim().startsWith("application/json") ?? false;
  if (pathname === "/board" || pathname === "/board/") return { kind: "board", scope: null, json: wantsJson };
  if (pathname === "/board.json") return { kind: "board", scope: null, json: true };
  const parts = pathname.slice("/board/".length).split("/");
  // `assets` and `auth` are the board's own: a GitHub user or organization of that name has no page here.
  if (parts[0] === "assets" || parts[0] === "auth") {
    return parts.length === 2 && parts[1] !== undefined && parts[0] === "assets" && Object.hasOwn(ASSETS, parts[1]) ? { kind: "asset", name: parts[1] } : { kind: "not-found" };
  }
  if (parts.length === 2 || (parts.length === 3 && parts[2] === "")) {
    const [owner = "", rawRepo = ""] = parts;
    const json = rawRepo.endsWith(".json");
    const repo = json ? rawRepo.slice(0, -".json".length) : rawRepo;
    if (NAME.test(owner) && NAME.test(repo)) return { kind: "board", scope: { owner, repo }, json: json || wantsJson };
  }
  return { kind: "not-found" };
}

export interface BoardServerOptions {
  store: BoardStore;
  log: Logger;
  webUrl: string;
  /** "Sign in with GitHub"; without it every viewer is anonymous and private repositories are never shown. */
  signIn?: SignIn | null;
  now?: () => number;
}

/** A handler for Probot's `addHandler`: answers the board's paths, leaves every other one alone. */
export function boardHandler(options: BoardServerOptions): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const now = options.now ?? Date.now;
  return async (req, res) => {
    const url = new URL(req.url ?? "/", "http://board.invalid");
    const signIn = options.signIn ?? null;
    if (url.pathname.startsWith("/board/auth/") && signIn !== null && (await signIn.handle(req, res, url.pathname, url.searchParams))) return true;
    const route = routeOf(url.pathname, req.headers.accept);
    if (route === null) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      send(res, req, 405, "text/plain; charset=utf-8", "Only GET and HEAD are answered here.\n", { allow: "GET, HEAD" });
      return true;
    }
    if (route.kind === "not-found") {
      send(res, req, 404, "text/plain; charset=utf-8", "No such board page.\n");
      return true;
    }
    if (route.kind === "asset") {
      const asset = ASSETS[route.name];
      if (asset) send(res, req, 200, asset.type, asset.body, { "cache-control": "public, max-age=300" });
      return true;
    }
    const viewer = signIn === null ? ANONYMOUS : await signIn.viewerOf(req);
    let stored;
    let sweep;
    try {
      [stored, sweep] = await Promise.all([options.store.read(route.scope ?? undefined), options.store.sweepStatus()]);
    } catch (error) {
      options.log.error({ err: error, store: options.store.kind }, "story-triage: the board could not read its records");
      const message = "The board's store is not answering; try again in a moment.";
      if (route.json) send(res, req, 503, "application/json; charset=utf-8", JSON.stringify({ error: message }), { "retry-after": "5" });
      else send(res, req, 503, "text/plain; charset=utf-8", `${message}\n`, { "retry-after": "5" });
      return true;
    }
    const at = now();
    const view = buildView({
      records: stored.records,
      unreadable: stored.unreadable,
      query: parseQuery(url.searchParams),
      scope: route.scope,
      viewer,
      signInAvailable: signIn !== null,
      sweep,
      now: at,
    });
    const extra = { vary: "Accept, Cookie", "cache-control": "private, no-store" };
    if (route.json) send(res, req, 200, "application/json; charset=utf-8", renderJson(view, options.webUrl, at), extra);
    else send(res, req, 200, "text/html; charset=utf-8", renderPage(view, { webUrl: options.webUrl, now: at, signIn: signIn === null ? null : { login: viewer.login } }), extra);
    return true;
  };
}

function send(res: ServerResponse, req: IncomingMessage, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  const csp = type.startsWith("text/html") ? PAGE_CSP : DATA_CSP;
  const bytes = Buffer.from(body, "utf8");
  res.writeHead(status, { ...SAFE_HEADERS, "content-security-policy": csp, "content-type": type, "content-length": String(bytes.length), ...headers });
  res.end(req.method === "HEAD" ? undefined : bytes);
}
