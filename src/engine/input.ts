/**
 * Turning bytes into text the parser can take in bounded time, or saying plainly why not.
 * remark-parse's cost grows with the square of container nesting (1,000 nested list items
 * take close to a minute), so nesting is measured on the raw lines before parsing.
 */
import { digits } from "./digits.js";

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
/** Deeper container nesting than this (lists, block quotes) is refused before parsing. */
export const MAX_NESTING = 64;
/** Nor more nesting summed over all lines (the parser's work grows with this sum too). */
export const MAX_NESTING_TOTAL = 150_000;

export type Decoded =
  | { ok: true; text: string }
  | { ok: false; message: string; line: number; column: number };

export function decodeStory(content: Uint8Array | string, maxBytes: number, sizeHint?: number): Decoded {
  const size = sizeHint ?? (typeof content === "string" ? Buffer.byteLength(content, "utf8") : content.byteLength);
  if (size > maxBytes) {
    return {
      ok: false,
      message: `File is ${digits(size)} bytes, over the limit of ${digits(maxBytes)} (max-file-bytes); it was not checked.`,
      line: 1,
      column: 1,
    };
  }
  let text: string;
  if (typeof content === "string") {
    text = content;
  } else {
    const nul = content.subarray(0, 8192).indexOf(0);
    if (nul !== -1) {
      const at = lineColumnOfByte(content, nul);
      return { ok: false, message: `File looks binary (a NUL byte at byte ${nul}), not markdown text; it was not checked.`, ...at };
    }
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(content);
    } catch {
      const bad = firstInvalidUtf8(content);
      const at = lineColumnOfByte(content, bad);
      return { ok: false, message: `File is not valid UTF-8 (first bad byte at offset ${bad}, line ${at.line}); it was not checked.`, ...at };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const deep = deepestNesting(text);
  if (deep.total > MAX_NESTING_TOTAL) {
    return {
      ok: false,
      message: `Lists or block quotes are nested too deeply across the file (${digits(deep.total)} levels in all, the limit is ${digits(MAX_NESTING_TOTAL)}); the file was not checked.`,
      line: deep.line,
      column: 1,
    };
  }
  if (deep.depth > MAX_NESTING) {
    return {
      ok: false,
      message: `Lists or block quotes are nested ${deep.depth} levels deep at line ${deep.line} (the limit is ${MAX_NESTING}); the file was not checked.`,
      line: deep.line,
      column: 1,
    };
  }
  return { ok: true, text };
}

function lineColumnOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

/**
 * An upper estimate of container nesting per line: each block-quote marker, list marker or
 * indentation step of two columns opens at most one container.
 */
export function deepestNesting(text: string): { depth: number; line: number; total: number } {
  let best = { depth: 0, line: 1 };
  let total = 0;
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    let depth = 0;
    let col = 0;
    // Walk the line's container prefix.
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20) {
        col++;
        i++;
        if (col % 2 === 0) depth++;
      } else if (c === 0x09) {
        col += 4;
        depth += 2;
        i++;
      } else if (c === 0x3e /* > */) {
        depth++;
        col = 0;
        i++;
      } else if ((c === 0x2d || c === 0x2a || c === 0x2b) && (text.charCodeAt(i + 1) === 0x20 || text.charCodeAt(i + 1) === 0x09)) {
        depth++;
        col = 0;
        i++;
      } else {
        break;
      }
    }
    total += depth;
    if (depth > best.depth) best = { depth, line };
    const nl = text.indexOf("\n", i);
    if (nl === -1) break;
    i = nl + 1;
    line++;
  }
  return { ...best, total };
}

const FENCE_OPEN = /^( {0,3}|\s*)(`{3,}|~{3,})(.*)$/;

/**
 * A fenced code block that never closes swallows the rest of the file. The usual cause is a
 * closing fence with text after it (three backticks then `ignore`), which CommonMark reads
 * as content. Returns those lines (1-based) and the text with them turned into plain closing
 * fences, so the rest of the story can still be judged as its author meant it.
 */
export function repairFences(text: string): { text: string; repairedLines: number[] } {
  const lines = text.split("\n");
  const repaired: number[] = [];
  let open: { char: string; len: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const m = FENCE_OPEN.exec(lines[i]!);
    if (!m) continue;
    const fence = m[2]!;
    const rest = m[3]!;
    if (open === null) {
      if (fence[0] === "`" && rest.includes("`")) continue;
      open = { char: fence[0]!, len: fence.length };
    } else if (fence[0] === open.char && fence.length >= open.len) {
      if (rest.trim() !== "") {
        lines[i] = lines[i]!.replace(/(`{3,}|~{3,}).*$/, "$1");
        repaired.push(i + 1);
      }
      open = null;
    }
  }
  return { text: lines.join("\n"), repairedLines: repaired };
}
