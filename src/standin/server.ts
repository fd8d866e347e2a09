/**
 * A GitHub stand-in: a real HTTP server on 127.0.0.1 that answers the REST endpoints a Probot
 * app uses (under the GHE prefix `/api/v3`), keeps their state in memory, records every request,
 * and lets a test inject faults. Point an app at it with GHE_HOST=<host> GHE_PROTOCOL=http.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApiError, compile, type Auth, type Reply, type Route, type RouteContext } from "./http.js";
import { checkRoutes } from "./routes/checks.js";
import { addIssueComment, commentRoutes } from "./routes/comments.js";
import { addIssueLabels, createLabel, labelRoutes, removeIssueLabel } from "./routes/labels.js";
import { graphqlRoutes } from "./routes/graphql.js";
import { issueRoutes } from "./routes/issues.js";
import { listingRoutes } from "./routes/listings.js";
import { oauthRoutes } from "./routes/oauth.js";
import { repoRoutes } from "./routes/repos.js";
import { reviewRoutes } from "./routes/reviews.js";
import { timelineRoutes } from "./routes/timeline.js";
import { Repo, World, type Issue, type IssueComment, type Label, type Permission, type PullFile, type PullRequest } from "./state.js";
import { deliverWebhook, type WebhookEvent } from "./webhooks.js";

export const API_PREFIX = "/api/v3";

export interface RecordedRequest {
  seq: number;
  method: string;
  /** Below the API prefix, percent-decoded: `/repos/o/r/issues/1/labels/needs-faq`. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  /** The login that acted (the app's bot or a person), or null for JWT and anonymous calls. */
  actor: string | null;
  /** True when no route of the stand-in answers this method and path. */
  unmatched: boolean;
  /** Set when a fault hook answered or delayed the request. */
  fault?: "status" | "delay" | "drop";
  /** True when the request was carried out although its answer was replaced or dropped (`landed`). */
  landed?: boolean;
}

/** What a fault hook sees of a request. */
export interface FaultRequest {
  seq: number;
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  actor: string | null;
}

/**
 * A fault hook's verdict: wait `delayMs`, then drop the connection (`drop`), answer with
 * `status` (and `body`, `headers`), or carry on normally when neither is set. With `landed`,
 * the request is carried out first and only its answer is replaced or dropped: GitHub did the
 * write, but the app never heard so (what a 502 from a proxy or a reset connection can mean).
 */
export interface FaultAction {
  delayMs?: number;
  drop?: boolean;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  landed?: boolean;
}

/** Where the stand-in sends the webhooks the app's own writes cause, as GitHub does. */
export interface WebhookTarget {
  url: string;
  secret: string;
  /** The events the app subscribes to (app.yml's default_events); others are not sent. */
  events: string[];
}

/** One webhook the stand-in sent because of a write. */
export interface SentWebhook {
  event: string;
  action: string;
  /** The write that caused it (`seq` of the recorded request). */
  cause: number;
  status: number;
}

export type FaultHook = (request: FaultRequest) => FaultAction | undefined | Promise<FaultAction | undefined>;

export interface StandinOptions {
  app?: { id?: number; slug?: string; name?: string };
  fault?: FaultHook;
  /** Receives one line per request (method, path, status); off by default. */
  log?: (line: string) => void;
  /**
   * Answers every request this many milliseconds after its body arrived, before the fault hook
   * runs, like a GitHub that is far away (the load benchmark's 50 ms); 0 by default.
   */
  latencyMs?: number;
  /** Called as each request is answered (or dropped), with its record; for timing it. */
  onAnswered?: (request: RecordedRequest) => void;
}

export interface RepoSpec {
  owner: string;
  name: string;
  defaultBranch?: string;
  installationId?: number;
  /** A private repository (public by default). */
  private?: boolean;
}

export interface PullSpec {
  number: number;
  title?: string;
  body?: string | null;
  draft?: boolean;
  author?: string;
  headRef?: string;
  headSha: string;
  baseRef?: string;
  baseSha: string;
  files: PullFile[];
  /** A fork holding the head commit (add its commit there); the base repository when absent. */
  headRepo?: Repo;
}

/** What a pull request looks like to a test after the app ran: every write the app could make. */
export interface PullSnapshot {
  labels: string[];
  events: Array<{ event: string; label: string; actor: string }>;
  reviews: Array<{
    id: number;
    user: string;
    state: string;
    body: string;
    commitId: string;
    /** Why it was dismissed, when it was. */
    dismissalMessage: string | null;
    /** `inReplyToId`: the id of the first comment of the thread a reply answers, else null. */
    comments: Array<{ path: string; line: number | null; side: string; startLine: number | null; body: string; inReplyToId: number | null }>;
  }>;
  checkRuns: Array<{
    id: number;
    name: string;
    headSha: string;
    status: string;
    conclusion: string | null;
    title: string | null;
    summary: string | null;
    text: string | null;
    annotations: Array<{ path: string; startLine: number; endLine: number; level: string; message: string; title?: string }>;
  }>;
  issueComments: Array<{ id: number; user: string; body: string; reactions: string[] }>;
}

const ROUTES: Array<Route & { match: (path: string) => Record<string, string> | null }> = [
  ...repoRoutes,
  ...graphqlRoutes,
  ...labelRoutes,
  ...reviewRoutes,
  ...checkRoutes,
  ...commentRoutes,
  ...timelineRoutes,
  ...listingRoutes,
  ...issueRoutes,
  ...oauthRoutes,
].map((route) => ({ ...route, match: compile(route.pattern) }));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/**
 * GitHub's conditional requests: a GET answer carries an ETag of its body, and a request whose
 * If-None-Match names it gets 304 and no body (which costs no rate limit on GitHub).
 */
function withEtag(reply: Reply, ifNoneMatch: string | undefined): Reply {
  const etag = `W/"${createHash("sha1").update(JSON.stringify(reply.body)).digest("hex")}"`;
  if (ifNoneMatch !== undefined && ifNoneMatch.split(",").some((tag) => tag.trim() === etag)) {
    return { status: 304, headers: { ...reply.headers, etag } };
  }
  return { ...reply, headers: { ...reply.headers, etag } };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class Standin {
  readonly world: World;
  readonly requests: RecordedRequest[] = [];
  /** Webhooks sent to the forwarding target, in order. */
  readonly sent: SentWebhook[] = [];
  /** Every app JWT presented to the stand-in (Bearer tokens of three parts), for tests that look for leaks. */
  readonly jwtsSeen = new Set<string>();
  private fault: FaultHook | undefined;
  private readonly latencyMs: number;
  private target: WebhookTarget | undefined;
  private outbox: Promise<void> = Promise.resolve();
  private pendingWebhooks = 0;
  private inFlight = 0;
  private lastActivity = Date.now();
  private seq = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    options: StandinOptions,
  ) {
    const slug = options.app?.slug ?? "story-triage";
    this.world = new World({
      id: options.app?.id ?? 4242,
      slug,
      name: options.app?.name ?? slug,
      bot: { login: `${slug}[bot]`, id: 4_000_000 + (options.app?.id ?? 4242), type: "Bot" },
    });
    this.fault = options.fault;
    this.latencyMs = options.latencyMs ?? 0;
    server.on("request", (req: IncomingMessage, res: ServerResponse) => {
      void this.handle(req, res, options.log, options.onAnswered);
    });
  }

  /** Starts a stand-in on 127.0.0.1 and a free port. */
  static async start(options: StandinOptions = {}): Promise<Standin> {
    const latency = options.latencyMs ?? 0;
    if (!Number.isFinite(latency) || latency < 0) throw new Error(`latencyMs must be a number of milliseconds, 0 or more; got ${String(options.latencyMs)}`);
    const server = createServer();
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return new Standin(server, port, options);
  }

  /** `127.0.0.1:<port>`: the value for GHE_HOST. */
  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** The REST API base URL an Octokit takes as `baseUrl`. */
  get apiUrl(): string {
    return `http://${this.host}${API_PREFIX}`;
  }

  get botLogin(): string {
    return this.world.app.bot.login;
  }

  /** The installation tokens the stand-in has handed out so far. */
  installationTokens(): string[] {
    return [...this.world.tokens].flatMap(([token, owner]) => (owner.kind === "installation" ? [token] : []));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /**
   * From now on, deliver to `target` the webhooks GitHub would send after each successful write
   * (issue_comment.created after a comment, pull_request.labeled after a label, check_run.created,
   * pull_request_review.submitted...), one at a time, signed, after the write is answered. This
   * is how a test sees that the app ignores the echoes of its own work. Undefined turns it off.
   */
  forwardWebhooks(target: WebhookTarget | undefined): void {
    this.target = target;
  }

  /** Replaces the fault hook (undefined removes it). */
  setFault(hook: FaultHook | undefined): void {
    this.fault = hook;
  }

  // ---- seeding --------------------------------------------------------------------------

  addRepo(spec: RepoSpec): Repo {
    const installationId = spec.installationId ?? 77;
    const owner = this.world.user(spec.owner);
    const repo = new Repo(this.world.id(), owner, spec.name, spec.defaultBranch ?? "main", installationId);
    repo.isPrivate = spec.private ?? false;
    this.world.repos.set(repo.fullName.toLowerCase(), repo);
    if (!this.world.installations.has(installationId)) this.world.installations.set(installationId, { id: installationId, account: owner });
    return repo;
  }

  /** Stores a commit's whole tree (path → text or bytes). */
  addCommit(repo: Repo, sha: string, files: Record<string, string | Uint8Array>): void {
    const tree = new Map<string, Uint8Array>();
    for (const [path, content] of Object.entries(files)) tree.set(path, typeof content === "string" ? Buffer.from(content, "utf8") : content);
    repo.commits.set(sha, tree);
  }

  setBranch(repo: Repo, branch: string, sha: string): void {
    repo.branches.set(branch, sha);
  }

  addPull(repo: Repo, spec: PullSpec): PullRequest {
    if (repo.issues.has(spec.number)) throw new Error(`#${spec.number} of ${repo.fullName} is an issue already`);
    const pull: PullRequest = {
      number: spec.number,
      title: spec.title ?? `Pull request #${spec.number}`,
      body: spec.body ?? null,
      state: "open",
      draft: spec.draft ?? false,
      user: this.world.user(spec.author ?? "story-author"),
      headRef: spec.headRef ?? `story-${spec.number}`,
      headSha: spec.headSha,
      baseRef: spec.baseRef ?? repo.defaultBranch,
      baseSha: spec.baseSha,
      heads: [spec.headSha],
      files: spec.files,
      createdAt: this.world.now(),
      updatedAt: "",
      closedAt: null,
      mergedAt: null,
      ...(spec.headRepo ? { headRepo: spec.headRepo } : {}),
    };
    pull.updatedAt = pull.createdAt;
    repo.pulls.set(pull.number, pull);
    if (!repo.branches.has(pull.headRef)) repo.branches.set(pull.headRef, pull.headSha);
    return pull;
  }

  /** Opens an issue as `author` (a person, or a bot such as `github-actions[bot]`) with `labels`. */
  addIssue(repo: Repo, spec: { title: string; body?: string | null; author: string; labels?: string[]; state?: "open" | "closed" }): Issue {
    const at = this.world.now();
    const user = this.world.user(spec.author);
    const issue: Issue = { number: repo.nextNumber(), title: spec.title, body: spec.body ?? null, state: spec.state ?? "open", user, createdAt: at, updatedAt: at, closedAt: spec.state === "closed" ? at : null };
    repo.issues.set(issue.number, issue);
    addIssueLabels(this.world, repo, issue.number, spec.labels ?? [], user);
    return issue;
  }

  /** Creates a repository label (for tests that start with labels in place). */
  addLabel(repo: Repo, name: string, color?: string, description?: string): Label {
    return createLabel(this.world, repo, name, color, description ?? null);
  }

  setPermission(repo: Repo, login: string, permission: Permission): void {
    repo.collaborators.set(login.toLowerCase(), permission);
  }

  /** A token that acts as `login` (a person), for tests that call the API as someone else. */
  userToken(login: string): string {
    const token = `ghp_standin_${login}_${this.world.id()}`;
    this.world.tokens.set(token, { kind: "user", user: this.world.user(login) });
    return token;
  }

  /**
   * A workflow's GITHUB_TOKEN for one repository: it writes as `github-actions[bot]` (the GitHub
   * Actions app), GET /app refuses it, and a read-only one (a pull request from a fork under
   * `pull_request`) is refused every write with 403 "Resource not accessible by integration".
   */
  workflowToken(repo: Repo, options: { readOnly?: boolean } = {}): string {
    const token = `ghs_standinworkflow${this.world.id()}`;
    this.world.tokens.set(token, { kind: "workflow", repo: repo.fullName.toLowerCase(), readOnly: options.readOnly ?? false });
    return token;
  }

  /** An installation token of the stand-in's app (what actions/create-github-app-token hands a workflow). */
  installationToken(installationId: number): string {
    const token = `ghs_standin${installationId}x${this.world.id()}`;
    this.world.tokens.set(token, { kind: "installation", installationId });
    return token;
  }

  /** A person adds a label (recorded as a `labeled` event by that person). */
  labelAs(login: string, repo: Repo, issue: number, name: string): void {
    addIssueLabels(this.world, repo, issue, [name], this.world.user(login));
  }

  /** A person removes a label. */
  unlabelAs(login: string, repo: Repo, issue: number, name: string): boolean {
    return removeIssueLabel(this.world, repo, issue, name, this.world.user(login));
  }

  /** A person comments on a pull request. */
  commentAs(login: string, repo: Repo, issue: number, body: string): IssueComment {
    return addIssueComment(this.world, repo, issue, body, this.world.user(login));
  }

  /** Moves a pull request's head to a new commit (a push), with its new file list. */
  push(repo: Repo, number: number, headSha: string, files: PullFile[]): PullRequest {
    const pull = repo.pulls.get(number);
    if (!pull) throw new Error(`no pull request #${number} in ${repo.fullName}`);
    pull.headSha = headSha;
    pull.heads.push(headSha);
    pull.files = files;
    pull.updatedAt = this.world.now();
    repo.branches.set(pull.headRef, headSha);
    return pull;
  }

  /**
   * Closes a pull request, merged or not. No webhook is sent: a test delivers pull_request.closed
   * itself (or drops it on purpose).
   */
  closePull(repo: Repo, number: number, merged: boolean): PullRequest {
    const pull = repo.pulls.get(number);
    if (!pull) throw new Error(`no pull request #${number} in ${repo.fullName}`);
    const at = this.world.now();
    pull.state = "closed";
    pull.closedAt = at;
    pull.mergedAt = merged ? at : null;
    pull.updatedAt = at;
    return pull;
  }

  repo(owner: string, name: string): Repo {
    const repo = this.world.repo(owner, name);
    if (!repo) throw new Error(`the stand-in has no repository ${owner}/${name}`);
    return repo;
  }

  // ---- reading back ----------------------------------------------------------------------

  /** Requests that changed something (not GET), in order. */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== "GET" && r.method !== "HEAD");
  }

  /** Requests no route answered: an endpoint the stand-in does not emulate yet. */
  unmatched(): RecordedRequest[] {
    return this.requests.filter((r) => r.unmatched);
  }

  /** Forgets the recorded requests and sent webhooks (state stays). */
  clearRequests(): void {
    this.requests.length = 0;
    this.sent.length = 0;
  }

  snapshot(repo: Repo, number: number): PullSnapshot {
    const pull = repo.pulls.get(number);
    if (!pull) throw new Error(`no pull request #${number} in ${repo.fullName}`);
    return {
      labels: [...repo.labelsOn(number)],
      events: repo.eventsOn(number).map((e) => ({ event: e.event, label: e.label.name, actor: e.actor.login })),
      reviews: repo.reviewsOn(number).map((review) => ({
        id: review.id,
        user: review.user.login,
        state: review.state,
        body: review.body,
        commitId: review.commitId,
        dismissalMessage: review.dismissalMessage ?? null,
        comments: repo
          .reviewCommentsOn(number)
          .filter((c) => c.reviewId === review.id)
          .map((c) => ({ path: c.path, line: c.line, side: c.side, startLine: c.startLine, body: c.body, inReplyToId: c.inReplyToId })),
      })),
      checkRuns: repo.checkRuns
        .filter((run) => pull.heads.includes(run.headSha))
        .map((run) => ({
          id: run.id,
          name: run.name,
          headSha: run.headSha,
          status: run.status,
          conclusion: run.conclusion,
          title: run.output.title,
          summary: run.output.summary,
          text: run.output.text,
          annotations: run.annotations.map((a) => ({
            path: a.path,
            startLine: a.start_line,
            endLine: a.end_line,
            level: a.annotation_level,
            message: a.message,
            ...(a.title !== undefined ? { title: a.title } : {}),
          })),
        })),
      issueComments: repo.issueComments
        .filter((c) => c.issueNumber === number)
        .map((c) => ({ id: c.id, user: c.user.login, body: c.body, reactions: c.reactions.map((r) => `${r.content} by ${r.user.login}`) })),
    };
  }

  /**
   * Resolves once no request is in flight and none arrived for `quietMs`, counted from this call
   * at the earliest (a quiet spell before the call does not count: an app that queues its work
   * may not have started yet); rejects after `timeoutMs`. A way to wait for an app that answers
   * its webhook before it finishes.
   */
  async whenQuiet(quietMs = 400, timeoutMs = 20000): Promise<void> {
    const called = Date.now();
    const deadline = called + timeoutMs;
    for (;;) {
      const quietSince = Math.max(this.lastActivity, called);
      if (this.inFlight === 0 && this.pendingWebhooks === 0 && Date.now() - quietSince >= quietMs) return;
      if (Date.now() > deadline) {
        throw new Error(`the stand-in did not go quiet within ${timeoutMs} ms (${this.inFlight} requests in flight, ${this.pendingWebhooks} webhooks to send)`);
      }
      await sleep(Math.min(50, quietMs));
    }
  }

  // ---- serving ---------------------------------------------------------------------------

  private authOf(header: string | undefined): Auth {
    if (!header) return { kind: "none" };
    const [scheme = "", token = ""] = header.trim().split(/\s+/, 2);
    const known = this.world.tokens.get(token);
    if (known?.kind === "installation") return { kind: "installation", installationId: known.installationId, actor: this.world.app.bot };
    if (known?.kind === "workflow") {
      const repo = this.world.repos.get(known.repo);
      // A workflow token reaches only its own repository: another's installation id never matches.
      return { kind: "installation", installationId: repo?.installationId ?? -1, actor: this.world.actionsApp.bot, workflow: { readOnly: known.readOnly } };
    }
    if (known?.kind === "user") return { kind: "user", actor: known.user };
    if (scheme.toLowerCase() === "bearer" && token.split(".").length === 3) {
      this.jwtsSeen.add(token);
      return { kind: "jwt" };
    }
    return { kind: "bad" };
  }

  private async handle(req: IncomingMessage, res: ServerResponse, log: StandinOptions["log"], onAnswered: StandinOptions["onAnswered"]): Promise<void> {
    this.inFlight += 1;
    this.lastActivity = Date.now();
    const seq = ++this.seq;
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", `http://${this.host}`);
    const prefixed = url.pathname.startsWith(`${API_PREFIX}/`);
    const rawPath = prefixed ? url.pathname.slice(API_PREFIX.length) : url.pathname;
    let decodedPath = rawPath;
    try {
      decodedPath = decodeURIComponent(rawPath);
    } catch {
      // keep it raw
    }
    const auth = this.authOf(req.headers.authorization);
    const actor = auth.kind === "installation" || auth.kind === "user" ? auth.actor.login : null;
    const record: RecordedRequest = {
      seq,
      method,
      path: decodedPath,
      query: Object.fromEntries(url.searchParams),
      body: undefined,
      status: 0,
      actor,
      unmatched: false,
    };
    this.requests.push(record);
    try {
      const text = await readBody(req);
      let body: unknown = undefined;
      let badJson = false;
      if (text !== "") {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
          badJson = true;
        }
      }
      record.body = body;
      if (this.latencyMs > 0) await sleep(this.latencyMs);
      let afterwards: FaultAction | undefined;
      if (this.fault) {
        const action = await this.fault({ seq, method, path: decodedPath, query: url.searchParams, body, actor });
        if (action?.delayMs) {
          record.fault = "delay";
          await sleep(action.delayMs);
        }
        if (action?.landed && (action.drop || action.status !== undefined)) {
          afterwards = action;
        } else if (action?.drop) {
          record.fault = "drop";
          record.status = -1;
          req.socket.destroy();
          return;
        } else if (action?.status !== undefined) {
          record.fault = "status";
          this.send(res, record, { status: action.status, body: action.body ?? { message: "Injected fault" }, ...(action.headers ? { headers: action.headers } : {}) });
          return;
        }
      }
      let reply: Reply | null = null;
      if (badJson) reply = { status: 400, body: new ApiError(400, "Problems parsing JSON").toBody() };
      // A read-only workflow token reads (GraphQL queries too) and writes nothing.
      const readOnly = auth.kind === "installation" && auth.workflow?.readOnly === true;
      if (!reply && readOnly && method !== "GET" && method !== "HEAD" && decodedPath !== "/graphql") {
        reply = { status: 403, body: new ApiError(403, "Resource not accessible by integration").toBody() };
      }
      for (const route of ROUTES) {
        if (reply) break;
        if (route.method !== method) continue;
        const params = route.match(rawPath);
        if (!params) continue;
        const ctx: RouteContext = {
          world: this.world,
          method,
          path: rawPath,
          params,
          query: url.searchParams,
          headers: { accept: req.headers.accept, "content-type": req.headers["content-type"] },
          body,
          auth,
          baseUrl: `http://${this.host}${prefixed ? API_PREFIX : ""}`,
        };
        try {
          reply = await route.handler(ctx);
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          reply = { status: error.status, body: error.toBody() };
        }
      }
      if (!reply) {
        record.unmatched = true;
        reply = { status: 404, body: { message: "Not Found", documentation_url: "https://docs.github.com/rest", note: `the stand-in has no route for ${method} ${rawPath}` } };
      }
      if (afterwards !== undefined && reply.status < 400) {
        // The write happened (and GitHub sends its webhooks); the app gets a failure or nothing.
        record.landed = true;
        if (reply.emit) this.forward(reply.emit, seq);
        if (afterwards.drop) {
          record.fault = "drop";
          record.status = -1;
          req.socket.destroy();
          return;
        }
        record.fault = "status";
        this.send(res, record, { status: afterwards.status ?? 502, body: afterwards.body ?? { message: "Injected fault" }, ...(afterwards.headers ? { headers: afterwards.headers } : {}) });
        return;
      }
      if (method === "GET" && reply.status === 200 && reply.body !== undefined) reply = withEtag(reply, req.headers["if-none-match"]);
      this.send(res, record, reply);
      if (reply.status < 400 && reply.emit) this.forward(reply.emit, seq);
    } catch (error) {
      this.send(res, record, { status: 500, body: { message: `stand-in error: ${error instanceof Error ? error.message : String(error)}` } });
    } finally {
      log?.(`${record.method} ${record.path} -> ${record.status}${record.fault ? ` (fault: ${record.fault})` : ""}`);
      onAnswered?.(record);
      this.inFlight -= 1;
      this.lastActivity = Date.now();
    }
  }

  private forward(events: WebhookEvent[], cause: number): void {
    const target = this.target;
    if (!target) return;
    for (const { event, payload } of events) {
      if (!target.events.includes(event)) continue;
      this.pendingWebhooks += 1;
      this.outbox = this.outbox.then(async () => {
        const action = typeof payload.action === "string" ? payload.action : "";
        let status = -1;
        try {
          status = (await deliverWebhook({ url: target.url, secret: target.secret, event, payload })).status;
        } catch {
          // The app is gone or refused the connection: recorded as -1.
        } finally {
          this.sent.push({ event, action, cause, status });
          this.pendingWebhooks -= 1;
          this.lastActivity = Date.now();
        }
      });
    }
  }

  private send(res: ServerResponse, record: RecordedRequest, reply: Reply): void {
    record.status = reply.status;
    const headers: Record<string, string> = {
      "x-github-request-id": `STANDIN:${record.seq}`,
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": "4999",
      ...reply.headers,
    };
    if (reply.raw) {
      res.writeHead(reply.status, headers).end(Buffer.from(reply.raw));
      return;
    }
    if (reply.body === undefined || reply.status === 204) {
      res.writeHead(reply.status, headers).end();
      return;
    }
    res.writeHead(reply.status, { "content-type": "application/json; charset=utf-8", ...headers }).end(JSON.stringify(reply.body));
  }
}
