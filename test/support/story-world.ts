/**
 * A repository on the GitHub stand-in with the demo configuration and template on its default
 * branch, and any number of story pull requests on it; plus the two things the fault, hostile
 * and security suites need to judge the app's work: a normalized view of a pull request (what a
 * person sees, without ids or shas) and a wait for a triage to be done.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createStoryTriage, readSettings, type StoryTriage } from "../../src/index.js";
import { hostApp, type HostedApp, type HostOptions } from "../../src/standin/host.js";
import { computeFiles } from "../../src/standin/seed.js";
import type { PullSnapshot, Standin } from "../../src/standin/server.js";
import type { PullFile, PullRequest, Repo } from "../../src/standin/state.js";
import { REPO_ROOT } from "./app-process.js";
import { waitFor } from "./wait.js";

const DEMO = join(REPO_ROOT, "fixtures/demo");

/**
 * The app hosted in this process by hostStoryApp, if any (one per test file: each has its own
 * module registry). While there is one, the waits below wait for its queue to be empty: an event,
 * not a quiet spell at the stand-in.
 */
let hosted: StoryTriage | null = null;

/**
 * Hosts the app in this process against `standin`, with the settings of this environment, as
 * `probot run` would build it; the waits of this module then wait for its queue. `close()` stops
 * the queue and the server.
 */
export async function hostStoryApp(standin: Standin, options: HostOptions = {}): Promise<HostedApp> {
  const triage = createStoryTriage(readSettings(process.env));
  const app = await hostApp(triage.app, standin, options);
  hosted = triage;
  return {
    ...app,
    close: async () => {
      if (hosted === triage) hosted = null;
      await triage.close(5000);
      await app.close();
    },
  };
}

/** Once the app has nothing left to do: its queue is empty (hosted here), else the stand-in is quiet for `quietMs`. */
export async function appDone(world: StoryRepo, quietMs = 400, timeoutMs = 25000): Promise<void> {
  if (hosted !== null) await hosted.idle();
  else await world.standin.whenQuiet(quietMs, timeoutMs);
}
export const CONFIG_PATH = ".github/story-triage.yml";
export const TEMPLATE_PATH = "stories/status_quo/template.md";
export const DEMO_CONFIG = readFileSync(join(DEMO, "base", CONFIG_PATH), "utf8");
export const DEMO_TEMPLATE = readFileSync(join(DEMO, "base", TEMPLATE_PATH), "utf8");
/** The demo story: a draft told through Grace, one FAQ question missing and one unanswered. */
export const DEMO_STORY_PATH = "stories/status_quo/grace_chases_a_stuck_future.md";
export const DEMO_STORY = readFileSync(join(DEMO, "head", DEMO_STORY_PATH), "utf8");
/** The labels the demo story gets. */
export const DEMO_LABELS = ["character:Grace", "draft", "needs-faq", "status-quo"];

export interface StoryRepo {
  standin: Standin;
  repo: Repo;
  baseSha: string;
  base: Map<string, Uint8Array>;
}

function sha(...parts: Array<string | Uint8Array>): string {
  const hash = createHash("sha1");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex");
}

function bytes(content: string | Uint8Array): Uint8Array {
  return typeof content === "string" ? Buffer.from(content, "utf8") : content;
}

/**
 * A repository whose default branch holds `.github/story-triage.yml` (the demo's unless `config`
 * is given; null for none), the status quo template and `extraBase`.
 */
export function seedStoryRepo(
  standin: Standin,
  options: { owner?: string; name?: string; config?: string | null; extraBase?: Record<string, string | Uint8Array> } = {},
): StoryRepo {
  const repo = standin.addRepo({ owner: options.owner ?? "story-org", name: options.name ?? "stories" });
  const base = new Map<string, Uint8Array>([[TEMPLATE_PATH, bytes(DEMO_TEMPLATE)]]);
  const config = options.config === undefined ? DEMO_CONFIG : options.config;
  if (config !== null) base.set(CONFIG_PATH, bytes(config));
  for (const [path, content] of Object.entries(options.extraBase ?? {})) base.set(path, bytes(content));
  const baseSha = sha("base", repo.fullName, ...[...base].flat());
  standin.addCommit(repo, baseSha, Object.fromEntries(base));
  standin.setBranch(repo, repo.defaultBranch, baseSha);
  return { standin, repo, baseSha, base };
}

/** Replaces the configuration on the default branch (a new commit). */
export function setConfig(world: StoryRepo, config: string): void {
  world.base.set(CONFIG_PATH, bytes(config));
  world.baseSha = sha("base", world.repo.fullName, ...[...world.base].flat());
  world.standin.addCommit(world.repo, world.baseSha, Object.fromEntries(world.base));
  world.standin.setBranch(world.repo, world.repo.defaultBranch, world.baseSha);
}

export interface StoryPullOptions {
  author?: string;
  /** The file list as GitHub would give it, when it cannot be computed from the trees (binary files, say). */
  files?: PullFile[];
}

/**
 * Opens pull request `number` that adds (or changes) `files` on the current default branch. Each
 * pull request gets its own head sha, so check runs of different pull requests never mix.
 */
export function addStoryPull(world: StoryRepo, number: number, files: Record<string, string | Uint8Array>, options: StoryPullOptions = {}): PullRequest {
  const head = new Map(Object.entries(files).map(([path, content]) => [path, bytes(content)]));
  const headSha = sha("head", world.repo.fullName, String(number), ...[...head].flat());
  world.standin.addCommit(world.repo, headSha, { ...Object.fromEntries(world.base), ...Object.fromEntries(head) });
  return world.standin.addPull(world.repo, {
    number,
    title: `Story pull request #${number}`,
    author: options.author ?? "ferris-writes",
    headSha,
    baseSha: world.baseSha,
    files: options.files ?? computeFiles(world.base, head),
  });
}

/** A push to pull request `number`: a new head with `files` changed against the base. */
export function pushStory(world: StoryRepo, number: number, files: Record<string, string | Uint8Array>, nonce: string): PullRequest {
  const head = new Map(Object.entries(files).map(([path, content]) => [path, bytes(content)]));
  const headSha = sha("push", world.repo.fullName, String(number), nonce, ...[...head].flat());
  world.standin.addCommit(world.repo, headSha, { ...Object.fromEntries(world.base), ...Object.fromEntries(head) });
  return world.standin.push(world.repo, number, headSha, computeFiles(world.base, head));
}

/** What a person sees on a pull request, without ids, shas or timestamps: equal means the same outcome. */
export interface NormalState {
  labels: string[];
  labelEvents: string[];
  reviews: Array<{ user: string; state: string; body: string; comments: string[] }>;
  checkRuns: Array<{ name: string; status: string; conclusion: string | null; title: string | null; summary: string | null; annotations: string[] }>;
  /** Comments by the app, with their reactions. */
  appComments: string[];
}

export function normalize(snapshot: PullSnapshot, botLogin: string): NormalState {
  return {
    labels: [...snapshot.labels].sort(),
    labelEvents: snapshot.events.map((e) => `${e.event} ${e.label} by ${e.actor}`),
    reviews: snapshot.reviews.map((review) => ({
      user: review.user,
      state: review.state,
      body: review.body,
      comments: review.comments.map((c) => `${c.path}:${c.line ?? "?"}:${c.side}\n${c.body}`).sort(),
    })),
    checkRuns: snapshot.checkRuns.map((run) => ({
      name: run.name,
      status: run.status,
      conclusion: run.conclusion,
      title: run.title,
      summary: run.summary,
      annotations: run.annotations.map((a) => `${a.path}:${a.startLine} ${a.level} ${a.title ?? ""}: ${a.message}`),
    })),
    appComments: snapshot.issueComments.filter((c) => c.user === botLogin).map((c) => c.body),
  };
}

/** The latest check run on `headSha`, as the pull request shows it. */
export function latestRun(snapshot: PullSnapshot, headSha: string): PullSnapshot["checkRuns"][number] | undefined {
  return snapshot.checkRuns.filter((run) => run.headSha === headSha).at(-1);
}

/**
 * Waits until pull request `number` has `count` completed check runs on its head (the triage's
 * last write) and the stand-in has gone quiet, then returns the pull request's snapshot. Works
 * whether the app answers its webhook before or after it has done the work.
 */
export async function waitForCheckRuns(world: StoryRepo, number: number, count = 1, timeoutMs = 25000): Promise<PullSnapshot> {
  const pull = world.repo.pulls.get(number);
  if (!pull) throw new Error(`no pull request #${number}`);
  await waitFor(
    `${count} completed check run(s) on pull request #${number}`,
    () => {
      const runs = world.standin.snapshot(world.repo, number).checkRuns.filter((r) => r.headSha === pull.headSha && r.status === "completed");
      return runs.length >= count ? true : undefined;
    },
    timeoutMs,
    25,
  );
  await appDone(world, 300, timeoutMs);
  return world.standin.snapshot(world.repo, number);
}

/** A point in the stand-in's request log, for `settleAfter`. */
export function mark(world: StoryRepo): number {
  return world.standin.requests.at(-1)?.seq ?? 0;
}

/**
 * Waits for the app to have finished with an event that may write nothing. Hosted here, that is
 * its queue being empty (a job is queued before the webhook is answered). As its own process:
 * until it has made a request after `since` (a `mark()` taken before the event was delivered;
 * such an app may start on the work a little later), then `quietMs` without one.
 */
export async function settleAfter(world: StoryRepo, since: number, quietMs = 400, timeoutMs = 25000): Promise<void> {
  if (hosted !== null) return hosted.idle();
  await waitFor("the app to call the stand-in", () => (world.standin.requests.some((r) => r.seq > since) ? true : undefined), timeoutMs, 10);
  await world.standin.whenQuiet(quietMs, timeoutMs);
}
