/**
 * `--base REF`: each story's findings marked introduced or existing, as the app does, by checking
 * the story as it was at a git commit. Git is asked twice in all, whatever the number of stories:
 * once for the renames between REF and the working tree, once (`git cat-file --batch`) for every
 * old version and its template.
 */
import { spawnSync } from "node:child_process";
import type { Config } from "../config/index.js";
import { builtinTemplate, checkStory, classifyFindings, kindFor, type Origin, parseTemplate, type StoryReport, templateCandidates } from "../engine/index.js";
import { UsageError } from "./files.js";

/** The origins of each report's findings (in their order); null for a file that is not a story. */
export function originsAgainstBase(root: string, config: Config, ref: string, reports: readonly StoryReport[]): Array<Origin[] | null> {
  const commit = git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  if (commit.status !== 0) throw new UsageError(`--base ${ref} is not a commit git knows here`);
  const sha = commit.stdout.toString("utf8").trim();
  const prefix = git(root, ["rev-parse", "--show-prefix"]).stdout.toString("utf8").trim();
  const renamed = renames(root, sha, prefix);

  const stories = reports.map((report) => {
    const kind = report.kind === null ? null : kindFor(config, report.path);
    if (kind === null) return null;
    const path = renamed.get(report.path) ?? report.path;
    const baseKind = kindFor(config, path) ?? kind;
    return { report, path, kind: baseKind, templates: templateCandidates(baseKind, path) };
  });
  const wanted = [...new Set(stories.flatMap((story) => (story === null ? [] : [story.path, ...story.templates])))];
  const blobs = readBlobs(root, sha, prefix, wanted);

  return stories.map((story) => {
    if (story === null) return null;
    const content = blobs.get(story.path) ?? null;
    if (content === null) return story.report.findings.map(() => "introduced");
    const templateText = story.templates.map((path) => blobs.get(path)).find((bytes) => bytes !== undefined && bytes !== null);
    const template = templateText === undefined || templateText === null ? builtinTemplate() : parseTemplate(Buffer.from(templateText).toString("utf8"));
    const before = checkStory({ path: story.path, content, kind: story.kind, template, config });
    return classifyFindings(story.report.findings, before.findings);
  });
}

function git(root: string, args: string[], input?: string): { status: number | null; stdout: Buffer; stderr: string } {
  const result = spawnSync("git", args, { cwd: root, input, maxBuffer: 1024 * 1024 * 1024 });
  if (result.error !== undefined) throw new UsageError(`--base needs git, which could not be run: ${result.error.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString("utf8") };
}

/** Paths (relative to `root`) whose file was at another path at the commit: new → old. */
function renames(root: string, sha: string, prefix: string): Map<string, string> {
  const out = git(root, ["diff", "--name-status", "-M", "-z", sha, "--", "."]);
  if (out.status !== 0) throw new UsageError(`git could not compare the working tree with --base: ${out.stderr.trim()}`);
  const fields = out.stdout.toString("utf8").split("\0");
  const moves = new Map<string, string>();
  for (let i = 0; i < fields.length; ) {
    const status = fields[i] ?? "";
    if (status.startsWith("R") || status.startsWith("C")) {
      const from = fields[i + 1] ?? "";
      const to = fields[i + 2] ?? "";
      if (status.startsWith("R") && from.startsWith(prefix) && to.startsWith(prefix)) moves.set(to.slice(prefix.length), from.slice(prefix.length));
      i += 3;
    } else {
      i += 2;
    }
  }
  return moves;
}

/** Each path's bytes at the commit, or null where it has none; one `git cat-file --batch` for all. */
function readBlobs(root: string, sha: string, prefix: string, paths: readonly string[]): Map<string, Uint8Array | null> {
  const blobs = new Map<string, Uint8Array | null>();
  if (paths.length === 0) return blobs;
  const out = git(root, ["cat-file", "--batch"], paths.map((path) => `${sha}:${prefix}${path}\n`).join(""));
  if (out.status !== 0) throw new UsageError(`git could not read the files at --base: ${out.stderr.trim()}`);
  const data = out.stdout;
  let at = 0;
  for (const path of paths) {
    const end = data.indexOf(0x0a, at);
    const header = data.subarray(at, end).toString("utf8");
    at = end + 1;
    const match = / (\w+) (\d+)$/.exec(header);
    if (match === null) {
      blobs.set(path, null); // "missing": no such path at the commit
      continue;
    }
    const size = Number(match[2]);
    blobs.set(path, match[1] === "blob" ? data.subarray(at, at + size) : null);
    at += size + 1;
  }
  return blobs;
}
