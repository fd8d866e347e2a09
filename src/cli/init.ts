/**
 * `story-triage init`: finds the templates and the documents written from them, prints what it
 * found, and writes `.github/story-triage.yml` (never over an existing one without --force).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CONFIG_PATH, parseConfigYaml } from "../config/index.js";
import { propose, type Proposal } from "../init/propose.js";
import { renderConfig } from "../init/render.js";
import { isFile, readBounded, UsageError, walk } from "./files.js";
import type { Io } from "./run.js";

/** Markdown files larger than this are not read (they are left out). */
const MAX_BYTES = 1024 * 1024;
/** Files left out listed one a line; the rest are counted. */
const MAX_LISTED = 30;

/** 0: written; 2: nothing to propose, or a configuration exists and --force was not given. */
export function runInit(io: Io, force: boolean): number {
  const paths = walk(io.cwd, io.cwd);
  const texts = new Map<string, string>();
  for (const p of paths) {
    if (!p.endsWith(".md") && p !== "book.toml") continue;
    const text = readText(io.cwd, p);
    if (text !== null) texts.set(p, text);
  }
  const proposal = propose(paths, texts);
  io.stdout.write(describe(proposal));
  if (proposal.kinds.length === 0) {
    const why = proposal.unusedTemplates.length === 0 ? "found no template (template.md, TEMPLATE.md or *_TEMPLATE.md)" : "found no document that follows a template";
    throw new UsageError(`init ${why}; nothing written. Name the kinds of document by hand: see docs/configuration.md.`);
  }
  const yaml = renderConfig(proposal, texts.get("book.toml") ?? null);
  // What is written must be a configuration the command accepts: a bug otherwise.
  parseConfigYaml(yaml, CONFIG_PATH);
  const target = path.resolve(io.cwd, CONFIG_PATH);
  if (isFile(target) && !force) {
    throw new UsageError(`${CONFIG_PATH} exists; not replaced (run "story-triage init --force" to replace it with the proposal above)`);
  }
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, yaml);
  io.stdout.write(`Wrote ${CONFIG_PATH}. Edit it, then run "story-triage check".\n`);
  return 0;
}

/** What was found, for people. */
export function describe(proposal: Proposal): string {
  const lines: string[] = [];
  for (const kind of proposal.kinds) {
    lines.push(`${kind.name}: ${kind.documents.length} document${kind.documents.length === 1 ? "" : "s"} following ${kind.templates.join(", ")}`);
    lines.push(`  paths: ${kind.paths.join(", ")}`);
    if (kind.exclude.length > 0) lines.push(`  exclude: ${kind.exclude.join(", ")}`);
  }
  const left = [...proposal.unusedTemplates.map((t) => ({ path: t, why: "a template no document follows" })), ...proposal.leftOut];
  if (left.length > 0) {
    lines.push("Left out:");
    for (const l of left.slice(0, MAX_LISTED)) lines.push(`  ${l.path}: ${l.why}`);
    if (left.length > MAX_LISTED) lines.push(`  ... and ${left.length - MAX_LISTED} more (each excluded by name in the configuration)`);
  }
  if (proposal.empty.length > 0) {
    const n = proposal.empty.length;
    lines.push(`${n} empty markdown file${n === 1 ? "" : "s"} not judged (a kind's paths may match ${n === 1 ? "it" : "them"}), e.g. ${proposal.empty[0]}`);
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

function readText(root: string, repoPath: string): string | null {
  try {
    const { bytes, size } = readBounded(path.resolve(root, repoPath), MAX_BYTES, repoPath);
    return size > MAX_BYTES ? null : new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (err) {
    if (err instanceof UsageError || err instanceof TypeError) return null;
    throw err;
  }
}
