/** What the engine reads out of a template's markdown. */
import { describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import path from "node:path";
import { builtinTemplate, parseTemplate } from "../../src/engine/index.js";
import { ROOT } from "./support.js";

const fixture = (name: string) => readFileSync(path.join(ROOT, "fixtures/templates", name), "utf8");

describe("parseTemplate", () => {
  test("the built-in template: title, sections in order, questions with their hints and the NAME slot", () => {
    const t = builtinTemplate();
    expect(t.title).toBe("😱 Status quo stories: Template");
    expect(t.titlePrefix).toBe("😱 Status quo stories:");
    expect(t.sections.map((s) => [s.text, s.role])).toEqual([
      ["🚧 Warning: Draft status 🚧", "banner"],
      ["The story", "story"],
      ["🤔 Frequently Asked Questions", "faq"],
    ]);
    expect(t.instructions).toHaveLength(1);
    expect(t.faq?.questions.map((q) => [q.text, q.hasNameSlot, q.optional])).toEqual([
      ["What are the morals of the story?", false, false],
      ["What are the sources for this story?", false, false],
      ["Why did you choose *NAME* to tell this story?", true, false],
      ["How would this story have played out differently for the other characters?", false, false],
    ]);
    expect(t.faq?.questions[2]?.key).toBe("why did you choose xnamex to tell this story");
    expect(t.faq?.questions[2]?.hints).toEqual(["say why this character fits the story"]);
    expect(t.faq?.questions[0]?.markdown).toBe("### What are the morals of the story?\n\n*Name the main lessons: which problems does the story show?*");
  });

  test("bold bullet questions, a question's (Optional) mark and its nested hint", () => {
    const t = parseTemplate(fixture("bullets.md"));
    expect(t.faq?.questions.map((q) => [q.text, q.optional, q.hints])).toEqual([
      ["What are the morals of the story?", false, ["name the main lessons"]],
      ["What are the sources for this story?", false, ["say what the story draws on"]],
      ["Why did you choose *NAME* to tell this story?", false, ["say why this character fits"]],
      ["How would this story have played out differently for the other characters?", false, ["say whether the others would have fared differently"]],
      ["Is there anything you would like to add?", true, ["anything else"]],
    ]);
    expect(t.faq?.questions[4]?.markdown).toBe("* **Is there anything you would like to add?** (Optional)\n    * *Anything else.*");
  });

  test("a heading question marked (Optional) in its text", () => {
    const t = parseTemplate(fixture("shiny.md"));
    expect(t.faq?.questions.map((q) => [q.text, q.optional])).toEqual([
      ["What status quo stories are you retelling?", false],
      ["What are the key attributes of this shiny future?", false],
      ["What are some of the things we'll have to figure out to realize this future?", true],
    ]);
  });

  test("a template without FAQ or title still yields a schema", () => {
    const t = parseTemplate("## The story\n\n*Write here.*\n");
    expect(t).toEqual({ title: null, titleKey: null, titlePrefix: null, instructions: [], sections: [{ text: "The story", key: "the story", role: "story", hints: ["write here"], optional: false }], faq: null, links: [], guidance: [], tables: [] });
  });

  test("guidance, tables and optional sections of a goal-style template", () => {
    const t = parseTemplate(
      [
        "# TEMPLATE (replace with title of your goal)",
        "",
        "> **Instructions:** Copy this template to a fresh file.",
        "> If your goal needs a **contributor**, add a `## Help wanted` section (see below).",
        "",
        "| Metadata         |                                                |",
        "| :--------------- | ---------------------------------------------- |",
        "| Point of contact | *must be a single GitHub username like @ghost* |",
        "| Status           | Proposed                                       |",
        "",
        "## Summary",
        "",
        "*Short description of what you will do.*",
        "",
        "## Design axioms",
        "",
        "> *This section is optional, but axioms help.*",
        "",
        "## Help wanted",
        "",
        "| Task | Experience level |",
        "|------|------------------|",
        "| *e.g., Implement it* | *e.g., Intermediate* |",
        "",
        "## Funding (Optional)",
        "",
        "Short.",
      ].join("\n"),
    );
    expect(t.guidance).toEqual([
      { kind: "blockquote", text: "Instructions: Copy this template to a fresh file. If your goal needs a contributor, add a ## Help wanted section (see below).", key: "instructions copy this template to a fresh file if your goal needs a contributor add a help wanted section see below" },
      { kind: "italic", text: "must be a single GitHub username like @ghost", key: "must be a single github username like ghost" },
      { kind: "italic", text: "Short description of what you will do.", key: "short description of what you will do" },
      { kind: "blockquote", text: "This section is optional, but axioms help.", key: "this section is optional but axioms help" },
      { kind: "italic", text: "e.g., Implement it", key: "e g implement it" },
      { kind: "italic", text: "e.g., Intermediate", key: "e g intermediate" },
    ]);
    expect(t.sections.map((s) => [s.text, s.optional])).toEqual([
      ["Summary", false],
      ["Design axioms", true],
      ["Help wanted", true],
      ["Funding (Optional)", true],
    ]);
    expect(t.tables.map((x) => [x.name, x.shape, x.rows.length])).toEqual([
      ["metadata", "key-value", 2],
      ["task", "columns", 1],
    ]);
  });

  test("the links a template carries, as written, each once", () => {
    const t = parseTemplate("# T\n\n## The story\n\nSee [Alan] and [the book](../book.md) ![x](./x.png) and [again](../book.md).\n\n[Alan]: ../characters/alan.md\n");
    expect(t.links).toEqual(["../book.md", "./x.png", "../characters/alan.md"]);
  });

  test("the same markdown is read once", () => {
    const text = fixture("shiny.md");
    expect(parseTemplate(text)).toBe(parseTemplate(`${text}`));
  });
});
