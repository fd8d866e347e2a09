/**
 * A pull request's timeline as GitHub tells it, oldest first: `commented` (issue comments),
 * `labeled`/`unlabeled`, `reviewed` (submitted reviews) and `line-commented` (one entry per
 * review comment thread, holding its first comment and the replies).
 */
import { paginate, repoOf, type Route } from "../http.js";
import { eventJson, issueCommentJson, reviewCommentJson, reviewJson } from "../shapes.js";
import { pullOf } from "./repos.js";

export const timelineRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/issues/:number/timeline",
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const issue = pullOf(ctx, repo).number;
      const entries: Array<{ at: string; order: number; item: Record<string, unknown> }> = [];
      const add = (at: string, item: Record<string, unknown>): void => {
        entries.push({ at, order: entries.length, item });
      };
      for (const event of repo.eventsOn(issue)) add(event.createdAt, eventJson(event));
      for (const comment of repo.issueComments.filter((c) => c.issueNumber === issue)) {
        const json = issueCommentJson(repo, comment, ctx.baseUrl);
        add(comment.createdAt, { ...json, event: "commented", actor: json.user });
      }
      const comments = repo.reviewCommentsOn(issue);
      for (const review of repo.reviewsOn(issue)) {
        if (review.submittedAt === null) continue;
        add(review.submittedAt, { ...reviewJson(repo, issue, review, ctx.baseUrl), event: "reviewed" });
        // One entry per thread, where it starts, holding its first comment and the replies.
        for (const root of comments.filter((c) => c.reviewId === review.id && c.inReplyToId === null)) {
          const thread = [root, ...comments.filter((c) => c.inReplyToId === root.id)];
          add(root.createdAt, { event: "line-commented", node_id: `PRRT_${root.id}`, comments: thread.map((c) => reviewCommentJson(repo, issue, c, ctx.baseUrl)) });
        }
      }
      entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.order - b.order));
      const { page, headers } = paginate(ctx, entries.map((e) => e.item));
      return { status: 200, body: page, headers };
    },
  },
];
