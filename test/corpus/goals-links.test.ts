/**
 * link-broken on every goal document of the goals corpus (../shared/goals-corpus, read in place)
 * with docs/examples/rust-project-goals.yml, each pull request's book.toml and head tree: the
 * references the book's build defines are no longer reported, and the real broken links still are.
 *
 * A reference is one the build defines when its label is a label of a `[preprocessor.*.links]`
 * table of the pull request's book.toml (compared as markdown compares labels), a whole match of
 * one of its `[preprocessor.*.linkifiers]` patterns, or the name of a rust-lang team (the
 * preprocessor links `[lang]` from the teams list; the example names the teams the goals ask).
 * Link uses checked: relative links, images and definitions, references that have a definition
 * in the file, and bracketed references that have none.
 */
import { afterAll, expect, test } from "@jest/globals";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { Nodes } from "mdast";
import { parseConfigYaml } from "../../src/config/index.js";
import { builtinTemplate, checkStory, kindFor, parseTemplate, templateCandidates, type Finding } from "../../src/engine/index.js";
import { parseMarkdown } from "../../src/engine/markdown.js";
import { bookReferences, normalizeLabel } from "../../src/engine/references.js";
import { localTarget, urlNodes } from "../../src/engine/repository.js";
import { GOALS_CONFIG, GOALS_CORPUS } from "../support/corpus.js";

const present = existsSync(path.join(GOALS_CORPUS, "README.md"));
if (!present) process.stderr.write(`goals corpus link test skipped: ${GOALS_CORPUS} is absent\n`);

const config = parseConfigYaml(GOALS_CONFIG, "docs/examples/rust-project-goals.yml");
/** The example without its defined-references: what a configuration that only reads book.toml gives. */
const bare = { ...config, definedReferences: undefined };
const TEAMS = new Set((config.definedReferences?.names ?? []).map(normalizeLabel));

interface Doc {
  pr: string;
  file: string;
  content: string;
  kindName: string;
  templateText: string | null;
  paths: Set<string>;
  bookToml: string | null;
}

function documents(): Doc[] {
  if (!present) return [];
  const out: Doc[] = [];
  for (const pr of readdirSync(GOALS_CORPUS).filter((d) => d.startsWith("pr-")).sort()) {
    const dir = path.join(GOALS_CORPUS, pr);
    const paths = new Set(readFileSync(path.join(dir, "head-tree.txt"), "utf8").split("\n").filter((l) => l !== ""));
    const tomlFile = path.join(dir, "book/head/book.toml");
    const bookToml = existsSync(tomlFile) ? readFileSync(tomlFile, "utf8") : null;
    const files = (JSON.parse(readFileSync(path.join(dir, "pr.json"), "utf8")) as { files: { filename: string }[] }).files;
    for (const { filename } of files) {
      const kind = kindFor(config, filename);
      const head = path.join(dir, "head", filename);
      if (kind === null || !existsSync(head)) continue;
      const template = templateCandidates(kind, filename).map((c) => path.join(dir, "base", c)).find((c) => existsSync(c)) ?? null;
      out.push({
        pr,
        file: filename,
        content: readFileSync(head, "utf8"),
        kindName: kind.name,
        templateText: template === null ? null : readFileSync(template, "utf8"),
        paths,
        bookToml,
      });
    }
  }
  return out;
}

function linkFindings(doc: Doc, cfg: typeof config, bookToml: string | null): Finding[] {
  const kind = cfg.kinds.find((k) => k.name === doc.kindName)!;
  const template = doc.templateText === null ? builtinTemplate() : parseTemplate(doc.templateText);
  const report = checkStory({ path: doc.file, content: doc.content, kind, template, config: cfg, repo: { paths: doc.paths, summary: null, indexPages: {}, bookToml } });
  return report.findings.filter((f) => f.rule === "link-broken");
}

/** The label of a reported reference: `[text][label]`, `[label][]` or `[label]`. */
function labelOf(link: string): string {
  const m = /^\[([^\]]*)\](?:\[([^\]]*)\])?$/.exec(link);
  return m === null ? link : m[2] === undefined || m[2] === "" ? m[1]! : m[2];
}

/** Whether the build defines a reported reference (the truth this test judges by, written apart from the rule). */
function definedByBuild(label: string, bookToml: string | null): boolean {
  const book = bookToml === null ? { labels: [], patterns: [] } : bookReferences(bookToml);
  if (TEAMS.has(normalizeLabel(label))) return true;
  if (book.labels.some((l) => normalizeLabel(l) === normalizeLabel(label))) return true;
  return book.patterns.some((p) => new RegExp(`^(?:${p})$`, "u").test(label.trim()));
}

const isReference = (f: Finding) => f.message.startsWith("Reference ");

function referenceNodes(content: string): number {
  let n = 0;
  const stack: Nodes[] = [parseMarkdown(content)];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "linkReference" || node.type === "imageReference") n += 1;
    if ("children" in node) for (const c of node.children as Nodes[]) stack.push(c);
  }
  return n;
}

const docs = documents();
const tally = { documents: docs.length, linkUses: 0, alarmsBefore: 0, alarmsBook: 0, alarmsAfter: 0, brokenPaths: 0, brokenReferences: 0 };
const examples: string[] = [];

afterAll(() => {
  if (!present) return;
  const pct = (n: number) => `${((100 * n) / tally.linkUses).toFixed(1)}%`;
  process.stdout.write(
    [
      `goals corpus, link-broken on ${tally.documents} goal-document versions, ${tally.linkUses} link uses checked:`,
      `  references the build defines reported: ${tally.alarmsBefore} (${pct(tally.alarmsBefore)}) without book.toml or defined-references,`,
      `    ${tally.alarmsBook} (${pct(tally.alarmsBook)}) with book.toml alone, ${tally.alarmsAfter} (${pct(tally.alarmsAfter)}) with the example's defined-references too`,
      `  real broken links still reported: ${tally.brokenPaths + tally.brokenReferences} (${tally.brokenPaths} paths, ${tally.brokenReferences} references), e.g.`,
      ...examples.slice(0, 3).map((e) => `    ${e}`),
      "",
    ].join("\n"),
  );
});

(present && docs.length > 0 ? test : test.skip)("references the build defines: at most 1% of link uses reported; the rest still reported", () => {
  const undefinedRefs = { ...bare, definedReferences: undefined };
  for (const doc of docs) {
    const before = linkFindings(doc, undefinedRefs, null);
    const bookOnly = linkFindings(doc, bare, doc.bookToml);
    const after = linkFindings(doc, config, doc.bookToml);
    tally.linkUses += urlNodes(parseMarkdown(doc.content)).filter((n) => localTarget(doc.file, n.url) !== null).length;
    tally.linkUses += referenceNodes(doc.content) + before.filter(isReference).length;
    const build = (fs: Finding[]) => fs.filter((f) => isReference(f) && definedByBuild(labelOf(f.link ?? ""), doc.bookToml)).length;
    tally.alarmsBefore += build(before);
    tally.alarmsBook += build(bookOnly);
    tally.alarmsAfter += build(after);
    // Nothing that is not the build's is dropped: the findings after are those before minus the build's.
    expect(after.map((f) => `${f.line}:${f.column} ${f.link}`)).toEqual(
      before.filter((f) => !isReference(f) || !definedByBuild(labelOf(f.link ?? ""), doc.bookToml)).map((f) => `${f.line}:${f.column} ${f.link}`),
    );
    for (const f of after) {
      if (isReference(f)) tally.brokenReferences += 1;
      else tally.brokenPaths += 1;
      // Three of another sort each: a misspelt badge label, a badge label book.toml does not have, a missing file.
      const sort = f.link === "[Heap wanted][]" ? 0 : f.link === "[Completed][]" ? 1 : isReference(f) ? -1 : 2;
      if (sort >= 0) examples[sort] ??= `${doc.pr} ${doc.file}:${f.line}:${f.column} ${f.link}: ${f.message}`;
    }
  }
  expect(tally.alarmsAfter / tally.linkUses).toBeLessThanOrEqual(0.01);
  expect(tally).toEqual({ documents: 233, linkUses: expect.any(Number), alarmsBefore: expect.any(Number), alarmsBook: expect.any(Number), alarmsAfter: 0, brokenPaths: 12, brokenReferences: 57 });
});
