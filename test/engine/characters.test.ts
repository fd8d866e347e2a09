/**
 * The story's character when the FAQ's "Why did you choose *NAME*" question names no configured
 * character: from the title, then the first paragraph that names one, then the file name.
 */
import { describe, expect, test } from "@jest/globals";
import { builtinTemplate, checkStory } from "../../src/engine/index.js";
import { storyConfig } from "./support.js";

function story(title: string, paragraphs: string[], why: string): string {
  return [
    `# 😱 Status quo stories: ${title}`,
    "",
    "## The story",
    "",
    ...paragraphs.flatMap((p) => [p, ""]),
    "## 🤔 Frequently Asked Questions",
    "",
    "### What are the morals of the story?",
    "",
    "Locks held across an await hurt.",
    "",
    "### What are the sources for this story?",
    "",
    "The author's own service.",
    "",
    `### ${why}`,
    "",
    "Because they expect locks to just work.",
    "",
    "### How would this story have played out differently for the other characters?",
    "",
    "The same way.",
    "",
  ].join("\n");
}

function characters(path: string, text: string): { characters: string[]; rules: string[] } {
  const config = storyConfig();
  const report = checkStory({ path, content: text, kind: config.kinds[0]!, template: builtinTemplate(), config });
  return { characters: report.characters, rules: report.findings.map((f) => f.rule) };
}

describe("characters when the question names none", () => {
  test.each([
    ["the title", "stories/mark.md", story("Alan waits on a mutex", ["Mark has written Go for years. Barbara helps."], "Why did you choose Mark to tell this story?"), ["Alan"]],
    ["two characters in the title", "stories/x.md", story("Niklaus and Grace share a runtime", ["Mark ports the service."], "Why did you choose Mark to tell this story?"), ["Niklaus", "Grace"]],
    ["the title's first name only when the names are not joined", "stories/x.md", story("Barbara asks Alan for help", ["Mark ports it."], "Why did you choose Mark to tell this story?"), ["Barbara"]],
    ["the first paragraph that names one", "stories/x.md", story("A mutex across an await", ["The service was written in Go.", "Grace ports it to Rust, and Alan reviews it.", "Alan, Alan, Alan."], "Why did you choose Mark to tell this story?"), ["Grace"]],
    ["two characters joined in the first paragraph", "stories/x.md", story("A mutex across an await", ["Grace and Niklaus port it to Rust."], "Why did you choose *NAME* to tell this story?"), ["Grace", "Niklaus"], ["name-placeholder"]],
    ["the file name's first word", "stories/barbara_waits.md", story("A mutex across an await", ["Mark ports it to Rust."], "Why did you choose Mark to tell this story?"), ["Barbara"]],
    ["the file name's first word, capitalised", "stories/Niklaus-waits.md", story("A mutex across an await", ["Mark ports it to Rust."], "Why did you choose Mark to tell this story?"), ["Niklaus"]],
  ] as [string, string, string, string[], string[]?][])("%s", (_name, path, text, expected, rules = []) => {
    expect(characters(path, text)).toEqual({ characters: expected, rules });
  });

  test("the question's names win over the title's, and at most two are kept", () => {
    const text = story("Alan waits", ["Alan ports it."], "Why did you choose Grace, Niklaus and Barbara to tell this story?");
    expect(characters("stories/alan_waits.md", text)).toEqual({ characters: ["Grace", "Niklaus"], rules: [] });
  });

  test("nothing names a configured character: character-unknown names what the question gives", () => {
    const text = story("A mutex across an await", ["Mark ports it to Rust."], "Why did you choose Mark to tell this story?");
    expect(characters("stories/mark_waits.md", text)).toEqual({ characters: [], rules: ["character-unknown"] });
  });
});
