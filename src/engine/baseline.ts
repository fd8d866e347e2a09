/**
 * Introduced or existing: which findings of a story's new version its old version already had.
 * PURE. A finding is known by its rule and what it is about (the question, the section, the link, the table row), never by
 * its line: lines move when text above them changes. Findings that share rule and subject (two
 * `story-placeholder`s, say) are paired in order, so a second one the change adds is introduced.
 */
import type { Finding } from "./types.js";

export type Origin = "introduced" | "existing";

/** What identifies a finding across versions of a story: its rule and the question, section, link or other subject it names. */
export function findingIdentity(finding: Finding): string {
  const subject = finding.question ?? finding.section ?? finding.link ?? finding.subject ?? "";
  return `${finding.rule}\u0000${subject}`;
}

/**
 * The origin of each finding of the new version, in the order given. `before` is null when there
 * is no old version (an added story): everything is introduced.
 */
export function classifyFindings(after: readonly Finding[], before: readonly Finding[] | null): Origin[] {
  if (before === null) return after.map(() => "introduced");
  const left = new Map<string, number>();
  for (const finding of before) {
    const key = findingIdentity(finding);
    left.set(key, (left.get(key) ?? 0) + 1);
  }
  return after.map((finding) => {
    const key = findingIdentity(finding);
    const count = left.get(key) ?? 0;
    if (count === 0) return "introduced";
    left.set(key, count - 1);
    return "existing";
  });
}
