/** Each rule lives in the file named by its id, has a doc page that states its default severity, and is registered once. */
import { describe, expect, test } from "@jest/globals";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { RULE_IDS, RULES } from "../../src/engine/index.js";
import { ROOT } from "./support.js";

/** The page with the table of every rule. */
const RULES_TABLE = "docs/configuration.md";

describe("rule registry", () => {
  test("registers every rule id exactly once", () => {
    expect(RULES.map((r) => r.id).sort()).toEqual([...RULE_IDS].sort());
  });

  test.each(RULES.map((r) => [r.id, r] as const))("%s: its file exports it, its doc names it and its severity", async (id, rule) => {
    const file = path.join(ROOT, "src/engine/rules", `${id}.ts`);
    expect(existsSync(file)).toBe(true);
    const mod = (await import(file)) as Record<string, unknown>;
    expect(Object.values(mod)).toContain(rule);
    const doc = readFileSync(path.join(ROOT, "docs/rules", `${id}.md`), "utf8");
    expect(doc.split("\n")[0]).toBe(`# ${id}`);
    expect(doc).toContain(`**Default severity:** ${rule.defaultSeverity}`);
    expect(doc.includes("**FAQ rule**")).toBe(rule.faq);
  });

  test.each(RULES.map((r) => [r.id, r] as const))("%s: its row in the rules table gives its default severity and description", (id, rule) => {
    const table = readFileSync(path.join(ROOT, RULES_TABLE), "utf8");
    expect(table).toContain(`| \`${id}\` | ${rule.defaultSeverity} | ${rule.description} |`);
  });
});
