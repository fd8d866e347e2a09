/**
 * THE adapter: the only code that talks to GitHub. Every call the app makes is written once here,
 * with its fallbacks (404 when a file or label is absent, 422 on a review, 50 annotations per check
 * run request). Handlers and the planner never see Octokit.
 */
import type { Octokit } from "@octokit/core";
import type { PaginateInterface } from "@octokit/plugin-paginate-rest";
import { appDoor, type Door } from "./door.js";
import type { Annotation, CheckRunPlan, Plan, WriteFailure } from "./plan.js";
import {
  CHECK_RUN_NAME,
  type ChangedFile,
  type ExistingCheckRun,
  type LabelSpec,
  MAX_PULL_REQUEST_FILES,
  type PullRequestInfo,
  type RepoRef,
} from "./types.js";
import { outputHashOf, SUMMARY_MARKER } from "./markers.js";

/** GitHub's limit on annotations per check run request. */
export const ANNOTATIONS_PER_REQUEST = 50;
const WRITE_LEVELS = new Set(["admin", "maintain", "write"]);
/** The color GitHub gives a label it creates on the fly when one is added by name. */
const GITHUB_DEFAULT_LABEL_COLOR = "ededed";
/** Tries of a write that must not happen twice: as many as Octokit's retry plugin makes (1 + 3 retries). */
const WRITE_TRIES = 4;
/** Octokit's retry plugin is told to leave a request alone with this. */
const NO_OCTOKIT_RETRY = { retries: 0 };

/**
 * The Octokit the adapter talks through: Octokit's core with pagination (the app's ProbotOctokit
 * is one; the action builds its own, without Probot).
 */
export type FlowOctokit = Octokit & { paginate: PaginateInterface };

/** Where the flow logs: Pino's logger (the app) or the action's workflow commands. */
export interface Logger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** Who did something on GitHub: a login, and the app it acted through, if any. */
export interface Actor {
  login: string;
  appId: number | null;
}

/** The parts of a pull request timeline the app reads. */
export type TimelineEntry =
  | { type: "comment"; id: number; body: string; author: Actor }
  | { type: "label"; action: "labeled" | "unlabeled"; label: string; actor: Actor }
  | { type: "review"; id: number; state: string; body: string; author: Actor }
  | { type: "review-comment"; id: number; reviewId: number | null; path: string; body: string; author: Actor };

export type Reaction = "+1" | "confused";

/** The parts of a triage's writes, in the order the adapter makes them. */
export type WriteStep = WriteFailure["step"];

/**
 * GitHub kept failing one of a triage's writes (after Octokit's retries, or the adapter's own
 * for writes that must not happen twice). Not a bug: the check run says so in plain words.
 */
export class GitHubWriteError extends Error {
  readonly step: WriteStep;
  /** The HTTP status GitHub answered with, or null when no answer came (a dropped connection). */
  readonly status: number | null;

  constructor(step: WriteStep, cause: unknown) {
    const status = answeredStatus(cause);
    super(`GitHub ${status === null ? "gave no answer" : `answered HTTP ${status}`} to the ${step}`, { cause });
    this.name = "GitHubWriteError";
    this.step = step;
    this.status = status;
  }
}

/** What applying a plan did, for the log and the caller. */
export interface ApplyResult {
  checkRunId: number | null;
  reviewRejected: boolean;
}

export interface GitHubOptions {
  /** Who writes and what is its own; a GitHub App known from the Octokit's credentials when absent. */
  door?: Door;
  /** The app's id, for the default door; read from the app's own credentials when absent. */
  appId?: number;
  /** Head trees already read, shared by the app's triages: a re-run or redelivery of the same head reads none. */
  trees?: TreeCache;
}

/** Paths of head trees by `owner/repo@sha`, the most recent TreeCache.KEEP. */
export class TreeCache {
  static readonly KEEP = 64;
  readonly #trees = new Map<string, Promise<string[] | null>>();

  get(key: string, read: () => Promise<string[] | null>): Promise<string[] | null> {
    let tree = this.#trees.get(key);
    if (!tree) {
      tree = read();
      tree.catch(() => this.#trees.delete(key));
      if (this.#trees.size >= TreeCache.KEEP) this.#trees.delete(this.#trees.keys().next().value!);
      this.#trees.set(key, tree);
    }
    return tree;
  }
}

export class GitHub {
  readonly #octokit: FlowOctokit;
  readonly #log: Logger;
  readonly #trees: TreeCache;
  #requests = 0;
  #writes = 0;
  /** A check run this adapter opened (in_progress) and has not completed yet. */
  #openCheckRun: number | null = null;

  readonly repo: RepoRef;
  readonly door: Door;

  constructor(octokit: FlowOctokit, repo: RepoRef, log: Logger, options: GitHubOptions = {}) {
    this.#octokit = octokit;
    this.repo = repo;
    this.#log = log;
    const appId = options.appId;
    this.door =
      options.door ??
      appDoor({
        appId: () => (appId === undefined ? this.#appIdFromCredentials() : Promise.resolve(appId)),
        botLogin: () => this.#botLoginFromApi(),
      });
    this.#trees = options.trees ?? new TreeCache();
    octokit.hook.before("request", (request) => {
      this.#requests += 1;
      if (request.method !== "GET" && !String(request.url).endsWith("/graphql")) this.#writes += 1;
    });
  }

  /** Requests sent through this adapter so far (the installation token is fetched outside it). */
  get requestCount(): number {
    return this.#requests;
  }

  /** Of those, writes (GraphQL queries are reads). */
  get writeCount(): number {
    return this.#writes;
  }

  get log(): Logger {
    return this.#log;
  }

  // ------------------------------------------------------------------------------------------
  // Who we are

  /** The id of the app the token writes through (the door's). */
  appId(): Promise<number> {
    return this.door.appId();
  }

  /** The login of the bot user the token writes as (the door's). */
  botLogin(): Promise<string> {
    return this.door.botLogin();
  }

  /** An app's id and bot login from its slug (GET /apps/{slug}, which any token may read). */
  async appBySlug(slug: string): Promise<{ id: number; botLogin: string }> {
    const { data } = await this.#octokit.request("GET /apps/{app_slug}", { app_slug: slug });
    if (data === null || typeof data.id !== "number") throw new Error(`GET /apps/${slug} returned no app id`);
    return { id: data.id, botLogin: `${data.slug ?? slug}[bot]` };
  }

  async #appIdFromCredentials(): Promise<number> {
    const auth: unknown = await this.#octokit.auth({ type: "app" });
    const id = isRecord(auth) ? auth["appId"] : undefined;
    if (typeof id === "number") return id;
    if (typeof id === "string" && /^\d+$/.test(id)) return Number(id);
    throw new Error("The app's id is unknown: authenticate as a GitHub App or pass options.appId");
  }

  /** The login of the app's bot user (`<slug>[bot]`), from GET /app (with the app's own credentials). */
  async #botLoginFromApi(): Promise<string> {
    const { data } = await this.#octokit.request("GET /app");
    if (data === null || typeof data.slug !== "string") throw new Error("GET /app returned no slug");
    return `${data.slug}[bot]`;
  }

  // ------------------------------------------------------------------------------------------
  // Reads

  async getPullRequest(number: number): Promise<PullRequestInfo> {
    const { data } = await this.#octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", {
      ...this.repo,
      pull_number: number,
    });
    return pullRequestInfo(data);
  }

  /** The changed files, up to GitHub's 3,000. */
  async listFiles(number: number): Promise<ChangedFile[]> {
    const files: ChangedFile[] = [];
    const pages = this.#octokit.paginate.iterator("GET /repos/{owner}/{repo}/pulls/{pull_number}/files", {
      ...this.repo,
      pull_number: number,
      per_page: 100,
    });
    for await (const page of pages) {
      for (const file of page.data) {
        files.push({
          path: file.filename,
          status: file.status,
          previousPath: file.previous_filename ?? null,
          patch: file.patch ?? null,
          additions: file.additions,
          deletions: file.deletions,
        });
      }
      if (files.length >= MAX_PULL_REQUEST_FILES || page.data.length < 100) break;
    }
    return files;
  }

  /** A file's bytes at a ref, or null when there is no such file (404). */
  async readFile(repo: RepoRef, path: string, ref: string): Promise<Uint8Array | null> {
    return (await this.readFileStart(repo, path, ref, Number.POSITIVE_INFINITY))?.bytes ?? null;
  }

  /**
   * A file's first `maxBytes` bytes (all of them when it is no longer) and its whole size, or
   * null when there is no such file (404). The bytes are GitHub's exactly: Octokit would decode
   * the raw answer as UTF-8 text (GitHub sends it as text/plain), turning a binary or non-UTF-8
   * story into replacement characters the engine could no longer tell apart; and the rest of a
   * huge file is counted, not kept.
   */
  async readFileStart(repo: RepoRef, path: string, ref: string, maxBytes: number): Promise<{ bytes: Uint8Array; size: number } | null> {
    const encoded = path.split("/").map(encodeURIComponent).join("/");
    try {
      const response: { data: unknown } = await this.#octokit.request(`GET /repos/{owner}/{repo}/contents/${encoded}`, {
        owner: repo.owner,
        repo: repo.repo,
        ref,
        mediaType: { format: "raw" },
        request: { parseSuccessResponseBody: false },
      });
      return await readStart(response.data, maxBytes);
    } catch (error) {
      if (httpStatus(error) === 404) return null;
      throw error;
    }
  }

  /**
   * Every file path in a commit's tree, from one recursive git trees request (kept in the app's
   * tree cache, so once per head commit); null when GitHub
   * cut the listing short (over 100,000 entries or 7 MB): an incomplete list would make links
   * to files it left out look broken.
   */
  headTreePaths(repo: RepoRef, sha: string): Promise<string[] | null> {
    return this.#trees.get(`${repo.owner}/${repo.repo}@${sha}`, () => this.#readTreePaths(repo, sha));
  }

  async #readTreePaths(repo: RepoRef, sha: string): Promise<string[] | null> {
    const { data } = await this.#octokit.request("GET /repos/{owner}/{repo}/git/trees/{tree_sha}", { owner: repo.owner, repo: repo.repo, tree_sha: sha, recursive: "1" });
    if (data.truncated) return null;
    return data.tree.flatMap((entry) => (entry.type === "blob" && typeof entry.path === "string" ? [entry.path] : []));
  }

  /**
   * Several files' text in one GraphQL request, each at its own repository and commit: the text,
   * or null when the file is absent, binary, or too big for GitHub to give whole.
   */
  async readTexts(files: readonly { repo: RepoRef; ref: string; path: string }[]): Promise<(string | null)[]> {
    if (files.length === 0) return [];
    const repos: RepoRef[] = [];
    const variables: Record<string, string> = {};
    const fields = files.map((file, i) => {
      let r = repos.findIndex((x) => x.owner === file.repo.owner && x.repo === file.repo.repo);
      if (r === -1) r = repos.push(file.repo) - 1;
      variables[`e${i}`] = `${file.ref}:${file.path}`;
      return { r, field: `f${i}: object(expression: $e${i}) { ... on Blob { text isBinary isTruncated } }` };
    });
    repos.forEach((repo, r) => {
      variables[`o${r}`] = repo.owner;
      variables[`n${r}`] = repo.repo;
    });
    const declared = Object.keys(variables).map((name) => `$${name}: String!`).join(", ");
    const body = repos.map((_, r) => `r${r}: repository(owner: $o${r}, name: $n${r}) { ${fields.filter((f) => f.r === r).map((f) => f.field).join(" ")} }`).join(" ");
    const data: unknown = await this.#octokit.graphql(`query(${declared}) { ${body} }`, variables);
    return files.map((_, i) => {
      const repo = isRecord(data) ? data[`r${fields[i]!.r}`] : undefined;
      const blob = isRecord(repo) ? repo[`f${i}`] : undefined;
      if (!isRecord(blob) || blob["isBinary"] === true || blob["isTruncated"] === true) return null;
      return typeof blob["text"] === "string" ? blob["text"] : null;
    });
  }

  /** The pull request's timeline: comments, label changes, reviews and review comments. */
  async listTimeline(number: number): Promise<TimelineEntry[]> {
    const items: unknown[] = await this.#octokit.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/timeline", {
      ...this.repo,
      issue_number: number,
      per_page: 100,
    });
    return items.flatMap(timelineEntries);
  }

  /**
   * The app's latest `story-triage` check run on a commit, or null: also when the door does not
   * own it (another workflow's check run of the same app and name).
   */
  async latestCheckRun(sha: string): Promise<ExistingCheckRun | null> {
    const { data } = await this.#octokit.request("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", {
      ...this.repo,
      ref: sha,
      check_name: CHECK_RUN_NAME,
      app_id: await this.appId(),
      filter: "latest",
      per_page: 1,
    });
    const run = data.check_runs[0];
    if (run === undefined) return null;
    const existing: ExistingCheckRun = {
      id: Number(run.id),
      headSha: run.head_sha,
      status: run.status,
      conclusion: run.conclusion,
      outputHash: outputHashOf(run.output.summary),
      externalId: run.external_id ?? null,
    };
    return this.door.ownsCheckRun(existing) ? existing : null;
  }

  /** Whether a user has write, maintain or admin permission on the repository. */
  async canWrite(username: string): Promise<boolean> {
    try {
      const { data } = await this.#octokit.request("GET /repos/{owner}/{repo}/collaborators/{username}/permission", {
        ...this.repo,
        username,
      });
      // `permission` is the legacy level (maintain shows as write); `role_name` names the role itself.
      return WRITE_LEVELS.has(data.permission) || WRITE_LEVELS.has(data.role_name);
    } catch (error) {
      if (httpStatus(error) === 404) return false;
      throw error;
    }
  }

  // ------------------------------------------------------------------------------------------
  // Writes

  async react(commentId: number, content: Reaction): Promise<void> {
    await this.#octokit.request("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", {
      ...this.repo,
      comment_id: commentId,
      content,
    });
  }

  async comment(number: number, body: string): Promise<void> {
    await this.#octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      ...this.repo,
      issue_number: number,
      body,
    });
  }

  /**
   * Carries a plan out, in this order: open the check run, labels, review, summary, complete the
   * check run (so the check run is in progress while the rest is written). When GitHub keeps
   * failing a step, the steps after it are not tried: throws a GitHubWriteError naming the step,
   * and the caller shows it on the check run (reportOnCheckRun).
   */
  async applyPlan(number: number, plan: Plan): Promise<ApplyResult> {
    const checkRunId =
      plan.checkRun.write === "create" ? await this.#step("check run", () => this.#openCheckRunOn(plan.headSha, plan.checkRun)) : null;
    await this.#step("labels", () => this.#applyLabels(number, plan.labels.add, plan.labels.remove, plan.labels.specs));
    const reviewRejected = plan.review === null ? false : !(await this.#step("review", () => this.#createReview(number, plan)));
    await this.#step("review", () => this.#followUpReviews(number, plan));
    const summaryBody = reviewRejected ? plan.summary.bodyIfReviewRejected : plan.summary.body;
    const summaryWrite = reviewRejected && plan.summary.write === "none" ? "update" : plan.summary.write;
    await this.#step("summary comment", async () => {
      if (summaryWrite === "create") await this.#createSummary(number, summaryBody);
      if (summaryWrite === "update" && plan.summary.commentId !== null) await this.#editComment(plan.summary.commentId, summaryBody);
    });
    if (checkRunId !== null) await this.#step("check run", () => this.#completeCheckRun(checkRunId, plan.checkRun));
    return { checkRunId, reviewRejected };
  }

  /**
   * Shows a triage that could not finish on the commit's check run (an internal error, or GitHub
   * failing a write): completes the check run this adapter left open, or creates a completed
   * one. Never throws: the original error is what matters.
   */
  async reportOnCheckRun(headSha: string, plan: CheckRunPlan): Promise<void> {
    try {
      const id = this.#openCheckRun ?? (await this.#openCheckRunOn(headSha, plan));
      await this.#completeCheckRun(id, plan);
    } catch (error) {
      this.#log.error({ err: error }, "story-triage: could not show on the check run why the triage did not finish");
    }
  }

  /** Runs one step of applying a plan; GitHub's failures come out as a GitHubWriteError for that step. */
  async #step<T>(step: WriteStep, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (httpStatus(error) === null) throw error;
      throw new GitHubWriteError(step, error);
    }
  }

  /**
   * Sends a write that must not happen twice: a new check run, the review, the summary comment,
   * a batch of annotations (GitHub adds those up). Octokit's retry plugin would send it again
   * after a 5xx or a dropped connection, yet GitHub may have done the write and only the answer
   * was lost. So it goes out with Octokit's retries off, and after such a failure the adapter
   * first looks for the write (`find`) and sends it again only when it is not there; when the
   * look itself fails, it gives up rather than risk a duplicate. As many tries as Octokit makes;
   * Octokit's throttling spaces them like any other write.
   */
  async #once<T>(send: () => Promise<T>, find: () => Promise<T | null>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await send();
      } catch (error) {
        if (attempt >= WRITE_TRIES || !mayHaveLanded(error)) throw error;
        let found: T | null;
        try {
          found = await find();
        } catch {
          throw error;
        }
        if (found !== null) return found;
        this.#log.warn({ err: error, attempt }, "story-triage: GitHub failed a write that did not land; sending it again");
      }
    }
  }

  /**
   * Opens the check run (in progress). A check run of the app on this commit that an earlier
   * triage left in progress is taken over instead, so none stays in progress for ever.
   */
  async #openCheckRunOn(headSha: string, plan: CheckRunPlan): Promise<number> {
    if (plan.inProgressId !== undefined) {
      this.#openCheckRun = plan.inProgressId;
      return plan.inProgressId;
    }
    const id = await this.#once(
      async () => {
        const { data } = await this.#octokit.request("POST /repos/{owner}/{repo}/check-runs", {
          ...this.repo,
          name: CHECK_RUN_NAME,
          head_sha: headSha,
          status: "in_progress",
          external_id: plan.externalId,
          request: NO_OCTOKIT_RETRY,
        });
        return Number(data.id);
      },
      async () => {
        const latest = await this.latestCheckRun(headSha);
        return latest !== null && latest.status !== "completed" ? latest.id : null;
      },
    );
    this.#openCheckRun = id;
    return id;
  }

  /** Completes a check run with the first 50 annotations, then sends the rest 50 at a time. */
  async #completeCheckRun(id: number, plan: CheckRunPlan): Promise<void> {
    const batches = chunk(plan.annotations, ANNOTATIONS_PER_REQUEST);
    const output = (annotations: Annotation[]) => ({ title: plan.title, summary: plan.summary, annotations });
    // GitHub adds each request's annotations to the check run's: a batch has landed when the count has grown by it.
    const landed = async (count: number): Promise<true | null> => {
      const { data } = await this.#octokit.request("GET /repos/{owner}/{repo}/check-runs/{check_run_id}", { ...this.repo, check_run_id: id });
      return data.status === "completed" && data.output.annotations_count >= count ? true : null;
    };
    let sent = batches[0]?.length ?? 0;
    await this.#once(async () => {
      await this.#octokit.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", {
        ...this.repo,
        check_run_id: id,
        status: "completed",
        conclusion: plan.conclusion,
        output: output(batches[0] ?? []),
        request: NO_OCTOKIT_RETRY,
      });
      return true;
    }, () => landed(sent));
    this.#openCheckRun = null;
    for (const batch of batches.slice(1)) {
      sent += batch.length;
      await this.#once(async () => {
        await this.#octokit.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", {
          ...this.repo,
          check_run_id: id,
          output: output(batch),
          request: NO_OCTOKIT_RETRY,
        });
        return true;
      }, () => landed(sent));
    }
  }

  /** Posts the summary comment; after a failure that may have landed, an app comment with the summary marker counts as it. */
  async #createSummary(number: number, body: string): Promise<void> {
    const found = await this.#once(
      async () => {
        await this.#octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
          ...this.repo,
          issue_number: number,
          body,
          request: NO_OCTOKIT_RETRY,
        });
        return null;
      },
      async () => {
        const appId = await this.appId();
        const comments = await this.#octokit.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
          ...this.repo,
          issue_number: number,
          per_page: 100,
        });
        const own = comments.find((comment) => comment.performed_via_github_app?.id === appId && (comment.body ?? "").startsWith(SUMMARY_MARKER));
        return own === undefined ? null : { id: own.id, body: own.body ?? "" };
      },
    );
    if (found !== null && found.body !== body) await this.#editComment(found.id, body);
  }

  async #editComment(commentId: number, body: string): Promise<void> {
    await this.#octokit.request("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", {
      ...this.repo,
      comment_id: commentId,
      body,
    });
  }

  /**
   * Adds and removes labels. GitHub creates a label that does not exist yet when it is added by
   * name (grey, no description); such a label then gets the app's color and description. A label
   * that is already gone when removed (404) is fine.
   */
  async #applyLabels(number: number, add: string[], remove: string[], specs: LabelSpec[]): Promise<void> {
    if (add.length > 0) {
      const { data } = await this.#octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", {
        ...this.repo,
        issue_number: number,
        labels: add,
      });
      for (const label of data) {
        const spec = specs.find((candidate) => candidate.name.toLowerCase() === label.name.toLowerCase());
        const bare = label.color.toLowerCase() === GITHUB_DEFAULT_LABEL_COLOR && !label.description;
        if (spec === undefined || !bare) continue;
        await this.#octokit.request("PATCH /repos/{owner}/{repo}/labels/{name}", {
          ...this.repo,
          name: label.name,
          color: spec.color,
          description: spec.description,
        });
      }
    }
    for (const name of remove) {
      try {
        await this.#octokit.request("DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", {
          ...this.repo,
          issue_number: number,
          name,
        });
      } catch (error) {
        if (httpStatus(error) !== 404) throw error;
      }
    }
  }

  /**
   * Answers the app's comments on fixed findings and dismisses its requests for changes that no
   * longer hold. An answer is sent once: after a failure that may have landed, an answer with
   * the same body in the comment's thread counts as it. Dismissing twice changes nothing.
   */
  async #followUpReviews(number: number, plan: Pick<Plan, "replies" | "dismissals">): Promise<void> {
    for (const reply of plan.replies) {
      await this.#unlessRefused("answer a fixed finding's comment", { commentId: reply.commentId }, () =>
        this.#once(
          async () => {
            await this.#octokit.request("POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies", {
              ...this.repo,
              pull_number: number,
              comment_id: reply.commentId,
              body: reply.body,
              request: NO_OCTOKIT_RETRY,
            });
            return true;
          },
          async () => {
            const comments = await this.#octokit.paginate("GET /repos/{owner}/{repo}/pulls/{pull_number}/comments", {
              ...this.repo,
              pull_number: number,
              per_page: 100,
            });
            return comments.some((comment) => comment.in_reply_to_id === reply.commentId && comment.body === reply.body) ? true : null;
          },
        ),
      );
    }
    for (const dismissal of plan.dismissals) {
      await this.#unlessRefused("dismiss its review", { reviewId: dismissal.reviewId }, () =>
        this.#octokit.request("PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/dismissals", {
          ...this.repo,
          pull_number: number,
          review_id: dismissal.reviewId,
          message: dismissal.message,
          event: "DISMISS",
        }),
      );
    }
  }

  /**
   * A follow-up GitHub refuses for good (403: branch protection lets only some dismiss reviews;
   * 404: the comment was deleted; 422: the review is no longer one to dismiss) is logged and
   * skipped: it must not keep the rest of the triage from being written.
   */
  async #unlessRefused(what: string, about: Record<string, number>, write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      const status = httpStatus(error);
      if (status !== 403 && status !== 404 && status !== 422) throw error;
      this.#log.warn({ err: error, status, ...about }, `story-triage: GitHub refused to ${what}; left as it is`);
    }
  }

  /**
   * Posts the review; false when GitHub refuses it (422, say a line outside the diff). After a
   * failure that may have landed, a review of the head commit with the same body counts as it
   * (the body carries the findings' hidden fingerprints).
   */
  async #createReview(number: number, plan: Plan): Promise<boolean> {
    const review = plan.review;
    if (review === null) return true;
    try {
      return await this.#once(
        async () => {
          await this.#octokit.request("POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews", {
            ...this.repo,
            pull_number: number,
            commit_id: plan.headSha,
            event: review.event,
            body: review.body,
            comments: review.comments.map((comment) => ({ ...comment, side: "RIGHT" })),
            request: NO_OCTOKIT_RETRY,
          });
          return true;
        },
        async () => {
          const reviews = await this.#octokit.paginate("GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews", {
            ...this.repo,
            pull_number: number,
            per_page: 100,
          });
          return reviews.some((posted) => posted.commit_id === plan.headSha && posted.body === review.body && posted.user?.type === "Bot") ? true : null;
        },
      );
    } catch (error) {
      if (httpStatus(error) !== 422) throw error;
      this.#log.warn({ err: error }, "story-triage: GitHub refused the review; the findings go to the summary only");
      return false;
    }
  }
  // ------------------------------------------------------------------------------------------
  // The dashboard issue and the sweep (src/action)

  /** The repository's open pull requests, as the listing gives them (100 a page). */
  async listOpenPullRequests(): Promise<PullRequestInfo[]> {
    const pulls = await this.#octokit.paginate("GET /repos/{owner}/{repo}/pulls", { ...this.repo, state: "open", per_page: 100 });
    return pulls.map(pullRequestInfo);
  }

  /** The repository's default branch (a scheduled run's event names no repository). */
  async defaultBranch(): Promise<string> {
    const { data } = await this.#octokit.request("GET /repos/{owner}/{repo}", { ...this.repo });
    return data.default_branch;
  }

  /** Issues (not pull requests) with a label, open or closed, oldest first: the first 100. */
  async listLabelledIssues(label: string): Promise<LabelledIssue[]> {
    const { data } = await this.#octokit.request("GET /repos/{owner}/{repo}/issues", {
      ...this.repo,
      labels: label,
      state: "all",
      sort: "created",
      direction: "asc",
      per_page: 100,
    });
    return data.flatMap((issue) =>
      issue.pull_request === undefined
        ? [{ number: issue.number, body: issue.body ?? "", open: issue.state === "open", author: issue.user?.login ?? null }]
        : [],
    );
  }

  async createIssue(title: string, body: string, labels: string[]): Promise<number> {
    const { data } = await this.#octokit.request("POST /repos/{owner}/{repo}/issues", { ...this.repo, title, body, labels });
    return data.number;
  }

  /** Rewrites an issue's body (and nothing else: a closed issue stays closed). */
  async editIssue(number: number, body: string): Promise<void> {
    await this.#octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", { ...this.repo, issue_number: number, body });
  }
}

/** An issue as the dashboard looks for its own. */
export interface LabelledIssue {
  number: number;
  body: string;
  open: boolean;
  author: string | null;
}


// ----------------------------------------------------------------------------------------------
// Narrowing GitHub's JSON

/** What the app keeps of a pull request, from GitHub's answer for one or from the listing. */
function pullRequestInfo(data: {
  number: number;
  head: { sha: string; repo: { owner: { login: string }; name: string } | null };
  base: { sha: string; ref: string; repo: { private: boolean } };
  user: { login: string } | null;
  labels: Array<{ name: string }>;
  title: string;
  draft?: boolean;
  created_at: string;
  updated_at: string;
  /** Absent from listings: only a single pull request's answer counts its files. */
  changed_files?: number;
}): PullRequestInfo {
  const headRepo = data.head.repo;
  return {
    number: data.number,
    headSha: data.head.sha,
    baseSha: data.base.sha,
    baseRef: data.base.ref,
    headRepo: headRepo === null ? null : { owner: headRepo.owner.login, repo: headRepo.name },
    // A deleted account shows as null: GitHub calls it "ghost".
    author: data.user?.login ?? "ghost",
    labels: data.labels.map((label) => label.name),
    title: data.title,
    draft: data.draft === true,
    createdAt: data.created_at,
    updatedAt: data.updated_at,
    privateRepo: data.base.repo.private,
    changedFiles: typeof data.changed_files === "number" ? data.changed_files : 0,
  };
}

function timelineEntries(item: unknown): TimelineEntry[] {
  if (!isRecord(item)) return [];
  const event = item["event"];
  if (event === "commented") {
    const id = item["id"];
    const author = actorOf(item["user"], item["performed_via_github_app"]);
    if (typeof id !== "number" || author === null) return [];
    return [{ type: "comment", id, body: stringOr(item["body"], ""), author }];
  }
  if (event === "labeled" || event === "unlabeled") {
    const label = isRecord(item["label"]) ? item["label"]["name"] : undefined;
    const actor = actorOf(item["actor"], item["performed_via_github_app"]);
    if (typeof label !== "string" || actor === null) return [];
    return [{ type: "label", action: event, label, actor }];
  }
  if (event === "reviewed") {
    const author = actorOf(item["user"], null);
    const id = item["id"];
    if (author === null || typeof id !== "number") return [];
    // The timeline writes a review's state in lower case ("changes_requested"), the reviews API in upper.
    return [{ type: "review", id, state: stringOr(item["state"], "").toUpperCase(), body: stringOr(item["body"], ""), author }];
  }
  if (event === "line-commented") {
    const comments = item["comments"];
    if (!Array.isArray(comments)) return [];
    return comments.flatMap((comment: unknown): TimelineEntry[] => {
      if (!isRecord(comment)) return [];
      const author = actorOf(comment["user"], null);
      const id = comment["id"];
      if (author === null || typeof id !== "number") return [];
      const reviewId = typeof comment["pull_request_review_id"] === "number" ? comment["pull_request_review_id"] : null;
      return [{ type: "review-comment", id, reviewId, path: stringOr(comment["path"], ""), body: stringOr(comment["body"], ""), author }];
    });
  }
  return [];
}

function actorOf(user: unknown, app: unknown): Actor | null {
  if (!isRecord(user) || typeof user["login"] !== "string") return null;
  const appId = isRecord(app) && typeof app["id"] === "number" ? app["id"] : null;
  return { login: user["login"], appId };
}

/** The first `maxBytes` bytes of an unparsed answer body (a web stream), and how many there were in all. */
async function readStart(data: unknown, maxBytes: number): Promise<{ bytes: Uint8Array; size: number }> {
  if (data === null || data === undefined || data === "") return { bytes: new Uint8Array(0), size: 0 };
  if (typeof data === "string") return clip(new TextEncoder().encode(data), maxBytes);
  if (data instanceof ArrayBuffer) return clip(new Uint8Array(data), maxBytes);
  if (data instanceof Uint8Array) return clip(data, maxBytes);
  if (!(data instanceof ReadableStream)) throw new Error("GitHub returned a file in an unexpected shape");
  const kept: Uint8Array[] = [];
  let keptBytes = 0;
  let size = 0;
  const reader: ReadableStreamDefaultReader<unknown> = data.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!(value instanceof Uint8Array)) throw new Error("GitHub returned a file in an unexpected shape");
    size += value.byteLength;
    if (keptBytes < maxBytes) {
      const part = value.subarray(0, Math.min(value.byteLength, maxBytes - keptBytes));
      kept.push(part);
      keptBytes += part.byteLength;
    }
  }
  return { bytes: Buffer.concat(kept, keptBytes), size };
}

function clip(bytes: Uint8Array, maxBytes: number): { bytes: Uint8Array; size: number } {
  return { bytes: bytes.byteLength <= maxBytes ? bytes : bytes.subarray(0, maxBytes), size: bytes.byteLength };
}

/** The HTTP status of a failed Octokit request, or null for any other error. */
export function httpStatus(error: unknown): number | null {
  return isRecord(error) && typeof error["status"] === "number" ? error["status"] : null;
}

/** The status GitHub answered a failed request with; null when no answer came (Octokit then says 500). */
function answeredStatus(error: unknown): number | null {
  return isRecord(error) && isRecord(error["response"]) ? httpStatus(error) : null;
}

/** A failure after which GitHub may have done the write: a 5xx, or no answer at all. */
function mayHaveLanded(error: unknown): boolean {
  const status = httpStatus(error);
  return status !== null && status >= 500;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === "string" ? value : fallback;
}

function chunk<T>(items: T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}
