/**
 * Gathers what triage needs to know of a pull request, with as few requests as possible and none
 * twice: the config (default branch), the changed files, the stories at the head sha (from the
 * head repository, so forks work), their templates at the base sha (a pull request cannot change
 * the rules it is judged by), the app's earlier work (timeline) and its check run on the head sha.
 */
import { CONFIG_PATH, ConfigError, defaultConfig, parseConfigYaml } from "../config/index.js";
import type { Config } from "../config/types.js";
import { builtinTemplate, kindFor, parseTemplate, type Template, templateCandidates } from "../engine/index.js";
import { addedFileText, commentableLines } from "./diff.js";
import type { Actor, GitHub, TimelineEntry } from "./github.js";
import { findingFingerprints, SUMMARY_MARKER } from "./markers.js";
import type { RepositoryContext, StoryChange } from "../engine/repository.js";
import { readRepository } from "./read-repository.js";
import type { ChangedFile, ExistingCheckRun, PriorWork, PullRequestInfo, StoryFile } from "./types.js";

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
}

export type PullRequestState =
  /** No changed file is a story: the app leaves the pull request alone. */
  | { kind: "no-stories"; pr: PullRequestInfo }
  /** The head moved on while reading: a newer event will triage the newer head. */
  | { kind: "superseded"; pr: PullRequestInfo; staleSha: string; currentHeadSha: string }
  | { kind: "config-problem"; pr: PullRequestInfo; problems: string[]; checkRun: ExistingCheckRun | null }
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
    };

/** `seen` hears of the pull request as soon as it is known, so a later failure can still name its head. */
export async function readPullRequest(gh: GitHub, target: TriageTarget, seen?: (pr: PullRequestInfo) => void): Promise<PullRequestState> {
  const pr = target.pullRequest ?? (await gh.getPullRequest(target.number));
  seen?.(pr);
  if (target.checkRun !== null && target.checkRun.headSha !== pr.headSha) {
    return { kind: "superseded", pr, staleSha: target.checkRun.headSha, currentHeadSha: pr.headSha };
  }
  const configRead = await readConfig(gh, target.defaultBranch);

  if ("problems" in configRead) {
    const checkRun = target.checkRun ?? (await gh.latestCheckRun(pr.headSha));
    const current = await currentPullRequest(gh, target, pr);
    if (current.headSha !== pr.headSha) return { kind: "superseded", pr, staleSha: pr.headSha, currentHeadSha: current.headSha };
    return { kind: "config-problem", pr: current, problems: configRead.problems, checkRun };
  }
  const config = configRead.config;

  const files = (await gh.listFiles(pr.number)).filter((file) => file.status !== "removed");
  const storyFiles = files.flatMap((file) => {
    const kind = kindFor(config, file.path);
    return kind === null ? [] : [{ file, kind }];
  });
  if (storyFiles.length === 0) return { kind: "no-stories", pr };

  const templates = new TemplateCache(gh, pr.baseSha);
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
    stories.push({
      path: file.path,
      kind,
      content,
      ...(read !== null && read.size > read.bytes.byteLength ? { size: read.size } : {}),
      template: await templates.forStory(templateCandidates(kind, file.path)),
      commentable: commentableLines(file.patch),
      change: changeOf(file),
    });
  }

  const prior = await readPriorWork(gh, pr.number);
  const checkRun = target.checkRun ?? (await gh.latestCheckRun(pr.headSha));
  const current = await currentPullRequest(gh, target, pr);
  if (current.headSha !== pr.headSha) return { kind: "superseded", pr, staleSha: pr.headSha, currentHeadSha: current.headSha };
  return { kind: "stories", pr: current, config, stories, repo: around.repo, tocCommentable: around.tocCommentable, prior, checkRun };
}

function changeOf(file: ChangedFile): StoryChange {
  const status = file.status === "added" || file.status === "copied" ? "added" : file.status === "renamed" ? "renamed" : "modified";
  return { status, previousPath: file.previousPath };
}

/** The configuration on the default branch: the defaults when there is none, its problems when it is broken. */
export async function readConfig(gh: GitHub, defaultBranch: string): Promise<{ config: Config } | { problems: string[] }> {
  const bytes = await gh.readFile(gh.repo, CONFIG_PATH, defaultBranch);
  if (bytes === null) return { config: defaultConfig() };
  try {
    return { config: parseConfigYaml(new TextDecoder().decode(bytes), CONFIG_PATH) };
  } catch (error) {
    if (error instanceof ConfigError) return { problems: error.problems };
    throw error;
  }
}

/** The pull request now: read again when the event carried it, else the one read at the start. */
async function currentPullRequest(gh: GitHub, target: TriageTarget, first: PullRequestInfo): Promise<PullRequestInfo> {
  return target.pullRequest === null ? first : gh.getPullRequest(target.number);
}

/** Templates read at the base sha, each path at most once per event. */
class TemplateCache {
  readonly #gh: GitHub;
  readonly #baseSha: string;
  readonly #read = new Map<string, Template | null>();

  constructor(gh: GitHub, baseSha: string) {
    this.#gh = gh;
    this.#baseSha = baseSha;
  }

  /** A template already read (in the request that read the book's files). */
  seed(path: string, bytes: Uint8Array | null): void {
    this.#read.set(path, bytes === null ? null : parseTemplate(new TextDecoder().decode(bytes)));
  }

  /** The first candidate that exists at the base sha, else the built-in template. */
  async forStory(candidates: string[]): Promise<Template> {
    for (const path of candidates) {
      if (!this.#read.has(path)) {
        const bytes = await this.#gh.readFile(this.#gh.repo, path, this.#baseSha);
        this.#read.set(path, bytes === null ? null : parseTemplate(new TextDecoder().decode(bytes)));
      }
      const template = this.#read.get(path);
      if (template) return template;
    }
    return builtinTemplate();
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
      (entry.type === "review" || entry.type === "review-comment") && findingFingerprints(entry.body).length > 0,
  );
  let botLogin = botLoginFrom(timeline, appId);
  const posted = new Set<string>();
  if (reviewed.length > 0) {
    botLogin ??= await gh.botLogin();
    for (const entry of reviewed) {
      if (entry.author.login === botLogin) for (const fingerprint of findingFingerprints(entry.body)) posted.add(fingerprint);
    }
  }
  const byApp = (actor: Actor) => actor.appId === appId || (botLogin !== null && actor.login === botLogin);
  return {
    summary: summary === undefined ? null : { id: summary.id, body: summary.body },
    postedFindings: posted,
    labelEvents: timeline.flatMap((entry) =>
      entry.type === "label" ? [{ label: entry.label, action: entry.action, byApp: byApp(entry.actor) }] : [],
    ),
  };
}

/** The bot user's login, from anything the timeline shows the app did. */
function botLoginFrom(timeline: TimelineEntry[], appId: number): string | null {
  for (const entry of timeline) {
    const actor = entry.type === "label" ? entry.actor : entry.author;
    if (actor.appId === appId) return actor.login;
  }
  return null;
}
