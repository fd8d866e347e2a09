/**
 * `story-triage init` in-process: what it prints and writes on a small repository, that `check`
 * then runs, and, on checkouts laid out from the corpora's pull requests (their documents, their
 * templates, their book files), that its kinds cover the documents the example configurations do.
 */
import { afterAll, describe, expect, test } from "@jest/globals";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseConfigYaml } from "../../src/config/index.js";
import { run } from "../../src/cli/run.js";
import { kindFor } from "../../src/engine/kinds.js";
import { isTemplateName } from "../../src/init/propose.js";
import { CORPUS, GOALS_CONFIG, GOALS_CORPUS, WG_ASYNC_CONFIG } from "../support/corpus.js";
import { COMPLETE, INCOMPLETE, makeRepo, removeRepos, TEMPLATE } from "./support.js";

afterAll(removeRepos);

async function cli(cwd: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, { cwd, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

const GOAL_TEMPLATE = "# TEMPLATE (replace with title of your goal)\n\n| Metadata | |\n| --- | --- |\n| Point of contact | *@ghost* |\n| Status | Proposed |\n\n## Summary\n\n*Short.*\n\n## Motivation\n\n### The status quo\n\n*Now.*\n\n## Team asks\n\n| Team | Support level | Notes |\n| --- | --- | --- |\n| [cargo] | Small | *Why* |\n\n## Frequently asked questions\n";
const ROADMAP_TEMPLATE = "# TEMPLATE (replace with the name of your roadmap)\n\n## Summary\n\n## Motivation\n\n### The status quo\n\n### Design axioms\n\n### How we get there\n\n## Frequently asked questions\n";
const goal = (title: string) => GOAL_TEMPLATE.replace("TEMPLATE (replace with title of your goal)", title).replace(/\*[^*]+\*/g, "Text.");
const roadmap = (title: string) => ROADMAP_TEMPLATE.replace("TEMPLATE (replace with the name of your roadmap)", title);

describe("init on a small repository", () => {
  test("stories beside their template.md: one kind per folder name, README and the index left out, check then runs", async () => {
    const cwd = makeRepo({
      "src/vision/status_quo/template.md": TEMPLATE,
      "src/vision/status_quo/alan_learns_to_wait.md": COMPLETE,
      "src/vision/status_quo/grace_ports_a_driver.md": INCOMPLETE,
      "src/vision/status_quo/README.md": "# Status quo stories\n\nThe list.\n",
      "src/vision/status_quo.md": "# Status quo\n\n## Stories\n\n- [Alan](./status_quo/alan_learns_to_wait.md)\n",
      "src/SUMMARY.md": "# Summary\n",
    });
    expect(await cli(cwd, "init")).toEqual({
      code: 0,
      stdout: [
        "status-quo: 2 documents following src/vision/status_quo/template.md",
        "  paths: src/vision/status_quo/*.md",
        "  exclude: src/vision/status_quo/README.md",
        "Left out:",
        "  src/vision/status_quo/README.md: no section headings",
        'Wrote .github/story-triage.yml. Edit it, then run "story-triage check".',
        "",
      ].join("\n"),
      stderr: "",
    });
    const written = readFileSync(path.join(cwd, ".github/story-triage.yml"), "utf8");
    expect(written).toContain('  # 2 documents found, following src/vision/status_quo/template.md; each checked against the template.md in its own folder.\n  status-quo:\n    paths: ["src/vision/status_quo/*.md"]\n    # Markdown files these paths match that follow no template:\n    exclude: ["src/vision/status_quo/README.md"]\n');
    expect(written).toContain("characters: [Alan, Grace, Niklaus, Barbara]\n");
    const check = await cli(cwd, "check", "-f", "json");
    expect(JSON.parse(check.stdout).files.map((f: { path: string; kind: string }) => [f.path, f.kind])).toEqual([
      ["src/vision/status_quo/alan_learns_to_wait.md", "status-quo"],
      ["src/vision/status_quo/grace_ports_a_driver.md", "status-quo"],
    ]);
    expect(check.code).toBe(1);
  });

  test("two templates in one folder of documents: the smaller kind by name prefix, first; no characters without *NAME*", async () => {
    const cwd = makeRepo({
      "src/TEMPLATE.md": GOAL_TEMPLATE,
      "src/ROADMAP_TEMPLATE.md": ROADMAP_TEMPLATE,
      "src/2026/async.md": goal("Async"),
      "src/2026/const-traits.md": goal("Const traits"),
      "src/2026/roadmap-safety.md": roadmap("Safety"),
      "src/2026/roadmap-speed.md": roadmap("Speed"),
      "src/2026/README.md": "# The 2026 goals\n\n## Accepted\n\n## Proposed\n",
      "src/2025h2/parallel-front-end.md": goal("Parallel front end"),
    });
    const r = await cli(cwd, "init");
    expect(r.stdout.split("\n").slice(0, 9)).toEqual([
      "roadmap: 2 documents following src/ROADMAP_TEMPLATE.md",
      "  paths: src/2026/roadmap-*.md",
      "document: 3 documents following src/TEMPLATE.md",
      "  paths: src/2025h2/*.md, src/2026/*.md",
      "  exclude: src/2026/README.md",
      "Left out:",
      "  src/2026/README.md: its headings follow no template: 0 of the 3 headings of src/ROADMAP_TEMPLATE.md",
      'Wrote .github/story-triage.yml. Edit it, then run "story-triage check".',
      "",
    ]);
    const config = parseConfigYaml(readFileSync(path.join(cwd, ".github/story-triage.yml"), "utf8"));
    expect(config.kinds.map((k) => [k.name, k.template])).toEqual([["roadmap", "src/ROADMAP_TEMPLATE.md"], ["document", "src/TEMPLATE.md"]]);
    expect(config.characters).toEqual([]);
    expect(config.labels.character).toBe("");
    // Labels from the template's tables are suggested, commented out: uncommented, they are a valid configuration.
    const written = readFileSync(path.join(cwd, ".github/story-triage.yml"), "utf8");
    const suggested = written.split("\n").filter((l) => l === "# table-labels:" || l.startsWith('#   "')).map((l) => l.slice(2));
    expect(suggested).toEqual(["table-labels:", '  "status:{value}": {table: "Metadata", row: "Status"}', '  "team:{value}": {table: "Team", column: "Team"}']);
    expect(parseConfigYaml(`${written}\n${suggested.join("\n")}\n`).tableLabels).toEqual([
      { table: "Metadata", column: null, row: "Status", label: "status:{value}" },
      { table: "Team", column: "Team", row: null, label: "team:{value}" },
    ]);
    expect((await cli(cwd, "check")).code).not.toBe(2);
  });

  test("an existing configuration is kept without --force, replaced with it", async () => {
    const cwd = makeRepo({ ".github/story-triage.yml": "# mine\n", "stories/template.md": TEMPLATE, "stories/alan.md": COMPLETE });
    const kept = await cli(cwd, "init");
    expect(kept.code).toBe(2);
    expect(kept.stderr).toBe('story-triage: .github/story-triage.yml exists; not replaced (run "story-triage init --force" to replace it with the proposal above)\n');
    expect(readFileSync(path.join(cwd, ".github/story-triage.yml"), "utf8")).toBe("# mine\n");
    expect((await cli(cwd, "init", "--force")).code).toBe(0);
    expect(readFileSync(path.join(cwd, ".github/story-triage.yml"), "utf8")).toContain('paths: ["stories/*.md"]');
  });

  test("no template, or no document following one: exit 2, nothing written", async () => {
    const none = makeRepo({ "docs/a.md": COMPLETE });
    expect(await cli(none, "init")).toEqual({ code: 2, stdout: "", stderr: "story-triage: init found no template (template.md, TEMPLATE.md or *_TEMPLATE.md); nothing written. Name the kinds of document by hand: see docs/configuration.md.\n" });
    const unused = makeRepo({ "src/TEMPLATE.md": GOAL_TEMPLATE, "docs/a.md": "# A\n\n## Other\n" });
    expect(await cli(unused, "init")).toEqual({
      code: 2,
      stdout: "Left out:\n  src/TEMPLATE.md: a template no document follows\n",
      stderr: "story-triage: init found no document that follows a template; nothing written. Name the kinds of document by hand: see docs/configuration.md.\n",
    });
    expect(existsSync(path.join(unused, ".github/story-triage.yml"))).toBe(false);
  });
});

/**
 * A checkout laid out from one corpus pull request: the documents at its head, the templates at
 * its base (the base also holds the documents' old versions: those the head has replace them) and
 * the book's files at its head.
 */
function layOut(dir: string, wholeTree = false): string {
  const files: Record<string, string> = {};
  // With the whole tree: every other path at the head is there, empty (as the stand-in seeds it).
  if (wholeTree) for (const p of readFileSync(path.join(dir, "head-tree.txt"), "utf8").split("\n")) if (p !== "") files[p] = "";
  const copy = (from: string, keep: (p: string) => boolean) => {
    if (!existsSync(from)) return;
    const walk = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const full = path.join(d, e.name);
        if (e.isDirectory()) walk(full);
        else {
          const rel = path.relative(from, full).split(path.sep).join("/");
          if (keep(rel)) files[rel] = readFileSync(full, "utf8");
        }
      }
    };
    walk(from);
  };
  copy(path.join(dir, "base"), isTemplateName);
  copy(path.join(dir, "book", "head"), () => true);
  copy(path.join(dir, "head"), () => true);
  return makeRepo(files);
}

interface Coverage {
  prs: number;
  documents: number;
  both: number;
  onlyExample: string[];
  onlyInit: string[];
  checkFailed: string[];
  /** Pull requests whose base had no template: nothing for init to go by. */
  noTemplate: string[];
}

async function coverage(corpus: string, exampleYaml: string): Promise<Coverage> {
  const example = parseConfigYaml(exampleYaml, "example");
  const out: Coverage = { prs: 0, documents: 0, both: 0, onlyExample: [], onlyInit: [], checkFailed: [], noTemplate: [] };
  for (const pr of readdirSync(corpus).filter((d) => d.startsWith("pr-")).sort()) {
    const dir = path.join(corpus, pr);
    const cwd = layOut(dir);
    const init = await cli(cwd, "init");
    out.prs += 1;
    const configFile = path.join(cwd, ".github/story-triage.yml");
    const proposed = existsSync(configFile) ? parseConfigYaml(readFileSync(configFile, "utf8")) : null;
    const heads = (JSON.parse(readFileSync(path.join(dir, "pr.json"), "utf8")) as { files: { filename: string }[] }).files.map((f) => f.filename).filter((f) => f.endsWith(".md") && existsSync(path.join(cwd, f)));
    for (const file of heads) {
      const byExample = kindFor(example, file) !== null;
      const byInit = proposed !== null && kindFor(proposed, file) !== null;
      if (!byExample && !byInit) continue;
      out.documents += 1;
      if (byExample && byInit) out.both += 1;
      else if (byExample) out.onlyExample.push(`${pr} ${file}`);
      else out.onlyInit.push(`${pr} ${file}`);
    }
    if (proposed !== null && heads.some((f) => kindFor(proposed, f) !== null)) {
      const check = await cli(cwd, "check", "-f", "json");
      if (check.code === 2) out.checkFailed.push(`${pr}: ${check.stderr}`);
    } else if (init.stderr.includes("found no template")) {
      out.noTemplate.push(pr);
    } else if (init.code !== 0 && heads.some((f) => kindFor(example, f) !== null)) {
      out.checkFailed.push(`${pr}: init: ${init.stderr}`);
    }
  }
  return out;
}

function report(name: string, c: Coverage): void {
  process.stdout.write(
    [
      `init on ${c.prs} checkouts laid out from ${name}: ${c.documents} documents matched by the example or the proposal,`,
      `  ${c.both} by both; only the example: ${c.onlyExample.length}; only the proposal: ${c.onlyInit.length}; check failing: ${c.checkFailed.length}; no template at the base: ${c.noTemplate.join(", ") || "none"}`,
      ...[...c.onlyExample.map((f) => `  only the example: ${f}`), ...c.onlyInit.map((f) => `  only the proposal: ${f}`), ...c.checkFailed.map((f) => `  check failed: ${f}`)],
      "",
    ].join("\n"),
  );
}

const wgAsync = existsSync(path.join(CORPUS, "annotations.jsonl"));
const goals = existsSync(path.join(GOALS_CORPUS, "README.md"));
if (!wgAsync) process.stderr.write(`init corpus test skipped: ${CORPUS} is absent\n`);
if (!goals) process.stderr.write(`init goals corpus test skipped: ${GOALS_CORPUS} is absent\n`);

/**
 * The newest pull request of a corpus with a document laid out with its whole head tree, the files the corpus does
 * not carry empty: the proposal may differ from the example only on files init could not judge.
 */
async function wholeTree(corpus: string, exampleYaml: string): Promise<{ pr: string; matched: number; differ: string[]; judged: string[]; code: number }> {
  const example = parseConfigYaml(exampleYaml, "example");
  const hasDocument = (pr: string) => {
    const files = (JSON.parse(readFileSync(path.join(corpus, pr, "pr.json"), "utf8")) as { files: { filename: string }[] }).files;
    return files.some((f) => kindFor(example, f.filename) !== null && existsSync(path.join(corpus, pr, "head", f.filename)));
  };
  const prs = readdirSync(corpus).filter((d) => d.startsWith("pr-") && hasDocument(d)).sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)));
  const pr = prs[prs.length - 1]!;
  const cwd = layOut(path.join(corpus, pr), true);
  expect((await cli(cwd, "init")).code).toBe(0);
  const proposed = parseConfigYaml(readFileSync(path.join(cwd, ".github/story-triage.yml"), "utf8"));
  const tree = readFileSync(path.join(corpus, pr, "head-tree.txt"), "utf8").split("\n").filter((p) => p.endsWith(".md"));
  const differ = tree.filter((p) => (kindFor(example, p) !== null) !== (kindFor(proposed, p) !== null));
  const judged = differ.filter((p) => readFileSync(path.join(cwd, p), "utf8") !== "");
  const check = await cli(cwd, "check", "-f", "json");
  return { pr, matched: tree.filter((p) => kindFor(example, p) !== null).length, differ, judged, code: check.code };
}

(wgAsync ? test : test.skip)("wg-async, a whole tree: the proposal differs from the example only on files it could not judge; check runs", async () => {
  const w = await wholeTree(CORPUS, WG_ASYNC_CONFIG);
  process.stdout.write(`wg-async ${w.pr}, whole tree: the example matches ${w.matched} markdown files; the proposal differs on ${w.differ.length}: ${w.differ.join(", ") || "none"}\n`);
  expect(w.judged).toEqual([]);
  expect(w.code).not.toBe(2);
}, 60_000);

(goals ? test : test.skip)("rust-project-goals, a whole tree: the proposal differs from the example only on files it could not judge; check runs", async () => {
  const w = await wholeTree(GOALS_CORPUS, GOALS_CONFIG);
  process.stdout.write(`rust-project-goals ${w.pr}, whole tree: the example matches ${w.matched} markdown files; the proposal differs on ${w.differ.length}: ${w.differ.join(", ") || "none"}\n`);
  expect(w.judged).toEqual([]);
  expect(w.code).not.toBe(2);
}, 60_000);

(wgAsync ? test : test.skip)("wg-async: the proposal covers the documents docs/examples/wg-async.yml covers, and check runs", async () => {
  const c = await coverage(CORPUS, WG_ASYNC_CONFIG);
  report("../shared/corpus (rust-lang/wg-async)", c);
  expect(c.checkFailed).toEqual([]);
  expect(c.onlyExample.length + c.onlyInit.length).toBeLessThanOrEqual(Math.ceil(c.documents * 0.02));
}, 120_000);

(goals ? test : test.skip)("rust-project-goals: the proposal covers the documents docs/examples/rust-project-goals.yml covers, and check runs", async () => {
  const c = await coverage(GOALS_CORPUS, GOALS_CONFIG);
  report("../shared/goals-corpus (rust-lang/rust-project-goals)", c);
  expect(c.checkFailed).toEqual([]);
  expect(c.onlyExample.length + c.onlyInit.length).toBeLessThanOrEqual(Math.ceil(c.documents * 0.02));
}, 300_000);

test("files left out whose names hold glob characters are excluded by their names, escaped", async () => {
  const cwd = makeRepo({
    "stories/template.md": TEMPLATE,
    "stories/alan.md": COMPLETE,
    "stories/notes [old].md": "# Notes\n\n## Old things\n",
  });
  expect((await cli(cwd, "init")).code).toBe(0);
  const config = parseConfigYaml(readFileSync(path.join(cwd, ".github/story-triage.yml"), "utf8"));
  expect(config.kinds.map((k) => [k.paths, k.exclude])).toEqual([[["stories/*.md"], ["stories/notes \\[old\\].md"]]]);
  expect(kindFor(config, "stories/notes [old].md")).toBeNull();
  expect(kindFor(config, "stories/alan.md")?.name).toBe("stories");
});
