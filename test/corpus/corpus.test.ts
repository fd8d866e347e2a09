/**
 * The engine against real story pull requests and hand-made reference labels
 * (../shared/corpus, read in place). Prints the agreement and fails below the thresholds:
 * kind 100%, draft 100%, characters 100%, FAQ questions flagged ≥ 99% with ≤ 1% false alarms
 * (optional questions aside).
 */
import { afterAll, describe, expect, test } from "@jest/globals";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseConfigYaml } from "../../src/config/index.js";
import { builtinTemplate, checkStory, kindFor, parseTemplate, templateCandidates, type Template, type TemplateQuestion } from "../../src/engine/index.js";
import { CORPUS, WG_ASYNC_CONFIG } from "../support/corpus.js";

const present = existsSync(path.join(CORPUS, "annotations.jsonl"));


type FaqStatus = "answered" | "missing" | "empty" | "placeholder";
interface Row {
  pr: number;
  file: string;
  kind: "status_quo" | "shiny_future" | "not_a_story";
  draft: boolean;
  characters: string[];
  faq: Record<string, FaqStatus>;
}

/** Which template question an annotation key (e.g. `why_character`, `other_characters`) names: the best word overlap. */
function questionFor(key: string, questions: readonly TemplateQuestion[]): TemplateQuestion | null {
  const words = key.split("_").map((w) => w.slice(0, 5));
  let best: { q: TemplateQuestion; score: number } | null = null;
  for (const q of questions) {
    const text = q.key.split(" ").map((w) => w.slice(0, 5));
    const score = words.filter((w) => text.includes(w)).length / words.length;
    if (!best || score > best.score) best = { q, score };
  }
  return best && best.score >= 0.5 ? best.q : null;
}

const tally = { stories: 0, kind: 0, draft: 0, characters: 0, toFlag: 0, flagged: 0, answered: 0, falseAlarms: 0 };
const misses: string[] = [];

if (!present) process.stderr.write(`corpus test skipped: ${CORPUS} is absent\n`);

(present ? describe : describe.skip)("corpus agreement", () => {
  const config = parseConfigYaml(WG_ASYNC_CONFIG, "corpus config");
  const rows = (present ? readFileSync(path.join(CORPUS, "annotations.jsonl"), "utf8") : "")
    .trim()
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Row);
  const templates = new Map<string, Template>();

  if (rows.length === 0) test.skip("no corpus rows", () => undefined);
  else test.each(rows.map((r) => [`pr-${r.pr} ${r.file}`, r] as const))("%s", (_name, row) => {
    const dir = path.join(CORPUS, `pr-${row.pr}`);
    const kind = kindFor(config, row.file);
    let template = builtinTemplate();
    for (const candidate of kind ? templateCandidates(kind, row.file) : []) {
      const file = path.join(dir, "base", candidate);
      if (!existsSync(file)) continue;
      template = templates.get(file) ?? parseTemplate(readFileSync(file, "utf8"));
      templates.set(file, template);
      break;
    }
    const report = checkStory({ path: row.file, content: readFileSync(path.join(dir, "head", row.file)), kind, template, config });
    tally.stories++;
    const expectedKind = row.kind === "not_a_story" ? null : row.kind.replace("_", "-");
    if (report.kind === expectedKind) tally.kind++;
    else misses.push(`kind pr-${row.pr} ${row.file}: ${report.kind} ≠ ${expectedKind}`);
    if (report.draft === row.draft) tally.draft++;
    else misses.push(`draft pr-${row.pr} ${row.file}: ${report.draft} ≠ ${row.draft}`);
    if (JSON.stringify(report.characters) === JSON.stringify(row.characters)) tally.characters++;
    else misses.push(`characters pr-${row.pr} ${row.file}: ${report.characters.join(",")} ≠ ${row.characters.join(",")}`);

    const flagged = new Set(report.findings.filter((f) => f.question !== undefined).map((f) => f.question));
    for (const [key, status] of Object.entries(row.faq)) {
      const question = questionFor(key, template.faq?.questions ?? []);
      if (!question || question.optional) continue;
      if (status === "answered") {
        tally.answered++;
        if (flagged.has(question.text)) {
          tally.falseAlarms++;
          misses.push(`false alarm pr-${row.pr} ${row.file}: ${key}`);
        }
      } else {
        tally.toFlag++;
        if (flagged.has(question.text)) tally.flagged++;
        else misses.push(`not flagged pr-${row.pr} ${row.file}: ${key} (${status})`);
      }
    }
  });

  test("meets the thresholds", () => {
    const pct = (n: number, d: number) => (d === 0 ? 100 : (100 * n) / d);
    const result = {
      kind: pct(tally.kind, tally.stories),
      draft: pct(tally.draft, tally.stories),
      characters: pct(tally.characters, tally.stories),
      flagged: pct(tally.flagged, tally.toFlag),
      falseAlarms: pct(tally.falseAlarms, tally.answered),
    };
    expect(tally.stories).toBe(rows.length);
    expect(result.kind).toBe(100);
    expect(result.draft).toBe(100);
    expect(result.characters).toBe(100);
    expect(result.flagged).toBeGreaterThanOrEqual(99);
    expect(result.falseAlarms).toBeLessThanOrEqual(1);
  });
});

afterAll(() => {
  if (!present) return;
  const pct = (n: number, d: number) => `${n}/${d} (${d === 0 ? "100.0" : ((100 * n) / d).toFixed(1)}%)`;
  process.stderr.write(
    [
      "corpus agreement:",
      `  kind        ${pct(tally.kind, tally.stories)}`,
      `  draft       ${pct(tally.draft, tally.stories)}`,
      `  characters  ${pct(tally.characters, tally.stories)}`,
      `  FAQ flagged ${pct(tally.flagged, tally.toFlag)}`,
      `  false alarm ${pct(tally.falseAlarms, tally.answered)} of answered questions`,
      ...misses.map((m) => `  - ${m}`),
      "",
    ].join("\n"),
  );
});
