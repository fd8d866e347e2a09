#!/usr/bin/env node
/**
 * `npm run bench`: story-triage's CLI against markdownlint-cli2 (MD043 only, set to the status
 * quo template's headings) over every story version in the shared corpus, whole process each,
 * runs alternating, medians printed. Then story-triage alone at 10x the input, to show that its
 * cost per MB stays flat. Prints figures; it is not a test and asserts nothing about speed.
 *
 * Environment: BENCH_ROUNDS (default 7), STORY_TRIAGE_CORPUS (default ../shared/corpus).
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CORPUS = path.resolve(process.env.STORY_TRIAGE_CORPUS ?? path.join(ROOT, "..", "shared", "corpus"));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const CLI = path.join(ROOT, "lib", "cli.js");
const MARKDOWNLINT = path.join(ROOT, "node_modules", "markdownlint-cli2", "markdownlint-cli2-bin.mjs");
const COPIES = 10;

function main() {
  if (!existsSync(CORPUS)) {
    console.log(`bench: skipped, the corpus is absent (looked in ${CORPUS}).`);
    return;
  }
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first (npm run bench does).`);
  if (!existsSync(MARKDOWNLINT)) throw new Error(`${MARKDOWNLINT} is missing: markdownlint-cli2 is a dev dependency.`);

  const prs = readdirSync(CORPUS).filter((d) => /^pr-\d+$/.test(d)).sort();
  const stories = prs.flatMap((pr) =>
    walk(path.join(CORPUS, pr, "head"))
      .filter((p) => p.endsWith(".md") && !["SUMMARY.md", "template.md"].includes(path.posix.basename(p)))
      .map((p) => ({ pr, path: p })),
  );
  if (stories.length === 0) {
    console.log(`bench: skipped, no story files under ${CORPUS}/pr-*/head.`);
    return;
  }

  const tmp = mkdtempSync(path.join(os.tmpdir(), "story-triage-bench-"));
  try {
    const once = layOut(path.join(tmp, "x1"), prs, stories, 1);
    const tenfold = layOut(path.join(tmp, "x10"), prs, stories, COPIES);
    const headings = md043Headings(latestStatusQuoTemplate(prs));
    writeFileSync(
      path.join(once.dir, ".markdownlint-cli2.jsonc"),
      JSON.stringify({ config: { default: false, MD043: { headings } } }, null, 2),
    );

    const storyTriage = (tree) => () => run(process.execPath, [CLI, "check", "--format", "json", ...tree.files], tree.dir, (r) => {
      if (r.status !== 0 && r.status !== 1) throw new Error(`story-triage exited ${r.status}: ${r.stderr}`);
      const out = JSON.parse(r.stdout);
      const checked = out.files.filter((f) => f.kind !== null).length;
      if (out.files.length !== tree.files.length || checked !== tree.files.length) {
        throw new Error(`story-triage reported ${out.files.length} files (${checked} checked) of ${tree.files.length}`);
      }
    });
    const markdownlint = () => run(process.execPath, [MARKDOWNLINT, "--", ...once.files], once.dir, (r) => {
      if (r.status !== 0 && r.status !== 1) throw new Error(`markdownlint-cli2 exited ${r.status}: ${r.stderr}`);
      if (!r.stdout.includes(`Linting: ${once.files.length} file(s)`)) {
        throw new Error(`markdownlint-cli2 did not lint ${once.files.length} files:\n${r.stdout}`);
      }
    });
    const startup = () => run(process.execPath, [CLI, "--version"], once.dir, (r) => {
      if (r.status !== 0) throw new Error(`story-triage --version exited ${r.status}`);
    });

    // One unrecorded round warms the file cache and checks that every tool does all the work.
    storyTriage(once)();
    markdownlint();
    storyTriage(tenfold)();
    startup();

    const times = { st1: [], mdl: [], st10: [], start: [] };
    for (let round = 0; round < ROUNDS; round += 1) {
      times.st1.push(storyTriage(once)());
      times.mdl.push(markdownlint());
      times.st10.push(storyTriage(tenfold)());
      times.start.push(startup());
    }

    const mb1 = once.bytes / 1e6;
    const mb10 = tenfold.bytes / 1e6;
    const st1 = median(times.st1);
    const mdl = median(times.mdl);
    const st10 = median(times.st10);
    const start = median(times.start);
    const ms = (t) => `${t.toFixed(0)} ms`;
    const rows = [
      ["corpus", CORPUS],
      ["files", `${once.files.length} story versions from ${prs.length} pull requests`],
      ["input", `${mb1.toFixed(3)} MB (1x), ${mb10.toFixed(3)} MB (${COPIES}x)`],
      ["rounds", `${ROUNDS}, alternating; medians, whole process each`],
      ["story-triage check (1x)", ms(st1)],
      ["markdownlint-cli2 MD043 (1x)", ms(mdl)],
      ["ratio markdownlint / story-triage", `${(mdl / st1).toFixed(2)}x (goal: >= 2x)`],
      ["story-triage startup (--version)", ms(start)],
      ["story-triage per MB, 1x", `${ms(st1 / mb1)} (${ms((st1 - start) / mb1)} without startup)`],
      [`story-triage per MB, ${COPIES}x`, `${ms(st10 / mb10)} (${ms((st10 - start) / mb10)} without startup)`],
      ["markdownlint-cli2 per MB, 1x", ms(mdl / mb1)],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log(rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n"));
    console.log(`\nall runs (ms):\n${Object.entries(times).map(([k, v]) => `  ${k.padEnd(5)} ${v.map((t) => t.toFixed(0)).join(" ")}`).join("\n")}`);

    const parts = breakdown(once);
    console.log("\nwhere story-triage's time goes (1x; each line a fresh process doing that much, medians):");
    const partRows = [
      ["node alone (node -e 0)", parts.node],
      ["+ import config and engine", parts.imports],
      ["+ remark-parse every story, nothing else", parts.parse],
      ["+ checkStory every story, with its template", parts.engine],
      ["the whole CLI (from above)", st1],
    ];
    const w2 = Math.max(...partRows.map(([k]) => k.length));
    for (const [k, v] of partRows) console.log(`  ${k.padEnd(w2)}  ${ms(v)}`);
    console.log(`  templates parsed: ${parts.templates} (${(parts.templateBytes / 1e3).toFixed(0)} kB): each PR folder has its own`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Cold, in fresh processes: node alone; importing the CLI's modules; remark-parse over every
 * story (what any remark-based checker pays); the engine over every story with its template.
 */
function breakdown(tree) {
  const templates = [...new Set(tree.files.map((f) => path.posix.join(path.posix.dirname(f), "template.md")))].filter((t) =>
    existsSync(path.join(tree.dir, t)),
  );
  const listFile = path.join(tree.dir, "..", "bench-files.json");
  writeFileSync(listFile, JSON.stringify({ stories: tree.files.map((f) => path.join(tree.dir, f)), root: tree.dir }));
  const lib = (m) => JSON.stringify(new URL(`../lib/${m}`, import.meta.url).href);
  const read = `const {readFileSync,existsSync}=await import("node:fs");const path=await import("node:path");` +
    `const list=JSON.parse(readFileSync(${JSON.stringify(listFile)},"utf8"));`;
  const scripts = {
    node: "0",
    imports: `await import(${lib("config/index.js")});await import(${lib("engine/index.js")});`,
    parse:
      `${read}const {unified}=await import("unified");const {default:remarkParse}=await import("remark-parse");` +
      `const p=unified().use(remarkParse);for(const f of list.stories)p.parse(readFileSync(f,"utf8"));`,
    engine:
      `${read}const c=await import(${lib("config/index.js")});const e=await import(${lib("engine/index.js")});` +
      `const config=c.parseConfigYaml(readFileSync(path.join(list.root,".github/story-triage.yml"),"utf8"),"x");const cache=new Map();` +
      `for(const f of list.stories){const rel=path.relative(list.root,f);const kind=e.kindFor(config,rel);` +
      `const t=e.templateCandidates(kind,rel).find((c)=>existsSync(path.join(list.root,c)));` +
      `if(t!==undefined&&!cache.has(t))cache.set(t,e.parseTemplate(readFileSync(path.join(list.root,t),"utf8")));` +
      `e.checkStory({path:rel,content:readFileSync(f),kind,template:t===undefined?e.builtinTemplate():cache.get(t),config});}`,
  };
  const out = {};
  for (const [name, script] of Object.entries(scripts)) {
    const times = [];
    for (let round = 0; round < Math.max(3, Math.ceil(ROUNDS / 2)); round += 1) {
      times.push(
        run(process.execPath, ["--input-type=module", "-e", script], ROOT, (r) => {
          if (r.status !== 0) throw new Error(`breakdown step ${name} failed: ${r.stderr}`);
        }),
      );
    }
    out[name] = median(times);
  }
  out.templates = templates.length;
  out.templateBytes = templates.reduce((sum, t) => sum + statSync(path.join(tree.dir, t)).size, 0);
  return out;
}

/**
 * Copies the stories to <dir>/<pr>[-<copy>]/<path>, with each PR's templates from base/ beside
 * them (the story-triage CLI reads the template in a story's folder, as in the real repository),
 * and a story-triage config whose one kind covers every copied story.
 */
function layOut(dir, prs, stories, copies) {
  const files = [];
  let bytes = 0;
  for (let copy = 0; copy < copies; copy += 1) {
    const folder = (pr) => (copies === 1 ? pr : `${pr}-${copy}`);
    for (const pr of prs) {
      for (const t of walk(path.join(CORPUS, pr, "base")).filter((p) => path.posix.basename(p) === "template.md")) {
        copyInto(path.join(CORPUS, pr, "base", t), path.join(dir, folder(pr), t));
      }
    }
    for (const story of stories) {
      const rel = `${folder(story.pr)}/${story.path}`;
      copyInto(path.join(CORPUS, story.pr, "head", story.path), path.join(dir, rel));
      files.push(rel);
      bytes += statSync(path.join(dir, rel)).size;
    }
  }
  mkdirSync(path.join(dir, ".github"), { recursive: true });
  writeFileSync(
    path.join(dir, ".github", "story-triage.yml"),
    'stories:\n  story:\n    paths: ["**/*.md"]\ncharacters: [Alan, Grace, Niklaus, Barbara]\n',
  );
  return { dir, files, bytes };
}

function copyInto(from, to) {
  mkdirSync(path.dirname(to), { recursive: true });
  copyFileSync(from, to);
}

/** The status quo template of the most recently merged PR that has one at its base. */
function latestStatusQuoTemplate(prs) {
  let best = null;
  for (const pr of prs) {
    const meta = JSON.parse(readFileSync(path.join(CORPUS, pr, "pr.json"), "utf8"));
    for (const t of walk(path.join(CORPUS, pr, "base")).filter((p) => p.endsWith("status_quo/template.md"))) {
      if (best === null || meta.merged_at > best.mergedAt) best = { mergedAt: meta.merged_at, file: path.join(CORPUS, pr, "base", t) };
    }
  }
  if (best === null) throw new Error("no status quo template in the corpus");
  return readFileSync(best.file, "utf8");
}

/** MD043's list: any title ("?"), then each section heading of the template, any subsections after each ("*"). */
function md043Headings(markdown) {
  const headings = [];
  let fence = null;
  for (const line of markdown.split("\n")) {
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === null) fence = f[1][0];
      else if (f[1][0] === fence) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const h = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) headings.push(`${h[1]} ${h[2]}`);
  }
  const [, ...sections] = headings;
  return ["?", ...sections.flatMap((h) => [h, "*"])];
}

/** Relative paths (forward slashes) of the files under `dir`. */
function walk(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(path.relative(dir, path.join(entry.parentPath ?? entry.path, entry.name)).split(path.sep).join("/"));
  }
  return out.sort();
}

/** Runs a whole process, checks its result, returns the wall time in ms. */
function run(command, args, cwd, check) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.error) throw result.error;
  check(result);
  return elapsed;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

main();
