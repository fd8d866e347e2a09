/** Check runs, with GitHub's limits: 50 annotations per request, appended across updates. */
import { ApiError, actorOf, bodyObject, hubOf, intParam, isRecord, notFound, optionalString, paginate, repoOf, unprocessable, type Route } from "../http.js";
import { checkRunPayload } from "../webhooks.js";
import { checkRunJson } from "../shapes.js";
import type { Annotation, CheckRun, Repo } from "../state.js";

/** GitHub accepts at most this many annotations in one create or update request. */
export const MAX_ANNOTATIONS_PER_REQUEST = 50;
/** An annotation's `message` (and `raw_details`) may be 64 KB at most. */
export const MAX_ANNOTATION_BYTES = 64 * 1024;
/** `output.summary` and `output.text` are capped at 65,535 characters. */
export const MAX_OUTPUT_TEXT = 65535;

const STATUSES = ["queued", "in_progress", "completed", "waiting", "requested", "pending"] as const;
const CONCLUSIONS = ["action_required", "cancelled", "failure", "neutral", "success", "skipped", "stale", "timed_out"];
const LEVELS = ["notice", "warning", "failure"] as const;

function readAnnotation(raw: unknown, index: number): Annotation {
  const bad = (field: string): ApiError =>
    unprocessable({ resource: "CheckRun", field: `output.annotations[${index}].${field}`, code: "invalid" });
  if (!isRecord(raw)) throw bad("");
  const { path, start_line, end_line, annotation_level, message } = raw;
  if (typeof path !== "string" || path === "") throw bad("path");
  if (typeof start_line !== "number" || !Number.isInteger(start_line) || start_line < 1) throw bad("start_line");
  if (typeof end_line !== "number" || !Number.isInteger(end_line) || end_line < start_line) throw bad("end_line");
  if (typeof annotation_level !== "string" || !(LEVELS as readonly string[]).includes(annotation_level)) throw bad("annotation_level");
  if (typeof message !== "string" || message === "") throw bad("message");
  if (Buffer.byteLength(message, "utf8") > MAX_ANNOTATION_BYTES) {
    throw unprocessable({ resource: "CheckRun", field: `output.annotations[${index}].message`, code: "custom", message: `message is too long (maximum is ${MAX_ANNOTATION_BYTES} bytes)` });
  }
  if ((raw.start_column !== undefined || raw.end_column !== undefined) && start_line !== end_line) {
    throw unprocessable({ resource: "CheckRun", field: `output.annotations[${index}].start_column`, code: "invalid", message: "columns are only allowed when start_line equals end_line" });
  }
  const annotation: Annotation = { path, start_line, end_line, annotation_level: annotation_level as Annotation["annotation_level"], message };
  if (typeof raw.title === "string") annotation.title = raw.title;
  if (typeof raw.raw_details === "string") annotation.raw_details = raw.raw_details;
  if (typeof raw.start_column === "number") annotation.start_column = raw.start_column;
  if (typeof raw.end_column === "number") annotation.end_column = raw.end_column;
  return annotation;
}

/** Applies a create or update body to a run (validating everything before changing anything). */
function applyCheckBody(run: CheckRun, body: Record<string, unknown>, now: () => string): void {
  const status = optionalString(body, "status");
  const conclusion = optionalString(body, "conclusion");
  if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) throw unprocessable({ resource: "CheckRun", field: "status", code: "invalid" });
  if (conclusion !== undefined && !CONCLUSIONS.includes(conclusion)) throw unprocessable({ resource: "CheckRun", field: "conclusion", code: "invalid" });
  const completing = status === "completed" || (status === undefined && conclusion !== undefined);
  if (status === "completed" && conclusion === undefined && run.conclusion === null) {
    throw unprocessable({ resource: "CheckRun", field: "conclusion", code: "missing_field", message: "conclusion is required when status is completed" });
  }
  let annotations: Annotation[] = [];
  let output: CheckRun["output"] | null = null;
  if (body.output !== undefined) {
    if (!isRecord(body.output)) throw unprocessable({ resource: "CheckRun", field: "output", code: "invalid" });
    const title = optionalString(body.output, "title");
    const summary = optionalString(body.output, "summary");
    const text = optionalString(body.output, "text");
    if (title === undefined || summary === undefined) {
      throw unprocessable({ resource: "CheckRun", field: "output", code: "missing_field", message: "output needs a title and a summary" });
    }
    for (const [key, value] of [["summary", summary], ["text", text]] as const) {
      if (value !== undefined && value.length > MAX_OUTPUT_TEXT) {
        throw unprocessable({ resource: "CheckRun", field: `output.${key}`, code: "custom", message: `${key} is too long (maximum is ${MAX_OUTPUT_TEXT} characters)` });
      }
    }
    const raw = body.output.annotations ?? [];
    if (!Array.isArray(raw)) throw unprocessable({ resource: "CheckRun", field: "output.annotations", code: "invalid" });
    if (raw.length > MAX_ANNOTATIONS_PER_REQUEST) {
      throw unprocessable({
        resource: "CheckRun",
        field: "output.annotations",
        code: "custom",
        message: `at most ${MAX_ANNOTATIONS_PER_REQUEST} annotations per request (got ${raw.length})`,
      });
    }
    annotations = raw.map((a: unknown, i: number) => readAnnotation(a, i));
    output = { title, summary, text: text ?? null };
  }
  const name = optionalString(body, "name");
  if (name !== undefined) run.name = name;
  if (output) run.output = output;
  run.annotations.push(...annotations);
  if (body.external_id !== undefined) run.externalId = optionalString(body, "external_id") ?? null;
  if (body.details_url !== undefined) run.detailsUrl = optionalString(body, "details_url") ?? null;
  if (completing) {
    run.status = "completed";
    run.conclusion = conclusion ?? run.conclusion;
    run.completedAt = optionalString(body, "completed_at") ?? now();
  } else if (status !== undefined) {
    run.status = status as CheckRun["status"];
  }
}

function findRun(repo: Repo, id: number): CheckRun {
  const run = repo.checkRuns.find((r) => r.id === id);
  if (!run) throw notFound();
  return run;
}

export const checkRoutes: Route[] = [
  {
    method: "POST",
    pattern: "/repos/:owner/:repo/check-runs",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      if (ctx.auth.kind !== "installation") throw new ApiError(403, "You must authenticate via a GitHub App.");
      const body = bodyObject(ctx);
      const name = optionalString(body, "name");
      const headSha = optionalString(body, "head_sha");
      if (!name) throw unprocessable({ resource: "CheckRun", field: "name", code: "missing_field" });
      if (!headSha) throw unprocessable({ resource: "CheckRun", field: "head_sha", code: "missing_field" });
      if (!repo.commits.has(headSha) && ![...repo.pulls.values()].some((p) => p.headSha === headSha)) {
        throw new ApiError(422, "No commit found for SHA: " + headSha);
      }
      const run: CheckRun = {
        id: ctx.world.id(),
        name,
        headSha,
        status: "queued",
        conclusion: null,
        externalId: null,
        detailsUrl: null,
        startedAt: optionalString(body, "started_at") ?? ctx.world.now(),
        completedAt: null,
        output: { title: null, summary: null, text: null },
        annotations: [],
        app: ctx.world.appOf(actorOf(ctx)) ?? ctx.world.app,
      };
      applyCheckBody(run, body, () => ctx.world.now());
      repo.checkRuns.push(run);
      const actions = run.status === "completed" ? ["created", "completed"] : ["created"];
      return {
        status: 201,
        body: checkRunJson(repo, run, ctx.baseUrl),
        emit: actions.map((action) => ({ event: "check_run", payload: checkRunPayload(hubOf(ctx), repo, run, action, actorOf(ctx)) })),
      };
    },
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/check-runs/:id",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      return { status: 200, body: checkRunJson(repo, findRun(repo, intParam(ctx, "id")), ctx.baseUrl) };
    },
  },
  {
    method: "PATCH",
    pattern: "/repos/:owner/:repo/check-runs/:id",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      if (ctx.auth.kind !== "installation") throw new ApiError(403, "You must authenticate via a GitHub App.");
      const run = findRun(repo, intParam(ctx, "id"));
      const wasCompleted = run.status === "completed";
      applyCheckBody(run, bodyObject(ctx), () => ctx.world.now());
      const completed = !wasCompleted && run.status === "completed";
      return {
        status: 200,
        body: checkRunJson(repo, run, ctx.baseUrl),
        emit: completed ? [{ event: "check_run", payload: checkRunPayload(hubOf(ctx), repo, run, "completed", actorOf(ctx)) }] : [],
      };
    },
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/check-runs/:id/annotations",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const run = findRun(repo, intParam(ctx, "id"));
      const { page, headers } = paginate(ctx, run.annotations.map((a) => ({ ...a, blob_href: "" })));
      return { status: 200, body: page, headers };
    },
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/commits/:ref/check-runs",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const ref = ctx.params.ref ?? "";
      const sha = repo.resolveRef(ref) ?? ref;
      const name = ctx.query.get("check_name");
      const status = ctx.query.get("status");
      const appId = ctx.query.get("app_id");
      let runs = repo.checkRuns.filter(
        (r) => r.headSha === sha && (name === null || r.name === name) && (status === null || r.status === status) && (appId === null || String(r.app.id) === appId),
      );
      // filter=latest (the default) keeps the newest run of each name.
      if ((ctx.query.get("filter") ?? "latest") === "latest") {
        const newest = new Map<string, CheckRun>();
        for (const run of runs) newest.set(run.name, run);
        runs = [...newest.values()];
      }
      runs = [...runs].reverse();
      const { page, headers } = paginate(ctx, runs.map((r) => checkRunJson(repo, r, ctx.baseUrl)));
      return { status: 200, body: { total_count: runs.length, check_runs: page }, headers };
    },
  },
];
