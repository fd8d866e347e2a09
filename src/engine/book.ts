/**
 * Where a repository's tables of contents are: the book's SUMMARY.md (from book.toml or the
 * configuration) and the kinds' index pages. Apart from the markdown parser (repository.ts reads
 * the pages), so the command can find them before it knows whether it will parse anything.
 */
import path from "node:path/posix";
import type { Config } from "../config/types.js";

/** The book's root from book.toml: `src` of its `[book]` table, "src" when unset (mdBook's default). */
export function bookSource(bookToml: string): string {
  let table = "";
  for (const raw of bookToml.split("\n")) {
    const line = raw.replace(/#.*$/, "").trim();
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      table = header[1]!;
      continue;
    }
    const src = /^src\s*=\s*(?:"([^"]*)"|'([^']*)')$/.exec(line);
    if (src && table === "book") return clean(src[1] ?? src[2] ?? "src");
  }
  return "src";
}

/**
 * Where SUMMARY.md is: the configured path, else `<src>/SUMMARY.md` beside book.toml at the
 * repository root (null when there is no book.toml: the repository is not an mdBook).
 */
export function summaryPath(config: Config, bookToml: string | null): string | null {
  if (config.toc?.summary) return config.toc.summary;
  if (bookToml === null) return null;
  const src = bookSource(bookToml);
  return src === "" || src === "." ? "SUMMARY.md" : `${src}/SUMMARY.md`;
}

/** The index pages configured for a kind. */
export function indexPaths(config: Config, kind: string): string[] {
  return config.toc?.index[kind] ?? [];
}

function clean(p: string): string {
  return path.normalize(p.replace(/^\.\//, "")).replace(/\/+$/, "");
}
