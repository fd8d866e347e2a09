/**
 * Every story in fixtures/stories is checked and compared, finding by finding, with the
 * expectations it carries: a missing, extra or reworded finding fails.
 */
import { describe, expect, test } from "@jest/globals";
import { readdirSync } from "node:fs";
import path from "node:path";
import { checkStory, RULES } from "../../src/engine/index.js";
import { loadFixture, ROOT, storyConfig } from "./support.js";

const dir = path.join(ROOT, "fixtures/stories");
const files = readdirSync(dir).filter((f) => f.endsWith(".md")).sort();

describe("fixture stories", () => {
  test.each(files)("%s", (file) => {
    const fixture = loadFixture(path.join(dir, file));
    const config = storyConfig();
    const report = checkStory({ path: file, content: fixture.story, kind: config.kinds[0]!, template: fixture.template, config });
    const { title, draft, characters, labels } = report;
    expect({ title, draft, characters, labels }).toEqual(fixture.expected.report);
    expect(report.findings).toEqual(fixture.expected.findings);
  });

  test("every rule that reads the story alone has an invalid fixture named after it", () => {
    const names = new Set(files.map((f) => f.replace(/\.md$/, "")));
    // file-unreadable has its own tests (hostile-input), the rules that read the repository around the story theirs (repository-rules),
    // and the table rules, which need a template with tables and the configuration's value rules, theirs (table-rules).
    const elsewhere = ["file-unreadable", "toc-missing", "link-broken", "table-row-missing", "table-value", "table-header", "table-malformed"];
    const untested = RULES.map((r) => r.id).filter((id) => !elsewhere.includes(id) && ![...names].some((n) => n === id || n.startsWith(`${id}-`)));
    expect(untested).toEqual([]);
  });

  test("the valid fixtures have no findings at all", () => {
    const valid = files.filter((f) => f.startsWith("valid-"));
    expect(valid.length).toBeGreaterThanOrEqual(5);
    for (const file of valid) expect(loadFixture(path.join(dir, file)).expected.findings).toEqual([]);
  });
});
