/** Pull request reviews and review comments, with GitHub's rule that a comment sits on a line of the diff. */
import { hunkOf, lineAtPosition, type Side } from "../diff.js";
import {
  ApiError,
  actorOf,
  bodyObject,
  checkBodyLength,
  hubOf,
  intParam,
  isRecord,
  notFound,
  optionalString,
  paginate,
  repoOf,
  unprocessable,
  type Route,
} from "../http.js";
import { reviewCommentJson, reviewJson } from "../shapes.js";
import { reviewPayload } from "../webhooks.js";
import type { PullRequest, Repo, Review, ReviewComment, ReviewState, User, World } from "../state.js";
import { pullOf } from "./repos.js";

const EVENTS: Record<string, ReviewState> = { APPROVE: "APPROVED", REQUEST_CHANGES: "CHANGES_REQUESTED", COMMENT: "COMMENTED" };

/** GitHub's answer when one comment of a review is off the diff: the whole review is refused. */
function offDiff(detail: string): ApiError {
  return new ApiError(422, "Unprocessable Entity", [`Pull request review thread line must be part of the diff (${detail})`]);
}

function sideOf(value: unknown, key: string): Side {
  if (value === undefined || value === null) return "RIGHT";
  if (value === "LEFT" || value === "RIGHT") return value;
  throw unprocessable({ resource: "PullRequestReviewComment", field: key, code: "invalid" });
}

function intOf(value: unknown): number | null {
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : null;
}

type Draft = Omit<ReviewComment, "id" | "reviewId" | "inReplyToId" | "user" | "createdAt" | "updatedAt" | "commitId">;

/** Checks one draft comment against the pull request's diff and returns where it lands. */
export function placeComment(repo: Repo, pull: PullRequest, raw: unknown): Draft {
  if (!isRecord(raw)) throw unprocessable({ resource: "PullRequestReviewComment", field: "comments", code: "invalid" });
  const path = raw.path;
  const body = raw.body;
  if (typeof path !== "string") throw unprocessable({ resource: "PullRequestReviewComment", field: "path", code: "missing_field" });
  if (typeof body !== "string" || body === "") throw unprocessable({ resource: "PullRequestReviewComment", field: "body", code: "missing_field" });
  checkBodyLength(body, "PullRequestReviewComment");
  const file = pull.files.find((f) => f.filename === path);
  if (!file) throw new ApiError(422, "Unprocessable Entity", [`Pull request review thread path could not be resolved: ${path} is not part of the pull request`]);
  if (file.patch === undefined) throw offDiff(`${path} has no diff to comment on`);
  const hunks = repo.hunks(pull, file);
  const position = intOf(raw.position);
  if (raw.position !== undefined && raw.line === undefined) {
    const at = position === null ? null : lineAtPosition(hunks, position);
    if (!at) throw offDiff(`${path} position ${String(raw.position)}`);
    const side: Side = at.kind === "deleted" ? "LEFT" : "RIGHT";
    return { path, body, position, line: side === "LEFT" ? at.oldLine : at.newLine, side, startLine: null, startSide: null };
  }
  const line = intOf(raw.line);
  if (line === null) throw unprocessable({ resource: "PullRequestReviewComment", field: "line", code: "missing_field" });
  const side = sideOf(raw.side, "side");
  const hunk = hunkOf(hunks, line, side);
  if (!hunk) throw offDiff(`${path} line ${line} on the ${side} side`);
  let startLine: number | null = null;
  let startSide: Side | null = null;
  if (raw.start_line !== undefined && raw.start_line !== null) {
    startLine = intOf(raw.start_line);
    startSide = sideOf(raw.start_side ?? side, "start_side");
    if (startLine === null || (startSide === side && startLine >= line)) {
      throw unprocessable({ resource: "PullRequestReviewComment", field: "start_line", code: "invalid", message: "start_line must precede line" });
    }
    if (hunkOf(hunks, startLine, startSide) !== hunk) {
      throw new ApiError(422, "Unprocessable Entity", ["Pull request review thread start line must be part of the same hunk as the line."]);
    }
  }
  const at = hunk.lines.find((l) => (side === "RIGHT" ? l.newLine === line && l.kind !== "deleted" : l.oldLine === line && l.kind !== "added"));
  return { path, body, position: at?.position ?? null, line, side, startLine, startSide };
}

/** Creates a review and its comments all at once, or throws and changes nothing. */
export function createReview(world: World, repo: Repo, pull: PullRequest, body: Record<string, unknown>, actor: User): Review {
  const text = optionalString(body, "body") ?? "";
  checkBodyLength(text, "PullRequestReview");
  const event = optionalString(body, "event");
  if (event !== undefined && !(event in EVENTS)) throw unprocessable({ resource: "PullRequestReview", field: "event", code: "invalid" });
  const commitId = optionalString(body, "commit_id") ?? pull.headSha;
  if (!repo.commits.has(commitId) && commitId !== pull.headSha) {
    throw new ApiError(422, "Unprocessable Entity", ["commit_id is not part of the pull request"]);
  }
  const rawComments = body.comments ?? [];
  if (!Array.isArray(rawComments)) throw unprocessable({ resource: "PullRequestReview", field: "comments", code: "invalid" });
  const drafts = rawComments.map((raw: unknown) => placeComment(repo, pull, raw));
  if ((event === "REQUEST_CHANGES" || event === "COMMENT") && text === "" && drafts.length === 0) {
    throw new ApiError(422, "Unprocessable Entity", [`Review body is required for ${event}`]);
  }
  if (event === "APPROVE" && actor.login === pull.user.login) {
    throw new ApiError(422, "Unprocessable Entity", ["Can not approve your own pull request"]);
  }
  const pending = repo.reviewsOn(pull.number).find((r) => r.state === "PENDING" && r.user.login === actor.login);
  if (event === undefined && pending) {
    throw new ApiError(422, "Unprocessable Entity", ["User can only have one pending review per pull request"]);
  }
  const review: Review = {
    id: world.id(),
    user: actor,
    body: text,
    state: event === undefined ? "PENDING" : (EVENTS[event] ?? "COMMENTED"),
    commitId,
    submittedAt: event === undefined ? null : world.now(),
  };
  repo.reviewsOn(pull.number).push(review);
  const at = review.submittedAt ?? world.now();
  for (const draft of drafts) {
    repo.reviewCommentsOn(pull.number).push({ ...draft, id: world.id(), reviewId: review.id, inReplyToId: null, user: actor, commitId, createdAt: at, updatedAt: at });
  }
  return review;
}

function findReview(repo: Repo, pull: number, id: number): Review {
  const review = repo.reviewsOn(pull).find((r) => r.id === id);
  if (!review) throw notFound();
  return review;
}

function findReviewComment(repo: Repo, id: number): { pull: number; comment: ReviewComment } {
  for (const [pull, comments] of repo.reviewComments) {
    const comment = comments.find((c) => c.id === id);
    if (comment) return { pull, comment };
  }
  throw notFound();
}

/** Review comments of a review are visible once it is submitted, or to its author while pending. */
function visible(repo: Repo, pull: number, comment: ReviewComment, viewer: User): boolean {
  const review = repo.reviewsOn(pull).find((r) => r.id === comment.reviewId);
  return review !== undefined && (review.state !== "PENDING" || review.user.login === viewer.login);
}

export const reviewRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/pulls/:number/reviews",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const pull = pullOf(ctx, repo);
      const viewer = actorOf(ctx);
      const reviews = repo.reviewsOn(pull.number).filter((r) => r.state !== "PENDING" || r.user.login === viewer.login);
      const { page, headers } = paginate(ctx, reviews.map((r) => reviewJson(repo, pull.number, r, ctx.baseUrl)));
      return { status: 200, body: page, headers };
    },
  },
  {
    method: "POST",
    pattern: "/repos/:owner/:repo/pulls/:number/reviews",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const pull = pullOf(ctx, repo);
      const review = createReview(ctx.world, repo, pull, bodyObject(ctx), actorOf(ctx));
      return {
        status: 200,
        body: reviewJson(repo, pull.number, review, ctx.baseUrl),
        emit: review.state === "PENDING" ? [] : [{ event: "pull_request_review", payload: reviewPayload(hubOf(ctx), repo, pull.number, review, "submitted") }],
      };
    },
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/pulls/:number/reviews/:id",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const pull = pullOf(ctx, repo);
      return { status: 200, body: reviewJson(repo, pull.number, findReview(repo, pull.number, intParam(ctx, "id")), ctx.baseUrl) };
    },
  },
  {
    method: "PUT",
    pattern: "/repos/:owner/:repo/pulls/:number/reviews/:id",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const pull = pullOf(ctx, repo);
      const review = findReview(repo, pull.number, intParam(ctx, "id"));
      const body = optionalString(bodyObject(ctx), "body");
      if (body === undefined) throw unprocessable({ resource: "PullRequestReview", field: "body", code: "missing_field" });
      checkBodyLength(body, "PullRequestReview");
      review.body = body;
      return { status: 200, body: reviewJson(repo, pull.number, review, ctx.baseUrl) };
    },
  },
  {
    method: "PUT",
    pattern: "/repos/:owner/:repo/pulls/:number/reviews/:id/dismissals",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const pull = pullOf(ctx, repo);
      const review = findReview(repo, pull.number, intParam(ctx, "id"));
      const body = bodyObject(ctx);
      const message = optionalString(body, "message");
      if (message === undefined || message === "") throw unprocessable({ resource: "PullRequestReview", field: "message", code: "missing_field" });
      if (review.state === "PENDING") throw new ApiError(422, "Unprocessable Entity", ["Can not dismiss a pending review"]);
      review.state = "DISMISSED";
      review.dismissalMessage = message;
      return { status: 200, body: reviewJson(repo, pull.number, review, ctx.baseUrl) };
    },
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/pulls/:number/reviews/:id/comments",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const pull = pullOf(ctx, repo);
      const review = findReview(repo, pull.number, intParam(ctx, "id"));
      const comments = repo.reviewCommentsOn(pull.number).filter((c) => c.reviewId === review.id);
      const { page, headers } = paginate(ctx, comments.map((c) => reviewCommentJson(repo, pull.number, c, ctx.baseUrl)));
      return { status: 200, body: page, headers };
    },
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/pulls/:number/comments",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const pull = pullOf(ctx, repo);
      const viewer = actorOf(ctx);
      const comments = repo.reviewCommentsOn(pull.number).filter((c) => visible(repo, pull.number, c, viewer));
      const { page, headers } = paginate(ctx, comments.map((c) => reviewCommentJson(repo, pull.number, c, ctx.baseUrl)));
      return { status: 200, body: page, headers };
    },
  },
  {
    // A reply joins the thread of the comment it answers (GitHub threads have one level) and,
    // outside a pending review, comes as a submitted review of its own holding only it.
    method: "POST",
    pattern: "/repos/:owner/:repo/pulls/:number/comments/:id/replies",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const pull = pullOf(ctx, repo);
      const found = repo.reviewCommentsOn(pull.number).find((c) => c.id === intParam(ctx, "id"));
      if (!found) throw notFound();
      const body = optionalString(bodyObject(ctx), "body");
      if (body === undefined || body === "") throw unprocessable({ resource: "PullRequestReviewComment", field: "body", code: "missing_field" });
      checkBodyLength(body, "PullRequestReviewComment");
      const root = found.inReplyToId ?? found.id;
      const actor = actorOf(ctx);
      const at = ctx.world.now();
      const review: Review = { id: ctx.world.id(), user: actor, body: "", state: "COMMENTED", commitId: pull.headSha, submittedAt: at };
      repo.reviewsOn(pull.number).push(review);
      const reply: ReviewComment = { ...found, id: ctx.world.id(), reviewId: review.id, inReplyToId: root, body, user: actor, commitId: pull.headSha, createdAt: at, updatedAt: at };
      repo.reviewCommentsOn(pull.number).push(reply);
      return { status: 201, body: reviewCommentJson(repo, pull.number, reply, ctx.baseUrl) };
    },
  },
  {
    method: "PATCH",
    pattern: "/repos/:owner/:repo/pulls/comments/:id",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const { pull, comment } = findReviewComment(repo, intParam(ctx, "id"));
      const body = optionalString(bodyObject(ctx), "body");
      if (body === undefined || body === "") throw unprocessable({ resource: "PullRequestReviewComment", field: "body", code: "missing_field" });
      checkBodyLength(body, "PullRequestReviewComment");
      comment.body = body;
      comment.updatedAt = ctx.world.now();
      return { status: 200, body: reviewCommentJson(repo, pull, comment, ctx.baseUrl) };
    },
  },
  {
    method: "DELETE",
    pattern: "/repos/:owner/:repo/pulls/comments/:id",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const { pull, comment } = findReviewComment(repo, intParam(ctx, "id"));
      const list = repo.reviewCommentsOn(pull);
      list.splice(list.indexOf(comment), 1);
      return { status: 204 };
    },
  },
];
