/**
 * The repository around the stories, from the working tree, for toc-missing and link-broken:
 * every path (`git ls-files` inside a git work tree, so ignored build output does not count;
 * a walk of the folder otherwise), the book's SUMMARY.md (found from book.toml) and the index
 * pages the configuration names.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import type { Config } from "../config/index.js";
import { indexPaths, summaryPath, type RepoFile, type RepositoryContext } from "../engine/repository.js";
import { isFile, readBounded, UsageError, walk } from "./files.js";

/** Tables of contents bigger than this are not read (the check is then skipped). */
const TOC_MAX_BYTES = 1024 * 1024;

export function readRepositoryContext(root: string, config: Config): RepositoryContext {
  const summary = summaryPath(config, readText(root, "book.toml"));
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
  };
}

/** Files tracked or not ignored, present in the working tree; every file under `root` outside git. */
function listPaths(root: string): string[] {
  const git = (args: string[]) => execFileSync("git", ["-C", root, ...args], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024, stdio: ["ignore", "pipe", "ignore"] });
  try {
    const deleted = new Set(git(["ls-files", "-z", "--deleted"]).split("\0"));
    return git(["ls-files", "-z", "--cached", "--others", "--exclude-standard"])
      .split("\0")
      .filter((p) => p !== "" && !deleted.has(p));
  } catch {
    return walk(root, root);
  }
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
