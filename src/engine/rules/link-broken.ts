import path from "node:path/posix";
import type { Nodes, Text } from "mdast";
import type { StoryAnalysis } from "../analyze.js";
import { foldersOf, localTarget, pathExists, relativeLink, urlNodes } from "../repository.js";
import { quote, type Rule, type RuleMessage } from "./rule.js";

/**
 * Relative links and link reference definitions that point at a path missing at the head, and
 * full or collapsed references (`[text][ref]`, `[ref][]`) that no definition gives, unless the
 * book's build defines the label (book.toml's preprocessor links and linkifiers) or the
 * configuration's `defined-references` does. Anchors are not checked: mdBook's heading ids depend
 * on the target file's text, which is not read.
 */
export const linkBroken: Rule = {
  id: "link-broken",
  description: "A relative link points at a file missing at the head, or a reference has no definition.",
  defaultSeverity: "warning",
  faq: false,
  check(story) {
    return [...brokenLinks(story), ...undefinedReferences(story)].sort((a, b) => a.line - b.line || a.column - b.column);
  },
};

interface PathIndex {
  folders: Set<string>;
  byName: Map<string, string[]>;
}

const indexes = new WeakMap<ReadonlySet<string>, PathIndex>();

/** Folders and file names of a head tree, worked out once per tree. */
function indexOf(paths: ReadonlySet<string>): PathIndex {
  let index = indexes.get(paths);
  if (!index) {
    const byName = new Map<string, string[]>();
    for (const p of paths) {
      const name = path.basename(p);
      const list = byName.get(name);
      if (list) list.push(p);
      else byName.set(name, [p]);
    }
    index = { folders: foldersOf(paths), byName };
    indexes.set(paths, index);
  }
  return index;
}

function brokenLinks(story: StoryAnalysis): RuleMessage[] {
  const context = story.context;
  const paths = context?.repo?.paths;
  if (!context || !paths) return [];
  const index = indexOf(paths);
  const lines = story.source.split("\n");
  const out: RuleMessage[] = [];
  for (const node of urlNodes(story.root)) {
    const target = localTarget(context.path, node.url);
    if (!target || pathExists(paths, target.path, index.folders)) continue;
    const start = node.position?.start;
    if (!start) continue;
    const what = node.type === "definition" ? `Link definition \`[${node.label ?? node.identifier}]\`` : node.type === "image" ? "Image" : "Link";
    const parts = [
      target.path.startsWith("..")
        ? `${what} ${quote(node.url)} points outside the repository; expected a path to a file in it.`
        : `${what} ${quote(node.url)} points at ${quote(target.path)}, which is not in the repository at the head.`,
    ];
    const proposal = sameName(index, target.path);
    let fix: RuleMessage["fix"];
    if (proposal !== null) {
      const url = relativeLink(context.path, proposal.path, node.url) + (proposal.html ? ".html" : "") + suffixOf(node.url);
      parts.push(`The only file named ${quote(path.basename(proposal.path))} is ${quote(proposal.path)}: link ${quote(url)}.`);
      const line = lines[start.line - 1];
      const at = line?.indexOf(node.url, start.column - 1) ?? -1;
      if (line !== undefined && at !== -1) fix = { path: context.path, line: start.line, text: line.slice(0, at) + url + line.slice(at + node.url.length) };
    } else if (!target.path.startsWith("..")) {
      parts.push("Expected a path to a file that exists.");
    }
    if (story.template.links.includes(node.url)) {
      parts.push("The story's template has the same link: fixing it there too keeps new stories from copying it.");
    }
    out.push({ line: start.line, column: start.column, message: parts.join(" "), link: node.url, ...(fix ? { fix } : {}) });
  }
  return out;
}

/** The `#anchor` or `?query` of a URL, kept when the path is changed. */
function suffixOf(url: string): string {
  const at = url.search(/[?#]/);
  return at === -1 ? "" : url.slice(at);
}

/** The one file with the target's name (for `x.html`, the one named `x.md`), else null. */
function sameName(index: PathIndex, target: string): { path: string; html: boolean } | null {
  const name = path.basename(target);
  const direct = index.byName.get(name) ?? [];
  if (direct.length === 1) return { path: direct[0]!, html: false };
  if (direct.length === 0 && name.endsWith(".html")) {
    const md = index.byName.get(`${name.slice(0, -".html".length)}.md`) ?? [];
    if (md.length === 1) return { path: md[0]!.slice(0, -".md".length), html: true };
  }
  return null;
}

/**
 * References left as text: the parser turns `[text][ref]`, `[ref][]` and `[ref]` into links
 * only when a definition for `ref` exists, so such brackets in a text node are references that
 * have none. Left alone: escaped brackets (`\[`), footnote-like labels (`[^1]`), task boxes,
 * brackets after a word (`a[i]`) or inside a link's text (`[[C++] talk](url)`: links do not
 * nest). Code is not text.
 */
const REFERENCE = /(?<![\\\]\p{L}\p{N}])\[([^[\]\n]*)\](?:\[([^[\]\n]*)\])?(?![[(:])/gu;

function undefinedReferences(story: StoryAnalysis): RuleMessage[] {
  const context = story.context;
  if (!context?.repo) return [];
  const out: RuleMessage[] = [];
  const stack: Nodes[] = [story.root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "text") out.push(...referencesIn(node, story.source, context.isDefinedReference));
    else if (node.type !== "link" && "children" in node) for (const child of node.children as Nodes[]) stack.push(child);
  }
  return out;
}

function referencesIn(node: Text, source: string, defined: (label: string) => boolean): RuleMessage[] {
  const start = node.position?.start;
  const end = node.position?.end;
  if (start?.offset === undefined || end?.offset === undefined) return [];
  const raw = source.slice(start.offset, end.offset);
  const out: RuleMessage[] = [];
  for (const m of raw.matchAll(REFERENCE)) {
    const label = m[2] === undefined || m[2] === "" ? m[1]! : m[2];
    if (label.trim() === "" || label.startsWith("^") || /^[xX ]$/.test(label) || defined(label)) continue;
    const before = raw.slice(0, m.index);
    const newlines = before.split("\n").length - 1;
    const line = start.line + newlines;
    const column = newlines === 0 ? start.column + m.index : m.index - before.lastIndexOf("\n");
    out.push({
      line,
      column,
      link: m[0],
      message: `Reference ${quote(m[0])} has no definition \`[${label}]: ...\`, so it shows as plain brackets; expected a definition for ${quote(label)} or an inline link.`,
    });
  }
  return out;
}
