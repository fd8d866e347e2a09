/**
 * The rules the template's tables and the configuration's `tables` define, case by case with
 * their exact findings: table-row-missing, table-value, table-header, table-malformed, and
 * template-guidance in table cells. A finding keeps its identity when lines move.
 */
import { describe, expect, test } from "@jest/globals";
import { parseConfigYaml } from "../../src/config/index.js";
import { checkStory, classifyFindings, parseTemplate, type Finding } from "../../src/engine/index.js";

const TEMPLATE = parseTemplate(
  [
    "# TEMPLATE (replace with title of your goal)",
    "",
    "| Metadata         |                                                                              |",
    "| :--------------- | ---------------------------------------------------------------------------- |",
    "| Point of contact | *must be a single GitHub username like @ghost*                               |",
    "| Status           | Proposed                                                                     |",
    "| Tracking issue   | *if this is a continuing goal, add the old tracking issue, else leave blank* |",
    "| Teams            | &lt;!-- TEAMS WITH ASKS --&gt;                                               |",
    "| Zulip channel    | N/A                                                                          |",
    "",
    "## Summary",
    "",
    "*Short description of what you will do over the next year.*",
    "",
    "## Work items",
    "",
    "| Task        | Owner(s) | Notes |",
    "| ----------- | -------- | ----- |",
    "| Do the work | *owner*  |       |",
    "",
    "## Team asks",
    "",
    "| Team       | Support level | Notes |",
    "| ---------- | ------------- | ----- |",
    "| [compiler] |               |       |",
  ].join("\n"),
);

const CONFIG = `stories:
  goal:
    paths: ["src/*.md"]
    template: src/TEMPLATE.md
tables:
  Metadata:
    Status: {one-of: [Proposed, Accepted, Not accepted]}
    Point of contact: {pattern: "^@[A-Za-z0-9-]+$"}
    Tracking issue: {pattern: "goals#[0-9]+", required-when: {Status: Accepted}}
  Team:
    Support level: {one-of: [Small, Medium, Large], ignore-case: true}
characters: []
labels: {draft: "", character: "", kind: "", incomplete: ""}
rules: {faq-missing: "off", name-placeholder: "off", character-unknown: "off", title-prefix: "off", section-missing: "off", story-placeholder: "off"}
`;

function findings(doc: string, yaml = CONFIG): Omit<Finding, "severity">[] {
  const config = parseConfigYaml(yaml, "test config");
  const report = checkStory({ path: "src/goal.md", content: doc, kind: config.kinds[0]!, template: TEMPLATE, config });
  return report.findings.filter((f) => f.rule.startsWith("table-") || f.rule === "template-guidance").map(({ severity: _s, ...f }) => f);
}

function goal(metadata: string[], teams: string[] = ["| [compiler] | Small | |"], teamHeader = "| Team | Support level | Notes |"): string {
  return [
    "# Faster builds", // 1
    "", // 2
    "| Metadata | |", // 3
    "| --- | --- |", // 4
    ...metadata,
    "",
    "## Summary",
    "",
    "We make builds faster.",
    "",
    "## Team asks",
    "",
    teamHeader,
    "| --- | --- | --- |",
    ...teams,
    "",
  ].join("\n");
}

const GOOD = ["| Point of contact | @ghost |", "| Status | Proposed |", "| Tracking issue | |", "| Teams | <!-- TEAMS WITH ASKS --> |", "| Zulip channel | N/A |"];

describe("table rules", () => {
  test("a complete goal has no table finding (conditional, build-filled and empty optional rows are fine)", () => {
    expect(findings(goal(GOOD))).toEqual([]);
    expect(findings(goal([GOOD[0]!, GOOD[1]!, GOOD[4]!]))).toEqual([]);
  });

  test("rows missing, empty, or still holding the hint; the table missing", () => {
    expect(findings(goal(["| Point of contact | *must be a single GitHub username like @ghost* |", "| Status | |"]))).toEqual([
      { rule: "table-row-missing", message: "Table `Metadata` has no row `Zulip channel`; expected it, as in the template.", line: 3, column: 1, subject: "Metadata: Zulip channel" },
      {
        rule: "template-guidance",
        message: "The template's hint `must be a single GitHub username like @ghost` was left in; expected the document's own text in its place, or nothing.",
        line: 5,
        column: 20,
        subject: "must be a single GitHub username like @ghost",
      },
      { rule: "table-value", message: "The row `Point of contact` of table `Metadata` is `must be a single GitHub username like @ghost`; expected it to match `^@[A-Za-z0-9-]+$`.", line: 5, column: 20, subject: "Metadata: Point of contact" },
      { rule: "table-row-missing", message: "Row `Status` of table `Metadata` is empty; expected a value.", line: 6, column: 1, subject: "Metadata: Status" },
    ]);
    expect(findings("# Faster builds\n\n## Summary\n\nText.\n")).toEqual([
      { rule: "table-row-missing", message: "Table `Metadata` is missing; expected it as in the template, with the rows `Point of contact`, `Status`, `Zulip channel`.", line: 1, column: 1, subject: "Metadata" },
    ]);
  });

  test("value rules: one-of, pattern, required-when, ignore-case, per row of a column table", () => {
    const doc = goal(["| Point of contact | @ghost and @other |", "| Status | Accepted |", "| Tracking issue | |", "| Zulip channel | N/A |"], ["| [compiler] | small | |", "| [lang] | Huge | |", "| [types] | | |"]);
    expect(findings(doc)).toEqual([
      { rule: "table-value", message: "The row `Point of contact` of table `Metadata` is `@ghost and @other`; expected it to match `^@[A-Za-z0-9-]+$`.", line: 5, column: 20, subject: "Metadata: Point of contact" },
      { rule: "table-value", message: "The row `Tracking issue` of table `Metadata` is empty; expected a value when `Status` is `Accepted`.", line: 7, column: 18, subject: "Metadata: Tracking issue" },
      { rule: "table-value", message: "The column `Support level` of table `Team` in row `[lang]` is `Huge`; expected one of `Small`, `Medium`, `Large`.", line: 19, column: 10, subject: "Team: Support level: [lang]" },
    ]);
    const wrongStatus = goal(["| Point of contact | @ghost |", "| Status | WIP |", "| Tracking issue | [rust-lang/rust#1] |", "| Zulip channel | N/A |"]);
    expect(findings(wrongStatus).map((f) => f.message)).toEqual([
      "The row `Status` of table `Metadata` is `WIP`; expected one of `Proposed`, `Accepted`, `Not accepted`.",
      "The row `Tracking issue` of table `Metadata` is `[rust-lang/rust#1]`; expected it to match `goals#[0-9]+`.",
    ]);
  });

  test("`required` overrides the template: false lets a shown row go, true requires a conditional one", () => {
    const yaml = CONFIG.replace("  Team:\n", "    Zulip channel: {required: false}\n    Tracking issue: {required: true}\n  Team:\n").replace('    Tracking issue: {pattern: "goals#[0-9]+", required-when: {Status: Accepted}}\n', "");
    expect(findings(goal([GOOD[0]!, GOOD[1]!]), yaml)).toEqual([
      { rule: "table-row-missing", message: "Table `Metadata` has no row `Tracking issue`; expected it, as in the template.", line: 3, column: 1, subject: "Metadata: Tracking issue" },
    ]);
  });

  test("the header of a configured column table; other template tables are examples", () => {
    expect(findings(goal(GOOD, ["| [compiler] | Small | |"], "| Team | Level | Notes |"))).toEqual([
      { rule: "table-header", message: "The table's header is `| Team | Level | Notes |`; expected `| Team | Support level | Notes |`, as in the template.", line: 17, column: 1, subject: "Team" },
    ]);
    // The header row deleted: the first ask became the header; found under the template's heading.
    expect(findings(goal(GOOD, ["| [lang] | Small | |"], "| [compiler] | Medium | Is this Small? |")).map((f) => [f.rule, f.line])).toEqual([["table-header", 17]]);
    const workItems = goal(GOOD).replace("## Team asks", "## Work items\n\n| Task | Owner | Status |\n| --- | --- | --- |\n| Write it | @ghost | done |\n\n## Team asks");
    expect(findings(workItems)).toEqual([]);
  });

  test("malformed tables: leading or trailing pipes that differ, table lines that make no table", () => {
    const noLead = goal(GOOD).replace("| Metadata | |", "Metadata | |");
    expect(findings(noLead)).toEqual([
      { rule: "table-malformed", message: "Line 3 of table `Metadata` does not start with `|` as its other lines do; some markdown parsers then read no table, or another one. Expected every line to start with `|`.", line: 3, column: 1, subject: "Metadata: leading pipes" },
    ]);
    const noTrail = goal(GOOD).replace("| --- | --- | --- |", "| --- | --- | ---");
    expect(findings(noTrail).map((f) => [f.rule, f.line, f.subject])).toEqual([["table-malformed", 18, "Team: trailing pipes"]]);
    const noTable = "# Faster builds\n\n| --- | --- |\n| Metadata | |\n| Point of contact | @ghost |\n\n## Summary\n\nText.\n";
    expect(findings(noTable).map((f) => [f.rule, f.line])).toEqual([
      ["table-row-missing", 1],
      ["table-malformed", 3],
    ]);
  });

  test("a row's finding keeps its identity when lines above it move: existing, not introduced", () => {
    const before = findings(goal(["| Point of contact | @ghost |", "| Status | WIP |", "| Zulip channel | N/A |"])) as Finding[];
    const after = findings("<!-- a comment -->\n\n" + goal(["| Point of contact | @ghost |", "| Status | WIP |", "| Zulip channel | N/A |"], ["| [compiler] | Huge | |"])) as Finding[];
    expect(after.map((f) => [f.rule, f.line])).toEqual([
      ["table-value", 8],
      ["table-value", 19],
    ]);
    expect(classifyFindings(after, before)).toEqual(["existing", "introduced"]);
  });
});
