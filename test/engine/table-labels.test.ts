/** Labels from table values (`table-labels`): a label per team of the Team asks table, one from the Status row. */
import { describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseConfigYaml } from "../../src/config/index.js";
import { checkStory, parseTemplate } from "../../src/engine/index.js";
import { ROOT } from "./support.js";

const FIXTURE = path.join(ROOT, "fixtures/goal");
const TEMPLATE = readFileSync(path.join(FIXTURE, "base/src/TEMPLATE.md"), "utf8");
const GOAL = readFileSync(path.join(FIXTURE, "head/src/2026/parallel-front-end.md"), "utf8");
const CONFIG = readFileSync(path.join(FIXTURE, "story-triage.yml"), "utf8");

function labels(content: string, yaml = CONFIG): string[] {
  const config = parseConfigYaml(yaml, "test config");
  return checkStory({ path: "src/2026/parallel-front-end.md", content, kind: config.kinds[0]!, template: parseTemplate(TEMPLATE), config }).labels;
}

describe("table-labels", () => {
  test("one label per team of the Team table (brackets of a reference taken off), the Status row's value", () => {
    expect(labels(GOAL)).toEqual(["goal", "T-compiler", "T-lang", "status:Proposed"]);
  });

  test("an ask gone, a status changed: the labels follow the text", () => {
    const edited = GOAL.replace("| [lang]     | Small         | A design meeting on the flag.  |\n", "").replace("| Status           | Proposed       |", "| Status           | Accepted       |");
    expect(labels(edited)).toEqual(["goal", "T-compiler", "status:Accepted"]);
  });

  test("empty cells, template hints (italic), a row or table missing, values with brackets or commas left inside give no label; a team twice gives one", () => {
    const odd = GOAL.replace("| [lang]     | Small ", "| *Team*     | Small ")
      .replace("| [compiler] | Medium ", "| [compiler] | Medium |\n| [compiler] | Small ")
      .replace("| Status           | Proposed       |", "| Status           |                |")
      .replace("## Frequently", "| Team | Support level |\n| --- | --- |\n|  | Small |\n| lang, types | Small |\n| [x][y] | Small |\n\n## Frequently");
    expect(labels(odd)).toEqual(["goal", "T-compiler"]);
    expect(labels(GOAL.replace(/\| Metadata[\s\S]*?\n\n/, ""))).toEqual(["goal", "T-compiler", "T-lang"]);
  });

  test("a label over 50 characters is left out", () => {
    expect(labels(GOAL.replace("[lang]    ", "a-team-with-a-name-far-too-long-for-a-github-label"))).toEqual(["goal", "T-compiler", "status:Proposed"]);
  });
});
