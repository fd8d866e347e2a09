/**
 * Markdown into a section tree. Positions always come from the mdast tree (1-based).
 * Headings inside code fences are code, link reference definitions and HTML comments are not
 * content, and setext headings are headings: remark-parse already knows all of that, so the
 * tree is the single source of truth.
 */
import type { Heading, Nodes, Root, RootContent } from "mdast";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmTable } from "micromark-extension-gfm-table";
import remarkParse from "remark-parse";
import { unified } from "unified";

/**
 * CommonMark plus GFM tables, and nothing else of GFM: templates define tables (a goal's
 * `| Metadata | |`), while autolinks or strikethrough would change what other rules see.
 */
const processor = unified()
  .use(remarkParse)
  .data("micromarkExtensions", [gfmTable()])
  .data("fromMarkdownExtensions", [gfmTableFromMarkdown()]);

export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}

export interface Position {
  line: number;
  column: number;
}

export function positionOf(node: Nodes | undefined, fallback: Position = { line: 1, column: 1 }): Position {
  const start = node?.position?.start;
  return start ? { line: start.line, column: start.column } : fallback;
}

/**
 * The visible text of a node: emphasis, strong, links and inline code reduced to their text,
 * images to their alt text; HTML and definitions contribute nothing.
 */
export function plainText(node: Nodes): string {
  switch (node.type) {
    case "text":
    case "inlineCode":
    case "code":
      return node.value;
    case "image":
    case "imageReference":
      return node.alt ?? "";
    case "break":
      return "\n";
    case "html":
    case "definition":
    case "footnoteDefinition":
      return "";
    default:
      if ("children" in node) {
        const parts: string[] = [];
        for (const child of node.children as Nodes[]) parts.push(plainText(child));
        const blockish = node.type === "root" || node.type === "list" || node.type === "listItem" || node.type === "blockquote";
        return parts.join(blockish ? "\n" : "");
      }
      return "";
  }
}

const EMOJI = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{FE0F}\u{200D}\u{20E3}]/gu;

/** Text for comparisons: no emoji, lower case, punctuation folded to spaces, whitespace collapsed. */
export function normalize(text: string): string {
  return text
    .normalize("NFKC")
    .replace(EMOJI, " ")
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, " ")
    .replace(/(^| )'+|'+( |$)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** A heading's text as people see it, emoji kept (used for titles and messages). */
export function displayText(node: Nodes): string {
  return plainText(node).replace(/\s+/g, " ").trim();
}

/** Dice coefficient over word multisets: 1 for the same words, 0 for none shared. */
export function similarity(a: string, b: string): number {
  const wa = a.split(" ").filter(Boolean);
  const wb = b.split(" ").filter(Boolean);
  if (wa.length === 0 || wb.length === 0) return wa.length === wb.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const w of wa) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of wb) {
    const c = counts.get(w) ?? 0;
    if (c > 0) {
      common++;
      counts.set(w, c - 1);
    }
  }
  return (2 * common) / (wa.length + wb.length);
}

/** Is this block real content? Definitions, HTML comments and blank HTML are not. */
export function isContent(node: RootContent): boolean {
  if (node.type === "definition" || node.type === "footnoteDefinition") return false;
  if (node.type === "html") return node.value.replace(/<!--[\s\S]*?(-->|$)/g, "").trim() !== "";
  if (node.type === "thematicBreak") return false;
  if (node.type === "paragraph") return plainText(node).trim() !== "" || node.children.some((c) => c.type === "image");
  return true;
}

export interface Section {
  /** 0 for the document root, else the heading depth (1-6). */
  depth: number;
  heading: Heading | null;
  /** Heading text as shown (emoji kept); "" for the root. */
  text: string;
  /** Heading text normalised for matching. */
  key: string;
  /** Blocks between this heading and the next heading, in order. */
  blocks: RootContent[];
  children: Section[];
  parent: Section | null;
}

/** Sections nested by heading depth: a heading opens a section that lasts until a heading of the same or lower depth. */
export function sectionTree(root: Root): Section {
  const top: Section = { depth: 0, heading: null, text: "", key: "", blocks: [], children: [], parent: null };
  let current = top;
  for (const node of root.children) {
    if (node.type === "heading") {
      while (current.depth >= node.depth && current.parent) current = current.parent;
      const text = displayText(node);
      const section: Section = { depth: node.depth, heading: node, text, key: normalize(text), blocks: [], children: [], parent: current };
      current.children.push(section);
      current = section;
    } else {
      current.blocks.push(node);
    }
  }
  return top;
}

/** Every section below `section`, depth first, in document order. */
export function allSections(section: Section): Section[] {
  const out: Section[] = [];
  const stack = [...section.children].reverse();
  while (stack.length > 0) {
    const next = stack.pop()!;
    out.push(next);
    for (let i = next.children.length - 1; i >= 0; i--) stack.push(next.children[i]!);
  }
  return out;
}

/** A section's own blocks plus all its subsections' headings and blocks, in order. */
export function sectionContent(section: Section): RootContent[] {
  const out: RootContent[] = [...section.blocks];
  for (const child of allSections(section)) {
    if (child.heading) out.push(child.heading);
    out.push(...child.blocks);
  }
  return out;
}
