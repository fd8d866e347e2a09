/**
 * Large pull requests built from the developers' corpus (../shared/corpus), for the tests of
 * grouping and saying things once:
 *  - every story of the corpus (the newest version of each, in the old layout
 *    `src/vision/{status_quo,shiny_future}/`) moved one folder deeper, into
 *    `src/vision/submitted_stories/`, with its links unchanged, as the real reorganisation of the
 *    Rust async vision doc did; the book's table of contents and index pages follow the move;
 *  - the same story added under many names.
 * The trees are those of one corpus pull request's head (its every path, empty, so links can
 * point at them; its book files as they were).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, posix, relative, sep } from "node:path";
import { computeFiles } from "../../src/standin/seed.js";
import type { PullFile } from "../../src/standin/state.js";
import { CORPUS, WG_ASYNC_CONFIG } from "./corpus.js";

/** The corpus pull request whose head tree the large pull requests start from (the old layout, 53 stories). */
const TREE_FROM = "pr-219";
const OLD_STORY = /^src\/vision\/(status_quo|shiny_future)\/[^/]+\.md$/;

export interface LargePull {
  base: Record<string, string>;
  head: Record<string, string>;
  files: PullFile[];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function corpusFolders(): string[] {
  return readdirSync(CORPUS)
    .filter((name) => /^pr-\d+$/.test(name))
    .sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)));
}

/** The head tree of TREE_FROM: every path empty, its book files with their text, and the configuration. */
function startingTree(): Record<string, string> {
  const tree: Record<string, string> = { ".github/story-triage.yml": WG_ASYNC_CONFIG };
  for (const path of readFileSync(join(CORPUS, TREE_FROM, "head-tree.txt"), "utf8").split("\n")) if (path !== "") tree[path] = "";
  const book = join(CORPUS, TREE_FROM, "book", "head");
  for (const file of filesUnder(book)) tree[relative(book, file).split(sep).join("/")] = readFileSync(file, "utf8");
  return tree;
}

/** Every story (and template) of the old layout the corpus holds, at its newest version. */
function corpusStories(): Map<string, string> {
  const stories = new Map<string, string>();
  for (const folder of corpusFolders()) {
    for (const side of ["base", "head"]) {
      const root = join(CORPUS, folder, side);
      let files: string[];
      try {
        files = filesUnder(root);
      } catch {
        continue;
      }
      for (const file of files) {
        const path = relative(root, file).split(sep).join("/");
        if (OLD_STORY.test(path) && (side === "head" || !stories.has(path))) stories.set(path, readFileSync(file, "utf8"));
      }
    }
  }
  return stories;
}

/** `src/vision/status_quo/x.md` → `src/vision/submitted_stories/status_quo/x.md`. */
export function deeper(path: string): string {
  return path.replace(/^src\/vision\//, "src/vision/submitted_stories/");
}

/**
 * Every corpus story moved one folder deeper with its links unchanged (templates move too); the
 * table of contents and the index pages name the new paths. Returns the trees and GitHub's file
 * list: the stories renamed without a change (no patch), the book's pages modified.
 */
export function movedStoriesPull(): LargePull & { moved: string[] } {
  const base = startingTree();
  const stories = corpusStories();
  for (const [path, text] of stories) base[path] = text;
  const head = { ...base };
  const moved = [...stories.keys()].sort();
  for (const path of moved) {
    head[deeper(path)] = head[path]!;
    delete head[path];
  }
  const pages = ["src/SUMMARY.md", "src/vision/status_quo.md", "src/vision/shiny_future.md"];
  for (const page of pages) {
    let text = head[page] ?? "";
    for (const path of moved) {
      const [kind, name] = path.split("/").slice(2) as [string, string];
      text = text.replace(new RegExp(`(?<!submitted_stories/)\\b${kind}/${name.replace(/[.]/g, "\\.")}`, "g"), `submitted_stories/${kind}/${name}`);
    }
    head[page] = text;
  }
  const renamed: PullFile[] = moved.map((path) => ({ filename: deeper(path), status: "renamed", previous_filename: path, additions: 0, deletions: 0, changes: 0 }));
  const edited = computeFiles(
    new Map(pages.map((p) => [p, Buffer.from(base[p] ?? "")])),
    new Map(pages.map((p) => [p, Buffer.from(head[p] ?? "")])),
  );
  return { base, head, files: [...renamed, ...edited].sort((a, b) => a.filename.localeCompare(b.filename)), moved };
}

/**
 * The push that mends the links of every other moved story (`../` becomes `../../` at the start
 * of each relative link the move broke: one that points at nothing from the new folder and at a
 * file from the old one): the new head and the file list, the mended stories renamed with a change.
 */
export function mendHalf(pull: LargePull & { moved: string[] }): { head: Record<string, string>; files: PullFile[]; mended: string[] } {
  const head = { ...pull.head };
  const mended = pull.moved.filter((_, index) => index % 2 === 0).map(deeper);
  const exists = (p: string) => p in head || Object.keys(head).some((other) => other.startsWith(`${p}/`));
  for (const path of mended) {
    const folder = posix.dirname(path);
    head[path] = (head[path] ?? "").replace(/(\]\(|\]:[ \t]*)(\.\.\/[^)\s#?]*)/g, (whole, before: string, url: string) => {
      const now = posix.join(folder, url);
      return exists(now) || !exists(posix.join(folder, "..", url)) ? whole : `${before}../${url}`;
    });
  }
  const files = pull.files.map((file): PullFile => {
    if (!mended.includes(file.filename)) return file;
    const [patch] = computeFiles(new Map([[file.filename, Buffer.from(pull.head[file.filename] ?? "")]]), new Map([[file.filename, Buffer.from(head[file.filename] ?? "")]]));
    if (patch === undefined) return file;
    return { ...file, additions: patch.additions, deletions: patch.deletions, changes: patch.changes, ...(patch.patch === undefined ? {} : { patch: patch.patch }) };
  });
  return { head, files, mended };
}
