/** Reading the project's markdown for the docs test: headings with GitHub's anchors, links, tables, code blocks. */
import { readFileSync } from "node:fs";
import type { Heading, Root, RootContent } from "mdast";
import remarkParse from "remark-parse";
import { unified } from "unified";

/** The text a node renders to (what GitHub slugs for a heading's anchor). */
export function textOf(node: RootContent | Root): string {
  if ("value" in node && (node.type === "text" || node.type === "inlineCode")) return node.value;
  if ("children" in node) return (node.children as RootContent[]).map(textOf).join("");
  return "";
}

/**
 * GitHub's anchor for a heading's text: lower-cased, every character dropped that is not a
 * letter, mark, digit, `_`, `-` or space, then spaces turned into hyphens (so an emoji followed by
 * a space leaves a leading hyphen). Repeated anchors in one file get `-1`, `-2`, ...
 */
export function githubSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

export interface Markdown {
  file: string;
  text: string;
  tree: Root;
  /** The anchors of its headings, duplicates numbered as GitHub numbers them. */
  anchors: Set<string>;
  /** Every link and link definition target, with its line. */
  links: { url: string; line: number }[];
}

export function readMarkdown(file: string): Markdown {
  return parseMarkdown(file, readFileSync(file, "utf8"));
}

export function parseMarkdown(file: string, text: string): Markdown {
  const tree = unified().use(remarkParse).parse(text);
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const links: Markdown["links"] = [];
  const visit = (node: RootContent | Root): void => {
    if (node.type === "heading") {
      const base = githubSlug(textOf(node));
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      anchors.add(count === 0 ? base : `${base}-${count}`);
    }
    if (node.type === "link" || node.type === "definition" || node.type === "image") {
      links.push({ url: node.url, line: node.position?.start.line ?? 0 });
    }
    if ("children" in node) for (const child of node.children as RootContent[]) visit(child);
  };
  visit(tree);
  return { file, text, tree, anchors, links };
}

/** The top-level nodes under each `## ` heading, by the heading's text. */
export function sections(tree: Root): Map<string, RootContent[]> {
  const out = new Map<string, RootContent[]>();
  let current: RootContent[] | null = null;
  for (const node of tree.children) {
    if (node.type === "heading" && (node as Heading).depth <= 2) {
      current = [];
      out.set(textOf(node), current);
    } else if (current !== null) {
      current.push(node);
    }
  }
  return out;
}

/**
 * A table's header cells and rows. remark-parse alone does not know GitHub's tables, so a table
 * is a paragraph whose lines start with `|`; it is read from the source. Cells lose their
 * backticks (`\|` is a literal bar).
 */
export function tableCells(node: RootContent, source: string): { header: string[]; rows: string[][] } | null {
  if (node.type !== "paragraph" || node.position?.start.offset === undefined) return null;
  const lines = source.slice(node.position.start.offset, node.position.end.offset).split("\n");
  if (lines.length < 2 || !lines.every((line) => line.startsWith("|")) || !/^\|\s*:?-+/.test(lines[1]!)) return null;
  const cells = (line: string): string[] =>
    line
      .replace(/^\|/, "")
      .replace(/\|\s*$/, "")
      .split(/(?<!\\)\|/)
      .map((cell) => cell.replace(/\\\|/g, "|").replace(/`/g, "").trim());
  return { header: cells(lines[0]!), rows: lines.slice(2).map(cells) };
}

/** The tables among a section's nodes whose first header is `column`, with their first column as `keys`. */
export function keyColumn(nodes: RootContent[], source: string, column: string): { keys: string[]; rows: string[][]; header: string[] }[] {
  return nodes
    .map((node) => tableCells(node, source))
    .filter((table): table is { header: string[]; rows: string[][] } => table !== null && table.header[0] === column)
    .map(({ header, rows }) => ({ header, rows, keys: rows.map((row) => row[0] ?? "") }));
}

/** The contents of every fenced code block of the given language. */
export function codeBlocks(tree: Root, lang: string): { value: string; line: number; meta: string | null }[] {
  return tree.children
    .filter((node) => node.type === "code" && node.lang === lang)
    .map((node) => ({ value: (node as { value: string }).value, line: node.position?.start.line ?? 0, meta: (node as { meta?: string | null }).meta ?? null }));
}
