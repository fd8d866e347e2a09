/**
 * The repository's template is the schema. Everything a story is checked against is read
 * from the template's markdown: the title, the required sections in order, the draft banner,
 * the FAQ questions with their hints, the `*NAME*` slot and "(Optional)" marks.
 */
import { builtinTemplateMarkdown } from "./builtin-template.js";
import { questionsIn, toAtoms, type ContentAtom } from "./faq.js";
import { urlNodes } from "./repository.js";
import { guidanceOf, type GuidanceUnit } from "./guidance.js";
import { allSections, normalize, parseMarkdown, plainText, sectionContent, sectionTree, type Section } from "./markdown.js";
import { tablesOf, type DocTable } from "./tables.js";

/** The token that stands for a character's name in question keys. */
export const NAME_SLOT = "xnamex";

export type SectionRole = "banner" | "story" | "faq" | "other";

export interface TemplateSection {
  text: string;
  key: string;
  role: SectionRole;
  /** Normalised hint paragraphs (the italic text authors should replace). */
  hints: string[];
  /**
   * The template says the section may go: its guidance says "Delete this section if…" or "This
   * section is optional", its heading says "(Optional)", or the template says to "add a `## …`
   * section" when needed.
   */
  optional: boolean;
}

export interface TemplateQuestion {
  /** The question as the template shows it, "(Optional)" removed, e.g. "Why did you choose *NAME* to tell this story?". */
  text: string;
  /** Normalised, with NAME_SLOT where the template has `*NAME*`. */
  key: string;
  hasNameSlot: boolean;
  optional: boolean;
  /** Normalised hint paragraphs under the question. */
  hints: string[];
  /** The question and its hint as markdown, ready to paste into a story. */
  markdown: string;
}

export interface Template {
  /** The template's H1 as shown, e.g. "😱 Status quo stories: Template". */
  title: string | null;
  titleKey: string | null;
  /** The H1 up to and including its colon, e.g. "😱 Status quo stories:". */
  titlePrefix: string | null;
  /** Normalised italic instruction paragraphs above the first section. */
  instructions: string[];
  sections: TemplateSection[];
  faq: { heading: string; key: string; questions: TemplateQuestion[] } | null;
  /** Every URL the template links to (links, images, definitions), as written: stories copy them. */
  links: string[];
  /** Every piece of guidance in the template (block quotes, emphasised text): see guidance.ts. */
  guidance: GuidanceUnit[];
  /** The template's tables: the key-value tables define rows, the column tables a header. */
  tables: DocTable[];
}

function hintsOf(atoms: readonly ContentAtom[]): string[] {
  return atoms.filter((a) => a.italicOnly).map((a) => a.key);
}

/** Marks the literal NAME placeholder (plain or emphasised) in a normalised question. */
export function slotKey(text: string): { key: string; hasSlot: boolean } {
  const hasSlot = /\bNAME\b/.test(text);
  const key = normalize(text.replace(/\bNAME\b/g, NAME_SLOT));
  return { key, hasSlot };
}

const cache = new Map<string, Template>();
const CACHE_SIZE = 64;

/**
 * The schema a template's markdown describes. Repositories copy one template into many
 * folders and commits, so results are kept by content (the 64 most recent).
 */
export function parseTemplate(markdown: string): Template {
  const hit = cache.get(markdown);
  if (hit) return hit;
  const template = readTemplate(markdown);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(markdown, template);
  return template;
}

function readTemplate(markdown: string): Template {
  const root = parseMarkdown(markdown);
  const tree = sectionTree(root);
  const lines = markdown.split("\n");
  const h1 = allSections(tree).find((s) => s.depth === 1) ?? null;
  const title = h1 ? h1.text : null;
  const colon = title?.indexOf(":") ?? -1;
  const titlePrefix = title && colon > 0 ? title.slice(0, colon + 1) : null;

  // Sections are the headings one level below the title (or the top-level ones without a title).
  const parent: Section = h1 ?? tree;
  const sectionDepth = parent.children[0]?.depth ?? 2;
  const instructions = hintsOf(toAtoms(parent.blocks).filter((a): a is ContentAtom => a.kind === "content"));
  for (const child of parent.children) {
    if (child.depth > sectionDepth) instructions.push(...hintsOf(toAtoms(sectionContent(child)).filter((a): a is ContentAtom => a.kind === "content")));
  }

  const sections: TemplateSection[] = [];
  let faq: Template["faq"] = null;
  const addedWhenNeeded = new Set([...markdown.matchAll(ADD_SECTION)].map((m) => normalize(m[1]!)));
  for (const section of parent.children.filter((s) => s.depth === sectionDepth)) {
    const atoms = toAtoms(sectionContent(section));
    const found = questionsIn(atoms);
    const ownHints = hintsOf(toAtoms(section.blocks).filter((a): a is ContentAtom => a.kind === "content"));
    let role: SectionRole = "other";
    if (/\bdraft\b/.test(section.key)) role = "banner";
    else if (found.length > 0 && faq === null) role = "faq";
    else if (!sections.some((s) => s.role === "story")) role = "story";
    const optional = OPTIONAL_HEADING.test(section.text) || OPTIONAL_SECTION.test(plainText({ type: "root", children: section.blocks })) || addedWhenNeeded.has(section.key.replace(/ optional$/, ""));
    sections.push({ text: section.text, key: section.key, role, hints: ownHints, optional });
    if (role === "faq") {
      const questions = found.map((q, i): TemplateQuestion => {
        const { key, hasSlot } = slotKey(q.text);
        const startLine = (q.node.position?.start.line ?? 1) - 1;
        const next = found[i + 1]?.node.position?.start.line;
        const end = next !== undefined ? next - 1 : questionEnd(q.answer, startLine);
        const markdown = snippet(lines, startLine, end);
        // Show the slot as the template writes it (`*NAME*`), so a message quotes the template.
        const text = hasSlot && /([*_])NAME\1/.test(markdown) ? q.text.replace(/\bNAME\b/, "*NAME*") : q.text;
        return { text, key, hasNameSlot: hasSlot, optional: q.optional, hints: hintsOf(q.answer), markdown };
      });
      faq = { heading: section.text, key: section.key, questions };
    }
  }
  const links = [...new Set(urlNodes(root).map((n) => n.url))];
  const tables = tablesOf(root, markdown);
  return { title, titleKey: title === null ? null : normalize(title), titlePrefix, instructions, sections, faq, links, guidance: guidanceOf(root), tables };
}

const OPTIONAL_HEADING = /\(\s*optional\s*\)/i;
/** What a template's guidance says of a section that may go. */
const OPTIONAL_SECTION = /\bdelete this section\b|\bremove this section\b|\bthis section is optional\b|\bthis section can be (?:omitted|removed|deleted)\b/i;
/** "add a `## Help wanted` section": the section is there only when needed. */
const ADD_SECTION = /\badd an? `#{2,6} ([^`]+)` section/gi;

function questionEnd(answer: readonly ContentAtom[], startLine: number): number {
  const last = answer[answer.length - 1]?.node.position?.end.line;
  return last ?? startLine + 1;
}

/** Source lines [start, end) of a question, trimmed of blank lines and link definitions that follow it. */
function snippet(lines: readonly string[], start: number, end: number): string {
  const picked = lines.slice(start, Math.max(end, start + 1));
  while (picked.length > 1 && (picked[picked.length - 1]!.trim() === "" || /^\s*\[[^\]]+\]:\s/.test(picked[picked.length - 1]!))) picked.pop();
  return picked.join("\n");
}

let builtin: Template | null = null;

/** The template used when a repository has none of its own. */
export function builtinTemplate(): Template {
  builtin ??= parseTemplate(builtinTemplateMarkdown);
  return builtin;
}
