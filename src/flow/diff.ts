/**
 * What a pull request's diff tells the app, read from the unified `patch` GitHub returns per file.
 * Pure functions: no I/O.
 */

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * The RIGHT-side lines (1-based, in the new file) that a review comment may sit on: the added and
 * the context lines of every hunk. GitHub rejects a whole review when one comment is elsewhere.
 */
export function commentableLines(patch: string | null): Set<number> {
  const lines = new Set<number>();
  if (patch === null) return lines;
  let next = 0; // the new-file number of the next added or context line; 0 before the first hunk
  const rows = patch.split("\n");
  for (const [index, raw] of rows.entries()) {
    const header = HUNK_HEADER.exec(raw);
    if (header) {
      next = Number(header[3]);
      continue;
    }
    if (next === 0) continue;
    const marker = raw.charAt(0);
    if (marker === "+" || marker === " ") {
      lines.add(next);
      next += 1;
    } else if (marker === "" && index < rows.length - 1) {
      // A blank line inside a hunk is a context line whose leading space a tool trimmed.
      lines.add(next);
      next += 1;
    }
    // "-" lines exist only on the LEFT side; "\ No newline at end of file" is a note, not a line.
  }
  return lines;
}

/**
 * The full text of an added file, rebuilt from its patch: for a file that did not exist before,
 * the patch is one hunk `@@ -0,0 +1,N @@` holding every line. Returns null when the patch is not
 * exactly that (absent for a large or binary file, or not a whole-file hunk), so the caller fetches
 * the file instead. This saves one request per added story.
 */
export function addedFileText(patch: string | null, additions: number): string | null {
  if (patch === null) return null;
  const rows = patch.split("\n");
  const header = HUNK_HEADER.exec(rows[0] ?? "");
  if (!header || header[1] !== "0" || header[3] !== "1") return null;
  const count = header[4] === undefined ? 1 : Number(header[4]);
  const body: string[] = [];
  let newlineAtEnd = true;
  for (const row of rows.slice(1)) {
    if (row.startsWith("+")) body.push(row.slice(1));
    else if (row.startsWith("\\")) newlineAtEnd = false;
    else if (row === "" && body.length === count) continue; // a trailing newline after the patch
    else return null;
  }
  if (body.length !== count || count !== additions) return null;
  return body.join("\n") + (newlineAtEnd && count > 0 ? "\n" : "");
}

/**
 * The file as it was before the change, rebuilt from its text after the change and the patch
 * between them: each hunk's new lines are put back as its old ones. This spares reading the
 * base version of a modified story. Returns null when the patch is absent (a large diff) or
 * does not fit the text (its context or added lines differ), so the caller reads the file.
 */
export function textBeforePatch(after: string, patch: string | null): string | null {
  if (patch === null) return null;
  if (patch === "") return after; // a rename without changes
  // An empty file has no last line to lack a newline: the old one had it unless a note says not.
  const afterEndsWithNewline = after === "" || after.endsWith("\n");
  const lines = (afterEndsWithNewline ? after.slice(0, -1) : after).split("\n");
  if (after === "") lines.length = 0;
  const out: string[] = [];
  let taken = 0; // lines of `after` already copied or replaced
  let oldLeft = 0;
  let newLeft = 0;
  let hunks = 0;
  let last = "";
  /** Set by a "\ No newline at end of file" note: whether the old file ended without one. */
  let oldWithoutNewline: boolean | null = null;
  for (const row of patch.split("\n")) {
    const header = HUNK_HEADER.exec(row);
    if (header) {
      if (oldLeft !== 0 || newLeft !== 0) return null;
      const newStart = Number(header[3]);
      newLeft = header[4] === undefined ? 1 : Number(header[4]);
      oldLeft = header[2] === undefined ? 1 : Number(header[2]);
      // A hunk with no new lines names the line before it.
      const first = newLeft === 0 ? newStart : newStart - 1;
      if (first < taken || first > lines.length) return null;
      out.push(...lines.slice(taken, first));
      taken = first;
      hunks += 1;
      continue;
    }
    if (hunks === 0) continue;
    if (row.startsWith("\\")) {
      if (last === "-" || last === " ") oldWithoutNewline = true;
      else oldWithoutNewline ??= false;
      continue;
    }
    if (oldLeft === 0 && newLeft === 0) {
      if (row === "") continue;
      return null;
    }
    // A blank row inside a hunk is a context line whose leading space a tool trimmed.
    const marker = row === "" ? " " : row.charAt(0);
    const text = row.slice(1);
    last = marker;
    if (marker === " " && oldLeft > 0 && newLeft > 0 && lines[taken] === text) {
      out.push(text);
      taken += 1;
      oldLeft -= 1;
      newLeft -= 1;
    } else if (marker === "+" && newLeft > 0 && lines[taken] === text) {
      taken += 1;
      newLeft -= 1;
    } else if (marker === "-" && oldLeft > 0) {
      out.push(text);
      oldLeft -= 1;
    } else {
      return null;
    }
  }
  if (hunks === 0 || oldLeft !== 0 || newLeft !== 0) return null;
  out.push(...lines.slice(taken));
  const endsWithNewline = oldWithoutNewline === null ? afterEndsWithNewline : !oldWithoutNewline;
  return out.length === 0 ? "" : out.join("\n") + (endsWithNewline ? "\n" : "");
}
