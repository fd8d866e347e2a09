/**
 * The repository around the stories, from the working tree, for toc-missing and link-broken:
 * every path (`git ls-files` inside a git work tree, so ignored build output does not count;
 * a walk of the folder otherwise), book.toml (the references its preprocessors define), the
 * book's SUMMARY.md (found from book.toml) and the index pages the configuration names.
 */
import path from "node:path";
import type { Config } from "../config/index.js";
import { indexPaths, summaryPath } from "../engine/book.js";
import type { RepoFile, RepositoryContext } from "../engine/repository.js";
import { isFile, readBounded, UsageError, walk } from "./files.js";
import { gitLsFiles, mayBeInGit } from "./git-listing.js";

/** Tables of contents bigger than this are not read (the check is then skipped). */
const TOC_MAX_BYTES = 1024 * 1024;

export function readRepositoryContext(root: string, config: Config): RepositoryContext {
  const bookToml = readText(root, "book.toml");
  const summary = summaryPath(config, bookToml);
  const indexPages: Record<string, RepoFile[]> = {};
  for (const kind of config.kinds) {
    const pages = indexPaths(config, kind.name).flatMap((p) => {
      const text = readText(root, p);
      return text === null ? [] : [{ path: p, text }];
    });
    if (pages.length > 0) indexPages[kind.name] = pages;
  }
  const summaryText = summary === null ? null : readText(root, summary);
  return {
    paths: new Set(listPaths(root)),
    summary: summary !== null && summaryText !== null ? { path: summary, text: summaryText } : null,
    indexPages,
    bookToml,
  };
}

/**
 * Files tracked or not ignored, present in the working tree; every file under `root` outside git.
 * One `git ls-files` lists both (each path tagged: "R" for a tracked file deleted from the working
 * tree, which is also listed as tracked). Where git cannot find a repository (no `.git` in `root` or
 * above it, no GIT_DIR or GIT_WORK_TREE pointing elsewhere) it is not asked: it would only fail.
 */
function listPaths(root: string): string[] {
  if (!mayBeInGit(root)) return walk(root, root);
  const out = gitLsFiles(root);
  if (out === null) return walk(root, root);
  const listed: string[] = [];
  const deleted = new Set<string>();
  for (const entry of out.split("\0")) {
    if (entry === "") continue;
    const file = entry.slice(2);
    if (entry.startsWith("R ")) deleted.add(file);
    else listed.push(file);
  }
  return listed.filter((p) => !deleted.has(p));
}

function readText(root: string, repoPath: string): string | null {
  const absolute = path.resolve(root, repoPath);
  if (!isFile(absolute)) return null;
  try {
    const { bytes, size } = readBounded(absolute, TOC_MAX_BYTES, repoPath);
    return size > TOC_MAX_BYTES ? null : new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (err) {
    if (err instanceof UsageError || err instanceof TypeError) return null;
    throw err;
  }
}
