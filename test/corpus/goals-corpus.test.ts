/**
 * The engine against real goal-document pull requests of rust-lang/rust-project-goals
 * (../shared/goals-corpus, read in place) with docs/examples/rust-project-goals.yml, judged by the
 * corpus's truth.jsonl. Prints the figures and fails below the thresholds: template guidance left
 * in found ≥ 95% (on its line, or under a question or section reported as holding only the
 * template's hint) with false alarms ≤ 2% of those findings; every document that breaks the
 * repository checker's rules has a table finding, and no document it passes has one; a section
 * the template marks optional is never reported missing; guidance already in the base document is
 * existing, guidance the pull request adds introduced. It prints how many of the lines
 * maintainers edited by hand after the merge had a finding first.
 */
import { afterAll, describe, expect, test } from "@jest/globals";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseConfigYaml } from "../../src/config/index.js";
import { builtinTemplate, checkStory, classifyFindings, kindFor, parseTemplate, templateCandidates, type Finding, type Template } from "../../src/engine/index.js";
import { REPO_ROOT } from "../support/app-process.js";

const CORPUS = path.join(REPO_ROOT, "..", "shared", "goals-corpus");
const present = existsSync(path.join(CORPUS, "truth.jsonl"));
if (!present) process.stderr.write(`goals corpus test skipped: ${CORPUS} is absent\n`);

interface Truth {
  pr: number;
  file: string;
  leftovers: { line: number; text: string; unit: string; in_base: boolean }[];
  problems: string[];
  sections: { heading: string; optional: boolean }[];
  fixed_later: { lines: number[]; mapped: boolean }[] | null;
}

/** The rules that report template guidance left in, on its line. */
const GUIDANCE = new Set(["template-guidance", "title-placeholder"]);
/** The rules that report a question or section holding only guidance, on its heading: they cover the lines up to the next heading. */
const COVERING = new Set(["faq-placeholder", "story-placeholder"]);

/** The finding that reports guidance left on `line`, by its line or (for COVERING rules) the heading above it. */
function reporting(findings: readonly Finding[], lines: readonly string[], line: number): number {
  const onLine = findings.findIndex((f) => GUIDANCE.has(f.rule) && f.line === line);
  if (onLine !== -1) return onLine;
  return findings.findIndex((f) => {
    if (!COVERING.has(f.rule) || f.line > line) return false;
    for (let l = f.line + 1; l <= line; l++) if (/^#{1,6}\s/.test(lines[l - 1] ?? "")) return false;
    return true;
  });
}
/** The rules that stand for the repository checker's table rules. */
const TABLE = new Set(["table-row-missing", "table-value", "table-header", "table-malformed"]);

const tally = { documents: 0, inBase: 0, inBaseExisting: 0, notInBase: 0, notInBaseIntroduced: 0, leftovers: 0, found: 0, guidanceFindings: 0, falseAlarms: 0, withProblems: 0, problemsFound: 0, clean: 0, cleanWithTableFinding: 0, optional: 0, optionalReported: 0, editedLines: 0, editedWithFinding: 0 };
const misses: string[] = [];

(present ? describe : describe.skip)("goals corpus", () => {
  const config = parseConfigYaml(readFileSync(path.join(REPO_ROOT, "docs", "examples", "rust-project-goals.yml"), "utf8"), "docs/examples/rust-project-goals.yml");
  const rows = (present ? readFileSync(path.join(CORPUS, "truth.jsonl"), "utf8") : "")
    .trim()
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Truth);
  const templates = new Map<string, Template>();

  if (rows.length === 0) test.skip("no corpus rows", () => undefined);
  else test.each(rows.map((r) => [`pr-${r.pr} ${r.file}`, r] as const))("%s", (_name, row) => {
    const dir = path.join(CORPUS, `pr-${row.pr}`);
    const kind = kindFor(config, row.file);
    expect(kind).not.toBeNull();
    let template = builtinTemplate();
    for (const candidate of templateCandidates(kind!, row.file)) {
      const file = path.join(dir, "base", candidate);
      if (!existsSync(file)) continue;
      template = templates.get(file) ?? parseTemplate(readFileSync(file, "utf8"));
      templates.set(file, template);
    }
    const text = readFileSync(path.join(dir, "head", row.file), "utf8");
    const report = checkStory({ path: row.file, content: text, kind, template, config });
    const lines = text.split("\n");
    const where = `pr-${row.pr} ${row.file}`;
    // The base version, checked against the same template, as the app does for a modified document.
    const baseFile = path.join(dir, "base", row.file);
    const base = existsSync(baseFile) ? checkStory({ path: row.file, content: readFileSync(baseFile), kind, template, config }).findings : null;
    const origins = classifyFindings(report.findings, base);
    tally.documents++;
    const guidance = report.findings.filter((f) => GUIDANCE.has(f.rule));
    const truthLines = new Set(row.leftovers.map((l) => l.line));
    for (const left of row.leftovers) {
      tally.leftovers++;
      const at = reporting(report.findings, lines, left.line);
      if (at === -1) {
        misses.push(`guidance missed ${where}:${left.line} (${left.unit}) ${left.text.slice(0, 70)}`);
        continue;
      }
      tally.found++;
      if (left.in_base) {
        tally.inBase++;
        if (origins[at] === "existing") tally.inBaseExisting++;
        else misses.push(`guidance in the base reported as introduced ${where}:${left.line}`);
      } else {
        tally.notInBase++;
        if (origins[at] === "introduced") tally.notInBaseIntroduced++;
        else misses.push(`guidance added reported as existing ${where}:${left.line}`);
      }
    }
    for (const f of guidance) {
      tally.guidanceFindings++;
      if (!truthLines.has(f.line)) {
        tally.falseAlarms++;
        misses.push(`guidance false alarm ${where}:${f.line} ${f.message.slice(0, 110)}`);
      }
    }
    const table = report.findings.filter((f) => TABLE.has(f.rule));
    if (row.problems.length > 0) {
      tally.withProblems++;
      if (table.length > 0) tally.problemsFound++;
      else misses.push(`checker problems missed ${where}: ${row.problems.join("; ")}`);
    } else {
      tally.clean++;
      if (table.length > 0) {
        tally.cleanWithTableFinding++;
        misses.push(...table.map((f: Finding) => `table finding on a passing document ${where}:${f.line} ${f.rule} ${f.message.slice(0, 110)}`));
      }
    }
    for (const s of row.sections.filter((x) => x.optional)) {
      tally.optional++;
      if (report.findings.some((f) => f.rule === "section-missing" && f.section === s.heading)) {
        tally.optionalReported++;
        misses.push(`optional section reported ${where}: ${s.heading}`);
      }
    }
    const findingLines = new Set(report.findings.map((f) => f.line));
    for (const edit of row.fixed_later ?? []) {
      if (!edit.mapped) continue;
      for (const line of edit.lines) {
        tally.editedLines++;
        if (findingLines.has(line)) tally.editedWithFinding++;
      }
    }
  });

  afterAll(() => {
    if (tally.documents === 0) return;
    const pct = (n: number, d: number) => (d === 0 ? "n/a" : `${((100 * n) / d).toFixed(1)}%`);
    process.stdout.write(
      [
        `goals corpus (${tally.documents} document versions, docs/examples/rust-project-goals.yml):`,
        `  guidance left in found      ${tally.found}/${tally.leftovers} (${pct(tally.found, tally.leftovers)})`,
        `  guidance false alarms       ${tally.falseAlarms}/${tally.guidanceFindings} (${pct(tally.falseAlarms, tally.guidanceFindings)}) of those findings`,
        `  checker-rule documents      ${tally.problemsFound}/${tally.withProblems} found (${pct(tally.problemsFound, tally.withProblems)})`,
        `  passing documents with a table finding ${tally.cleanWithTableFinding}/${tally.clean}`,
        `  optional sections reported  ${tally.optionalReported}/${tally.optional}`,
        `  guidance in the base existing ${tally.inBaseExisting}/${tally.inBase}, added introduced ${tally.notInBaseIntroduced}/${tally.notInBase}`,
        `  lines edited by hand later  ${tally.editedWithFinding}/${tally.editedLines} had a finding first (${pct(tally.editedWithFinding, tally.editedLines)})`,
        ...misses.slice(0, 80).map((m) => `  - ${m}`),
        "",
      ].join("\n"),
    );
    expect(tally.found / tally.leftovers).toBeGreaterThanOrEqual(0.95);
    expect(tally.falseAlarms / Math.max(1, tally.guidanceFindings)).toBeLessThanOrEqual(0.02);
    expect(tally.problemsFound).toBe(tally.withProblems);
    expect(tally.cleanWithTableFinding).toBe(0);
    expect(tally.optionalReported).toBe(0);
    expect(tally.inBaseExisting).toBe(tally.inBase);
    expect(tally.notInBaseIntroduced).toBe(tally.notInBase);
  });
});
