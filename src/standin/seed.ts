/**
 * Seeding the stand-in from a pull request folder: the corpus layout (pr.json with the file
 * list and patches, head/ and base/ trees) or a hand-written fixture in the same layout whose
 * pr.json may leave out `files` (then they are computed from base/ and head/).
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { makePatch } from "./diff.js";
import { isRecord } from "./http.js";
import type { Standin } from "./server.js";
import type { PullFile, PullRequest, Repo } from "./state.js";

export interface PrFolder {
  number: number;
  title: string;
  body: string | null;
  branch: string;
  draft: boolean;
  author: string | null;
  baseSha: string;
  headSha: string;
  /** From pr.json, or computed from the trees when pr.json has none. */
  files: PullFile[];
  /** Repository path → content at the merge base (changed files and templates). */
  base: Map<string, Uint8Array>;
  /** Repository path → content at the head (the changed files). */
  head: Map<string, Uint8Array>;
  /** The book's files at the head (book/head/: book.toml, SUMMARY.md, index pages), changed or not. */
  book: Map<string, Uint8Array>;
  /** Every path at the head (head-tree.txt), when the folder lists them. */
  headPaths: string[];
}

async function readTree(root: string): Promise<Map<string, Uint8Array>> {
  const tree = new Map<string, Uint8Array>();
  let entries;
  try {
    entries = await readdir(root, { recursive: true, withFileTypes: true });
  } catch (error) {
    if (isRecord(error) && error.code === "ENOENT") return tree;
    throw error;
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    tree.set(relative(root, full).split(sep).join("/"), await readFile(full));
  }
  return tree;
}

function fail(dir: string, problem: string): never {
  throw new Error(`${join(dir, "pr.json")}: ${problem}`);
}

function readFiles(dir: string, raw: unknown): PullFile[] {
  if (!Array.isArray(raw)) fail(dir, "`files` must be a list");
  return raw.map((item: unknown, index) => {
    if (!isRecord(item) || typeof item.filename !== "string" || typeof item.status !== "string") {
      fail(dir, `files[${index}] needs a filename and a status`);
    }
    const file: PullFile = {
      filename: item.filename,
      status: item.status as PullFile["status"],
      additions: typeof item.additions === "number" ? item.additions : 0,
      deletions: typeof item.deletions === "number" ? item.deletions : 0,
      changes: typeof item.changes === "number" ? item.changes : 0,
    };
    if (typeof item.previous_filename === "string") file.previous_filename = item.previous_filename;
    if (typeof item.patch === "string") file.patch = item.patch;
    return file;
  });
}

function text(bytes: Uint8Array | undefined): string | null {
  return bytes === undefined ? null : Buffer.from(bytes).toString("utf8");
}

/** The file list GitHub would show for base → head, for the paths under head/ (all text). */
export function computeFiles(base: Map<string, Uint8Array>, head: Map<string, Uint8Array>): PullFile[] {
  return [...head.keys()].sort().flatMap((path): PullFile[] => {
    const before = text(base.get(path));
    const after = text(head.get(path));
    if (before === after) return [];
    const patch = makePatch(before, after);
    const additions = patch.split("\n").filter((l) => l.startsWith("+")).length;
    const deletions = patch.split("\n").filter((l) => l.startsWith("-")).length;
    return [{ filename: path, status: before === null ? "added" : "modified", additions, deletions, changes: additions + deletions, patch }];
  });
}

function fakeSha(...parts: string[]): string {
  return createHash("sha1").update(parts.join("\0")).digest("hex");
}

export async function readPrFolder(dir: string): Promise<PrFolder> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(join(dir, "pr.json"), "utf8"));
  } catch (error) {
    throw new Error(`${join(dir, "pr.json")}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isRecord(parsed)) fail(dir, "expected an object");
  if (typeof parsed.number !== "number") fail(dir, "`number` must be a number");
  const base = await readTree(join(dir, "base"));
  const head = await readTree(join(dir, "head"));
  const book = await readTree(join(dir, "book", "head"));
  const headPaths = await readPathList(join(dir, "head-tree.txt"));
  const files = parsed.files === undefined ? computeFiles(base, head) : readFiles(dir, parsed.files);
  const str = (key: string): string | null => (typeof parsed[key] === "string" ? parsed[key] : null);
  return {
    number: parsed.number,
    title: str("title") ?? `Pull request #${parsed.number}`,
    body: str("body"),
    branch: str("branch") ?? `pr-${parsed.number}`,
    draft: parsed.draft === true,
    author: str("author"),
    baseSha: str("base_sha") ?? fakeSha("base", dir),
    headSha: str("head_sha") ?? fakeSha("head", dir),
    files,
    base,
    head,
    book,
    headPaths,
  };
}

/** One path a line; none when the file is absent. */
async function readPathList(file: string): Promise<string[]> {
  try {
    return (await readFile(file, "utf8")).split("\n").filter((line) => line !== "");
  } catch (error) {
    if (isRecord(error) && error.code === "ENOENT") return [];
    throw error;
  }
}

export interface SeedOptions {
  owner?: string;
  repo?: string;
  /** Extra files on the default branch (and so at the head too), e.g. `.github/story-triage.yml`. */
  extraBaseFiles?: Record<string, string>;
  draft?: boolean;
  author?: string;
  installationId?: number;
}

export interface Seeded {
  repo: Repo;
  pull: PullRequest;
  folder: PrFolder;
}

/**
 * Puts one pull request folder into the stand-in: the base tree (plus `extraBaseFiles`) on the
 * default branch at base_sha, the head tree (base overlaid with head/, minus removed and renamed
 * files) at head_sha, and the pull request with its file list.
 */
export async function seedFromFolder(standin: Standin, dir: string, options: SeedOptions = {}): Promise<Seeded> {
  const folder = await readPrFolder(dir);
  const owner = options.owner ?? "story-org";
  const name = options.repo ?? "stories";
  const repo = standin.world.repo(owner, name) ?? standin.addRepo({ owner, name, ...(options.installationId ? { installationId: options.installationId } : {}) });
  const baseTree: Record<string, Uint8Array | string> = Object.fromEntries(folder.base);
  Object.assign(baseTree, options.extraBaseFiles ?? {});
  const headTree: Record<string, Uint8Array | string> = { ...baseTree, ...Object.fromEntries(folder.book), ...Object.fromEntries(folder.head) };
  // The folder lists every path at the head but carries few files: the others are there, empty, for links to point at.
  for (const path of folder.headPaths) if (!(path in headTree)) headTree[path] = "";
  for (const file of folder.files) {
    if (file.status === "removed") delete headTree[file.filename];
    if (file.status === "renamed" && file.previous_filename) delete headTree[file.previous_filename];
  }
  standin.addCommit(repo, folder.baseSha, baseTree);
  standin.addCommit(repo, folder.headSha, headTree);
  standin.setBranch(repo, repo.defaultBranch, folder.baseSha);
  const pull = standin.addPull(repo, {
    number: folder.number,
    title: folder.title,
    body: folder.body,
    draft: options.draft ?? folder.draft,
    author: options.author ?? folder.author ?? "story-author",
    headRef: folder.branch,
    headSha: folder.headSha,
    baseSha: folder.baseSha,
    files: folder.files,
  });
  return { repo, pull, folder };
}

export interface ManyFilesSpec {
  /** Changed files in all (GitHub lists the first 3,000). */
  files: number;
  /** Of those, stories: half added, half modified (a sentence appended). */
  stories: number;
  /** The folder the stories are in, e.g. `stories/status_quo`. */
  storyDir: string;
  /** The story's text; each story is this text under its own name. */
  story: string;
  /** Files on the default branch besides the modified stories (the configuration, the template). */
  baseFiles: Record<string, string>;
}

export interface ManyFilesPull {
  base: Record<string, string>;
  head: Record<string, string>;
  /** The changed files as GitHub lists them: by path, stories first (`stories/` sorts before `vendor/`). */
  files: PullFile[];
}

/**
 * A pull request that changes many files, a few of them stories: the stories under `storyDir`
 * (the first half added, the others modified), the rest small source files added under
 * `vendor/`, as a dependency vendored in with a batch of stories.
 */
export function manyFilesPull(spec: ManyFilesSpec): ManyFilesPull {
  if (spec.stories > spec.files) throw new Error(`manyFilesPull: ${spec.stories} stories do not fit in ${spec.files} files`);
  const base: Record<string, string> = { ...spec.baseFiles };
  const head: Record<string, string> = { ...spec.baseFiles };
  const width = String(Math.max(spec.stories, spec.files)).length;
  for (let i = 0; i < spec.stories; i += 1) {
    const path = `${spec.storyDir}/story_${String(i).padStart(width, "0")}.md`;
    if (i >= spec.stories / 2) base[path] = spec.story;
    head[path] = i >= spec.stories / 2 ? `${spec.story.trimEnd()}\n\nOne more sentence, written in the same pull request.\n` : spec.story;
  }
  for (let i = 0; i < spec.files - spec.stories; i += 1) {
    head[`vendor/crate_${String(Math.floor(i / 100)).padStart(3, "0")}/src/module_${String(i).padStart(width, "0")}.rs`] = `//! Module ${i}.\n\npub fn value() -> u32 {\n    ${i}\n}\n`;
  }
  const changed = Object.keys(head).filter((path) => base[path] !== head[path]);
  const bytes = (tree: Record<string, string>) => new Map(changed.filter((p) => p in tree).map((p) => [p, Buffer.from(tree[p]!)] as const));
  return { base, head, files: computeFiles(bytes(base), bytes(head)) };
}
