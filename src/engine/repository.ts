/**
 * What the checks that look past one file know of the repository at the head: every path in it
 * (for links), the book's table of contents and the kinds' index pages (for toc-missing), and how
 * the pull request changed the story. The caller gathers it (the CLI from the working tree, the
 * app from GitHub); everything here is pure.
 */
import path from "node:path/posix";
import type { Definition, Image, Link, Nodes, Root } from "mdast";
import type { Config } from "../config/types.js";
import { parseMarkdown } from "./markdown.js";

/** A markdown file of the repository at the head, as read. */
export interface RepoFile {
  path: string;
  text: string;
}

export interface RepositoryContext {
  /** Every file path at the head, repository-relative; null when not known (link-broken stays silent). */
  paths: ReadonlySet<string> | null;
  /** The book's SUMMARY.md at the head; null when there is none or it was not read (toc-missing stays silent). */
  summary: RepoFile | null;
  /** The index pages the configuration names for each kind (`toc.index`), those that exist. */
  indexPages: Readonly<Record<string, readonly RepoFile[]>>;
  /**
   * book.toml at the repository root, as text; null or absent when there is none or it was not
   * read. link-broken takes the references its preprocessors define from it.
   */
  bookToml?: string | null;
}

/** How the pull request changed the story; the CLI, knowing no pull request, gives none. */
export interface StoryChange {
  status: "added" | "renamed" | "modified";
  /** The path before a rename. */
  previousPath: string | null;
}

export { bookSource, indexPaths, summaryPath } from "./book.js";

/** A link's target inside the repository: the path it resolves to from `from`, or null for other links. */
export interface LocalTarget {
  /** Repository path (normalised), without #anchor or ?query; starts with ".." when it leaves the repository. */
  path: string;
  /** The link as written. */
  url: string;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Where a relative link written in the file at `from` points, or null when it is not a relative
 * link to a file (a URL with a scheme, `//host`, a bare `#anchor`, a root-relative `/path`,
 * whose meaning depends on where the book is served).
 */
export function localTarget(from: string, url: string): LocalTarget | null {
  const trimmed = url.trim();
  if (trimmed === "" || SCHEME.test(trimmed) || trimmed.startsWith("#") || trimmed.startsWith("/")) return null;
  const bare = trimmed.replace(/[?#].*$/, "");
  if (bare === "") return null;
  let decoded = bare;
  try {
    decoded = decodeURI(bare);
  } catch {
    // Kept as written: a malformed escape is then simply looked up as it is.
  }
  const joined = path.normalize(path.join(path.dirname(from), decoded));
  return { path: joined.replace(/\/+$/, ""), url };
}

/**
 * Whether a local path exists at the head: as a file, as a folder holding files, or as the page
 * mdBook renders from a markdown file (`story.html` for `story.md`, `dir/` for `dir/index.md`
 * or `dir/README.md`).
 */
export function pathExists(paths: ReadonlySet<string>, target: string, folders: ReadonlySet<string>): boolean {
  if (target === "" || target === ".") return true;
  if (paths.has(target) || folders.has(target)) return true;
  if (target.endsWith(".html")) {
    const md = `${target.slice(0, -".html".length)}.md`;
    if (paths.has(md)) return true;
    if (path.basename(target) === "index.html") return paths.has(`${path.dirname(target)}/README.md`);
  }
  return false;
}

/** Every folder that holds a file, for pathExists(). */
export function foldersOf(paths: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const p of paths) {
    let dir = path.dirname(p);
    while (dir !== "." && dir !== "/" && !out.has(dir)) {
      out.add(dir);
      dir = path.dirname(dir);
    }
  }
  return out;
}

/** `to` written relative to the folder of `from`, with "./" when the original link had it. */
export function relativeLink(from: string, to: string, likeUrl: string): string {
  let rel = path.relative(path.dirname(from), to);
  if (likeUrl.startsWith("./") && !rel.startsWith(".")) rel = `./${rel}`;
  return rel;
}

/** Nodes that link somewhere by URL: inline links, images, and link reference definitions. */
export type UrlNode = Link | Image | Definition;

export function urlNodes(root: Root | Nodes): UrlNode[] {
  const out: UrlNode[] = [];
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "link" || node.type === "image" || node.type === "definition") out.push(node);
    if ("children" in node) for (const child of node.children as Nodes[]) stack.push(child);
  }
  return out.sort((a, b) => (a.position?.start.offset ?? 0) - (b.position?.start.offset ?? 0));
}

/** One entry of a table of contents: a list item's link, with the line it is on. */
export interface TocEntry {
  /** Repository path the entry links to. */
  target: string;
  url: string;
  text: string;
  /** 1-based line of the list item, and the line as written. */
  line: number;
  source: string;
  /** Entries of the same list share this (the list's start offset). */
  list: number;
}

const tocCache = new Map<string, TocEntry[]>();

/** The links of a table-of-contents page that sit in list items, in order. Parsed once per content. */
export function tocEntries(page: RepoFile): TocEntry[] {
  const key = `${page.path}\0${page.text}`;
  const hit = tocCache.get(key);
  if (hit) return hit;
  const root = parseMarkdown(page.text);
  const lines = page.text.split("\n");
  const entries: TocEntry[] = [];
  const visit = (node: Nodes, list: number): void => {
    if (node.type === "list") {
      for (const item of node.children) {
        const first = item.children[0];
        if (first?.type === "paragraph") {
          const link = first.children.find((c): c is Link => c.type === "link");
          const line = item.position?.start.line;
          const target = link ? localTarget(page.path, link.url) : null;
          if (link && target && line !== undefined) {
            entries.push({ target: target.path, url: link.url, text: linkText(link), line, source: lines[line - 1] ?? "", list: node.position?.start.offset ?? 0 });
          }
        }
        for (const child of item.children) visit(child, node.position?.start.offset ?? 0);
      }
      return;
    }
    if ("children" in node) for (const child of node.children as Nodes[]) visit(child, list);
  };
  visit(root, -1);
  if (tocCache.size >= 32) tocCache.delete(tocCache.keys().next().value!);
  tocCache.set(key, entries);
  return entries;
}

function linkText(link: Link): string {
  const parts: string[] = [];
  const walk = (n: Nodes) => {
    if (n.type === "text" || n.type === "inlineCode") parts.push(n.type === "inlineCode" ? `\`${n.value}\`` : n.value);
    else if ("children" in n) for (const c of n.children as Nodes[]) walk(c);
  };
  walk(link);
  return parts.join("");
}
