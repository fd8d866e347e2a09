import path from "node:path/posix";
import type { StoryAnalysis } from "../analyze.js";
import { normalize, positionOf } from "../markdown.js";
import { relativeLink, tocEntries, type RepoFile, type TocEntry } from "../repository.js";
import { code, quote, type Rule, type RuleMessage } from "./rule.js";

/**
 * A story the pull request adds or renames must be linked from the book's SUMMARY.md (else
 * mdBook leaves it out of the book) and from the index pages the configuration names for its
 * kind. The message gives the line to add, beside the story's siblings in the same list.
 */
export const tocMissing: Rule = {
  id: "toc-missing",
  description: "A new or renamed story is not linked from the book's SUMMARY.md or its kind's index page.",
  defaultSeverity: "error",
  faq: false,
  check(story) {
    const context = story.context;
    const repo = context?.repo;
    if (!context || !repo || context.change?.status === "modified") return [];
    const pages = [...(repo.summary ? [repo.summary] : []), ...(repo.indexPages[context.kind] ?? [])];
    return pages.flatMap((page) => {
      const message = checkPage(story, page);
      return message ? [message] : [];
    });
  },
};

function checkPage(story: StoryAnalysis, page: RepoFile): RuleMessage | null {
  const context = story.context!;
  const entries = tocEntries(page);
  if (entries.some((e) => e.target === context.path)) return null;
  const at = positionOf(story.title?.node);
  const previous = context.change?.previousPath ?? null;
  const stale = previous === null ? undefined : entries.find((e) => e.target === previous);
  if (stale) {
    const url = relativeLink(page.path, context.path, stale.url);
    const text = replaceOnce(stale.source, `(${stale.url})`, `(${url})`);
    return {
      ...at,
      message: `${quote(page.path)} line ${stale.line} still links the story's old path ${quote(previous!)}; expected it to link ${quote(url)}: ${code(text.trim())}.`,
      fix: { path: page.path, line: stale.line, text },
    };
  }
  const place = placement(story, page, entries);
  if (!place) {
    const url = relativeLink(page.path, context.path, "./");
    return { ...at, message: `The story is not linked from ${quote(page.path)}, so it is not in the book; expected a list item linking ${quote(url)}, as \`- [${entryTitle(story)}](${url})\`.` };
  }
  const { next, before, line } = place;
  return {
    ...at,
    message: `The story is not linked from ${quote(page.path)}, so it is not in the book; add ${code(line.trim())} ${before ? "before" : "after"} line ${next.line} (${quote(next.text)}), beside the other stories of its folder.`,
    fix: { path: page.path, line: next.line, text: before ? `${line}\n${next.source}` : `${next.source}\n${line}` },
  };
}

/**
 * Where the story's entry goes: in the list that holds most of its siblings (stories of the same
 * kind in its folder), in title order when they are in title order, else after the last of them.
 * `next` is the sibling the entry goes after (or before, for the first in title order).
 */
function placement(story: StoryAnalysis, page: RepoFile, entries: readonly TocEntry[]): { next: TocEntry; before: boolean; line: string } | null {
  const context = story.context!;
  const folder = path.dirname(context.path);
  // Stories of the same kind in its folder; failing those, any entry of the folder (its template).
  const inFolder = entries.filter((e) => path.dirname(e.target) === folder);
  const stories = inFolder.filter((e) => context.isStory(e.target));
  const siblings = stories.length > 0 ? stories : inFolder;
  if (siblings.length === 0) return null;
  const counts = new Map<number, number>();
  for (const s of siblings) counts.set(s.list, (counts.get(s.list) ?? 0) + 1);
  const list = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const inList = siblings.filter((s) => s.list === list);
  const title = entryTitle(story);
  const order = (a: string, b: string) => a.localeCompare(b, "en", { sensitivity: "base" });
  const sorted = inList.length > 1 && inList.every((s, i) => i === 0 || order(inList[i - 1]!.text, s.text) <= 0);
  const model = inList[0]!;
  const marker = /^(\s*(?:[-*+]|\d+[.)])\s+)/.exec(model.source)?.[1] ?? "- ";
  const line = `${marker}[${title}](${relativeLink(page.path, context.path, model.url)})`;
  if (!sorted) return { next: inList[inList.length - 1]!, before: false, line };
  const earlier = inList.filter((s) => order(s.text, title) <= 0);
  return earlier.length === 0 ? { next: model, before: true, line } : { next: earlier[earlier.length - 1]!, before: false, line };
}

/** The story's title as a table of contents shows it: without the template's "😱 Status quo stories:" prefix. */
function entryTitle(story: StoryAnalysis): string {
  const title = story.title?.text.trim();
  if (!title || normalize(title) === story.template.titleKey) return path.basename(story.context!.path, ".md").replace(/_/g, " ");
  const colon = title.indexOf(":");
  if (colon === -1) return withoutLeadingSymbols(title);
  const head = normalize(title.slice(0, colon));
  const prefix = story.template.titlePrefix;
  const isPrefix = (prefix !== null && head === normalize(prefix)) || /\bstor(?:y|ies)$/.test(head);
  return withoutLeadingSymbols(isPrefix ? title.slice(colon + 1) : title);
}

/** "✨ Barbara wants async" as "Barbara wants async": tables of contents list titles without the emoji. */
function withoutLeadingSymbols(title: string): string {
  return title.replace(/^[^\p{L}\p{N}`]+/u, "").trim();
}

function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  return at === -1 ? text : text.slice(0, at) + to + text.slice(at + from.length);
}
