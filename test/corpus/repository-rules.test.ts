/**
 * toc-missing and link-broken on every story version of the shared corpus (../shared/corpus, read
 * in place): each pull request's book files at its head (book.toml, SUMMARY.md) and the list of
 * every path at its head. Every finding is listed, checked by hand, in repository-rules.table.ts;
 * a missing, extra or reworded finding fails. Prints the links checked and the false alarms.
 */
import { afterAll, describe, expect, test } from "@jest/globals";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseConfigYaml } from "../../src/config/index.js";
import { builtinTemplate, checkStory, kindFor, parseTemplate, templateCandidates } from "../../src/engine/index.js";
import { localTarget, summaryPath, urlNodes, type RepositoryContext, type StoryChange } from "../../src/engine/repository.js";
import { parseMarkdown } from "../../src/engine/markdown.js";
import { CORPUS, WG_ASYNC_CONFIG } from "../support/corpus.js";
import { FALSE_ALARMS, FINDINGS } from "./repository-rules.table.js";

const present = existsSync(path.join(CORPUS, "annotations.jsonl"));
if (!present) process.stderr.write(`corpus repository-rules test skipped: ${CORPUS} is absent\n`);

interface Row {
  pr: number;
  file: string;
}
interface PrFile {
  filename: string;
  status: string;
  previous_filename?: string;
}

const config = parseConfigYaml(WG_ASYNC_CONFIG, "corpus config");
const rows = (present ? readFileSync(path.join(CORPUS, "annotations.jsonl"), "utf8") : "")
  .trim()
  .split("\n")
  .filter((l) => l !== "")
  .map((l) => JSON.parse(l) as Row)
  .filter((r) => kindFor(config, r.file) !== null);

const tally = { links: 0, findings: 0, falseAlarms: 0 };
const actual: Record<string, string[]> = {};

function readOptional(file: string): string | null {
  return existsSync(file) ? readFileSync(file, "utf8") : null;
}

function contextOf(pr: number): RepositoryContext {
  const dir = path.join(CORPUS, `pr-${pr}`);
  const paths = new Set(readFileSync(path.join(dir, "head-tree.txt"), "utf8").split("\n").filter((l) => l !== ""));
  const summary = summaryPath(config, readOptional(path.join(dir, "book/head/book.toml")));
  const text = summary === null ? null : readOptional(path.join(dir, "book/head", summary));
  return { paths, summary: summary !== null && text !== null ? { path: summary, text } : null, indexPages: {} };
}

function changeOf(pr: number, file: string): StoryChange | undefined {
  const files = (JSON.parse(readFileSync(path.join(CORPUS, `pr-${pr}`, "pr.json"), "utf8")) as { files: PrFile[] }).files;
  const row = files.find((f) => f.filename === file);
  if (!row) return undefined;
  const status = row.status === "added" ? "added" : row.status === "renamed" ? "renamed" : "modified";
  return { status, previousPath: row.previous_filename ?? null };
}

(present && rows.length > 0 ? describe : describe.skip)("toc-missing and link-broken on the corpus", () => {
  test.each(rows.map((r) => [`pr-${r.pr} ${r.file}`, r] as const))("%s", (name, row) => {
    const dir = path.join(CORPUS, `pr-${row.pr}`);
    const kind = kindFor(config, row.file)!;
    const candidate = templateCandidates(kind, row.file).map((c) => path.join(dir, "base", c)).find((f) => existsSync(f));
    const template = candidate ? parseTemplate(readFileSync(candidate, "utf8")) : builtinTemplate();
    const content = readFileSync(path.join(dir, "head", row.file), "utf8");
    const change = changeOf(row.pr, row.file);
    const report = checkStory({ path: row.file, content, kind, template, config, repo: contextOf(row.pr), ...(change ? { change } : {}) });
    const found = report.findings
      .filter((f) => f.rule === "toc-missing" || f.rule === "link-broken")
      .map((f) => `${f.line}:${f.column} ${f.rule} ${f.message}`);
    actual[name] = found;
    tally.links += urlNodes(parseMarkdown(content)).filter((n) => localTarget(row.file, n.url) !== null).length;
    tally.findings += found.length;
    tally.falseAlarms += found.filter((f) => FALSE_ALARMS.includes(`${name} ${f}`)).length;
    expect(found).toEqual(FINDINGS[name] ?? []);
  });

  test("false alarms stay at most 1% of the links checked", () => {
    expect(tally.falseAlarms / Math.max(1, tally.links)).toBeLessThanOrEqual(0.01);
  });
});

afterAll(() => {
  if (!present) return;
  process.stderr.write(
    `repository rules on the corpus: ${rows.length} story versions, ${tally.links} relative links checked, ${tally.findings} findings, ` +
      `${tally.falseAlarms} false alarms (${((100 * tally.falseAlarms) / Math.max(1, tally.links)).toFixed(2)}% of links)\n`,
  );
  if (process.env.PRINT_CORPUS_FINDINGS) process.stdout.write(`${JSON.stringify(actual, null, 1)}\n`);
});
