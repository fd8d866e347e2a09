/**
 * Hidden HTML comments by which the app recognises its own words on GitHub, and the hashes in them.
 * Pure: no I/O.
 */
import { createHash } from "node:crypto";
import type { Finding } from "../engine/index.js";

export const SUMMARY_MARKER = "<!-- story-triage:summary -->";

const FINDING_MARKER = /<!-- story-triage:finding ([0-9a-f]{16}) -->/g;
const OUTPUT_MARKER = /<!-- story-triage:output ([0-9a-f]{16}) -->/;

/** A short stable hash of some text. */
export function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/**
 * Identifies a finding across pushes: the same file, rule and question. A finding without a
 * question (say, a second `story-placeholder`) is told apart by its rank among the file's findings
 * of that rule, which survives edits elsewhere in the file.
 */
export function findingFingerprint(path: string, finding: Finding, rank: number): string {
  const which = finding.question ?? `#${rank}`;
  return shortHash(`${path}\u0000${finding.rule}\u0000${which}`);
}

export function findingMarker(fingerprint: string): string {
  return `<!-- story-triage:finding ${fingerprint} -->`;
}

/** Every finding fingerprint hidden in a comment or review body. */
export function findingFingerprints(body: string): string[] {
  return [...body.matchAll(FINDING_MARKER)].map((match) => match[1] ?? "");
}

export function outputMarker(hash: string): string {
  return `<!-- story-triage:output ${hash} -->`;
}

/** A check run summary without its hidden output hash (and the blank line before it). */
export function withoutOutputMarker(summary: string): string {
  return summary.replace(/\n*<!-- story-triage:output [0-9a-f]{16} -->$/, "");
}

/** The output hash hidden in a check run summary, or null. */
export function outputHashOf(summary: string | null): string | null {
  if (summary === null) return null;
  return OUTPUT_MARKER.exec(summary)?.[1] ?? null;
}
