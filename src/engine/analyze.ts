/**
 * Reads one story against its template and records what it finds, for the rules to judge.
 * Nothing here decides severity or wording: that is the rules' job.
 */
import type { Code, Heading, Nodes, Root, RootContent } from "mdast";
import type { TableValueRule } from "../config/types.js";
import { questionsIn, toAtoms, type ContentAtom, type FoundQuestion } from "./faq.js";
import { isNonAnswer } from "./non-answer.js";
import { decodeStory, repairFences } from "./input.js";
import { allSections, normalize, plainText, sectionContent, sectionTree, similarity, type Section } from "./markdown.js";
import type { RepositoryContext, StoryChange } from "./repository.js";
import { parseStory } from "./skim.js";
import { tablesOf, type DocTable } from "./tables.js";
import { NAME_SLOT, slotKey, type Template, type TemplateQuestion, type TemplateSection } from "./template.js";

export type AnswerStatus = "answered" | "missing" | "empty" | "placeholder";

export interface QuestionResult {
  question: TemplateQuestion;
  found: FoundQuestion | null;
  status: AnswerStatus;
}

export interface SectionResult {
  section: TemplateSection;
  found: Section | null;
}

export interface Unreadable {
  message: string;
  line: number;
  column: number;
}

export interface UnclosedFence {
  node: Code;
  /** Lines whose closing fence carried text after it (and so did not close). */
  badClosers: number[];
  /** Lines from the fence to the end of the file. */
  swallowedLines: number;
}

export interface StoryAnalysis {
  template: Template;
  characterNames: readonly string[];
  /** The tree of the story as parsed (of its repaired text when a closing fence had text after it). */
  root: Root;
  tree: Section;
  lastLine: number;
  title: { text: string; node: Heading } | null;
  draft: boolean;
  faqSection: Section | null;
  sections: SectionResult[];
  questions: QuestionResult[];
  /** Every question found in the FAQ, the template's and the author's own. */
  foundQuestions: FoundQuestion[];
  characters: string[];
  /** Names given as the story's character that are not configured characters. */
  unknownCharacters: string[];
  unclosedFence: UnclosedFence | null;
  /** The text `root` was parsed from: its node offsets point into this. */
  source: string;
  /** Every table of the story, in order (see tables.ts). */
  tables: DocTable[];
  /** What the configuration adds to the template for this kind. */
  schema: SchemaSettings;
  context: StoryContext | null;
}

const QUESTION_MATCH = 0.7;
const SECTION_MATCH = 0.7;

export type Analysis = { ok: true; analysis: StoryAnalysis } | { ok: false; unreadable: Unreadable };

/** What the analysis knows besides the story and its template. */
export interface AnalysisOptions {
  /** The story's repository path: its file name can name the character. */
  path?: string;
  /** Older wordings per template question, normalised the way question keys are (see questionAliasKeys). */
  aliases?: ReadonlyMap<string, readonly string[]>;
  context?: StoryContext;
  /** How markdown becomes a tree: parseStory (the default) and parseMarkdown give the same tree. */
  parse?: Parse;
  /** What the configuration adds to the template (value rules, optional sections); none when absent. */
  schema?: SchemaSettings;
}

/** What configuration adds to a template for one kind of document. */
export interface SchemaSettings {
  tables: readonly TableValueRule[];
  optionalSections: readonly string[];
}

export type Parse = (text: string) => Root;

/** Where the story stands in its repository, for the rules that look past the file. */
export interface StoryContext {
  /** Repository path, no leading "./". */
  path: string;
  kind: string;
  change: StoryChange | null;
  repo: RepositoryContext | null;
  /** Whether a repository path is a story of the same kind. */
  isStory: (path: string) => boolean;
  /** Whether the book's build (book.toml) or the configuration defines a reference label. */
  isDefinedReference: (label: string) => boolean;
}

export function analyzeStory(content: Uint8Array | string, template: Template, characterNames: readonly string[], maxBytes: number, size?: number, options: AnalysisOptions = {}): Analysis {
  const decoded = decodeStory(content, maxBytes, size);
  if (!decoded.ok) return { ok: false, unreadable: decoded };
  const parse = options.parse ?? parseStory;
  // `source` is the text the tree's offsets point into: the story, or its copy with fences repaired.
  let source = decoded.text;
  let root = parse(source);
  let unclosedFence: UnclosedFence | null = null;
  const open = findUnclosedFence(root, decoded.text);
  if (open) {
    const repaired = repairFences(decoded.text);
    unclosedFence = { node: open, badClosers: repaired.repairedLines, swallowedLines: lastContentLine(decoded.text) - (open.position?.start.line ?? 1) + 1 };
    if (repaired.repairedLines.length > 0) {
      source = repaired.text;
      root = parse(source);
    }
  }
  return { ok: true, analysis: analyzeTree(decoded.text, source, root, template, characterNames, unclosedFence, options) };
}

/** `text` is the story as written (for line counts); `root` may come from a repaired copy, `source`. */
function analyzeTree(text: string, source: string, root: Root, template: Template, names: readonly string[], unclosedFence: UnclosedFence | null, options: AnalysisOptions): StoryAnalysis {
  const tree = sectionTree(root);
  const sections = allSections(tree);
  const h1 = sections.find((s) => s.depth === 1);
  const title = h1?.heading ? { text: h1.text, node: h1.heading } : null;

  const bannerKey = template.sections.find((s) => s.role === "banner")?.key;
  const draft = sections.some((s) => (bannerKey !== undefined && similarity(s.key, bannerKey) >= 0.8) || /\bdraft status\b/.test(s.key) || (bannerKey === undefined && /\bdraft\b/.test(s.key)));

  const faqSection = findFaqSection(sections, template);
  const region = faqSection?.heading ? root.children.slice(root.children.indexOf(faqSection.heading) + 1) : root.children;
  const foundQuestions = questionsIn(toAtoms(region));
  const allHints = [...template.instructions, ...template.sections.flatMap((s) => s.hints), ...(template.faq?.questions.flatMap((q) => q.hints) ?? [])];
  const matched = matchQuestions(template.faq?.questions ?? [], foundQuestions, names, options.aliases);
  const questions = (template.faq?.questions ?? []).map((question, i): QuestionResult => {
    const found = matched[i] ?? null;
    return { question, found, status: found ? answerStatus(found, question, allHints) : "missing" };
  });

  const sectionResults = template.sections
    .filter((s) => s.role !== "banner")
    .map((section): SectionResult => ({
      section,
      found: section.role === "faq" ? faqSection : (sections.find((s) => s !== faqSection && similarity(s.key, section.key) >= SECTION_MATCH) ?? null),
    }));

  const whyQuestion = questions.find((q) => q.question.hasNameSlot && q.found);
  const { characters, unknown } = findCharacters(whyQuestion ?? null, title?.text ?? "", storyBlocks(sectionResults, faqSection, root), names, options.path);

  const lastLine = lastContentLine(text);
  return { template, characterNames: names, root, tree, lastLine, title, draft, faqSection, sections: sectionResults, questions, foundQuestions, characters, unknownCharacters: unknown, unclosedFence, source, tables: tablesOf(root, source), schema: options.schema ?? { tables: [], optionalSections: [] }, context: options.context ?? null };
}

/** The last line that holds anything but white space (1 for an empty file). */
function lastContentLine(text: string): number {
  const lines = text.split("\n");
  let last = lines.length;
  while (last > 1 && lines[last - 1]!.trim() === "") last--;
  return last;
}

function findFaqSection(sections: readonly Section[], template: Template): Section | null {
  const key = template.faq?.key;
  return (
    sections.find((s) => key !== undefined && similarity(s.key, key) >= 0.6) ??
    sections.find((s) => /\bfrequently asked questions\b|^faqs?\b/.test(s.key)) ??
    null
  );
}

/** The story itself: the template's story section when the story has it, else all before the FAQ. */
function storyBlocks(sections: readonly SectionResult[], faq: Section | null, root: Root): RootContent[] {
  const story = sections.find((s) => s.section.role === "story")?.found;
  const faqIndex = faq?.heading ? root.children.indexOf(faq.heading) : -1;
  return story ? sectionContent(story) : root.children.slice(0, faqIndex === -1 ? undefined : faqIndex);
}

function namePattern(names: readonly string[]): RegExp {
  const alternatives = [...names.map(escapeRegExp), "NAME"].join("|");
  return new RegExp(`\\b(?:${alternatives})\\b(?:\\s*(?:,|and|&|or)\\s*\\b(?:${alternatives})\\b)*`, "g");
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The question's key with any run of character names (or the literal NAME) in the name slot. */
function slottedKey(text: string, names: readonly string[]): string {
  return normalize(text.replace(namePattern(names), NAME_SLOT));
}

/** Keys of older wordings (config `question-aliases`), by the key of the template question they stand for. */
export function questionAliasKeys(aliases: readonly { question: string; aliases: readonly string[] }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const entry of aliases) {
    const key = slotKey(entry.question).key;
    out.set(key, [...(out.get(key) ?? []), ...entry.aliases.map((a) => slotKey(a).key)]);
  }
  return out;
}

function matchQuestions(template: readonly TemplateQuestion[], found: readonly FoundQuestion[], names: readonly string[], aliases?: ReadonlyMap<string, readonly string[]>): (FoundQuestion | null)[] {
  const raw = found.map((f) => normalize(f.text));
  const slotted = found.map((f) => slottedKey(f.text, names));
  const pairs: { t: number; f: number; score: number }[] = [];
  template.forEach((tq, t) => {
    const keys = [tq.key, ...(aliases?.get(tq.key) ?? [])];
    found.forEach((_, f) => {
      const text = tq.hasNameSlot ? slotted[f]! : raw[f]!;
      const score = keys.reduce((best, key) => Math.max(best, similarity(text, key)), 0);
      if (score >= QUESTION_MATCH) pairs.push({ t, f, score });
    });
  });
  pairs.sort((a, b) => b.score - a.score || a.f - b.f);
  const result: (FoundQuestion | null)[] = template.map(() => null);
  const used = new Set<number>();
  for (const p of pairs) {
    if (result[p.t] !== null || used.has(p.f)) continue;
    result[p.t] = found[p.f]!;
    used.add(p.f);
  }
  return result;
}

function isHint(atom: ContentAtom, own: readonly string[], all: readonly string[]): boolean {
  const best = (hints: readonly string[]) => hints.reduce((m, h) => Math.max(m, similarity(atom.key, h)), 0);
  if (best(own) >= 0.8) return true;
  // `all` holds every hint of the template, the question's own among them.
  return atom.italicOnly && best(all) >= 0.5;
}

function answerStatus(found: FoundQuestion, question: TemplateQuestion, allHints: readonly string[]): AnswerStatus {
  if (found.answer.length === 0) return found.blanks > 0 ? "placeholder" : "empty";
  const real = found.answer.filter((a) => !isHint(a, question.hints, allHints));
  if (real.length === 0) return "placeholder";
  return isNonAnswer(real.map((a) => a.key).join(" ")) ? "placeholder" : "answered";
}

/** At most this many characters per story: a story told through two gets both. */
const MAX_CHARACTERS = 2;

/**
 * The story's characters: the ones the FAQ's "Why did you choose *NAME*" question names; when it
 * names no configured character, the first ones named in the title, else in the first paragraph
 * of the story that names one, else the file name's first word; then the ones its answer or the
 * story mentions most. `unknown` holds the names the question gives that are not configured,
 * when nothing else names a character.
 */
function findCharacters(why: QuestionResult | null, title: string, story: readonly RootContent[], names: readonly string[], file: string | undefined): { characters: string[]; unknown: string[] } {
  let unknown: string[] = [];
  if (why?.found) {
    const inQuestion = namesIn(why.found.text, names);
    if (inQuestion.length > 0) return { characters: inQuestion.slice(0, MAX_CHARACTERS), unknown: [] };
    if (!/\bNAME\b/.test(why.found.text)) {
      const templateWords = new Set(why.question.key.split(" "));
      unknown = why.found.text
        .replace(/[^\p{L}\p{N}'\s-]+/gu, " ")
        .split(/\s+/)
        .filter((w) => w !== "" && !templateWords.has(normalize(w)) && /^\p{Lu}/u.test(w));
    }
  }
  const fallback =
    firstNameRun(title, names) ??
    firstParagraphNames(story, names) ??
    fileNameCharacter(file, names) ??
    (why?.found ? mostMentioned(why.found.answer.map((a) => plainText(a.node)).join("\n"), names, []) : null) ??
    mostMentioned(story.map((b) => plainText(b)).join("\n"), names, []);
  const characters = fallback === null ? [] : Array.isArray(fallback) ? fallback : [fallback];
  return { characters, unknown: characters.length > 0 ? [] : unknown };
}

/** The names of the first run of configured names in `text` ("Niklaus and Grace"), at most two. */
function firstNameRun(text: string, names: readonly string[]): string[] | null {
  if (names.length === 0) return null;
  const one = `\\b(?:${names.map(escapeRegExp).join("|")})\\b`;
  const run = new RegExp(`${one}(?:\\s*(?:,|and|&)\\s*${one})*`).exec(text);
  if (!run) return null;
  return namesIn(run[0], names).slice(0, MAX_CHARACTERS);
}

/** The first paragraph, in reading order, that names a configured character: its first run of names. */
function firstParagraphNames(blocks: readonly RootContent[], names: readonly string[]): string[] | null {
  const stack: Nodes[] = [...blocks].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "paragraph") {
      const found = firstNameRun(plainText(node), names);
      if (found) return found;
    } else if (node.type !== "heading" && "children" in node) {
      for (const child of [...(node.children as Nodes[])].reverse()) stack.push(child);
    }
  }
  return null;
}

/** `alan_writes_a_web_framework.md` names Alan. */
function fileNameCharacter(file: string | undefined, names: readonly string[]): string | null {
  const first = file?.split("/").pop()?.split(/[_\-\s.]+/)[0]?.toLowerCase();
  return first ? (names.find((n) => n.toLowerCase() === first) ?? null) : null;
}

/** Configured names in order of first appearance. */
function namesIn(text: string, names: readonly string[]): string[] {
  const seen: { name: string; at: number }[] = [];
  for (const name of names) {
    const at = text.search(new RegExp(`\\b${escapeRegExp(name)}\\b`));
    if (at !== -1) seen.push({ name, at });
  }
  return seen.sort((a, b) => a.at - b.at).map((s) => s.name);
}

function mostMentioned(text: string, names: readonly string[], prefer: readonly string[]): string | null {
  let best: { name: string; count: number; preferred: boolean } | null = null;
  for (const name of names) {
    const count = text.match(new RegExp(`\\b${escapeRegExp(name)}\\b`, "g"))?.length ?? 0;
    if (count === 0) continue;
    const preferred = prefer.includes(name);
    if (!best || count > best.count || (count === best.count && preferred && !best.preferred)) best = { name, count, preferred };
  }
  return best?.name ?? null;
}

function findUnclosedFence(root: Root, text: string): Code | null {
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "code") {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined) continue;
      const raw = text.slice(start, end);
      const open = /^\s*(`{3,}|~{3,})/.exec(raw);
      if (!open || text.slice(end).trim() !== "") continue;
      const rawLines = raw.split("\n");
      const last = rawLines[rawLines.length - 1]!.trim();
      const closes = rawLines.length > 1 && last.length >= open[1]!.length && [...last].every((c) => c === open[1]![0]);
      if (!closes) return node;
    } else if ("children" in node) {
      for (const child of node.children as Nodes[]) stack.push(child);
    }
  }
  return null;
}
