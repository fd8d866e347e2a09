/**
 * References the book's build defines: mdBook preprocessors fill in `[label]` references at build
 * time, so a reference without a definition in the file is not broken when book.toml (or the
 * configuration) defines its label. book.toml's `[preprocessor.<name>.links]` tables give labels,
 * its `[preprocessor.<name>.linkifiers]` tables give patterns (a label one matches as a whole is
 * defined); `defined-references` in the configuration adds names and patterns (team names, say).
 */
import type { DefinedReferenceSettings } from "../config/types.js";

/** Labels longer than this are never tested against a pattern (bounds the work a pattern can do). */
export const PATTERN_LABEL_CHARS = 64;
/** At most this many quantifiers (`*`, `+`, `?`, `{n,m}`) in one pattern. */
const PATTERN_QUANTIFIERS = 4;
const PATTERN_CHARS = 200;

/** The labels and patterns of book.toml's preprocessor tables, as written there. */
export interface BookReferences {
  labels: string[];
  patterns: string[];
}

/** A label as markdown compares them: trimmed, inner whitespace collapsed, case folded. */
export function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, " ").toLowerCase();
}

/**
 * A pattern compiled to match a whole label, or what is wrong with it. Refused, because matching
 * them could take exponential time: a quantified group (`(a+)+`, `(a|b)*`), a back-reference, more
 * than four quantifiers.
 */
export function compilePattern(source: string): RegExp | string {
  if (source.length === 0) return "expected a pattern, found an empty string";
  if (source.length > PATTERN_CHARS) return `expected a pattern of at most ${PATTERN_CHARS} characters, found ${source.length}`;
  // Escapes and classes are blanked first, so that `\(` or `[)+]` is not read as a group or quantifier.
  const bare = source.replace(/\\./g, "_").replace(/\[(?:[^\]\\]|\\.)*\]/g, "_");
  if (/\\[1-9k]/.test(source)) return "a back-reference (\\1, \\k<name>) is not allowed: it can make matching slow";
  if (/\)(?:[*+?]|\{\d)/.test(bare)) return "a quantified group (`(...)+`, `(...)*`, `(...){n}`) is not allowed: it can make matching slow; repeat a character class instead";
  const quantifiers = (bare.match(/[*+?]|\{\d+(?:,\d*)?\}/g) ?? []).length;
  if (quantifiers > PATTERN_QUANTIFIERS) return `expected at most ${PATTERN_QUANTIFIERS} quantifiers (*, +, ?, {n,m}), found ${quantifiers}`;
  try {
    return new RegExp(`^(?:${source})$`, "u");
  } catch (err) {
    return `expected a valid regular expression (${err instanceof Error ? err.message : String(err)})`;
  }
}

/**
 * The labels and patterns of every `[preprocessor.*.links]` and `[preprocessor.*.linkifiers]` table
 * of book.toml (keys of those tables, quoted or bare; inline tables and dotted keys are not read).
 */
export function bookReferences(bookToml: string): BookReferences {
  const out: BookReferences = { labels: [], patterns: [] };
  let table: "links" | "linkifiers" | null = null;
  for (const raw of bookToml.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith("[")) {
      const header = /^\[\s*preprocessor\s*\.\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*\.\s*(links|linkifiers)\s*\]\s*(?:#.*)?$/.exec(line);
      table = header ? (header[2] as "links" | "linkifiers") : null;
      continue;
    }
    if (table === null) continue;
    const key = tomlKey(line);
    if (key === null) continue;
    (table === "links" ? out.labels : out.patterns).push(key);
  }
  return out;
}

/** The key of a `key = value` line: a bare key, a "basic" string (with escapes) or a 'literal' one. */
function tomlKey(line: string): string | null {
  const bare = /^([A-Za-z0-9_-]+)\s*=/.exec(line);
  if (bare) return bare[1]!;
  const literal = /^'([^']*)'\s*=/.exec(line);
  if (literal) return literal[1]!;
  const basic = /^"((?:[^"\\]|\\.)*)"\s*=/.exec(line);
  if (!basic) return null;
  return basic[1]!.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, e: string) => {
    if (e.length > 1) return String.fromCodePoint(parseInt(e.slice(1), 16));
    return ({ n: "\n", t: "\t", r: "\r", b: "\b", f: "\f" } as Record<string, string>)[e] ?? e;
  });
}

/** Whether a reference's label is defined by the build or the configuration. */
export type ReferenceTest = (label: string) => boolean;

const cache = new Map<string, ReferenceTest>();

/**
 * The test for a repository's book.toml (null: none) and the configuration's `defined-references`.
 * Book patterns that are unsafe or invalid in JavaScript are skipped (the book is the repository's
 * business; its labels are still read). Kept for the last few inputs: each story asks again.
 */
export function referenceTest(bookToml: string | null, configured: DefinedReferenceSettings | undefined): ReferenceTest {
  const key = JSON.stringify([bookToml, configured?.names ?? [], configured?.patterns ?? []]);
  const hit = cache.get(key);
  if (hit) return hit;
  const book = bookToml === null ? { labels: [], patterns: [] } : bookReferences(bookToml);
  const names = new Set([...book.labels, ...(configured?.names ?? [])].map(normalizeLabel));
  const patterns = [...book.patterns, ...(configured?.patterns ?? [])].flatMap((p) => {
    const compiled = compilePattern(p);
    return typeof compiled === "string" ? [] : [compiled];
  });
  const test: ReferenceTest = (label) => {
    if (names.has(normalizeLabel(label))) return true;
    const trimmed = label.trim();
    return trimmed.length <= PATTERN_LABEL_CHARS && patterns.some((p) => p.test(trimmed));
  };
  if (cache.size >= 16) cache.delete(cache.keys().next().value!);
  cache.set(key, test);
  return test;
}
