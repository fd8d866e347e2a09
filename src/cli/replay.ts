/**
 * `--cache`, the whole-run answer: a `check --cache` run (without `--base`) that printed no
 * warning and read every file is recorded in one manifest, `<cache folder>/v1/last-run.json`: the
 * command line, the folder, the command's own file, and a fingerprint of everything the run read or
 * listed (the configuration, each file named, the folders walked, each story, each template place,
 * the book's pages, the folders whose listing gave the repository's paths, or git's listing). The
 * next run with the same command line first stats those paths, as git's index does: when every
 * fingerprint (kind, size, modification and change time in nanoseconds, inode, device) is the one
 * recorded, nothing the output depends on changed, and the recorded output and exit status are the
 * answer. Nothing else is loaded, parsed, listed or digested.
 *
 * A fingerprint proves nothing about a file changed in the same instant it was read (a coarse
 * clock could give the changed file the same times): like git's "racily clean" entries, a run that
 * saw a file or folder changed less than RACY_MS before it started is not recorded, and the next
 * run is a full one. Anything else (no manifest, another command line, a damaged manifest, one
 * path changed) is a miss: the run goes on as without it, with the per-story cache (cache.ts).
 *
 * This module is what a run loads before it knows whether it has to check anything: Node's fs
 * and path and the argument parser, nothing else. What a recording needs is in replay-record.ts.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync, type BigIntStats } from "node:fs";
import path from "node:path";
import { parseArgs } from "./args.js";

/** Bump when the manifest's shape or meaning changes. */
export const MANIFEST_FORMAT = "story-triage run 1";

/** A file changed this close to a run's start (or later) is not trusted by its fingerprint. */
export const RACY_MS = 2000;

/** What a recorded run depends on besides its paths: the same command line, folder and command. */
export interface RunKey {
  format: string;
  argv: readonly string[];
  cwd: string;
  /** The command's own file (its fingerprint) and Node's version: another build is another run. */
  tool: string;
  /** Git's variables (they change what git lists). */
  env: Record<string, string>;
}

export interface Manifest {
  key: RunKey;
  /** Absolute path -> fingerprint when recorded. */
  paths: Record<string, string>;
  /**
   * Where the repository's paths came from, when a rule read them: a walk of the folder (its
   * folders are in `paths`), or git's listing (a length and a hash of it, asked again on replay).
   */
  repository: null | { walk: string } | { git: string; listing: string; skip: string };
  /** The fingerprint of the output file beside the manifest (`last-run.out`, the bytes printed). */
  output: string;
  status: number;
}

/** The manifest file for a cache location (as given, relative to `cwd`). */
export function manifestPath(cwd: string, location: string): string {
  return path.join(path.resolve(cwd, location), "v1", "last-run.json");
}

/** The file beside the manifest that holds what the run printed. */
export function outputPath(manifest: string): string {
  return manifest.replace(/\.json$/, ".out");
}

/**
 * The key of this run, or null when it is not a run the manifest can answer (no --cache, --base,
 * help). `self` is the command's own file: as the bundle, the names of the chunks it imports are
 * digests of their content and of what they import, so any change to the code changes this file.
 */
export function runKey(argv: readonly string[], cwd: string, self: string): { key: RunKey; manifest: string } | null {
  const command = parseArgs(argv);
  if (command.kind !== "check" || command.cache === null || command.base !== null) return null;
  const env: Record<string, string> = {};
  for (const name of Object.keys(process.env).sort()) {
    const value = process.env[name];
    if (name.startsWith("GIT_") && value !== undefined) env[name] = value;
  }
  const tool = `${fingerprint(self)} ${process.version}`;
  return { key: { format: MANIFEST_FORMAT, argv: [...argv], cwd: path.resolve(cwd), tool, env }, manifest: manifestPath(cwd, command.cache.location) };
}

/** The recorded output and exit status when nothing the recorded run read has changed; else null. */
export async function replay(argv: readonly string[], cwd: string, self: string): Promise<{ stdout: Uint8Array; status: number } | null> {
  const wanted = runKey(argv, cwd, self);
  if (wanted === null) return null;
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(wanted.manifest, "utf8"));
  } catch {
    return null;
  }
  if (!isManifest(manifest) || JSON.stringify(manifest.key) !== JSON.stringify(wanted.key)) return null;
  for (const [file, print] of Object.entries(manifest.paths)) {
    if (fingerprint(file) !== print) return null;
  }
  const repository = manifest.repository;
  if (repository !== null) {
    // Git is run only here, last: its process costs more than all the stats above.
    const git = await import("./git-listing.js");
    if ("walk" in repository) {
      if (git.mayBeInGit(repository.walk)) return null;
    } else {
      const listing = git.mayBeInGit(repository.git) ? git.gitLsFiles(repository.git) : null;
      if (listing === null || listingId(listing, repository.skip) !== repository.listing) return null;
    }
  }
  const stdout = readOutput(outputPath(wanted.manifest), manifest.output);
  return stdout === null ? null : { stdout, status: manifest.status };
}

/**
 * `kind size mtime ctime inode device` of what a path names (following symbolic links, as reading
 * it does), "-" when nothing is there, "?" when it cannot be told.
 */
export function fingerprint(absolute: string): string {
  try {
    return print(statSync(absolute, { bigint: true }));
  } catch (err) {
    const code = typeof err === "object" && err !== null && "code" in err ? err.code : null;
    return code === "ENOENT" || code === "ENOTDIR" ? "-" : "?";
  }
}

function print(s: BigIntStats): string {
  const kind = s.isFile() ? "f" : s.isDirectory() ? "d" : "o";
  return `${kind} ${s.size} ${s.mtimeNs} ${s.ctimeNs} ${s.ino} ${s.dev}`;
}

/**
 * The recorded output, when the file is still the one recorded: checked on the open file, so that
 * a run recording another output at the same moment (renaming its file into place) cannot slip in.
 */
function readOutput(file: string, recorded: string): Uint8Array | null {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return null;
  }
  try {
    const stats = fstatSync(fd, { bigint: true });
    if (print(stats) !== recorded) return null;
    const bytes = Buffer.allocUnsafe(Number(stats.size));
    let got = 0;
    while (got < bytes.length) {
      const n = readSync(fd, bytes, got, bytes.length - got, null);
      if (n === 0) return null;
      got += n;
    }
    return bytes;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * A short identity of git's listing without the paths under `skip` (the cache's own folder, whose
 * files change with every run that writes one; repository-relative, "" for none): its length and
 * a 64-bit FNV-1a of its UTF-16 code units.
 */
export function listingId(raw: string, skip: string): string {
  const own = (entry: string) => skip !== "" && (entry.slice(2) === skip || entry.startsWith(`${skip}/`, 2));
  const listing = skip === "" || !raw.includes(skip) ? raw : raw.split("\0").filter((e) => !own(e)).join("\0");
  // Two 32-bit halves keep this exact in doubles, without BigInt arithmetic per character.
  let lo = 0x84222325;
  let hi = 0xcbf29ce4;
  for (let i = 0; i < listing.length; i += 1) {
    lo ^= listing.charCodeAt(i);
    // Multiply (hi:lo) by the FNV prime 0x100000001b3 modulo 2^64.
    const loMul = lo * 0x1b3;
    const carry = Math.floor(loMul / 0x100000000);
    hi = (hi * 0x1b3 + lo * 0x100 + carry) >>> 0;
    lo = loMul >>> 0;
  }
  return `${listing.length}:${hi.toString(16).padStart(8, "0")}${lo.toString(16).padStart(8, "0")}`;
}

function isManifest(value: unknown): value is Manifest {
  if (typeof value !== "object" || value === null) return false;
  const m = value as Partial<Manifest>;
  return (
    typeof m.key === "object" &&
    m.key !== null &&
    typeof m.paths === "object" &&
    m.paths !== null &&
    Object.values(m.paths).every((p) => typeof p === "string") &&
    (m.repository === null || isRepository(m.repository)) &&
    typeof m.output === "string" &&
    (m.status === 0 || m.status === 1)
  );
}

function isRepository(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const r = value as Record<string, unknown>;
  return typeof r.walk === "string" || (typeof r.git === "string" && typeof r.listing === "string" && typeof r.skip === "string");
}
