/** GitHub-shaped JSON for the stand-in's objects: the fields apps read, with GitHub's names. */
import type { AppIdentity, CheckRun, Issue, IssueComment, IssueEvent, Label, PullRequest, Repo, Review, ReviewComment, User } from "./state.js";

export function userJson(user: User, web = "http://github.invalid"): Record<string, unknown> {
  return {
    login: user.login,
    id: user.id,
    node_id: `U_${user.id}`,
    type: user.type,
    site_admin: false,
    html_url: `${web}/${user.login}`,
  };
}

export function appJson(app: AppIdentity): Record<string, unknown> {
  return { id: app.id, slug: app.slug, node_id: `A_${app.id}`, name: app.name };
}

export function labelJson(label: Label, api: string, repo: Repo): Record<string, unknown> {
  return {
    id: label.id,
    node_id: `LA_${label.id}`,
    url: `${api}/repos/${repo.fullName}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    description: label.description,
    default: label.default,
  };
}

export function repoJson(repo: Repo, api: string): Record<string, unknown> {
  return {
    id: repo.id,
    node_id: `R_${repo.id}`,
    name: repo.name,
    full_name: repo.fullName,
    private: repo.isPrivate,
    visibility: repo.isPrivate ? "private" : "public",
    owner: userJson(repo.owner),
    html_url: `http://github.invalid/${repo.fullName}`,
    url: `${api}/repos/${repo.fullName}`,
    default_branch: repo.defaultBranch,
    fork: false,
    archived: false,
    disabled: false,
  };
}

export function issueLabelsJson(repo: Repo, issue: number, api: string): Array<Record<string, unknown>> {
  return repo.labelsOn(issue).flatMap((name) => {
    const label = repo.findLabel(name);
    return label ? [labelJson(label, api, repo)] : [];
  });
}

export function pullJson(repo: Repo, pull: PullRequest, api: string): Record<string, unknown> {
  const repository = repoJson(repo, api);
  return {
    url: `${api}/repos/${repo.fullName}/pulls/${pull.number}`,
    id: repo.id * 10000 + pull.number,
    node_id: `PR_${repo.id}_${pull.number}`,
    html_url: `http://github.invalid/${repo.fullName}/pull/${pull.number}`,
    issue_url: `${api}/repos/${repo.fullName}/issues/${pull.number}`,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    user: userJson(pull.user),
    body: pull.body,
    labels: issueLabelsJson(repo, pull.number, api),
    created_at: pull.createdAt,
    updated_at: pull.updatedAt,
    closed_at: pull.closedAt,
    merged_at: pull.mergedAt,
    draft: pull.draft,
    merged: pull.mergedAt !== null,
    head: {
      label: `${(pull.headRepo ?? repo).owner.login}:${pull.headRef}`,
      ref: pull.headRef,
      sha: pull.headSha,
      user: userJson(pull.user),
      repo: pull.headRepo ? repoJson(pull.headRepo, api) : repository,
    },
    base: { label: `${repo.owner.login}:${pull.baseRef}`, ref: pull.baseRef, sha: pull.baseSha, user: userJson(repo.owner), repo: repository },
    author_association: "CONTRIBUTOR",
    additions: pull.files.reduce((sum, f) => sum + f.additions, 0),
    deletions: pull.files.reduce((sum, f) => sum + f.deletions, 0),
    changed_files: pull.files.length,
    commits: 1,
  };
}

export function issueJson(repo: Repo, issue: Issue, api: string): Record<string, unknown> {
  return {
    url: `${api}/repos/${repo.fullName}/issues/${issue.number}`,
    id: repo.id * 10000 + issue.number,
    node_id: `I_${repo.id}_${issue.number}`,
    html_url: `http://github.invalid/${repo.fullName}/issues/${issue.number}`,
    number: issue.number,
    state: issue.state,
    locked: false,
    title: issue.title,
    user: userJson(issue.user),
    body: issue.body,
    labels: issueLabelsJson(repo, issue.number, api),
    comments: repo.issueComments.filter((c) => c.issueNumber === issue.number).length,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    author_association: "NONE",
  };
}

/** A pull request as the issues API shows it: no head or base, and a `pull_request` link. */
export function pullIssueJson(repo: Repo, pull: PullRequest, api: string): Record<string, unknown> {
  const { head: _head, base: _base, ...issue } = pullJson(repo, pull, api);
  return { ...issue, pull_request: { url: `${api}/repos/${repo.fullName}/pulls/${pull.number}` } };
}

export function eventJson(event: IssueEvent): Record<string, unknown> {
  return {
    id: event.id,
    node_id: `LE_${event.id}`,
    event: event.event,
    actor: userJson(event.actor),
    label: event.label,
    created_at: event.createdAt,
    performed_via_github_app: event.viaApp ? appJson(event.viaApp) : null,
  };
}

export function reviewJson(repo: Repo, pull: number, review: Review, api: string): Record<string, unknown> {
  return {
    id: review.id,
    node_id: `PRR_${review.id}`,
    user: userJson(review.user),
    body: review.body,
    state: review.state,
    commit_id: review.commitId,
    submitted_at: review.submittedAt ?? undefined,
    pull_request_url: `${api}/repos/${repo.fullName}/pulls/${pull}`,
    html_url: `http://github.invalid/${repo.fullName}/pull/${pull}#pullrequestreview-${review.id}`,
    author_association: review.user.type === "Bot" ? "NONE" : "CONTRIBUTOR",
  };
}

export function reviewCommentJson(repo: Repo, pull: number, comment: ReviewComment, api: string): Record<string, unknown> {
  return {
    id: comment.id,
    node_id: `PRRC_${comment.id}`,
    pull_request_review_id: comment.reviewId,
    ...(comment.inReplyToId === null ? {} : { in_reply_to_id: comment.inReplyToId }),
    url: `${api}/repos/${repo.fullName}/pulls/comments/${comment.id}`,
    path: comment.path,
    line: comment.line,
    original_line: comment.line,
    side: comment.side,
    start_line: comment.startLine,
    start_side: comment.startSide,
    position: comment.position,
    original_position: comment.position,
    commit_id: comment.commitId,
    original_commit_id: comment.commitId,
    body: comment.body,
    user: userJson(comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    subject_type: "line",
    pull_request_url: `${api}/repos/${repo.fullName}/pulls/${pull}`,
  };
}

export function issueCommentJson(repo: Repo, comment: IssueComment, api: string): Record<string, unknown> {
  const counts: Record<string, number> = {};
  for (const reaction of comment.reactions) counts[reaction.content] = (counts[reaction.content] ?? 0) + 1;
  return {
    id: comment.id,
    node_id: `IC_${comment.id}`,
    url: `${api}/repos/${repo.fullName}/issues/comments/${comment.id}`,
    html_url: `http://github.invalid/${repo.fullName}/pull/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${api}/repos/${repo.fullName}/issues/${comment.issueNumber}`,
    body: comment.body,
    user: userJson(comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: comment.user.type === "Bot" ? "NONE" : "CONTRIBUTOR",
    performed_via_github_app: comment.viaApp ? appJson(comment.viaApp) : null,
    reactions: { total_count: comment.reactions.length, ...counts },
  };
}

export function checkRunJson(repo: Repo, run: CheckRun, api: string): Record<string, unknown> {
  return {
    id: run.id,
    node_id: `CR_${run.id}`,
    name: run.name,
    head_sha: run.headSha,
    external_id: run.externalId,
    url: `${api}/repos/${repo.fullName}/check-runs/${run.id}`,
    html_url: `http://github.invalid/${repo.fullName}/runs/${run.id}`,
    details_url: run.detailsUrl,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: run.annotations.length,
      annotations_url: `${api}/repos/${repo.fullName}/check-runs/${run.id}/annotations`,
    },
    app: appJson(run.app),
    pull_requests: [...repo.pulls.values()]
      .filter((pull) => pull.headSha === run.headSha)
      .map((pull) => ({ number: pull.number, head: { sha: pull.headSha, ref: pull.headRef }, base: { sha: pull.baseSha, ref: pull.baseRef } })),
  };
}
