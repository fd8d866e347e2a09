/**
 * The tree remark-parse gives for a story, with less work: the insides of top-level fenced code
 * blocks are a good part of a story's text, and nothing outside a fence depends on them, so they
 * are blanked before parsing and put back into the tree afterwards. The result is the tree of a
 * plain parse of the story, node for node, positions and offsets included (test/engine/skim.test.ts
 * compares the two over every corpus story and a generated set of awkward markdown).
 *
 * Why it is the same tree. A fence opening at column 1 at the document's top level holds every
 * following line up to its closing fence, whatever those lines say, and what comes after the
 * closing fence cannot depend on them. Which lines open and close such fences is read here from the
 * raw lines, and then checked against the parse itself: every blanked block must come back as a
 * code node at the document's top level that starts on its opening line and ends on its closing
 * line. When the raw lines were misread (a fence line inside an HTML block, a closing fence of a
 * fence that opened indented) that check fails and the story is parsed again as written.
 */
import type { Nodes, Root } from "mdast";
import { parseMarkdown } from "./markdown.js";

/** A fenced code block to blank: its opening and closing fence lines (0-based) and its content. */
interface Fence {
  open: number;
  close: number;
  content: string;
}

interface Skimmed {
  text: string;
  fences: Fence[];
  /** Offset of each line's start in the original text. */
  lineStarts: number[];
  /** Offset of each line's start in the blanked text. */
  skimmedStarts: number[];
}

const TOP_FENCE = /^(`{3,}|~{3,})(.*)$/;
/** A line of fence characters alone, however indented. */
const FENCE_ONLY = /^([ \t]*)(`{3,}|~{3,})[ \t]*$/;

/** The story's tree, as `parseMarkdown(text)` gives it. */
export function parseStory(text: string): Root {
  return skimParse(text).root;
}

/** The tree, and how many fenced code blocks were skipped while parsing (0 when it was parsed as written). */
export function skimParse(text: string): { root: Root; fences: number } {
  const skimmed = skimFences(text);
  if (skimmed === null) return { root: parseMarkdown(text), fences: 0 };
  const root = parseMarkdown(skimmed.text);
  return restore(root, skimmed) ? { root, fences: skimmed.fences.length } : { root: parseMarkdown(text), fences: 0 };
}

/**
 * The text with the content of each closed top-level fence blanked (line numbers kept), or null
 * when there is nothing to gain or a line could be read two ways. Lines end in LF or CRLF; text
 * with a carriage return alone or a NUL character is left alone (the parser turns those into
 * other characters, the raw lines here would not).
 */
function skimFences(text: string): Skimmed | null {
  if ((!text.includes("```") && !text.includes("~~~")) || /\r(?!\n)|\0/.test(text)) return null;
  const lines = text.split("\n");
  const fences: Fence[] = [];
  let open: { line: number; char: string; len: number } | null = null;
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
      continue;
    }
    const m = TOP_FENCE.exec(line);
    if (m && !(m[1]![0] === "`" && m[2]!.includes("`"))) open = { line: i, char: m[1]![0]!, len: m[1]!.length };
  }
  // A fence still open at the end runs to the end of the file: it is left as written.
  if (fences.length === 0) return null;

  const lineStarts: number[] = [];
  const skimmedStarts: number[] = [];
  let at = 0;
  let skimmedAt = 0;
  let next = 0;
  for (let i = 0; i < lines.length; i++) {
    lineStarts.push(at);
    skimmedStarts.push(skimmedAt);
    const fence = fences[next];
    const blank = fence !== undefined && i > fence.open && i < fence.close;
    if (fence !== undefined && i === fence.close) next++;
    const length = lines[i]!.length;
    // A blanked line keeps its carriage return, so every line ending stays as it was.
    const kept = blank ? (lines[i]!.endsWith("\r") ? "\r" : "") : lines[i]!;
    at += length + 1;
    skimmedAt += kept.length + 1;
    lines[i] = kept;
  }
  return { text: lines.join("\n"), fences, lineStarts, skimmedStarts };
}

/**
 * Checks that each blanked fence came back as a top-level code node spanning exactly its lines,
 * then puts the code back and moves every offset to where it is in the original text.
 * False when the parse disagrees with how the raw lines were read.
 */
function restore(root: Root, skimmed: Skimmed): boolean {
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
  return true;
}
