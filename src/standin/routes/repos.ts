/** App authentication, repositories, pull requests, their files, contents and collaborators. */
import { ApiError, intParam, notFound, paginate, repoOf, requireJwt, type Route, type RouteContext } from "../http.js";
import { appJson, issueJson, pullIssueJson, pullJson, repoJson, userJson } from "../shapes.js";
import type { PullRequest, Repo } from "../state.js";

/** GitHub lists at most this many files of a pull request. */
export const MAX_LISTED_FILES = 3000;

export function pullOf(ctx: RouteContext, repo: Repo, param = "number"): PullRequest {
  const pull = repo.pulls.get(intParam(ctx, param));
  if (!pull) throw notFound();
  return pull;
}

const RAW_MEDIA = /application\/vnd\.github(?:\.v3)?\.raw/;

function contentsEntry(repo: Repo, ctx: RouteContext, path: string, bytes: Uint8Array, sha: string): Record<string, unknown> {
  const name = path.split("/").pop() ?? path;
  return {
    type: "file",
    name,
    path,
    size: bytes.length,
    sha: `${sha.slice(0, 20)}${Buffer.from(path).toString("hex").slice(0, 20)}`,
    url: `${ctx.baseUrl}/repos/${repo.fullName}/contents/${path}`,
  };
}

/** Base64 in lines of 60 characters, as GitHub sends `content`. */
function base64Lines(bytes: Uint8Array): string {
  const text = Buffer.from(bytes).toString("base64");
  return (text.match(/.{1,60}/g) ?? []).join("\n") + (text.length > 0 ? "\n" : "");
}

/** Files above 1 MB come back with `encoding: "none"` and empty `content` in the JSON form. */
const JSON_CONTENT_LIMIT = 1024 * 1024;

export const repoRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/app",
    handler: (ctx) => {
      // A workflow's GITHUB_TOKEN is refused, as GitHub refuses it.
      if (ctx.auth.kind === "installation" && ctx.auth.workflow) throw new ApiError(403, "Resource not accessible by integration");
      requireJwt(ctx);
      return { status: 200, body: { ...appJson(ctx.world.app), owner: userJson(ctx.world.user("standin-owner")) } };
    },
  },
  {
    method: "GET",
    pattern: "/apps/:slug",
    handler: (ctx) => {
      const app = [ctx.world.app, ctx.world.actionsApp].find((candidate) => candidate.slug === ctx.params.slug);
      if (!app) throw notFound();
      return { status: 200, body: { ...appJson(app), owner: userJson(ctx.world.user("standin-owner")) } };
    },
  },
  {
    method: "POST",
    pattern: "/app/installations/:id/access_tokens",
    handler: (ctx) => {
      requireJwt(ctx);
      const installationId = intParam(ctx, "id");
      if (!ctx.world.installations.has(installationId)) throw notFound();
      const token = `ghs_standin${installationId}x${ctx.world.id()}`;
      ctx.world.tokens.set(token, { kind: "installation", installationId });
      return {
        status: 201,
        body: {
          token,
          expires_at: new Date(Date.now() + 3600_000).toISOString(),
          permissions: { checks: "write", contents: "read", issues: "write", metadata: "read", pull_requests: "write" },
          repository_selection: "all",
        },
      };
    },
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/installation",
    handler: (ctx) => {
      requireJwt(ctx);
      const repo = ctx.world.repo(ctx.params.owner ?? "", ctx.params.repo ?? "");
      if (!repo) throw notFound();
      return {
        status: 200,
        body: { id: repo.installationId, account: userJson(repo.owner), app_id: ctx.world.app.id, app_slug: ctx.world.app.slug, target_type: "User" },
      };
    },
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo",
    handler: (ctx) => ({ status: 200, body: repoJson(repoOf(ctx), ctx.baseUrl) }),
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/pulls/:number",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      return { status: 200, body: pullJson(repo, pullOf(ctx, repo), ctx.baseUrl) };
    },
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/issues/:number",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const issue = repo.issues.get(intParam(ctx, "number"));
      if (issue !== undefined) return { status: 200, body: issueJson(repo, issue, ctx.baseUrl) };
      return { status: 200, body: pullIssueJson(repo, pullOf(ctx, repo), ctx.baseUrl) };
    },
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/pulls/:number/files",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const pull = pullOf(ctx, repo);
      const files = pull.files.slice(0, MAX_LISTED_FILES).map((file) => ({
        sha: null,
        blob_url: `http://github.invalid/${repo.fullName}/blob/${pull.headSha}/${file.filename}`,
        raw_url: `http://github.invalid/${repo.fullName}/raw/${pull.headSha}/${file.filename}`,
        contents_url: `${ctx.baseUrl}/repos/${repo.fullName}/contents/${file.filename}?ref=${pull.headSha}`,
        ...file,
      }));
      const { page, headers } = paginate(ctx, files);
      return { status: 200, body: page, headers };
    },
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/contents/*path",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const ref = ctx.query.get("ref") ?? repo.defaultBranch;
      const sha = repo.resolveRef(ref);
      if (!sha) throw new ApiError(404, `No commit found for the ref ${ref}`);
      const tree = repo.commits.get(sha) ?? new Map<string, Uint8Array>();
      const path = (ctx.params.path ?? "").replace(/^\/+|\/+$/g, "");
      const bytes = tree.get(path);
      if (bytes === undefined) {
        const prefix = `${path}/`;
        const children = new Map<string, Record<string, unknown>>();
        for (const [file, content] of tree) {
          if (!file.startsWith(prefix)) continue;
          const rest = file.slice(prefix.length);
          const slash = rest.indexOf("/");
          if (slash === -1) children.set(rest, contentsEntry(repo, ctx, file, content, sha));
          else {
            const dir = rest.slice(0, slash);
            children.set(dir, { type: "dir", name: dir, path: `${prefix}${dir}`, size: 0, sha: `${sha.slice(0, 20)}dir` });
          }
        }
        if (children.size === 0) throw notFound();
        return { status: 200, body: [...children.values()].sort((a, b) => String(a.name).localeCompare(String(b.name))) };
      }
      if (RAW_MEDIA.test(ctx.headers.accept ?? "")) {
        return { status: 200, raw: bytes, headers: { "content-type": "text/plain; charset=utf-8" } };
      }
      const tooBig = bytes.length > JSON_CONTENT_LIMIT;
      return {
        status: 200,
        body: {
          ...contentsEntry(repo, ctx, path, bytes, sha),
          encoding: tooBig ? "none" : "base64",
          content: tooBig ? "" : base64Lines(bytes),
        },
      };
    },
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/git/trees/:sha",
    handler: (ctx) => {
      // Only what the app asks for: a commit's whole tree, recursively (GitHub also takes tree shas).
      const repo = repoOf(ctx);
      const sha = repo.resolveRef(ctx.params.sha ?? "");
      if (!sha) throw new ApiError(404, "Not Found");
      if (ctx.query.get("recursive") === null) throw new ApiError(422, "the stand-in lists trees only with recursive=1");
      const files = [...(repo.commits.get(sha) ?? new Map<string, Uint8Array>())].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const folders = new Set<string>();
      for (const [file] of files) for (let i = file.indexOf("/"); i !== -1; i = file.indexOf("/", i + 1)) folders.add(file.slice(0, i));
      const tree = [
        ...[...folders].sort().map((path) => ({ path, mode: "040000", type: "tree", sha: `${sha.slice(0, 20)}tree`, url: `${ctx.baseUrl}/repos/${repo.fullName}/git/trees/${sha}` })),
        ...files.map(([path, bytes]) => ({ path, mode: "100644", type: "blob", sha: `${sha.slice(0, 20)}blob`, size: bytes.length, url: `${ctx.baseUrl}/repos/${repo.fullName}/git/blobs/${sha}` })),
      ];
      return { status: 200, body: { sha, url: `${ctx.baseUrl}/repos/${repo.fullName}/git/trees/${sha}`, tree, truncated: false } };
    },
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/collaborators/:user/permission",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const login = ctx.params.user ?? "";
      const permission = login.toLowerCase() === repo.owner.login.toLowerCase() ? "admin" : (repo.collaborators.get(login.toLowerCase()) ?? "none");
      // GitHub folds maintain into write and triage into read in `permission`; role_name keeps it.
      const legacy = permission === "maintain" ? "write" : permission === "triage" ? "read" : permission;
      return { status: 200, body: { permission: legacy, role_name: permission, user: userJson(ctx.world.user(login)) } };
    },
  },
];
