/**
 * Git's listing of a working tree, for the repository rules' paths (repository.ts) and for
 * checking that a recorded run's listing is unchanged (replay.ts). Node's child_process is loaded
 * only when git is run: a run outside git, or answered from the cache, does without it.
 */
import type * as ChildProcess from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const GIT_LOCATION_VARIABLES = ["GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR"];

/**
 * Whether git could see `root` as part of a repository: a `.git` (folder or file) in it or a
 * folder above, `root` or a folder above being a git folder itself (it holds HEAD), or one of the
 * variables that point git at a repository anywhere. False only when git would certainly find none.
 */
export function mayBeInGit(root: string): boolean {
  if (GIT_LOCATION_VARIABLES.some((name) => process.env[name] !== undefined)) return true;
  for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, ".git")) || existsSync(path.join(dir, "HEAD"))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}

/**
 * One `git ls-files` listing tracked, deleted and untracked-but-not-ignored paths, NUL-separated,
 * each tagged ("R " for a tracked file deleted from the working tree); null when git fails.
 */
export function gitLsFiles(root: string): string | null {
  const { execFileSync } = createRequire(import.meta.url)("node:child_process") as typeof ChildProcess;
  try {
    return execFileSync("git", ["-C", root, "ls-files", "-z", "-t", "--cached", "--deleted", "--others", "--exclude-standard"], {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch {
    return null;
  }
}
