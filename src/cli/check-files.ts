/** Checks files on disk: picks the files, finds each story's template, reads both within bounds, asks the engine. */
import path from "node:path";
import picomatch from "picomatch";
import type { Config, StoryKind } from "../config/index.js";
import { kindFor, notAStory, templateCandidates } from "../engine/kinds.js";
import type { RepositoryContext } from "../engine/repository.js";
import type { Template } from "../engine/template.js";
import type { RuleId, StoryReport } from "../engine/types.js";
import { digest, type ResultCache } from "./cache.js";
import type { Pool } from "./pool.js";
import { threadsFor, type Job } from "./threads.js";
import { readRepositoryContext } from "./repository.js";
import { classify, compare, findFiles, isFile, readBounded, toRepoPath, totalSize, UsageError, walk, walkRoots } from "./files.js";

/** Templates up to this size are read whatever max-file-bytes says. */
const TEMPLATE_MIN_BYTES = 1024 * 1024;

export interface CheckOutcome {
  /** One per file, in the order given (expansions sorted). */
  reports: StoryReport[];
  /** Files that could not be read: named, with why. Each makes the exit status 2. */
  errors: string[];
}

/** The repository paths (relative to `root`) that the arguments name; every story under `root` when there are none. */
export function selectFiles(root: string, config: Config, patterns: readonly string[]): string[] {
  const isStory = (p: string) => kindFor(config, p) !== null;
  if (patterns.length === 0) {
    return findFiles(root, walkRoots(config.kinds.flatMap((k) => k.paths)), isStory);
  }
  const selected = new Set<string>();
  for (const arg of patterns) {
    const target = classify(root, arg);
    if ("file" in target) {
      selected.add(target.file);
    } else if ("dir" in target) {
      for (const p of walk(root, target.dir)) if (isStory(p)) selected.add(p);
    } else {
      const matched = globFiles(root, target.glob, target.base);
      if (matched.length === 0) throw new UsageError(`no files match ${arg}`);
      for (const p of matched) selected.add(p);
    }
  }
  return [...selected];
}

/** Files matching a glob from the command line, relative to `root`, sorted. */
function globFiles(root: string, glob: string, base: string): string[] {
  const absolute = path.isAbsolute(glob);
  const matches = picomatch(glob.split(path.sep).join("/"), { dot: true });
  return walk(root, base)
    .filter((p) => matches(absolute ? path.resolve(root, p).split(path.sep).join("/") : p))
    .sort(compare);
}

/** The engine with the markdown parser and the rules. */
type Engine = typeof import("../engine/index.js");

let engine: Promise<Engine> | undefined;

/**
 * The engine, loaded on the first story that has to be checked: a run whose every story is in the
 * results cache never loads or compiles the markdown parser (in the bundle it is a chunk of its own).
 */
function loadEngine(): Promise<Engine> {
  engine ??= import("../engine/index.js");
  return engine;
}

/** The rules that read the repository around a story (its paths, its tables of contents). */
export const REPOSITORY_RULES: readonly RuleId[] = ["toc-missing", "link-broken"];

/** A story read and keyed, waiting to be checked. */
interface Pending {
  slot: number;
  file: string;
  kind: StoryKind;
  template: KnownTemplate;
  bytes: Uint8Array;
  size: number;
  key: string;
}

/** Checking on several threads: the script a thread runs (the command's own file) and at most how many (null: one a core). */
export interface Threads {
  script: URL;
  count: number | null;
}

/**
 * Checks each file: non-stories are listed (kind null) without being read. With a cache, a story
 * whose bytes, template, configuration (`configId`, a digest of its text), surrounding repository
 * (when toc-missing or link-broken is on) and tool are unchanged gets the report kept from an
 * earlier run. Every file is read and looked up first; the engine is loaded only when a story is left.
 * With `threads`, the stories left are checked on worker threads when there is enough to check (pool.ts).
 */
export async function checkFiles(
  root: string,
  config: Config,
  files: readonly string[],
  cache: { results: ResultCache; configId: string; folder: string } | null = null,
  threads: Threads | null = null,
): Promise<CheckOutcome> {
  // Templates are the repository's own files: a small max-file-bytes for stories does not apply to them.
  const templates = new TemplateCache(root, Math.max(config.maxFileBytes, TEMPLATE_MIN_BYTES));
  const slots: (StoryReport | null)[] = [];
  const pending: Pending[] = [];
  const errors: string[] = [];
  // The repository around the stories is read once, and only when a rule that needs it is on. The
  // check is made without the rules' code (the parser comes with it): a rule not set to "off" in the
  // configuration counts as on, which only ever reads the repository more often than needed.
  const needsRepo = REPOSITORY_RULES.some((id) => config.rules[id] !== "off" || config.kinds.some((k) => (k.rules?.[id] ?? "off") !== "off"));
  let repo: RepositoryContext | undefined;
  let repoId: string | undefined;
  // Without the cache every story is checked: the threads can start now, while the stories are read.
  const stories = files.filter((f) => kindFor(config, f) !== null);
  let pool = threads !== null && cache === null ? await startPool(threads, stories.length, totalSize(root, stories)) : null;
  try {
    return await check();
  } finally {
    await pool?.close();
  }

  async function check(): Promise<CheckOutcome> {
    for (const file of files) {
      const kind = kindFor(config, file);
      if (kind === null) {
        slots.push(notAStory(file));
        continue;
      }
      try {
        const template = templates.forStory(templateCandidates(kind, file));
        const { bytes, size } = readBounded(path.resolve(root, file), config.maxFileBytes, file);
        if (needsRepo) repo ??= readRepositoryContext(root, config);
        // toc-missing and link-broken read the files around the story: those are part of the key too.
        if (cache !== null && repo !== undefined) repoId ??= repositoryId(repo, toRepoPath(root, cache.folder));
        const key = cache?.results.key({ path: file, content: bytes, size, template: template.id, config: cache.configId, repository: repoId ?? "none" }) ?? "";
        const kept = cache?.results.get(file, key) ?? null;
        if (kept === null) pending.push({ slot: slots.length, file, kind, template, bytes, size, key });
        slots.push(kept);
      } catch (err) {
        if (!(err instanceof UsageError)) throw err;
        if (!errors.includes(err.message)) errors.push(err.message);
      }
    }
    const jobs: Job[] = pending.map((p) => ({ file: p.file, kind: p.kind.name, template: { id: p.template.id, text: p.template.text }, bytes: p.bytes, size: p.size }));
    if (pool === null && threads !== null && cache !== null) {
      pool = await startPool(threads, jobs.length, jobs.reduce((sum, j) => sum + j.bytes.length, 0));
    }
    const checker = async () => {
      const loaded = await loadEngine();
      return (i: number) => {
        const story = pending[i]!;
        return loaded.checkStory({ path: story.file, content: story.bytes, size: story.size, kind: story.kind, template: story.template.template(loaded), config, ...(repo ? { repo } : {}) });
      };
    };
    if (pending.length > 0) {
      let reports: StoryReport[];
      if (pool !== null) {
        reports = await pool.check(jobs, config, repo ?? null, checker);
      } else {
        const check = await checker();
        reports = pending.map((_, i) => check(i));
      }
      pending.forEach((story, i) => {
        cache?.results.set(story.file, story.key, reports[i]!);
        slots[story.slot] = reports[i]!;
      });
    }
    return { reports: slots.filter((r): r is StoryReport => r !== null), errors };
  }
}

/**
 * Worker threads for `stories` stories of `bytes` bytes, or null when one thread does it sooner.
 * The cores are counted (Node's os module loaded) and the pool loaded only when there is enough.
 */
async function startPool(threads: Threads, stories: number, bytes: number): Promise<Pool | null> {
  const worth = threadsFor(stories, bytes);
  if (worth === 1) return null;
  const count = Math.min(worth, threads.count ?? (await import("node:os")).availableParallelism());
  if (count === 1) return null;
  const { Pool } = await import("./pool.js");
  try {
    return new Pool(threads.script, count - 1);
  } catch {
    // Threads that cannot be started (a runtime's limit on them): this thread checks everything.
    return null;
  }
}

/**
 * A digest of what toc-missing and link-broken read besides the story: the paths, SUMMARY.md,
 * the index pages and book.toml. The cache's own folder (`cacheFolder`, repository-relative) is left out: its
 * entries change on every run that writes one.
 */
function repositoryId(repo: RepositoryContext, cacheFolder: string): string {
  const own = (p: string) => p === cacheFolder || p.startsWith(`${cacheFolder}/`);
  const file = (f: { path: string; text: string } | null) => (f === null ? null : [f.path, f.text]);
  const pages = Object.entries(repo.indexPages)
    .sort(([a], [b]) => compare(a, b))
    .map(([kind, list]) => [kind, list.map(file)]);
  return digest(JSON.stringify([repo.paths === null ? null : [...repo.paths].filter((p) => !own(p)).sort(compare), file(repo.summary), pages, repo.bookToml ?? null]));
}

/** A template, parsed when first asked for (a story found in the results cache needs only its id). */
interface KnownTemplate {
  /** What identifies its text, for the results cache. */
  id: string;
  /** Its text; null for the built-in template. */
  text: string | null;
  template(engine: Engine): Template;
}

function known(id: string, text: string | null): KnownTemplate {
  let parsed: Template | undefined;
  return { id, text, template: (engine) => (parsed ??= text === null ? engine.builtinTemplate() : engine.parseTemplate(text)) };
}

/**
 * Each template file is read once, and each template text parsed once (folders of a repository
 * often hold copies of one template); a story whose candidates are all absent gets the built-in one.
 */
class TemplateCache {
  private readonly parsed = new Map<string, KnownTemplate | UsageError | null>();
  private readonly byText = new Map<string, KnownTemplate>();

  constructor(
    private readonly root: string,
    private readonly maxBytes: number,
  ) {}

  forStory(candidates: readonly string[]): KnownTemplate {
    for (const candidate of candidates) {
      const template = this.load(candidate);
      if (template instanceof UsageError) throw template;
      if (template !== null) return template;
    }
    return known("built-in", null);
  }

  private load(repoPath: string): KnownTemplate | UsageError | null {
    const cached = this.parsed.get(repoPath);
    if (cached !== undefined) return cached;
    const absolute = path.resolve(this.root, repoPath);
    let result: KnownTemplate | UsageError | null = null;
    if (isFile(absolute)) {
      try {
        const text = this.text(absolute, toRepoPath(this.root, absolute));
        const id = digest(text);
        result = this.byText.get(id) ?? known(id, text);
        this.byText.set(id, result);
      } catch (err) {
        if (!(err instanceof UsageError)) throw err;
        result = err;
      }
    }
    this.parsed.set(repoPath, result);
    return result;
  }

  private text(absolute: string, shown: string): string {
    const { bytes, size } = readBounded(absolute, this.maxBytes, `the template ${shown}`);
    if (size > this.maxBytes) {
      throw new UsageError(`the template ${shown} has ${size} bytes, over the limit of ${this.maxBytes}`);
    }
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw new UsageError(`the template ${shown} is not valid UTF-8 text`);
    }
  }
}
