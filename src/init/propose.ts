/**
 * `story-triage init`'s decisions, pure: from the repository's paths and the text of its markdown
 * files to the kinds a configuration should have. A template is a file named `template.md`,
 * `TEMPLATE.md` or `*_TEMPLATE.md`; a document follows a template when most of the template's
 * section headings (H2 and H3) are among its own. Each kind gets globs that match its documents
 * and excludes the other markdown files those globs would take.
 */
import path from "node:path/posix";
import type { Heading, Nodes } from "mdast";
import { displayText, normalize, parseMarkdown, similarity } from "../engine/markdown.js";
import { tablesOf } from "../engine/tables.js";

/**
 * A document follows a template when at least this share of the template's headings are its own
 * (of its H2 headings, or of its H2 and H3 headings together: H3s are often examples to replace).
 */
export const FOLLOWS = 0.4;
/** Two headings are the same when their words are this alike (as the checks match sections). */
const SAME_HEADING = 0.7;
/** Folder names that say nothing about what a template is for. */
const GENERIC_FOLDERS = new Set(["", ".", "src", "docs", "doc", "book", "content", "pages", ".github"]);
/** Markdown files that are never documents: the book's table of contents. */
const NEVER_DOCUMENTS = new Set(["SUMMARY.md"]);

export interface ProposedKind {
  name: string;
  /** The template's path; null when each document's folder has its own `template.md` (the default). */
  template: string | null;
  /** Every template the kind's documents follow. */
  templates: string[];
  paths: string[];
  exclude: string[];
  /** The documents found, sorted. */
  documents: string[];
}

export interface LeftOut {
  path: string;
  why: string;
}

export interface Proposal {
  kinds: ProposedKind[];
  /** Templates no document follows. */
  unusedTemplates: string[];
  /** Markdown files in the kinds' folders that are not documents, with why. */
  leftOut: LeftOut[];
  /** Whether any template asks for a character (`*NAME*`): without one, no characters are configured. */
  characters: boolean;
  /** Empty markdown files: not judged, and not excluded (a kind's globs may match them). */
  empty: string[];
  /**
   * Table values the kinds' templates suggest labelling from: the first column of a column table
   * (`Team`), and the rows of a key–value table whose template value is written out rather than a
   * hint (`Status: Proposed`).
   */
  tableLabels: { table: string; column: string | null; row: string | null }[];
}

export function isTemplateName(file: string): boolean {
  const name = path.basename(file);
  return name === "template.md" || name === "TEMPLATE.md" || name.endsWith("_TEMPLATE.md");
}

interface Headings {
  /** H2 headings, normalised for matching. */
  h2: string[];
  /** H2 and H3 headings. */
  all: string[];
}

/** The section headings of a markdown text (H2 and H3), normalised for matching. */
function headingsOf(text: string): Headings {
  const out: Headings = { h2: [], all: [] };
  const stack: Nodes[] = [parseMarkdown(text)];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "heading") {
      const h = node as Heading;
      if (h.depth === 2 || h.depth === 3) {
        const words = normalize(displayText(h));
        if (words !== "") out.all.push(words);
        if (words !== "" && h.depth === 2) out.h2.push(words);
      }
    } else if ("children" in node) {
      for (const child of node.children as Nodes[]) stack.push(child);
    }
  }
  out.all.reverse();
  out.h2.reverse();
  return out;
}

/** The share of the template's headings found among the document's: of its H2s, or of all, whichever is more. */
function follows(template: Headings, document: Headings): { score: number; found: number; of: number } {
  const count = (wanted: readonly string[]) => wanted.filter((t) => document.all.some((d) => d === t || similarity(d, t) >= SAME_HEADING)).length;
  const h2 = { found: count(template.h2), of: template.h2.length };
  const all = { found: count(template.all), of: template.all.length };
  const share = (s: { found: number; of: number }) => (s.of === 0 ? 0 : s.found / s.of);
  const best = share(h2) >= share(all) ? h2 : all;
  return { score: share(best), ...best };
}

/** A kind name from the template's path: `ROADMAP_TEMPLATE.md` is "roadmap", `status_quo/template.md` "status-quo". */
export function kindName(template: string): string {
  const name = path.basename(template);
  const base = name.endsWith("_TEMPLATE.md") ? name.slice(0, -"_TEMPLATE.md".length) : path.basename(path.dirname(template));
  const clean = base.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 50);
  return GENERIC_FOLDERS.has(base) || clean === "" ? "document" : clean;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The kinds for a repository: `paths` are every path in it, `texts` the markdown files read (by
 * path). Documents go to the template they follow most (on a tie, the one more of whose headings
 * they have, then the one in their own folder).
 */
export function propose(paths: readonly string[], texts: ReadonlyMap<string, string>): Proposal {
  const templates = paths.filter((p) => isTemplateName(p) && texts.has(p)).sort(compare);
  const templateHeadings = new Map(templates.map((t) => [t, headingsOf(texts.get(t)!)]));
  const isEmpty = (p: string) => texts.get(p)?.trim() === "";
  const markdown = paths.filter((p) => p.endsWith(".md") && !isTemplateName(p) && !NEVER_DOCUMENTS.has(path.basename(p)) && texts.has(p) && !isEmpty(p)).sort(compare);

  // Each document to its template; the rest remembered with why.
  const byTemplate = new Map<string, string[]>();
  const notDocuments = new Map<string, string>();
  for (const file of markdown) {
    const own = headingsOf(texts.get(file)!);
    let best: { template: string; score: number; found: number; of: number } | null = null;
    for (const template of templates) {
      const score = follows(templateHeadings.get(template)!, own);
      // Ties go to the template more of whose headings the document has, then to the one in its folder.
      const tie = best !== null && score.score === best.score;
      const better = best === null || score.score > best.score || (tie && score.found > best.found) || (tie && score.found === best.found && path.dirname(template) === path.dirname(file));
      if (better) best = { template, ...score };
    }
    if (best !== null && best.score >= FOLLOWS) {
      byTemplate.set(best.template, [...(byTemplate.get(best.template) ?? []), file]);
    } else if (own.all.length === 0) {
      notDocuments.set(file, "no section headings");
    } else {
      const of = best === null ? "" : `: ${best.found} of the ${best.of} headings of ${best.template}`;
      notDocuments.set(file, `its headings follow no template${of}`);
    }
  }

  // Templates to kinds: one kind per template, except that `template.md` files beside their
  // documents with the same folder name make one kind (each document is checked against its own).
  const groups = new Map<string, { templates: string[]; documents: string[] }>();
  for (const template of templates) {
    const documents = byTemplate.get(template) ?? [];
    if (documents.length === 0) continue;
    const beside = path.basename(template) === "template.md" && documents.every((d) => path.dirname(d) === path.dirname(template));
    const key = beside ? `beside:${kindName(template)}` : template;
    const group = groups.get(key) ?? { templates: [], documents: [] };
    group.templates.push(template);
    group.documents.push(...documents);
    groups.set(key, group);
  }
  const names = new Set<string>();
  const drafts = [...groups.entries()].map(([key, g]) => {
    let name = kindName(g.templates[0]!);
    for (let n = 2; names.has(name); n += 1) name = `${kindName(g.templates[0]!)}-${n}`;
    names.add(name);
    return { name, template: key.startsWith("beside:") ? null : g.templates[0]!, templates: g.templates, documents: g.documents.sort(compare) };
  });

  // Globs: per folder, the kind with most documents there takes `folder/*.md`; the others take
  // their documents by name prefix (`roadmap-*.md`) and come first, since the first kind that
  // matches a file wins. Markdown files the folder glob would take that are not its documents
  // are excluded by name.
  const folders = [...new Set(drafts.flatMap((k) => k.documents.map((d) => path.dirname(d))))].sort(compare);
  const globs = new Map<string, { paths: string[]; exclude: string[]; specific: boolean }>(drafts.map((k) => [k.name, { paths: [], exclude: [], specific: false }]));
  const leftOut: LeftOut[] = [];
  for (const folder of folders) {
    const inFolder = (f: string) => path.dirname(f) === folder;
    const share = drafts.map((k) => ({ kind: k, documents: k.documents.filter(inFolder) })).filter((s) => s.documents.length > 0).sort((a, b) => b.documents.length - a.documents.length || compare(a.kind.name, b.kind.name));
    const all = paths.filter((p) => inFolder(p) && p.endsWith(".md") && !isTemplateName(p) && !isEmpty(p));
    const [main, ...others] = share;
    const claimed = new Set<string>();
    for (const other of others) {
      const g = globs.get(other.kind.name)!;
      g.specific = true;
      for (const [prefix, files] of prefixGroups(other.documents)) {
        const clean = prefix !== null && files.length >= 2 && all.filter((p) => path.basename(p).startsWith(prefix)).every((p) => files.includes(p));
        if (clean) g.paths.push(`${folder === "." ? "" : `${folder}/`}${prefix}*.md`);
        else g.paths.push(...files);
        for (const f of clean ? all.filter((p) => path.basename(p).startsWith(prefix!)) : files) claimed.add(f);
      }
    }
    const g = globs.get(main!.kind.name)!;
    g.paths.push(`${folder === "." ? "" : `${folder}/`}*.md`);
    const rest = all.filter((p) => !claimed.has(p) && !main!.documents.includes(p)).sort(compare);
    g.exclude.push(...excludeGlobs(folder, rest));
    for (const file of rest) leftOut.push({ path: file, why: notDocuments.get(file) ?? "not read" });
    for (const template of paths.filter((p) => inFolder(p) && isTemplateName(p) && path.basename(p) !== "template.md" && !drafts.some((k) => k.template === p))) {
      g.exclude.push(template);
    }
  }
  const kinds = drafts
    .map((k) => ({ ...k, paths: globs.get(k.name)!.paths, exclude: globs.get(k.name)!.exclude, specific: globs.get(k.name)!.specific }))
    .sort((a, b) => Number(b.specific) - Number(a.specific))
    .map(({ specific: _, ...k }) => k);
  return {
    kinds,
    unusedTemplates: templates.filter((t) => (byTemplate.get(t) ?? []).length === 0),
    leftOut: leftOut.sort((a, b) => compare(a.path, b.path)),
    characters: templates.some((t) => texts.get(t)!.includes("*NAME*")),
    empty: paths.filter((p) => p.endsWith(".md") && isEmpty(p)).sort(compare),
    tableLabels: suggestedTableLabels(kinds.flatMap((k) => k.templates).map((t) => texts.get(t)!)),
  };
}

function suggestedTableLabels(templates: readonly string[]): Proposal["tableLabels"] {
  const out: Proposal["tableLabels"] = [];
  const seen = new Set<string>();
  const add = (entry: Proposal["tableLabels"][number]) => {
    const key = JSON.stringify([normalize(entry.table), entry.column === null ? null : normalize(entry.column), entry.row === null ? null : normalize(entry.row)]);
    if (!seen.has(key)) out.push(entry);
    seen.add(key);
  };
  for (const text of templates) {
    for (const table of tablesOf(parseMarkdown(text), text)) {
      const name = table.header[0]?.text ?? "";
      if (name === "") continue;
      if (table.shape === "columns") add({ table: name, column: name, row: null });
      else for (const row of table.rows) if (row.cells[1] && row.cells[1].text !== "" && !row.cells[1].italic && row.cells[0]?.text) add({ table: name, column: null, row: row.cells[0].text });
    }
  }
  return out;
}

/** Files grouped by the start of their name up to the first `-` or `_` (null: none). */
function prefixGroups(files: readonly string[]): Map<string | null, string[]> {
  const out = new Map<string | null, string[]>();
  for (const file of files) {
    const m = /^[^-_]+[-_]/.exec(path.basename(file));
    const key = m === null ? null : m[0];
    out.set(key, [...(out.get(key) ?? []), file]);
  }
  return out;
}

/** Exclusions for files of one folder: by name, several in one `{a,b}` group, each glob at most 900 characters. */
function excludeGlobs(folder: string, files: readonly string[]): string[] {
  const prefix = folder === "." ? "" : `${folder}/`;
  const names = files.map((f) => path.basename(f, ".md").replace(/[\\{}*?[\]!,()]/g, (c) => `\\${c}`));
  if (files.length <= 2) return names.map((n) => `${prefix}${n}.md`);
  const out: string[] = [];
  let chunk: string[] = [];
  const flush = () => {
    if (chunk.length === 1) out.push(`${prefix}${chunk[0]}.md`);
    else if (chunk.length > 1) out.push(`${prefix}{${chunk.join(",")}}.md`);
    chunk = [];
  };
  for (const name of names) {
    if (prefix.length + [...chunk, name].join(",").length > 900) flush();
    chunk.push(name);
  }
  flush();
  return out;
}
