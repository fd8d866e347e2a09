/**
 * The repository around a pull request's stories, for toc-missing and link-broken: the head's
 * tree (one git trees request, kept per head commit by the app), and the book's SUMMARY.md,
 * book.toml (also for link-broken: the references its preprocessors define) and index pages at the head, read in the one GraphQL request that also reads the
 * stories' templates at the base (so a book costs one request more than a repository without
 * one: the tree). When neither rule is on, nothing is read.
 */
import path from "node:path/posix";
import type { Config } from "../config/types.js";
import { severityOf } from "../engine/index.js";
import { indexPaths, summaryPath, type RepoFile, type RepositoryContext } from "../engine/repository.js";
import { commentableLines } from "./diff.js";
import type { GitHub } from "./github.js";
import type { ChangedFile, PullRequestInfo } from "./types.js";

/** SUMMARY.md files of the tree read at most, when book.toml must say which one is the book's. */
const MAX_SUMMARY_CANDIDATES = 8;

export interface RepositoryRead {
  repo: RepositoryContext | null;
  /** Template candidates read in the same request, by path (null: absent at the base). */
  templates: Map<string, Uint8Array | null>;
  /** RIGHT-side commentable lines of the book's files that the pull request changes. */
  tocCommentable: Map<string, ReadonlySet<number>>;
}

export async function readRepository(
  gh: GitHub,
  pr: PullRequestInfo,
  config: Config,
  files: readonly ChangedFile[],
  kinds: readonly string[],
  templatePaths: readonly string[],
): Promise<RepositoryRead> {
  const none: RepositoryRead = { repo: null, templates: new Map(), tocCommentable: new Map() };
  // On for some kind: a kind's own `rules` can turn on what the top level turns off.
  const on = (id: "toc-missing" | "link-broken") => severityOf(config, id) !== "off" || config.kinds.some((k) => severityOf(config, id, k) !== "off");
  const tocOn = on("toc-missing");
  if (!tocOn && !on("link-broken")) return none;
  const headRepo = pr.headRepo ?? gh.repo;
  const list = await gh.headTreePaths(headRepo, pr.headSha);
  const paths = list === null ? null : new Set(list);

  // The book's files: book.toml and the SUMMARY.md files it may name, unless the configuration
  // names it; book.toml for link-broken too (the references its preprocessors define).
  const wanted: string[] = [];
  if (tocOn && paths !== null) {
    if (config.toc?.summary) wanted.push(config.toc.summary);
    else if (paths.has("book.toml")) wanted.push("book.toml", ...list!.filter((p) => path.basename(p) === "SUMMARY.md").slice(0, MAX_SUMMARY_CANDIDATES));
    for (const kind of kinds) for (const page of indexPaths(config, kind)) if (!wanted.includes(page)) wanted.push(page);
  }
  if (severityOf(config, "link-broken") !== "off" && paths?.has("book.toml") && !wanted.includes("book.toml")) wanted.push("book.toml");
  const book = wanted.filter((p) => paths?.has(p));
  const templates = new Map<string, Uint8Array | null>();
  const texts = new Map<string, string | null>();
  if (book.length > 0) {
    const requests = [
      ...templatePaths.map((p) => ({ repo: gh.repo, ref: pr.baseSha, path: p })),
      ...book.map((p) => ({ repo: headRepo, ref: pr.headSha, path: p })),
    ];
    let read: (string | null)[];
    try {
      read = await gh.readTexts(requests);
    } catch (error) {
      // A GitHub without GraphQL, or one refusing the query: the templates are read one by one as
      // usual, and toc-missing stays silent rather than judge without the book.
      gh.log.warn({ err: error, paths: book }, "story-triage: the book's files could not be read with GraphQL; toc-missing is skipped");
      return { repo: { paths, summary: null, indexPages: {}, bookToml: null }, templates, tocCommentable: new Map() };
    }
    read.forEach((text, i) => {
      const request = requests[i]!;
      if (i < templatePaths.length) templates.set(request.path, text === null ? null : new TextEncoder().encode(text));
      else texts.set(request.path, text);
    });
  }
  const file = (p: string | null): RepoFile | null => {
    const text = p === null ? null : (texts.get(p) ?? null);
    return p !== null && text !== null ? { path: p, text } : null;
  };
  const bookToml = texts.get("book.toml") ?? null;
  const summary = !tocOn ? null : config.toc?.summary ? file(config.toc.summary) : bookToml !== null ? file(summaryPath(config, bookToml)) : null;
  const indexPages: Record<string, RepoFile[]> = {};
  for (const kind of kinds) {
    const pages = indexPaths(config, kind).flatMap((p) => file(p) ?? []);
    if (pages.length > 0) indexPages[kind] = pages;
  }
  const tocCommentable = new Map<string, ReadonlySet<number>>();
  for (const page of [summary, ...Object.values(indexPages).flat()]) {
    const changed = page && files.find((f) => f.path === page.path);
    if (changed) tocCommentable.set(changed.path, commentableLines(changed.patch));
  }
  return { repo: { paths, summary, indexPages, bookToml }, templates, tocCommentable };
}
