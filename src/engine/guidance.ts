/**
 * Template guidance: the pieces of a template that tell the author what to write and are meant to
 * go once they have. PURE. Read from the template's tree: every paragraph of a block quote
 * (`> **Instructions:** Copy this template…`), every paragraph, list item and table cell whose
 * whole text is emphasised (`*Short description of what you will do…*`). A document holds a piece when one of its paragraphs, list items or table
 * cells says the same words, or holds them whole in a longer text written in the same way
 * (emphasised, or quoted); the same words quoted inside a sentence of the author's, or reworded,
 * are not the template's.
 */
import type { Nodes, Root } from "mdast";
import { isItalicOnly } from "./faq.js";
import { normalize, plainText } from "./markdown.js";

export interface GuidanceUnit {
  /** Where in the template it stands: a block quote, or emphasised text. */
  kind: "blockquote" | "italic";
  /** The text as shown, whitespace collapsed. */
  text: string;
  /** Normalised (markdown.ts normalize()). */
  key: string;
}

/** Shorter guidance (normalised) says too little to be told from an author's own words. */
const MIN_KEY = 12;

/** A block of text in a document: a paragraph (in a list item, a block quote or at the top) or a table cell. */
export interface TextBlock {
  key: string;
  line: number;
  column: number;
  /** Wholly emphasised, or inside a block quote: written the way the template writes guidance. */
  styled: boolean;
}

/** The guidance pieces of a template: block quotes, emphasised blocks and table cells. */
export function guidanceOf(root: Root): GuidanceUnit[] {
  const out: GuidanceUnit[] = [];
  const seen = new Set<string>();
  const add = (kind: GuidanceUnit["kind"], text: string) => {
    const shown = text.replace(/\s+/g, " ").trim();
    const key = normalize(shown);
    if (key.length < MIN_KEY || seen.has(key)) return;
    seen.add(key);
    out.push({ kind, text: shown, key });
  };
  for (const block of textBlocksOf(root)) if (block.quoted || block.italic) add(block.quoted ? "blockquote" : "italic", block.text);
  return out;
}

interface RawBlock {
  text: string;
  line: number;
  column: number;
  quoted: boolean;
  italic: boolean;
}

function textBlocksOf(root: Root): RawBlock[] {
  const out: RawBlock[] = [];
  const visit = (node: Nodes, quoted: boolean) => {
    if (node.type === "paragraph" || node.type === "tableCell") {
      const start = node.position?.start;
      out.push({ text: plainText(node), line: start?.line ?? 1, column: start?.column ?? 1, quoted, italic: isItalicOnly(node.children) });
      return;
    }
    if (node.type === "heading" || node.type === "code" || node.type === "html") return;
    if ("children" in node) for (const child of node.children as Nodes[]) visit(child, quoted || node.type === "blockquote");
  };
  visit(root, false);
  return out;
}

/** A document's text blocks, for finding guidance in it: paragraphs (in block quotes and lists too) and table cells. */
export function documentBlocks(root: Root): TextBlock[] {
  return textBlocksOf(root).map((b) => ({ key: normalize(b.text), line: b.line, column: b.column, styled: b.quoted || b.italic }));
}

/** Whether a document's block holds a guidance piece: the same words, or all of them inside a block written the way guidance is. */
export function holdsGuidance(block: TextBlock, unit: GuidanceUnit): boolean {
  if (block.key === unit.key) return true;
  if (block.key.length <= unit.key.length) return false;
  const at = ` ${block.key} `.indexOf(` ${unit.key} `);
  if (at === -1) return false;
  return block.styled || unit.key.length >= 0.5 * block.key.length;
}
