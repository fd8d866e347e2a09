/**
 * Unified diffs as GitHub shows them in a pull request's file list: reading a `patch` to know
 * which lines a review comment may sit on, and writing one for fixtures that carry no patch.
 */

export type Side = "LEFT" | "RIGHT";

export interface DiffLine {
  kind: "context" | "added" | "deleted";
  /** Line number in the old file (context and deleted lines). */
  oldLine: number | null;
  /** Line number in the new file (context and added lines). */
  newLine: number | null;
  /** GitHub's (deprecated) `position`: lines counted from the first `@@` header, which is 0. */
  position: number;
}

export interface Hunk {
  oldStart: number;
  newStart: number;
  lines: DiffLine[];
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** Reads a GitHub `patch` (hunks only, no `---`/`+++` header). Throws on text that is not one. */
export function parsePatch(patch: string): Hunk[] {
  const hunks: Hunk[] = [];
  let current: Hunk | null = null;
  let oldLine = 0;
  let newLine = 0;
  let position = -1;
  const texts = patch.split("\n");
  if (texts[texts.length - 1] === "") texts.pop();
  for (const text of texts) {
    position += 1;
    const header = HUNK_HEADER.exec(text);
    if (header) {
      oldLine = Number(header[1]);
      newLine = Number(header[3]);
      current = { oldStart: oldLine, newStart: newLine, lines: [] };
      hunks.push(current);
      continue;
    }
    if (current === null) {
      throw new Error(`patch does not start with a hunk header (@@ -a,b +c,d @@): ${JSON.stringify(text.slice(0, 60))}`);
    }
    const mark = text.charAt(0);
    if (mark === "+") {
      current.lines.push({ kind: "added", oldLine: null, newLine, position });
      newLine += 1;
    } else if (mark === "-") {
      current.lines.push({ kind: "deleted", oldLine, newLine: null, position });
      oldLine += 1;
    } else if (mark === " " || text === "") {
      // A bare empty line inside a hunk is read as an empty context line (some tools strip the space).
      current.lines.push({ kind: "context", oldLine, newLine, position });
      oldLine += 1;
      newLine += 1;
    }
    // "\ No newline at end of file" counts as a position but is no line of either file.
  }
  return hunks;
}

/** The hunk that holds `line` on `side`, or null when that line is outside the diff. */
export function hunkOf(hunks: Hunk[], line: number, side: Side): Hunk | null {
  for (const hunk of hunks) {
    for (const l of hunk.lines) {
      if (side === "RIGHT" ? l.newLine === line && l.kind !== "deleted" : l.oldLine === line && l.kind !== "added") {
        return hunk;
      }
    }
  }
  return null;
}

/** The diff line at a `position`, or null. */
export function lineAtPosition(hunks: Hunk[], position: number): DiffLine | null {
  for (const hunk of hunks) {
    for (const l of hunk.lines) if (l.position === position) return l;
  }
  return null;
}

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

type Op = { kind: "context" | "added" | "deleted"; text: string };

/** Longest-common-subsequence edit script; fine for story-sized files (common ends trimmed first). */
function editScript(a: string[], b: string[]): Op[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix += 1;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  ) {
    suffix += 1;
  }
  const midA = a.slice(prefix, a.length - suffix);
  const midB = b.slice(prefix, b.length - suffix);
  const n = midA.length;
  const m = midB.length;
  const width = m + 1;
  const table = new Int32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      table[i * width + j] =
        midA[i] === midB[j]
          ? (table[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(table[(i + 1) * width + j] ?? 0, table[i * width + j + 1] ?? 0);
    }
  }
  const ops: Op[] = a.slice(0, prefix).map((text) => ({ kind: "context", text }));
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && midA[i] === midB[j]) {
      ops.push({ kind: "context", text: midA[i] ?? "" });
      i += 1;
      j += 1;
    } else if (i < n && (j >= m || (table[(i + 1) * width + j] ?? 0) >= (table[i * width + j + 1] ?? 0))) {
      // Deletions before additions, as git writes a replaced line.
      ops.push({ kind: "deleted", text: midA[i] ?? "" });
      i += 1;
    } else {
      ops.push({ kind: "added", text: midB[j] ?? "" });
      j += 1;
    }
  }
  for (const text of a.slice(a.length - suffix)) ops.push({ kind: "context", text });
  return ops;
}

/**
 * A GitHub-style patch (hunks with `context` lines around each change, no file header, no
 * trailing newline) turning `before` into `after`; null stands for an absent file.
 * Returns "" when nothing changed.
 */
export function makePatch(before: string | null, after: string | null, context = 3): string {
  const ops = editScript(splitLines(before ?? ""), splitLines(after ?? ""));
  const changed = ops.map((op, index) => (op.kind === "context" ? -1 : index)).filter((index) => index >= 0);
  if (changed.length === 0) return "";
  // Group changes whose context windows touch into one hunk.
  const groups: Array<[number, number]> = [];
  for (const index of changed) {
    const last = groups[groups.length - 1];
    if (last && index - last[1] <= context * 2 + 1) last[1] = index;
    else groups.push([index, index]);
  }
  const out: string[] = [];
  for (const [first, last] of groups) {
    const from = Math.max(0, first - context);
    const to = Math.min(ops.length - 1, last + context);
    let oldStart = 1;
    let newStart = 1;
    for (const op of ops.slice(0, from)) {
      if (op.kind !== "added") oldStart += 1;
      if (op.kind !== "deleted") newStart += 1;
    }
    const slice = ops.slice(from, to + 1);
    const oldCount = slice.filter((op) => op.kind !== "added").length;
    const newCount = slice.filter((op) => op.kind !== "deleted").length;
    out.push(`@@ -${oldCount === 0 ? oldStart - 1 : oldStart},${oldCount} +${newCount === 0 ? newStart - 1 : newStart},${newCount} @@`);
    for (const op of slice) out.push(`${op.kind === "added" ? "+" : op.kind === "deleted" ? "-" : " "}${op.text}`);
  }
  return out.join("\n");
}
