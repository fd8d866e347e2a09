/**
 * FAQ questions and their answers, in every shape real stories use: a question as a heading
 * (`### What are the morals of the story?`, bold or not), as a bold list item
 * (`* **What are the morals of the story?**` with the answer in the item or a nested list),
 * or as a bold paragraph, including one that a missing blank line glued onto the previous
 * answer. The document is flattened into atoms in reading order; answers are the content
 * atoms between one question and the next.
 */
import type { Heading, Nodes, Paragraph, PhrasingContent, RootContent, Strong } from "mdast";
import { displayText, isContent, normalize, plainText } from "./markdown.js";

export interface ContentAtom {
  kind: "content";
  node: Nodes;
  /** Visible text, normalised. */
  readonly key: string;
  /** Only emphasis (the template's hint style). */
  italicOnly: boolean;
}

export interface QuestionAtom {
  kind: "question";
  style: "heading" | "bullet" | "paragraph";
  /** The heading or the strong node that holds the question. */
  node: Heading | Strong;
  /** Depth for heading questions (7 for the others: any heading ends their answer). */
  depth: number;
  /** Question text as shown, "(Optional)" removed. */
  text: string;
  optional: boolean;
}

export interface BoundaryAtom {
  kind: "heading";
  node: Heading;
  depth: number;
}

/** Something written that says nothing: an empty list item, or a paragraph of only "???" or "...". */
export interface BlankAtom {
  kind: "blank";
  node: Nodes;
}

export type Atom = ContentAtom | QuestionAtom | BoundaryAtom | BlankAtom;

export interface FoundQuestion extends QuestionAtom {
  answer: ContentAtom[];
  /** Blank atoms under the question (an empty bullet, a lone "???"). */
  blanks: number;
}

const OPTIONAL = /\(\s*optional\s*\)/i;

function questionText(raw: string): { text: string; optional: boolean } {
  const optional = OPTIONAL.test(raw);
  return { text: raw.replace(OPTIONAL, "").replace(/\s+/g, " ").trim(), optional };
}

function isQuestionStrong(node: PhrasingContent | undefined): node is Strong {
  return node?.type === "strong" && plainText(node).includes("?");
}

/** A content atom; its normalised key is computed on first use (most atoms are never compared). */
function contentAtom(node: Nodes, text: string, italicOnly: boolean): ContentAtom | null {
  if (!WORDY.test(text) && node.type !== "code" && node.type !== "image") return null;
  let key: string | undefined;
  return {
    kind: "content",
    node,
    italicOnly,
    get key() {
      key ??= normalize(text);
      return key;
    },
  };
}

const WORDY = /[\p{L}\p{N}]/u;
/** Text that stands in for an answer without being one. */
const BLANK = /^[\s?.…_*-]+$/;

/** Whether inline content is only emphasis (and white space): the way templates write hints. */
export function isItalicOnly(children: readonly PhrasingContent[]): boolean {
  let sawEmphasis = false;
  for (const c of children) {
    if (c.type === "emphasis") sawEmphasis = true;
    else if (c.type === "text" && c.value.trim() === "") continue;
    else if (c.type === "break") continue;
    else return false;
  }
  return sawEmphasis;
}

/** Splits a paragraph at bold questions that start a line; `leading` is true for a list item's first paragraph. */
function paragraphAtoms(p: Paragraph, out: Atom[], bulletLead: boolean): void {
  let run: PhrasingContent[] = [];
  const flush = () => {
    if (run.length === 0) return;
    // A hint left on its own line above an answer in the same paragraph is its own atom.
    for (const group of italicLineGroups(run)) {
      const rest = questionRest(group.map((c) => plainText(c)).join(""));
      if (rest === "") continue;
      const atom = contentAtom(group[0]!, rest, isItalicOnly(group));
      if (atom) out.push(atom);
      else if (BLANK.test(rest)) out.push({ kind: "blank", node: group[0]! });
    }
    run = [];
  };
  p.children.forEach((child, i) => {
    const prev = p.children[i - 1];
    const startsLine = prev === undefined || prev.type === "break" || (prev.type === "text" && /\n[ \t]*$/.test(prev.value));
    if (startsLine && isQuestionStrong(child)) {
      flush();
      const { text, optional } = questionText(displayText(child));
      out.push({ kind: "question", style: bulletLead && i === 0 ? "bullet" : "paragraph", node: child, depth: 7, text, optional: optional || OPTIONAL.test(followingText(p.children, i)) });
    } else {
      run.push(child);
    }
  });
  flush();
}

/**
 * Splits inline content at line ends into runs of lines, keeping lines that hold only
 * emphasis apart from the lines of plain text around them.
 */
function italicLineGroups(run: readonly PhrasingContent[]): PhrasingContent[][] {
  const lines: PhrasingContent[][] = [[]];
  for (const child of run) {
    if (child.type === "text" && child.value.includes("\n")) {
      const parts = child.value.split("\n");
      parts.forEach((part, i) => {
        if (i > 0) lines.push([]);
        if (part !== "") lines[lines.length - 1]!.push({ ...child, value: part });
      });
    } else if (child.type === "break") {
      lines.push([]);
    } else {
      lines[lines.length - 1]!.push(child);
    }
  }
  const groups: PhrasingContent[][] = [];
  let prevItalic: boolean | null = null;
  for (const line of lines) {
    if (line.length === 0) continue;
    const italic = isItalicOnly(line);
    if (italic || prevItalic !== false) groups.push([...line]);
    else groups[groups.length - 1]!.push(...line);
    prevItalic = italic;
  }
  return groups;
}

/** Text after a question on the same line (where "(Optional)" may stand). */
function followingText(children: readonly PhrasingContent[], index: number): string {
  const next = children[index + 1];
  if (next?.type !== "text") return "";
  return next.value.split("\n")[0] ?? "";
}

/** Whatever stands after a question on its line besides "(Optional)" and punctuation. */
function questionRest(text: string): string {
  return text.replace(OPTIONAL, "").trim();
}

function blockAtoms(node: RootContent, out: Atom[]): void {
  switch (node.type) {
    case "heading": {
      const shown = displayText(node);
      if (shown.includes("?")) {
        const { text, optional } = questionText(shown);
        out.push({ kind: "question", style: "heading", node, depth: node.depth, text, optional });
      } else {
        out.push({ kind: "heading", node, depth: node.depth });
      }
      return;
    }
    case "paragraph":
      paragraphAtoms(node, out, false);
      return;
    case "list":
      for (const item of node.children) {
        if (item.children.length === 0) out.push({ kind: "blank", node: item });
        item.children.forEach((child, i) => {
          if (i === 0 && child.type === "paragraph") paragraphAtoms(child, out, true);
          else blockAtoms(child, out);
        });
      }
      return;
    case "blockquote":
      for (const child of node.children) blockAtoms(child, out);
      return;
    default: {
      if (!isContent(node)) return;
      const atom = contentAtom(node, plainText(node), false);
      if (atom) out.push(atom);
    }
  }
}

export function toAtoms(blocks: readonly RootContent[]): Atom[] {
  const out: Atom[] = [];
  for (const b of blocks) blockAtoms(b, out);
  return out;
}

/** Pairs every question atom with the content atoms that answer it. */
export function questionsIn(atoms: readonly Atom[]): FoundQuestion[] {
  const found: FoundQuestion[] = [];
  let current: FoundQuestion | null = null;
  for (const atom of atoms) {
    if (atom.kind === "question") {
      current = { ...atom, answer: [], blanks: 0 };
      found.push(current);
    } else if (atom.kind === "heading") {
      if (current && atom.depth <= current.depth) current = null;
    } else if (atom.kind === "blank") {
      if (current) current.blanks++;
    } else if (current) {
      current.answer.push(atom);
    }
  }
  return found;
}
