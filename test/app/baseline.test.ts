/**
 * Introduced or existing, as a case table: a story's base and head versions checked with the real
 * engine (checkedStory), and the exact findings on each side. Identity is rule + question,
 * section or link, never the line.
 */
import { describe, expect, test } from "@jest/globals";
import { checkedStory } from "../../src/flow/triage.js";
import type { StoryFile } from "../../src/flow/types.js";
import { classifyFindings, type Finding, parseTemplate } from "../../src/engine/index.js";
import { kind, TEMPLATE, testConfig } from "./support/story-fixtures.js";

const STATUS_QUO = kind("status-quo", "stories/status_quo");
const SHINY = kind("shiny-future", "stories/shiny_future");
const SHINY_TEMPLATE = parseTemplate(
  [
    "# ✨ Shiny future stories: Template",
    "",
    "## The story",
    "",
    "*Write it.*",
    "",
    "## 🤔 Frequently Asked Questions",
    "",
    "### What are the morals of the story?",
    "",
    "*The takeaways.*",
    "",
    "### What is the most shiny about this future?",
    "",
    "*Say it.*",
    "",
  ].join("\n"),
);

const story = (faq: string[], lead = "") =>
  ["# 😱 Status quo stories: Alan waits", "", lead, "## The story", "", "Alan waits.", "", "## 🤔 Frequently Asked Questions", "", ...faq, ""].join("\n");
const MORALS = ["### What are the morals of the story?", "", "Waiting hurts.", ""];
const SOURCES = ["### What are the sources for this story?", "", "The tracker.", ""];
const SOURCES_TODO = ["### What are the sources for this story?", "", "TODO", ""];

function file(path: string, content: string, base: { path: string; content: string; template?: typeof TEMPLATE } | null, template = TEMPLATE): StoryFile {
  const kindOf = (p: string) => (p.includes("shiny") ? SHINY : STATUS_QUO);
  return {
    path,
    kind: kindOf(path),
    content,
    template,
    templateSource: null,
    base: base === null ? null : { path: base.path, kind: kindOf(base.path), content: base.content, template: base.template ?? TEMPLATE },
    commentable: new Set(),
  };
}

const brief = (findings: readonly Finding[]) => findings.map((f) => `${f.rule} ${f.question ?? f.section ?? ""}`.trim());

describe("introduced or existing", () => {
  const config = testConfig({ rules: { "character-unknown": "off", "title-prefix": "off" } });
  test.each([
    {
      name: "a question the pull request removes is introduced",
      head: file("stories/status_quo/a.md", story(MORALS), { path: "stories/status_quo/a.md", content: story([...MORALS, ...SOURCES]) }),
      introduced: ["faq-missing What are the sources for this story?"],
      existing: [],
    },
    {
      name: "a question missing before and after is existing, though the lines moved",
      head: file("stories/status_quo/a.md", story(MORALS, "A new paragraph.\n\nAnother.\n"), { path: "stories/status_quo/a.md", content: story(MORALS) }),
      introduced: [],
      existing: ["faq-missing What are the sources for this story?"],
    },
    {
      name: "a placeholder answer the pull request writes is introduced; the missing one stays existing",
      head: file("stories/status_quo/a.md", story(SOURCES_TODO), { path: "stories/status_quo/a.md", content: story([]) }),
      // sources: missing at the base, a placeholder at the head: another rule, so introduced
      introduced: ["faq-placeholder What are the sources for this story?"],
      existing: ["faq-missing What are the morals of the story?"],
    },
    {
      name: "a fixed finding is simply gone; the rest keep their origin",
      head: file("stories/status_quo/a.md", story(SOURCES), { path: "stories/status_quo/a.md", content: story(SOURCES_TODO) }),
      introduced: [],
      existing: ["faq-missing What are the morals of the story?"],
    },
    {
      name: "a renamed story keeps its old findings as existing",
      head: file("stories/status_quo/alan_waits.md", story(MORALS), { path: "stories/status_quo/a.md", content: story(MORALS) }),
      introduced: [],
      existing: ["faq-missing What are the sources for this story?"],
    },
    {
      name: "a section the pull request removes is introduced, by its name",
      head: file("stories/status_quo/a.md", story(MORALS).replace("## The story\n\nAlan waits.\n\n", ""), { path: "stories/status_quo/a.md", content: story(MORALS) }),
      introduced: ["section-missing The story"],
      existing: ["faq-missing What are the sources for this story?"],
    },
    {
      name: "an added story: everything is introduced",
      head: file("stories/status_quo/a.md", story(MORALS), null),
      introduced: ["faq-missing What are the sources for this story?"],
      existing: [],
    },
    {
      name: "the template changed between base and head (moved to shiny future): a question both ask is existing, one only the new asks is introduced",
      head: file("stories/shiny_future/a.md", story([]), { path: "stories/status_quo/a.md", content: story([]) }, SHINY_TEMPLATE),
      introduced: ["faq-missing What is the most shiny about this future?"],
      existing: ["faq-missing What are the morals of the story?"],
    },
  ])("$name", ({ head, introduced, existing }) => {
    const checked = checkedStory(head, config);
    const fresh = checked.report.findings.filter((finding) => !checked.existing.has(finding));
    expect({ introduced: brief(fresh), existing: brief([...checked.existing]) }).toEqual({ introduced, existing });
  });

  test("links: a broken link the base had is existing, one the pull request adds is introduced, each known by its link", () => {
    const repo = { paths: new Set(["stories/status_quo/a.md", "stories/status_quo/template.md"]), summary: null, indexPages: {} };
    const linked = (...targets: string[]) => story([...MORALS, ...SOURCES], `${targets.map((t) => `See [this](${t}).`).join(" ")}\n`);
    // The new link comes first: paired by rule alone, it would take the old one's place.
    const head = file("stories/status_quo/a.md", linked("./moved.md", "./gone.md"), { path: "stories/status_quo/a.md", content: linked("./gone.md") });
    const checked = checkedStory(head, config, repo);
    const links = (findings: readonly Finding[]) => findings.map((f) => `${f.rule} ${f.link ?? ""}`);
    const fresh = checked.report.findings.filter((finding) => !checked.existing.has(finding));
    expect({ introduced: links(fresh), existing: links([...checked.existing]) }).toEqual({
      introduced: ["link-broken ./moved.md"],
      existing: ["link-broken ./gone.md"],
    });
  });

  test("two findings of one rule and subject pair up in order: a second one the change adds is introduced", () => {
    const at = (line: number): Finding => ({ rule: "story-placeholder", severity: "error", message: "m", line, column: 1 });
    expect(classifyFindings([at(3), at(40)], [at(9)])).toEqual(["existing", "introduced"]);
    expect(classifyFindings([at(3)], null)).toEqual(["introduced"]);
  });
});
