/**
 * Gathers what triage needs to know of a pull request, with as few requests as possible and none
 * twice: the config (default branch), the changed files, the stories at the head sha (from the
 * head repository, so forks work), their templates at the base sha (a pull request cannot change
 * the rules it is judged by), the base version of each modified or renamed story (rebuilt from its
 * patch when it can be), the app's earlier work (timeline) and its check run on the head sha.
 */
import { CONFIG_PATH, ConfigError, defaultConfig, parseConfigYaml } from "../config/index.js";
import type { Config, StoryKind } from "../config/types.js";
import { builtinTemplate, kindFor, parseTemplate, type Template, templateCandidates } from "../engine/index.js";
import { addedFileText, commentableLines, textBeforePatch } from "./diff.js";
import { type Actor, type GitHub, type TimelineEntry } from "./github.js";
import { findingFingerprints, fixedFingerprints, saidPrefixes, SUMMARY_MARKER, unlistedDigests } from "./markers.js";
import type { RepositoryContext, StoryChange } from "../engine/repository.js";
import { readRepository } from "./read-repository.js";
import { type BaseVersion, type ChangedFile, type ExistingCheckRun, MAX_PULL_REQUEST_FILES, type PostedComment, type PriorWork, type PullRequestInfo, type StoryFile, type TemplateSource } from "./types.js";

export interface TriageTarget {
  number: number;
  defaultBranch: string;
  /**
   * The pull request as the event carried it. It is read again before anything is written, both
   * to see whether the head moved on and for its labels now. Null: read it once, first.
   */
  pullRequest: PullRequestInfo | null;
  /** The check run the event is about ("Re-run"), which spares looking it up; stale when its sha is not the head. */
  checkRun: ExistingCheckRun | null;
  /** Where the configuration is read on the default branch; CONFIG_PATH when absent. */
  configPath?: string;
  /** Overrides the configuration's `fail-on` (the action's input). */
  failOn?: Config["failOn"];
}

export type PullRequestState =
  /** No changed file is a story, and the app never triaged the pull request: it leaves it alone. */
  | { kind: "no-stories"; pr: PullRequestInfo }
  /**
   * No file GitHub listed is a story, yet it listed only the first 3,000 of the pull request's
   * files: the check run says that stories among the others were not checked.
   */
  | { kind: "unlisted-files"; pr: PullRequestInfo; unlisted: number; checkRun: ExistingCheckRun | null }
  /** No changed file is a story any more, yet the app triaged the pull request before: it cleans up. */
  | { kind: "no-stories-any-more"; pr: PullRequestInfo; prior: PriorWork; checkRun: ExistingCheckRun | null }
  /** The head moved on while reading: a newer event will triage the newer head. */
  | { kind: "superseded"; pr: PullRequestInfo; staleSha: string; currentHeadSha: string }
  | { kind: "config-problem"; pr: PullRequestInfo; configPath: string; problems: string[]; checkRun: ExistingCheckRun | null }
  | {
      kind: "stories";
      pr: PullRequestInfo;
      config: Config;
      stories: StoryFile[];
      /** The repository around the stories (null when toc-missing and link-broken are off). */
      repo: RepositoryContext | null;
      /** Commentable lines of the book's tables of contents that the pull request changes. */
      tocCommentable: ReadonlyMap<string, ReadonlySet<number>>;
      prior: PriorWork;
      checkRun: ExistingCheckRun | null;
      /** Changed files past the 3,000 GitHub lists: stories among them are not checked. */
      unlistedFiles: number;
    };

/** `seen` hears of the pull request as soon as it is known, so a later failure can still name its head. */
export async function readPullRequest(gh: GitHub, target: TriageTarget, seen?: (pr: PullRequestInfo) => void): Promise<PullRequestState> {
  const pr = target.pullRequest ?? (await gh.getPullRequest(target.number));
  seen?.(pr);
  if (target.checkRun !== null && target.checkRun.headSha !== pr.headSha) {
    return { kind: "superseded", pr, staleSha: target.checkRun.headSha, currentHeadSha: pr.headSha };
  }
  const configPath = target.configPath ?? CONFIG_PATH;
  const configRead = await readConfig(gh, target.defaultBranch, configPath);

  if ("problems" in configRead) {
    const checkRun = target.checkRun ?? (await gh.latestCheckRun(pr.headSha));
    const current = await currentPullRequest(gh, target, pr);
    if (current.headSha !== pr.headSha) return { kind: "superseded", pr, staleSha: pr.headSha, currentHeadSha: current.headSha };
    return { kind: "config-problem", pr: current, configPath, problems: configRead.problems, checkRun };
  }
  const config = target.failOn === undefined ? configRead.config : { ...configRead.config, failOn: target.failOn };

  const files = (await gh.listFiles(pr.number)).filter((file) => file.status !== "removed");
  const storyFiles = files.flatMap((file) => {
    const kind = kindFor(config, file.path);
    return kind === null ? [] : [{ file, kind }];
  });
  const unlistedFiles = Math.max(0, pr.changedFiles - MAX_PULL_REQUEST_FILES);
  if (storyFiles.length === 0) {
    const prior = await readPriorWork(gh, pr.number);
    if (prior.summary === null && unlistedFiles > 0) {
      const checkRun = target.checkRun ?? (await gh.latestCheckRun(pr.headSha));
      const current = await currentPullRequest(gh, target, pr);
      if (current.headSha !== pr.headSha) return { kind: "superseded", pr, staleSha: pr.headSha, currentHeadSha: current.headSha };
      return { kind: "unlisted-files", pr: current, unlisted: unlistedFiles, checkRun };
    }
    if (prior.summary === null) return { kind: "no-stories", pr };
    const checkRun = target.checkRun ?? (await gh.latestCheckRun(pr.headSha));
    const current = await currentPullRequest(gh, target, pr);
    if (current.headSha !== pr.headSha) return { kind: "superseded", pr, staleSha: pr.headSha, currentHeadSha: current.headSha };
    return { kind: "no-stories-any-more", pr: current, prior, checkRun };
  }

  const templates = new TemplateCache(gh, pr.baseSha, templateMoves(files));
  const around = await readRepository(
    gh,
    pr,
    config,
    files,
    [...new Set(storyFiles.map((s) => s.kind.name))],
    [...new Set(storyFiles.flatMap((s) => templateCandidates(s.kind, s.file.path)))],
  );
  for (const [path, bytes] of around.templates) templates.seed(path, bytes);
  const stories: StoryFile[] = [];
  for (const { file, kind } of storyFiles) {
    const rebuilt = file.status === "added" ? addedFileText(file.patch, file.additions) : null;
    // One byte over the limit is enough for the engine to say so; the rest is counted, not kept.
    const read = rebuilt === null ? await gh.readFileStart(pr.headRepo ?? gh.repo, file.path, pr.headSha, config.maxFileBytes + 1) : null;
    const content = rebuilt ?? read?.bytes ?? null;
    if (content === null) {
      gh.log.warn({ path: file.path, sha: pr.headSha }, "story-triage: a changed story is not readable at the head sha");
      continue;
    }
    const whole = read === null || read.size <= read.bytes.byteLength;
    const { template, source } = await templates.forStory(templateCandidates(kind, file.path));
    stories.push({
      path: file.path,
      kind,
      content,
      ...(whole ? {} : { size: read.size }),
      template,
      templateSource: source,
      base: file.status === "added" ? null : await readBaseVersion(gh, config, pr.baseSha, templates, file, kind, whole ? content : null),
      commentable: commentableLines(file.patch),
      change: changeOf(file),
    });
  }

  const prior = await readPriorWork(gh, pr.number);
  const checkRun = target.checkRun ?? (await gh.latestCheckRun(pr.headSha));
  const current = await currentPullRequest(gh, target, pr);
  if (current.headSha !== pr.headSha) return { kind: "superseded", pr, staleSha: pr.headSha, currentHeadSha: current.headSha };
  return { kind: "stories", pr: current, config, stories, repo: around.repo, tocCommentable: around.tocCommentable, prior, checkRun, unlistedFiles };
}

function changeOf(file: ChangedFile): StoryChange {
  const status = file.status === "added" || file.status === "copied" ? "added" : file.status === "renamed" ? "renamed" : "modified";
  return { status, previousPath: file.previousPath };
}

/** The configuration on the default branch: the defaults when there is none, its problems when it is broken. */
export async function readConfig(gh: GitHub, defaultBranch: string, path = CONFIG_PATH): Promise<{ config: Config } | { problems: string[] }> {
  const bytes = await gh.readFile(gh.repo, path, defaultBranch);
  if (bytes === null) return { config: defaultConfig() };
  try {
    return { config: parseConfigYaml(new TextDecoder().decode(bytes), path) };
  } catch (error) {
    if (error instanceof ConfigError) return { problems: error.problems };
    throw error;
  }
}

/** The pull request now: read again when the event carried it, else the one read at the start. */
async function currentPullRequest(gh: GitHub, target: TriageTarget, first: PullRequestInfo): Promise<PullRequestInfo> {
  return target.pullRequest === null ? first : gh.getPullRequest(target.number);
}

/**
 * A modified or renamed story as it was at the base: its head text with the patch taken back when
 * that fits (no request), else read at the base sha. Its template is the one its old path had at
 * the base. Null when the old version is not readable (then all its findings count as introduced).
 */
async function readBaseVersion(
  gh: GitHub,
  config: Config,
  baseSha: string,
  templates: TemplateCache,
  file: ChangedFile,
  headKind: StoryKind,
  headContent: string | Uint8Array | null,
): Promise<BaseVersion | null> {
  const path = file.previousPath ?? file.path;
  const kind = kindFor(config, path) ?? headKind;
  const headText = headContent === null ? null : textOf(headContent);
  // A file moved without a change has no patch: its old version is the new one.
  const moved = file.status === "renamed" && file.additions === 0 && file.deletions === 0;
  const before = headText === null ? null : moved ? headText : textBeforePatch(headText, file.patch);
  const read = before === null ? await gh.readFileStart(gh.repo, path, baseSha, config.maxFileBytes + 1) : null;
  const content = before ?? read?.bytes ?? null;
  if (content === null) {
    gh.log.warn({ path, sha: baseSha }, "story-triage: a changed story is not readable at the base sha; its findings all count as introduced");
    return null;
  }
  const { template } = await templates.atBase(templateCandidates(kind, path));
  return { path, kind, content, ...(read !== null && read.size > read.bytes.byteLength ? { size: read.size } : {}), template };
}

/** Bytes as UTF-8 text, or null when they are not (the engine then says why; the base is read instead). */
function textOf(content: string | Uint8Array): string | null {
  if (typeof content === "string") return content;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(content);
  } catch {
    return null;
  }
}

/** Files the pull request moves: new path to old path (templates moved with their stories are found by these). */
function templateMoves(files: readonly ChangedFile[]): ReadonlyMap<string, string> {
  return new Map(files.flatMap((file) => (file.status === "renamed" && file.previousPath !== null ? [[file.path, file.previousPath] as const] : [])));
}

/** Templates read at the base sha, each path at most once per event. */
class TemplateCache {
  readonly #gh: GitHub;
  readonly #baseSha: string;
  readonly #moves: ReadonlyMap<string, string>;
  readonly #read = new Map<string, Template | null>();

  constructor(gh: GitHub, baseSha: string, moves: ReadonlyMap<string, string>) {
    this.#gh = gh;
    this.#baseSha = baseSha;
    this.#moves = moves;
  }

  /**
   * A head story's template: the first candidate that exists at the base sha; else, when the pull
   * request moves a template to a candidate, that template at its old path (a pull request cannot
   * change the rules it is judged by, but it can move them); else the built-in template.
   */
  async forStory(candidates: string[]): Promise<{ template: Template; source: TemplateSource }> {
    const found = await this.atBase(candidates);
    if (found.source !== null) return found;
    for (const path of candidates) {
      const from = this.#moves.get(path);
      const template = from === undefined ? null : await this.#load(from);
      if (template) return { template, source: { path, movedFrom: from ?? null } };
    }
    return found;
  }

  /** A template already read (in the request that read the book's files). */
  seed(path: string, bytes: Uint8Array | null): void {
    this.#read.set(path, bytes === null ? null : parseTemplate(new TextDecoder().decode(bytes)));
  }

  /** The first candidate that exists at the base sha, else the built-in template. */
  async atBase(candidates: string[]): Promise<{ template: Template; source: TemplateSource }> {
    for (const path of candidates) {
      const template = await this.#load(path);
      if (template) return { template, source: { path, movedFrom: null } };
    }
    return { template: builtinTemplate(), source: null };
  }

  async #load(path: string): Promise<Template | null> {
    if (!this.#read.has(path)) {
      const bytes = await this.#gh.readFile(this.#gh.repo, path, this.#baseSha);
      this.#read.set(path, bytes === null ? null : parseTemplate(new TextDecoder().decode(bytes)));
    }
    return this.#read.get(path) ?? null;
  }
}

/**
 * The app's earlier work, from the timeline: its summary comment, the findings it already posted,
 * and who added or removed each label. Review comments carry no app id, so they count as the app's
 * when written by its bot user, whose login comes from the app's other traces or, failing those,
 * from GET /app.
 */
async function readPriorWork(gh: GitHub, number: number): Promise<PriorWork> {
  const appId = await gh.appId();
  const timeline = await gh.listTimeline(number);
  const summary = timeline.find(
    (entry): entry is Extract<TimelineEntry, { type: "comment" }> =>
      entry.type === "comment" && entry.author.appId === appId && entry.body.startsWith(SUMMARY_MARKER),
  );
  const reviewed = timeline.filter(
    (entry): entry is Extract<TimelineEntry, { type: "review" | "review-comment" }> =>
      (entry.type === "review" || entry.type === "review-comment") &&
      (findingFingerprints(entry.body).length > 0 ||
        fixedFingerprints(entry.body).length > 0 ||
        (entry.type === "review" && (entry.state === "CHANGES_REQUESTED" || saidPrefixes(entry.body).length + unlistedDigests(entry.body).length > 0))),
  );
  let botLogin = botLoginFrom(timeline, appId);
  if (reviewed.length > 0) botLogin ??= await gh.botLogin();
  // A review is the flow's when its bot wrote it and the door owns it (by its markers or its comments' markers, when others share the bot).
  const commentBodies = (reviewId: number) =>
    timeline.flatMap((entry) => (entry.type === "review-comment" && entry.reviewId === reviewId ? [entry.body] : []));
  const own = reviewed.filter(
    (entry) => entry.author.login === botLogin && (entry.type === "review-comment" || gh.door.ownsReview(entry.body, commentBodies(entry.id))),
  );
  const byApp = (actor: Actor) => actor.appId === appId || (botLogin !== null && actor.login === botLogin);
  return {
    summary: summary === undefined ? null : { id: summary.id, body: summary.body },
    ...openFindings(own),
    said: new Set(own.flatMap((entry) => (entry.type === "review" ? saidPrefixes(entry.body) : []))),
    unlisted: new Set(own.flatMap((entry) => (entry.type === "review" ? unlistedDigests(entry.body) : []))),
    changesRequested: own.flatMap((entry) => (entry.type === "review" && entry.state === "CHANGES_REQUESTED" ? [entry.id] : [])),
    labelEvents: timeline.flatMap((entry) =>
      entry.type === "label" ? [{ label: entry.label, action: entry.action, byApp: byApp(entry.actor) }] : [],
    ),
  };
}

/**
 * The findings the app posted and has not answered as fixed: posted more often than answered
 * (a finding fixed, then back, was posted twice). For each, its newest inline comment.
 */
function openFindings(own: ReadonlyArray<Extract<TimelineEntry, { type: "review" | "review-comment" }>>): Pick<PriorWork, "postedFindings" | "openComments"> {
  const balance = new Map<string, number>();
  const newest = new Map<string, PostedComment>();
  for (const entry of own) {
    for (const fingerprint of findingFingerprints(entry.body)) {
      balance.set(fingerprint, (balance.get(fingerprint) ?? 0) + 1);
      const last = newest.get(fingerprint);
      if (entry.type === "review-comment" && (last === undefined || entry.id > last.id)) newest.set(fingerprint, { id: entry.id, path: entry.path, fingerprint });
    }
    for (const fingerprint of fixedFingerprints(entry.body)) balance.set(fingerprint, (balance.get(fingerprint) ?? 0) - 1);
  }
  const open = [...balance].filter(([, count]) => count > 0).map(([fingerprint]) => fingerprint);
  return { postedFindings: new Set(open), openComments: open.flatMap((fingerprint) => newest.get(fingerprint) ?? []) };
}

/** The bot user's login, from anything the timeline shows the app did. */
function botLoginFrom(timeline: TimelineEntry[], appId: number): string | null {
  for (const entry of timeline) {
    const actor = entry.type === "label" ? entry.actor : entry.author;
    if (actor.appId === appId) return actor.login;
  }
  return null;
}
