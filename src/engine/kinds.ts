/**
 * Which kind a path is, where its template lives, and the report of a file that is not a story:
 * what the command needs to know about a file before (or instead of) parsing it. Nothing here
 * loads the markdown parser, so a run whose stories are all in the results cache never does.
 */
import path from "node:path/posix";
import type { Config, StoryKind } from "../config/types.js";
import type { StoryReport } from "./types.js";

/** The kind a repository path belongs to; null for non-stories and for template files. */
export function kindFor(config: Config, repoPath: string): StoryKind | null {
  const p = repoPath.replace(/^\.\//, "");
  if (path.basename(p) === "template.md") return null;
  if (config.kinds.some((k) => k.template === p || (k.earlierTemplates?.includes(p) ?? false))) return null;
  return config.kinds.find((k) => k.matches(p)) ?? null;
}

/** Repository paths to try for a story's template, in order; when none exists, builtinTemplate() applies. */
export function templateCandidates(kind: StoryKind, repoPath: string): string[] {
  if (kind.template) return [kind.template, ...(kind.earlierTemplates ?? [])];
  const dir = path.dirname(repoPath.replace(/^\.\//, ""));
  return [dir === "." ? "template.md" : `${dir}/template.md`];
}

/** The report of a file that matched no story kind: listed, not checked. */
export function notAStory(path: string): StoryReport {
  return { path, kind: null, title: null, draft: false, characters: [], labels: [], findings: [] };
}
