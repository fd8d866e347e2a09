/** The CLI's disk access: which files to check, and reading them without ever taking in more than a bound. */
import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync, type Stats } from "node:fs";
import path from "node:path";
import picomatch from "picomatch";

/** A problem the user can fix (a missing path, an unreadable file): exit status 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Directories never walked into. */
const SKIPPED_DIRS = new Set(["node_modules", ".git"]);

/** `a/b/c.md` from a path relative to `root` (forward slashes whatever the platform). */
export function toRepoPath(root: string, absolute: string): string {
  return path.relative(root, absolute).split(path.sep).join("/");
}

/**
 * Every regular file under `dir` (relative to `root`, sorted), skipping node_modules and .git.
 * Symbolic links are not followed. A missing `dir` gives nothing. `enter`, when given, is told
 * each folder (absolute, `dir` included) before it is read, and may say to leave it out.
 */
export function walk(root: string, dir: string, enter?: (folder: string) => boolean): string[] {
  const out: string[] = [];
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop() as string;
    if (enter !== undefined && !enter(current)) continue;
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch (err) {
      if (isErrno(err, "ENOENT") || isErrno(err, "ENOTDIR")) continue;
      throw new UsageError(`cannot read the directory ${display(root, current)}: ${errnoText(err)}`);
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) pending.push(full);
      } else if (entry.isFile()) {
        out.push(toRepoPath(root, full));
      }
    }
  }
  return out.sort(compare);
}

/**
 * The directories that can hold a file matching any of `globs` (their static prefixes), with
 * nested ones dropped: walking only these keeps a check of a big repository quick.
 */
export function walkRoots(globs: readonly string[]): string[] {
  const bases = globs.map((glob) => {
    const { base, isGlob } = picomatch.scan(glob);
    return isGlob ? base : path.posix.dirname(base);
  });
  if (bases.some((b) => b === "" || b === ".")) return [""];
  const sorted = [...new Set(bases)].sort(compare);
  return sorted.filter((b, i) => !sorted.slice(0, i).some((a) => b.startsWith(`${a}/`)));
}

/** Files under `root` whose repository path satisfies `keep`, walking only `roots`. */
export function findFiles(root: string, roots: readonly string[], keep: (repoPath: string) => boolean): string[] {
  const found = new Set<string>();
  for (const r of roots) {
    for (const p of walk(root, path.join(root, r))) if (keep(p)) found.add(p);
  }
  return [...found].sort(compare);
}

export type Expanded = { file: string } | { dir: string } | { glob: string; base: string };

/** What a command-line argument names: an existing file or directory, else a glob. */
export function classify(cwd: string, arg: string): Expanded {
  const absolute = path.resolve(cwd, arg);
  let stats: Stats | null = null;
  try {
    stats = statSync(absolute);
  } catch (err) {
    if (!isErrno(err, "ENOENT") && !isErrno(err, "ENOTDIR")) {
      throw new UsageError(`cannot read ${arg}: ${errnoText(err)}`);
    }
  }
  if (stats !== null) {
    if (stats.isFile()) return { file: toRepoPath(cwd, absolute) };
    if (stats.isDirectory()) return { dir: absolute };
    throw new UsageError(`${arg} is neither a file nor a directory`);
  }
  const scan = picomatch.scan(arg.split(path.sep).join("/"));
  if (!scan.isGlob) throw new UsageError(`${arg}: no such file or directory`);
  return { glob: arg, base: path.resolve(cwd, scan.base) };
}

export interface Bytes {
  /** At most `limit + 1` bytes of the file. */
  bytes: Uint8Array;
  /** The file's whole size, even when `bytes` was cut short. */
  size: number;
}

/** Reads at most `limit + 1` bytes: enough to know a file is over the limit without reading it all. */
export function readBounded(absolute: string, limit: number, shown: string): Bytes {
  let fd: number;
  try {
    fd = openSync(absolute, "r");
  } catch (err) {
    throw new UsageError(`cannot read ${shown}: ${errnoText(err)}`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new UsageError(`cannot read ${shown}: not a regular file`);
    const want = Math.min(stats.size, limit) + 1;
    const buffer = Buffer.allocUnsafe(want);
    let got = 0;
    while (got < want) {
      const n = readSync(fd, buffer, got, want - got, null);
      if (n === 0) break;
      got += n;
    }
    const bytes = buffer.subarray(0, got);
    return { bytes, size: got > limit ? Math.max(stats.size, got) : got };
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`cannot read ${shown}: ${errnoText(err)}`);
  } finally {
    closeSync(fd);
  }
}

/** Whether a file exists (as a regular file) under `root`. */
export function isFile(absolute: string): boolean {
  try {
    return statSync(absolute).isFile();
  } catch {
    return false;
  }
}

/** The bytes the files under `root` hold (a file that cannot be read counts 0: reading it says why). */
export function totalSize(root: string, files: readonly string[]): number {
  let bytes = 0;
  for (const file of files) {
    try {
      bytes += statSync(path.resolve(root, file)).size;
    } catch {
      // Reported when it is read.
    }
  }
  return bytes;
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function display(root: string, absolute: string): string {
  return toRepoPath(root, absolute) || ".";
}

/** The errno code of a Node system error (checked by shape: such errors may come from another realm). */
export function codeOf(err: unknown): string | null {
  if (typeof err !== "object" || err === null || !("code" in err)) return null;
  return typeof err.code === "string" ? err.code : null;
}

function isErrno(err: unknown, code: string): boolean {
  return codeOf(err) === code;
}

function errnoText(err: unknown): string {
  const code = codeOf(err);
  const known: Record<string, string> = {
    ENOENT: "no such file or directory",
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    EISDIR: "is a directory",
    ENOTDIR: "not a directory",
    ELOOP: "too many symbolic links",
    EMFILE: "too many open files",
  };
  if (code !== null) return known[code] ?? code;
  return err instanceof Error ? err.message : String(err);
}
