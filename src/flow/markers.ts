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
/** The marker listing the findings a review's text says (grouped, listed or counted), at the end of a line. */
const SAID_MARKER = /<!-- story-triage:said ([A-Za-z0-9_-]*) -->$/;
/** The marker of findings a review said that its said marker had no room for: a digest of their fingerprints. */
const UNLISTED_MARKER = /<!-- story-triage:unlisted ([0-9a-f]{16}) -->$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Hex digits of a fingerprint a said marker keeps: 48 bits, 8 characters each in base64url, so
 * 3,000 findings take 24,000 characters of a review's 65,536. Two findings of one pull request
 * share a prefix with odds of about n²/2⁴⁹ (one in 60 million for 3,000).
 */
export const SAID_HEX = 12;
/** Fingerprints one said marker lists at most; a review's further ones are kept as one digest (unlistedMarker). */
export const MAX_SAID = 4000;

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

/**
 * The marker that records which findings a review's text said, including those it only counted
 * ("and 193 more"): the next triage counts them as posted. Sorted, so equal sets give equal text.
 */
export function saidMarker(fingerprints: readonly string[]): string {
  const prefixes = [...new Set(fingerprints.map((fingerprint) => fingerprint.slice(0, SAID_HEX)))].sort();
  return `<!-- story-triage:said ${Buffer.from(prefixes.join(""), "hex").toString("base64url")} -->`;
}

/** The fingerprint prefixes (SAID_HEX hex digits) of every said marker in a body (read like findingFingerprints). */
export function saidPrefixes(body: string): string[] {
  return markedFingerprints(body, SAID_MARKER).flatMap((packed) => {
    const hex = Buffer.from(packed, "base64url").toString("hex");
    const out: string[] = [];
    for (let at = 0; at + SAID_HEX <= hex.length; at += SAID_HEX) out.push(hex.slice(at, at + SAID_HEX));
    return out;
  });
}

/** Whether a fingerprint is among said prefixes. */
export function wasSaid(said: ReadonlySet<string>, fingerprint: string): boolean {
  return said.has(fingerprint.slice(0, SAID_HEX));
}

/** One digest of a set of fingerprints, whatever their order. */
export function unlistedDigest(fingerprints: readonly string[]): string {
  return shortHash([...new Set(fingerprints)].sort().join(","));
}

export function unlistedMarker(fingerprints: readonly string[]): string {
  return `<!-- story-triage:unlisted ${unlistedDigest(fingerprints)} -->`;
}

/** The digests of every unlisted marker in a body. */
export function unlistedDigests(body: string): string[] {
  return markedFingerprints(body, UNLISTED_MARKER);
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
