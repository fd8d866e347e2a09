/**
 * Findings about a template's tables and guidance in the app's plan: each review comment sits on
 * the table row's line, the check run annotates that line, a finding already on the base is
 * existing (an annotation notice, no comment), and a row's finding posted before is not posted
 * again when the lines above it move.
 */
import { describe, expect, test } from "@jest/globals";
import { findingFingerprint, findingMarker } from "../../src/flow/markers.js";
import { planTriage, type PlanInput } from "../../src/flow/plan.js";
import type { CheckedStory } from "../../src/flow/types.js";
import { parseConfigYaml } from "../../src/config/index.js";
import { checkStory, classifyFindings, parseTemplate } from "../../src/engine/index.js";
import { checked, NO_PRIOR_WORK } from "./support/story-fixtures.js";

const PATH = "src/2026/faster-builds.md";
const TEMPLATE = parseTemplate(
  "# TEMPLATE (replace with title of your goal)\n\n| Metadata | |\n| --- | --- |\n| Point of contact | *must be a single GitHub username like @ghost* |\n| Status | Proposed |\n\n## Summary\n\n*Short description of what you will do over the next year.*\n",
);
const CONFIG = parseConfigYaml(
  `stories:
  goal:
    paths: ["src/2026/*.md"]
    template: src/TEMPLATE.md
tables:
  Metadata:
    Status: {one-of: [Proposed, Accepted, Not accepted]}
characters: []
labels: {draft: "", character: "", kind: "", incomplete: ""}
rules: {character-unknown: "off", faq-missing: "off", section-missing: "off"}
`,
  "test config",
);

function goal(above: string, status: string, poc: string): string {
  return `${above}# Faster builds\n\n| Metadata | |\n| --- | --- |\n| Point of contact | ${poc} |\n| Status | ${status} |\n\n## Summary\n\nWe make builds faster.\n`;
}

function story(text: string, base: string | null, commentable: number[]): CheckedStory {
  const check = (content: string) => checkStory({ path: PATH, content, kind: CONFIG.kinds[0]!, template: TEMPLATE, config: CONFIG });
  const report = check(text);
  const before = base === null ? null : check(base).findings;
  const origins = classifyFindings(report.findings, before);
  const existing = new Set(report.findings.filter((_, i) => origins[i] === "existing"));
  const made = checked(report, commentable, text);
  return { ...made, file: { ...made.file, template: TEMPLATE }, existing };
}

function input(stories: CheckedStory[], overrides: Partial<PlanInput> = {}): PlanInput {
  return { pullNumber: 3, headSha: "0123456789abcdef0123456789abcdef01234567", config: CONFIG, stories, currentLabels: [], prior: NO_PRIOR_WORK, checkRun: null, baseRef: "main", ...overrides };
}

describe("table and guidance findings in the app's plan", () => {
  const hint = "*must be a single GitHub username like @ghost*";

  test("comments on the rows' lines; annotations on the same lines", () => {
    const added = story(goal("", "WIP", hint), null, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const plan = planTriage(input([added]));
    const [guidance, value] = added.report.findings;
    expect(plan.review?.comments).toEqual([
      {
        path: PATH,
        line: 5,
        body: `**\`template-guidance\`** (warning): The template's hint \`must be a single GitHub username like @ghost\` was left in; expected the document's own text in its place, or nothing.\n\n${findingMarker(findingFingerprint(PATH, guidance!, 0))}`,
      },
      {
        path: PATH,
        line: 6,
        body: `**\`table-value\`** (error): The row \`Status\` of table \`Metadata\` is \`WIP\`; expected one of \`Proposed\`, \`Accepted\`, \`Not accepted\`.\n\n${findingMarker(findingFingerprint(PATH, value!, 0))}`,
      },
    ]);
    expect(plan.checkRun.conclusion).toBe("failure");
    expect(plan.checkRun.annotations.map((a) => [a.start_line, a.annotation_level, a.title])).toEqual([
      [5, "warning", "template-guidance"],
      [6, "failure", "table-value"],
    ]);
  });

  test("a hint already in the base document is existing: a notice, no comment", () => {
    const edited = story(goal("", "WIP", hint), goal("", "Proposed", hint), [6]);
    const plan = planTriage(input([edited]));
    expect(plan.review?.comments.map((c) => c.line)).toEqual([6]);
    expect(plan.checkRun.annotations.map((a) => [a.start_line, a.annotation_level, a.title])).toEqual([
      [5, "notice", "template-guidance (already on main)"],
      [6, "failure", "table-value"],
    ]);
  });

  test("a row's finding posted before is not posted again when lines above it move", () => {
    const first = story(goal("", "WIP", "@ghost"), null, [1, 2, 3, 4, 5, 6]);
    const posted = new Set(first.report.findings.map((f) => findingFingerprint(PATH, f, 0)));
    const moved = story(goal("<!-- note -->\n\n", "WIP", "@ghost"), null, [1, 2, 3, 4, 5, 6, 7, 8]);
    expect(moved.report.findings.map((f) => [f.rule, f.line])).toEqual([["table-value", 8]]);
    expect(planTriage(input([moved], { prior: { ...NO_PRIOR_WORK, postedFindings: posted } })).review).toBeNull();
  });
});
