/** A question asked in an older wording of the template counts as that question when the configuration lists the wording. */
import { describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseConfigYaml } from "../../src/config/index.js";
import { checkStory, parseTemplate } from "../../src/engine/index.js";
import { ROOT } from "./support.js";

const template = parseTemplate(readFileSync(path.join(ROOT, "fixtures/templates/shiny.md"), "utf8"));
const story = [
  "# ✨ Shiny future stories: Grace ships a driver",
  "",
  "## The story",
  "",
  "Grace writes an async driver, and the executor tells her which task blocked.",
  "",
  "## 🤔 Frequently Asked Questions",
  "",
  "### What status quo stories are you retelling?",
  "",
  "The one where a task blocks the executor.",
  "",
  "### What are the key points you were trying to convey?",
  "",
  "Blocking is reported where it happens.",
  "",
].join("\n");

function findings(yaml: string): string[] {
  const config = parseConfigYaml(`stories:\n  shiny-future:\n    paths: ["**/*.md"]\n${yaml}`, "test config");
  const report = checkStory({ path: "grace_ships_a_driver.md", content: story, kind: config.kinds[0]!, template, config });
  return report.findings.map((f) => `${f.line} ${f.rule}: ${f.message}`);
}

describe("question aliases", () => {
  test("without an alias, the older wording leaves the template's question missing", () => {
    expect(findings("")).toEqual([
      "7 faq-missing: Question `What are the key attributes of this shiny future?` is missing from the `🤔 Frequently Asked Questions` section; expected it with an answer.",
    ]);
  });

  test("with the older wording listed for the question, it is that question, answered", () => {
    const yaml = 'question-aliases:\n  "What are the key attributes of this shiny future?":\n    - "What are the key points you were trying to convey?"\n';
    expect(findings(yaml)).toEqual([]);
  });

  test("case, punctuation and emoji do not matter, and one wording may be given as a string", () => {
    const yaml = 'question-aliases:\n  "what are the KEY attributes of this shiny future":\n    "✨ What are the key points you were trying to convey"\n';
    expect(findings(yaml)).toEqual([]);
  });

  test("an alias for another question leaves this one missing", () => {
    const yaml = 'question-aliases:\n  "What status quo stories are you retelling?":\n    - "What are the key points you were trying to convey?"\n';
    expect(findings(yaml)).toHaveLength(1);
  });
});
