/**
 * The tree remark-parse gives for a story, with less work: two kinds of blocks that are a good part
 * of a story's text are blanked before parsing and put back into the tree afterwards. The result is
 * the tree of a plain parse of the story, node for node, positions and offsets included
 * (test/engine/skim.test.ts compares the two over every corpus story and a generated set of awkward
 * markdown).
 *
 * Fenced code. A fence opening at column 1 at the document's top level holds every following line
 * up to its closing fence, whatever those lines say, and what comes after the closing fence cannot
 * depend on them. Which lines open and close such fences is read here from the raw lines, and then
 * checked against the parse itself: every blanked block must come back as a code node at the
 * document's top level that starts on its opening line and ends on its closing line. When the raw
 * lines were misread (a fence line inside an HTML block, a closing fence of a fence that opened
 * indented) that check fails and the story is parsed again as written.
 *
 * Plain paragraphs. A run of lines between blank lines, each starting with a letter, a quote, a
 * parenthesis or a backtick, none ending in a space or a tab, holding no character that means
 * anything inside a paragraph or could make it a table row (`\ * _ [ ] < & |`, tabs) outside code spans of single backticks
 * paired on their line, is a paragraph of text and code spans at the document's top level: no
 * such line can start another block or interrupt a paragraph, and nothing before the blank line
 * can continue into it except a block that spans blank lines (an HTML block, a list whose items go
 * on after it, indented code). The check: in the parse of the blanked text no node may reach into
 * the blanked lines; where one does, that paragraph is parsed as written.
 */
import type { Nodes, Paragraph, PhrasingContent, Root, RootContent } from "mdast";
import { parseMarkdown } from "./markdown.js";

/** A fenced code block to blank: its opening and closing fence lines (0-based) and its content. */
interface Fence {
  open: number;
  close: number;
  content: string;
}

/** A plain paragraph to blank: its first and last lines (0-based). */
interface PlainParagraph {
  first: number;
  last: number;
}

interface Skimmed {
  text: string;
  fences: Fence[];
  paragraphs: PlainParagraph[];
  /** Offset of each line's start in the original text. */
  lineStarts: number[];
  /** Offset of each line's start in the blanked text. */
  skimmedStarts: number[];
}

const TOP_FENCE = /^(`{3,}|~{3,})(.*)$/;
/** A line of fence characters alone, however indented. */
const FENCE_ONLY = /^([ \t]*)(`{3,}|~{3,})[ \t]*$/;
const BLANK = /^[ \t]*$/;
/** A line of a plain paragraph: how it starts and ends (its code spans are checked apart). */
const PLAIN_LINE = /^[\p{L}"'(`](?:.*[^ \t])?$/u;
/** What text outside code spans must not hold to be plain text. */
const NOT_PLAIN = /[\\`*_[\]<&|\t\r\0]/;

/** The story's tree, as `parseMarkdown(text)` gives it. */
export function parseStory(text: string): Root {
  return skimParse(text).root;
}

/**
 * The tree, and how many fenced code blocks and plain paragraphs were skipped while parsing (0
 * each when it was parsed as written).
 */
export function skimParse(text: string): { root: Root; fences: number; paragraphs: number } {
  const found = findBlocks(text);
  if (found === null) return { root: parseMarkdown(text), fences: 0, paragraphs: 0 };
  let { paragraphs } = found;
  // Twice at most: paragraphs a node of the first parse reached into are dropped, and the rest tried again.
  for (let attempt = 0; attempt < 2; attempt++) {
    if (found.fences.length === 0 && paragraphs.length === 0) break;
    const skimmed = blank(found.lines, found.fences, paragraphs);
    const root = parseMarkdown(skimmed.text);
    const reached = paragraphsReached(root, paragraphs);
    if (reached.size > 0) {
      paragraphs = paragraphs.filter((p) => !reached.has(p));
      continue;
    }
    if (!restore(root, skimmed, text)) break;
    return { root, fences: found.fences.length, paragraphs: paragraphs.length };
  }
  return { root: parseMarkdown(text), fences: 0, paragraphs: 0 };
}

/**
 * The closed top-level fences and the plain paragraphs of the text, or null when there is nothing
 * to gain or a line could be read two ways. Lines end in LF or CRLF; text with a carriage return
 * alone or a NUL character is left alone (the parser turns those into other characters, the raw
 * lines here would not).
 */
function findBlocks(text: string): { lines: string[]; fences: Fence[]; paragraphs: PlainParagraph[] } | null {
  if (/\r(?!\n)|\0/.test(text)) return null;
  const lines = text.split("\n");
  const fences: Fence[] = [];
  const paragraphs: PlainParagraph[] = [];
  let open: { line: number; char: string; len: number } | null = null;
  /** The first line of the run of plain lines being read, when it followed a blank line. */
  let plainFrom: number | null = null;
  let previousBlank = true;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (open !== null) {
      // Only a line of fence characters alone can close a fence; any text after them and it never does.
      const close = FENCE_ONLY.exec(line);
      if (close === null || close[2]![0] !== open.char || close[2]!.length < open.len) continue;
      // Indented by a tab or four spaces or more: whether it closes depends on tab stops; do not guess.
      if (!/^ {0,3}$/.test(close[1]!)) return null;
      if (i > open.line + 1) {
        const content = lines.slice(open.line + 1, i).join("\n");
        fences.push({ open: open.line, close: i, content: content.endsWith("\r") ? content.slice(0, -1) : content });
      }
      open = null;
      previousBlank = false;
      continue;
    }
    const blankLine = BLANK.test(line);
    if (plainFrom !== null && (blankLine || !isPlainLine(raw))) {
      // A run of plain lines counts only when a blank line ends it.
      if (blankLine && !listGoesOn(lines, i)) paragraphs.push({ first: plainFrom, last: i - 1 });
      plainFrom = null;
    } else if (plainFrom === null && previousBlank && !blankLine && isPlainLine(raw)) {
      plainFrom = i;
    }
    previousBlank = blankLine;
    const m = TOP_FENCE.exec(line);
    if (m && !(m[1]![0] === "`" && m[2]!.includes("`"))) open = { line: i, char: m[1]![0]!, len: m[1]!.length };
  }
  // A fence still open at the end runs to the end of the file: it is left as written.
  if (fences.length === 0 && paragraphs.length === 0) return null;
  return { lines, fences, paragraphs };
}

/**
 * Whether the first line after the blank lines from `i` on is indented or starts a list item: a
 * list before the paragraph could then go on past it (and the parse would reach into it, costing
 * a second parse); such paragraphs are left to the parser.
 */
function listGoesOn(lines: readonly string[], i: number): boolean {
  let j = i;
  while (j < lines.length && BLANK.test(lines[j]!)) j++;
  return j < lines.length && /^(?:[ \t]|[-*+]|\d{1,9}[.)])/.test(lines[j]!);
}

/** A line of a plain paragraph: see the top of this file. */
function isPlainLine(line: string): boolean {
  if (!PLAIN_LINE.test(line)) return false;
  const parts = line.split("`");
  // Single backticks, paired: parts alternate text, code, text...
  if (parts.length % 2 === 0) return false;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k]!;
    if (k % 2 === 0) {
      if (NOT_PLAIN.test(part)) return false;
    } else if (part === "" || part.startsWith(" ") || part.endsWith(" ") || part.includes("\r")) {
      // An empty part is a longer backtick run; spaces at a code span's ends may be stripped.
      return false;
    }
  }
  return true;
}

/** The text with each fence's content and each paragraph's lines blanked (line numbers kept). */
function blank(original: readonly string[], fences: readonly Fence[], paragraphs: readonly PlainParagraph[]): Skimmed {
  const lines = [...original];
  const blanked = new Uint8Array(lines.length);
  for (const fence of fences) blanked.fill(1, fence.open + 1, fence.close);
  for (const paragraph of paragraphs) blanked.fill(1, paragraph.first, paragraph.last + 1);
  const lineStarts: number[] = [];
  const skimmedStarts: number[] = [];
  let at = 0;
  let skimmedAt = 0;
  for (let i = 0; i < lines.length; i++) {
    lineStarts.push(at);
    skimmedStarts.push(skimmedAt);
    const length = lines[i]!.length;
    // A blanked line keeps its carriage return, so every line ending stays as it was.
    const kept = blanked[i] === 1 ? (lines[i]!.endsWith("\r") ? "\r" : "") : lines[i]!;
    at += length + 1;
    skimmedAt += kept.length + 1;
    lines[i] = kept;
  }
  return { text: lines.join("\n"), fences: [...fences], paragraphs: [...paragraphs], lineStarts, skimmedStarts };
}

/** The paragraphs some node of the tree reaches into (a top-level node's lines cover its children's). */
function paragraphsReached(root: Root, paragraphs: readonly PlainParagraph[]): Set<PlainParagraph> {
  const reached = new Set<PlainParagraph>();
  for (const child of root.children) {
    const position = child.position;
    if (position === undefined) continue;
    for (const p of paragraphs) if (position.start.line <= p.last + 1 && position.end.line >= p.first + 1) reached.add(p);
  }
  return reached;
}

/**
 * Checks that each blanked fence came back as a top-level code node spanning exactly its lines,
 * then puts the code back, moves every offset to where it is in the original text, and puts each
 * paragraph back in its place among the top-level nodes. False when the parse disagrees with how
 * the raw lines were read.
 */
function restore(root: Root, skimmed: Skimmed, text: string): boolean {
  let child = 0;
  for (const fence of skimmed.fences) {
    const startLine = fence.open + 1;
    while (child < root.children.length && (root.children[child]!.position?.start.line ?? 0) < startLine) child++;
    const node = root.children[child];
    const position = node?.position;
    if (node?.type !== "code" || position === undefined) return false;
    if (position.start.line !== startLine || position.start.column !== 1 || position.end.line !== fence.close + 1) return false;
    node.value = fence.content;
  }
  const { lineStarts, skimmedStarts } = skimmed;
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const position = node.position;
    if (position !== undefined) {
      for (const point of [position.start, position.end]) {
        if (point.offset === undefined) continue;
        const i = point.line - 1;
        point.offset += lineStarts[i]! - skimmedStarts[i]!;
      }
    }
    if ("children" in node) for (const c of node.children as Nodes[]) stack.push(c);
  }
  if (skimmed.paragraphs.length > 0) {
    const children: RootContent[] = [];
    let next = 0;
    for (const node of root.children) {
      const line = node.position?.start.line ?? 0;
      while (next < skimmed.paragraphs.length && skimmed.paragraphs[next]!.first + 1 < line) children.push(paragraphNode(skimmed.paragraphs[next++]!, text, lineStarts));
      children.push(node);
    }
    while (next < skimmed.paragraphs.length) children.push(paragraphNode(skimmed.paragraphs[next++]!, text, lineStarts));
    root.children = children;
  }
  return true;
}

/** The paragraph of text and code spans a plain paragraph's lines make, as the parser makes it. */
function paragraphNode(paragraph: PlainParagraph, text: string, lineStarts: readonly number[]): Paragraph {
  const start = lineStarts[paragraph.first]!;
  const end = lineStarts[paragraph.last]! + lineLength(text, lineStarts[paragraph.last]!);
  const source = text.slice(start, end);
  /** The point at an offset into `source`: lines are counted from the paragraph's first. */
  const point = (at: number) => {
    const lineStart = source.lastIndexOf("\n", at - 1) + 1;
    let line = paragraph.first + 1;
    for (let i = source.indexOf("\n"); i !== -1 && i < at; i = source.indexOf("\n", i + 1)) line++;
    return { line, column: at - lineStart + 1, offset: start + at };
  };
  const children: PhrasingContent[] = [];
  const parts = source.split("`");
  let at = 0;
  parts.forEach((part, k) => {
    if (k % 2 === 0) {
      if (part !== "") children.push({ type: "text", value: part, position: { start: point(at), end: point(at + part.length) } });
      at += part.length;
    } else {
      children.push({ type: "inlineCode", value: part, position: { start: point(at), end: point(at + part.length + 2) } });
      at += part.length + 2;
    }
  });
  return { type: "paragraph", children, position: { start: point(0), end: point(source.length) } };
}

function lineLength(text: string, from: number): number {
  const end = text.indexOf("\n", from);
  return (end === -1 ? text.length : end) - from;
}
