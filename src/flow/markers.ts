/**
 * Hidden HTML comments by which the app recognises its own words on GitHub, and the hashes in them.
 * Pure: no I/O.
 */
import { createHash } from "node:crypto";
import type { Finding } from "../engine/index.js";

export const SUMMARY_MARKER = "<!-- story-triage:summary -->";

/** A finding marker where the app puts one: at the end of a line. */
const FINDING_MARKER = /<!-- story-triage:finding ([0-9a-f]{16}) -->$/;
/** The marker of an answer saying a finding is fixed, at the end of a line. */
const FIXED_MARKER = /<!-- story-triage:fixed ([0-9a-f]{16}) -->$/;
/** The output marker where the app puts it: at the very end of the check run summary. */
const OUTPUT_MARKER = /<!-- story-triage:output ([0-9a-f]{16}) -->$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** A short stable hash of some text. */
export function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/**
 * Identifies a finding across pushes: the same file, rule and question (or subject: a table's
 * row, a piece of template guidance). A finding without either (say, a second
 * `story-placeholder`) is told apart by its rank among the file's findings of that rule, which
 * survives edits elsewhere in the file.
 */
export function findingFingerprint(path: string, finding: Finding, rank: number): string {
  const which = finding.question ?? (finding.subject === undefined ? `#${rank}` : `=${finding.subject}`);
  return shortHash(`${path}\u0000${finding.rule}\u0000${which}`);
}

export function findingMarker(fingerprint: string): string {
  return `<!-- story-triage:finding ${fingerprint} -->`;
}

/**
 * Every finding fingerprint the app hid in one of its comment or review bodies: a marker that
 * ends a line outside fenced code. The app's bodies also quote a story (a suggestion repeats one
 * of its lines, inside a fence), and a story can hold marker-like text that must not count.
 */
export function findingFingerprints(body: string): string[] {
  return markedFingerprints(body, FINDING_MARKER);
}

/** The marker that ends the app's answer to a comment whose finding is fixed. */
export function fixedMarker(fingerprint: string): string {
  return `<!-- story-triage:fixed ${fingerprint} -->`;
}

/** Fingerprints of findings an answer of the app says are fixed (read like findingFingerprints). */
export function fixedFingerprints(body: string): string[] {
  return markedFingerprints(body, FIXED_MARKER);
}

function markedFingerprints(body: string, marker: RegExp): string[] {
  const found: string[] = [];
  let fence: string | null = null;
  for (const line of body.split("\n")) {
    const opener = FENCE.exec(line)?.[1] ?? null;
    if (fence !== null) {
      // A fence closes with a line of at least as many of the same characters, and nothing else.
      if (opener !== null && opener[0] === fence[0] && opener.length >= fence.length && line.trim() === opener) fence = null;
      continue;
    }
    if (opener !== null) {
      fence = opener;
      continue;
    }
    const fingerprint = marker.exec(line)?.[1];
    if (fingerprint !== undefined) found.push(fingerprint);
  }
  return found;
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
