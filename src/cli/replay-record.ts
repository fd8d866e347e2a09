/**
 * Records a `check --cache` run in the manifest replay.ts answers from: what it printed, its exit
 * status, and the fingerprint of every path its output depends on. Loaded only after a run that
 * was not answered from the manifest.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import picomatch from "picomatch";
import { CONFIG_PATH, type Config } from "../config/index.js";
import { indexPaths, summaryPath } from "../engine/book.js";
import { kindFor, templateCandidates } from "../engine/kinds.js";
import { parseArgs } from "./args.js";
import { REPOSITORY_RULES } from "./check-files.js";
import { toRepoPath, walk, walkRoots } from "./files.js";
import { gitLsFiles, mayBeInGit } from "./git-listing.js";
import { fingerprint, listingId, outputPath, RACY_MS, runKey, type Manifest } from "./replay.js";

export interface CheckedRun {
  argv: readonly string[];
  cwd: string;
  /** The command's own file (see runKey). */
  self: string;
  /** Date.now() when the run started: what changed after that (or just before) is not trusted. */
  started: number;
  config: Config;
  /** The files checked (repository paths), in order. */
  files: readonly string[];
  /** The cache folder, absolute: left out of the folders watched (it changes on every run). */
  cacheFolder: string;
  stdout: string;
  status: number;
}

/**
 * Writes the manifest for `run`, or leaves none when the run cannot be answered again from
 * fingerprints (a path that could not be told, a file or folder changed too recently, git failing).
 */
export function recordRun(run: CheckedRun): void {
  try {
    record(run);
  } catch {
    // A folder that cannot be walked now was walked by the run, or the run said why: no manifest.
  }
}

function record(run: CheckedRun): void {
  const wanted = runKey(run.argv, run.cwd, run.self);
  const command = parseArgs(run.argv);
  if (wanted === null || command.kind !== "check") return;
  const root = path.resolve(run.cwd);
  // The cache's folder is left out of the folders watched: one holding the whole repository would leave nothing watched.
  if (root === run.cacheFolder || root.startsWith(`${run.cacheFolder}${path.sep}`)) return;
  const paths = new Map<string, string>();
  const watch = (absolute: string) => {
    if (!paths.has(absolute)) paths.set(absolute, fingerprint(absolute));
  };
  // Each folder a walk went through: a file added, removed or renamed in it changes its times.
  const own = (d: string) => d === run.cacheFolder || d.startsWith(`${run.cacheFolder}${path.sep}`);
  const watchTree = (dir: string) => {
    walk(root, dir, (d) => {
      if (own(d)) return false;
      watch(d);
      return true;
    });
  };

  watch(path.resolve(root, command.config ?? CONFIG_PATH));
  // Which files were chosen: each path named, the folders walked for a folder, a glob or nothing.
  if (command.patterns.length === 0) {
    for (const r of walkRoots(run.config.kinds.flatMap((k) => k.paths))) watchTree(path.join(root, r));
  }
  for (const arg of command.patterns) {
    const absolute = path.resolve(root, arg);
    watch(absolute);
    if (paths.get(absolute)?.startsWith("d ")) watchTree(absolute);
    else if (paths.get(absolute) === "-") watchTree(path.resolve(root, picomatch.scan(arg.split(path.sep).join("/")).base));
  }
  // Each story and every place its template could be.
  for (const file of run.files) {
    watch(path.resolve(root, file));
    const kind = kindFor(run.config, file);
    if (kind !== null) for (const candidate of templateCandidates(kind, file)) watch(path.resolve(root, candidate));
  }
  // What the repository rules read around the stories.
  let repository: Manifest["repository"] = null;
  if (REPOSITORY_RULES.some((id) => run.config.rules[id] !== "off")) {
    const bookToml = path.join(root, "book.toml");
    watch(bookToml);
    let toml: string | null = null;
    try {
      toml = readFileSync(bookToml, "utf8");
    } catch {
      toml = null;
    }
    const summary = summaryPath(run.config, toml);
    if (summary !== null) watch(path.resolve(root, summary));
    for (const kind of run.config.kinds) for (const page of indexPaths(run.config, kind.name)) watch(path.resolve(root, page));
    if (mayBeInGit(root)) {
      const listing = gitLsFiles(root);
      if (listing === null) return;
      const skip = toRepoPath(root, run.cacheFolder);
      const inside = skip !== "" && skip !== ".." && !skip.startsWith("../") && !path.isAbsolute(skip);
      repository = { git: root, listing: listingId(listing, inside ? skip : ""), skip: inside ? skip : "" };
    } else {
      watchTree(root);
      repository = { walk: root };
    }
  }

  const recent = BigInt(run.started - RACY_MS) * 1_000_000n;
  for (const print of paths.values()) {
    if (print === "?") return;
    if (print === "-") continue;
    const [, , mtime = "0", ctime = "0"] = print.split(" ");
    if (BigInt(mtime) >= recent || BigInt(ctime) >= recent) return;
  }
  // The output first, then the manifest naming its fingerprint: a reader sees a whole pair or a mismatch.
  const output = outputPath(wanted.manifest);
  try {
    mkdirSync(path.dirname(wanted.manifest), { recursive: true });
    replaceFile(output, run.stdout);
    const manifest: Manifest = { key: wanted.key, paths: Object.fromEntries(paths), repository, output: fingerprint(output), status: run.status };
    replaceFile(wanted.manifest, JSON.stringify(manifest));
  } catch {
    // The per-story cache has already said it when the folder cannot be written.
  }
}

/** Writes `text` to a temporary file and renames it into place (a reader never sees half of it). */
function replaceFile(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch (err) {
    rmSync(temporary, { force: true });
    throw err;
  }
}
