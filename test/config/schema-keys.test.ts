/** What configuration adds to a template: `tables`, `optional-sections`, and per kind `rules`, `tables`, `optional-sections`, a template with earlier paths. */
import { describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ConfigError, parseConfigYaml } from "../../src/config/index.js";
import { kindFor, severityOf, templateCandidates } from "../../src/engine/index.js";
import { ROOT } from "../engine/support.js";

function problems(yaml: string): string[] {
  try {
    parseConfigYaml(yaml, "test.yml");
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe("tables, optional-sections and per-kind settings", () => {
  test("a valid configuration: value rules compiled, kind settings kept", () => {
    const config = parseConfigYaml(
      `stories:
  goal:
    paths: ["src/*.md"]
    template: [src/TEMPLATE.md, src/old/TEMPLATE.md]
    rules: {section-missing: "off"}
    tables: {Metadata: {Status: {one-of: [Proposed, WIP]}}}
    optional-sections: [Funding]
tables:
  Metadata:
    Status: {one-of: [Proposed, Accepted]}
    Tracking issue: {pattern: "goals#[0-9]+", required-when: {Status: [Accepted]}, required: false}
  Team:
    Support level: {one-of: [Small, 2], ignore-case: true}
optional-sections: [Help wanted]
`,
      "test.yml",
    );
    const [goal] = config.kinds;
    expect(config.tables?.map((r) => [r.table, r.target, r.oneOf, r.ignoreCase, r.pattern?.source ?? null, r.requiredWhen, r.required])).toEqual([
      ["Metadata", "Status", ["Proposed", "Accepted"], false, null, null, null],
      ["Metadata", "Tracking issue", null, false, "goals#[0-9]+", { key: "Status", values: ["Accepted"] }, false],
      ["Team", "Support level", ["Small", "2"], true, null, null, null],
    ]);
    expect(config.optionalSections).toEqual(["Help wanted"]);
    expect(goal!.optionalSections).toEqual(["Funding"]);
    expect(goal!.tables?.map((r) => [r.table, r.target, r.oneOf])).toEqual([["Metadata", "Status", ["Proposed", "WIP"]]]);
    expect(severityOf(config, "section-missing", goal)).toBe("off");
    expect(severityOf(config, "section-missing")).toBe("warning");
    expect(templateCandidates(goal!, "src/a.md")).toEqual(["src/TEMPLATE.md", "src/old/TEMPLATE.md"]);
    expect(kindFor(config, "src/TEMPLATE.md")).toBeNull();
  });

  test("every refusal names its key", () => {
    expect(
      problems(`stories:
  goal:
    paths: ["src/*.md"]
    rules: {no-such-rule: error}
    optional-sections: goals
tables:
  Metadata:
    Status: {one-of: []}
    Owner: {pattern: "(unclosed"}
    Lead: {required-when: {Status: Accepted, Other: x}}
    Teams: {}
    Zulip: {ignore-case: yes, one-of: [a]}
    Channel: {required: "no"}
    Notes: {colour: red}
  Team: [Support level]
optional-sections: [""]
`),
    ).toEqual([
      'stories.goal.rules.no-such-rule (line 4): unknown key; expected ' + "faq-missing, faq-unanswered, faq-placeholder, section-missing, name-placeholder, story-placeholder, title-placeholder, title-prefix, template-instructions, unclosed-code-fence, character-unknown, toc-missing, link-broken, file-unreadable, template-guidance, table-row-missing, table-value, table-header or table-malformed",
      'stories.goal.optional-sections (line 5): expected a list of at most 100 section headings, found the string "goals"',
      "tables.Metadata.Status.one-of (line 8): expected a list of 1 to 100 values, found 0 values",
      'tables.Metadata.Owner.pattern (line 9): expected a regular expression (JavaScript syntax), found the string "(unclosed": Invalid regular expression: /(unclosed/u: Unterminated group',
      "tables.Metadata.Lead.required-when (line 10): expected a mapping of one row or column to the value (or list of values) that makes this one required, such as {Status: Accepted}, found 2 keys",
      "tables.Metadata.Teams (line 11): expected at least one of one-of, pattern, required or required-when",
      'tables.Metadata.Zulip.ignore-case (line 12): expected true or false, found the string "yes"',
      'tables.Metadata.Channel.required (line 13): expected true or false, found the string "no"',
      "tables.Metadata.Notes.colour (line 14): unknown key; expected one-of, ignore-case, pattern, required or required-when",
      "tables.Team (line 15): expected a mapping from a row (key-value table) or column (column table) to its value rule, found a list",
      'optional-sections[0] (line 16): expected a section heading of 1 to 200 characters, found the string ""',
    ]);
  });

  test("docs/examples/rust-project-goals.yml is a valid configuration", () => {
    const config = parseConfigYaml(readFileSync(path.join(ROOT, "docs/examples/rust-project-goals.yml"), "utf8"), "rust-project-goals.yml");
    expect(config.kinds.map((k) => k.name)).toEqual(["goal-2026", "roadmap-2026", "goal-archived"]);
    expect(kindFor(config, "src/2026/faster-builds.md")?.name).toBe("goal-2026");
    expect(kindFor(config, "src/2026/roadmap-async.md")?.name).toBe("roadmap-2026");
    expect(kindFor(config, "src/2025h1/polonius.md")?.name).toBe("goal-archived");
    expect(kindFor(config, "src/2025h1/README.md")).toBeNull();
  });
});
