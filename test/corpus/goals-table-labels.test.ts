/**
 * Labels from tables on every goal document of the goals corpus (../shared/goals-corpus, read in
 * place) with docs/examples/rust-project-goals.yml: each `T-` label names a rust-lang team (the
 * example's defined-references names), each `status:` label a Status goals were written with.
 * Prints how many documents got which.
 */
import { afterAll, expect, test } from "@jest/globals";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parseConfigYaml } from "../../src/config/index.js";
import { builtinTemplate, checkStory, kindFor, parseTemplate, templateCandidates } from "../../src/engine/index.js";
import { GOALS_CONFIG, GOALS_CORPUS } from "../support/corpus.js";

const present = existsSync(path.join(GOALS_CORPUS, "README.md"));
if (!present) process.stderr.write(`goals corpus table-labels test skipped: ${GOALS_CORPUS} is absent\n`);

const config = parseConfigYaml(GOALS_CONFIG, "docs/examples/rust-project-goals.yml");
const TEAMS = new Set((config.definedReferences?.names ?? []).map((n) => n.toLowerCase()));
/** Status values goals were written with, over the periods (the checker's values, and WIP and Orphaned of 2024h2). */
const STATUSES = ["Proposed", "Accepted", "Not accepted", "Proposed for mentorship", "Proposed for flagship", "Flagship", "Invited", "WIP", "Orphaned"];
const counts = new Map<string, number>();
let documents = 0;
let labelled = 0;

afterAll(() => {
  if (!present) return;
  const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 12).map(([l, n]) => `${l} ${n}`);
  process.stdout.write(`goals corpus, table-labels on ${documents} goal-document versions: ${labelled} got at least one; most given: ${top.join(", ")}\n`);
});

(present ? test : test.skip)("every team label names a team, every status label an allowed Status", () => {
  const odd: string[] = [];
  for (const pr of readdirSync(GOALS_CORPUS).filter((d) => d.startsWith("pr-")).sort()) {
    const dir = path.join(GOALS_CORPUS, pr);
    for (const { filename } of (JSON.parse(readFileSync(path.join(dir, "pr.json"), "utf8")) as { files: { filename: string }[] }).files) {
      const kind = kindFor(config, filename);
      const head = path.join(dir, "head", filename);
      if (kind === null || !existsSync(head)) continue;
      const templateFile = templateCandidates(kind, filename).map((c) => path.join(dir, "base", c)).find((c) => existsSync(c));
      const template = templateFile ? parseTemplate(readFileSync(templateFile, "utf8")) : builtinTemplate();
      const report = checkStory({ path: filename, content: readFileSync(head, "utf8"), kind, template, config });
      const labels = report.labels.filter((l) => l.startsWith("T-") || l.startsWith("status:"));
      documents += 1;
      if (labels.length > 0) labelled += 1;
      for (const l of labels) {
        counts.set(l, (counts.get(l) ?? 0) + 1);
        const ok = l.startsWith("T-") ? TEAMS.has(l.slice(2).toLowerCase()) : STATUSES.includes(l.slice("status:".length));
        if (!ok) odd.push(`${pr} ${filename}: ${l}`);
      }
    }
  }
  // The one value no checker allowed: the label says what the document says.
  expect(odd).toEqual(["pr-42 src/2024h2/cargo-script.md: status:Accepted in rust-lang/rust-project-goals#22"]);
});
