/** Hand-made configs, templates and reports for the app's planner tests. */
import type { Config, StoryKind } from "../../../src/config/types.js";
import { type Finding, parseTemplate, type StoryReport, type Template } from "../../../src/engine/index.js";
import type { CheckedStory, PriorWork, StoryFile } from "../../../src/flow/types.js";

export function kind(name: string, folder: string): StoryKind {
  return {
    name,
    paths: [`${folder}/*.md`],
    exclude: [],
    template: null,
    matches: (path: string) => path.startsWith(`${folder}/`) && !path.slice(folder.length + 1).includes("/"),
  };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    kinds: [kind("status-quo", "stories/status_quo"), kind("shiny-future", "stories/shiny_future")],
    characters: ["Alan", "Grace", "Niklaus", "Barbara"],
    labels: { draft: "draft", character: "character:{name}", kind: "{kind}", incomplete: "needs-faq" },
    rules: {},
    maxFileBytes: 1_000_000,
    review: { event: "COMMENT", maxComments: 30 },
    failOn: "introduced",
    ...overrides,
  };
}

export const TEMPLATE_TEXT = [
  "# 😱 Status quo stories: Template",
  "",
  "## The story",
  "",
  "*Write the story here.*",
  "",
  "## 🤔 Frequently Asked Questions",
  "",
  "### What are the morals of the story?",
  "",
  "*Talk about the major takeaways.*",
  "",
  "### What are the sources for this story?",
  "",
  "*Link to sources.*",
  "",
].join("\n");

export const TEMPLATE: Template = parseTemplate(TEMPLATE_TEXT);

export const STORY_TEXT = [
  "# 😱 Status quo stories: Alan hits a deadlock", // 1
  "", // 2
  "Alan writes async code.", // 3
  "", // 4
  "## 🤔 Frequently Asked Questions", // 5
  "", // 6
  "### What are the sources for this story?", // 7
  "TODO", // 8
  "",
].join("\n");

export function finding(partial: Partial<Finding> & Pick<Finding, "rule" | "line">): Finding {
  return { severity: "error", message: `${partial.rule} at line ${partial.line}`, column: 1, ...partial };
}

export function report(path: string, findings: Finding[], extra: Partial<StoryReport> = {}): StoryReport {
  return {
    path,
    kind: "status-quo",
    title: "Alan hits a deadlock",
    draft: false,
    characters: ["Alan"],
    labels: ["status-quo", "character:Alan"],
    findings,
    ...extra,
  };
}

export function checked(storyReport: StoryReport, commentable: number[], content: string = STORY_TEXT): CheckedStory {
  const file: StoryFile = {
    path: storyReport.path,
    kind: kind("status-quo", "stories/status_quo"),
    content,
    template: TEMPLATE,
    templateSource: { path: "stories/status_quo/template.md", movedFrom: null },
    base: null,
    commentable: new Set(commentable),
  };
  return { file, report: storyReport, existing: new Set() };
}

/** The story as a modified one: it had a base version (its findings' origins are the caller's to say). */
export function edited(story: CheckedStory): CheckedStory {
  const { file } = story;
  return { ...story, file: { ...file, base: { path: file.path, kind: file.kind, content: file.content, template: file.template } } };
}

export const NO_PRIOR_WORK: PriorWork = { summary: null, postedFindings: new Set(), openComments: [], said: new Set(), unlisted: new Set(), changesRequested: [], labelEvents: [] };
