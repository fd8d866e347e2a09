#!/usr/bin/env node
/**
 * `npm run bench`: the issue's table, from one run. Whole processes, runs alternating, medians:
 *   - one story: story-triage check against `node -e 0` and markdownlint-cli2 (MD043 only, set to
 *     the status quo template's headings) on the same story;
 *   - the corpus (every story version in the shared corpus), cold: story-triage against
 *     markdownlint-cli2;
 *   - the corpus again with --cache, nothing changed since the cache was filled, against cold;
 *   - the corpus at 10x (the stories copied ten times): cost per MB against 1x.
 * Each row prints wall time, CPU time (user + system) and peak RSS (from GNU time; Debian's
 * `time` package) of the process. Prints figures; it is not a test and asserts nothing about speed.
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
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
const CLI = path.join(ROOT, PACKAGE.bin["story-triage"]);
const MARKDOWNLINT = path.join(ROOT, "node_modules", "markdownlint-cli2", "markdownlint-cli2-bin.mjs");
const GNU_TIME = "/usr/bin/time";
const COPIES = 10;

function main() {
  if (!existsSync(CORPUS)) {
    console.log(`bench: skipped, the corpus is absent (looked in ${CORPUS}).`);
    return;
  }
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first (npm run bench does).`);
  if (!existsSync(MARKDOWNLINT)) throw new Error(`${MARKDOWNLINT} is missing: markdownlint-cli2 is a dev dependency.`);
  const timed = existsSync(GNU_TIME);
  if (!timed) console.log(`bench: ${GNU_TIME} is absent (apt-get install time): no CPU time or peak RSS.`);

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
    // The story of median size: what an author checks before pushing.
    const bySize = [...once.files].sort((a, b) => statSync(path.join(once.dir, a)).size - statSync(path.join(once.dir, b)).size);
    const oneStory = bySize[Math.floor(bySize.length / 2)];
    const cacheDir = path.join(tmp, "cache");

    const storyTriage = (tree, files, extra = []) => () =>
      run(process.execPath, [CLI, "check", "--format", "json", ...extra, ...files], tree.dir, (r) => {
        if (r.status !== 0 && r.status !== 1) throw new Error(`story-triage exited ${r.status}: ${r.stderr}`);
        if (r.stderr !== "") throw new Error(`story-triage warned: ${r.stderr}`);
        const out = JSON.parse(r.stdout);
        const checked = out.files.filter((f) => f.kind !== null).length;
        if (out.files.length !== files.length || checked !== files.length) {
          throw new Error(`story-triage reported ${out.files.length} files (${checked} checked) of ${files.length}`);
        }
      });
    const markdownlint = (files) => () =>
      run(process.execPath, [MARKDOWNLINT, "--", ...files], once.dir, (r) => {
        if (r.status !== 0 && r.status !== 1) throw new Error(`markdownlint-cli2 exited ${r.status}: ${r.stderr}`);
        if (!r.stdout.includes(`Linting: ${files.length} file(s)`)) throw new Error(`markdownlint-cli2 did not lint ${files.length} files:\n${r.stdout}`);
      });
    const node = () => run(process.execPath, ["-e", "0"], once.dir, (r) => {
      if (r.status !== 0) throw new Error(`node -e 0 exited ${r.status}`);
    });

    const commands = {
      node,
      st1: storyTriage(once, [oneStory]),
      mdl1: markdownlint([oneStory]),
      cold: storyTriage(once, once.files),
      mdl: markdownlint(once.files),
      warm: storyTriage(once, once.files, ["--cache", "--cache-location", cacheDir]),
      st10: storyTriage(tenfold, tenfold.files),
    };
    // One unrecorded round warms the file cache, fills story-triage's cache and checks that every
    // command does all the work; the cached run must print what the cold run prints.
    for (const command of Object.values(commands)) command();
    const plainOut = spawnSync(process.execPath, [CLI, "check", "--format", "json", ...once.files], { cwd: once.dir, encoding: "utf8", maxBuffer: 1 << 28 }).stdout;
    const cachedOut = spawnSync(process.execPath, [CLI, "check", "--format", "json", "--cache", "--cache-location", cacheDir, ...once.files], { cwd: once.dir, encoding: "utf8", maxBuffer: 1 << 28 }).stdout;
    if (plainOut !== cachedOut) throw new Error("story-triage --cache printed something else than without it");

    const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [name, command] of Object.entries(commands)) samples[name].push(command());
    }
    const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summary(v)]));

    const mb1 = once.bytes / 1e6;
    const mb10 = tenfold.bytes / 1e6;
    const perMb = (s, mb) => ({ wall: s.wall / mb, cpu: s.cpu / mb, rss: s.rss });
    const rows = [
      ["one story vs `node -e 0`", m.st1, m.node, m.st1.wall / m.node.wall, "≤ 2×", m.st1.wall / m.node.wall <= 2, "×"],
      ["one story vs markdownlint-cli2", m.st1, m.mdl1, m.mdl1.wall / m.st1.wall, "≥ 2.5× faster", m.mdl1.wall / m.st1.wall >= 2.5, "× faster"],
      ["the corpus, cold, vs markdownlint-cli2", m.cold, m.mdl, m.mdl.wall / m.cold.wall, "≥ 2× faster", m.mdl.wall / m.cold.wall >= 2, "× faster"],
      ["the corpus, warm with --cache, vs cold", m.warm, m.cold, m.cold.wall / m.warm.wall, "≥ 10× faster", m.cold.wall / m.warm.wall >= 10, "× faster"],
      [`the corpus at ${COPIES}× vs 1×, per MB`, perMb(m.st10, mb10), perMb(m.cold, mb1), m.st10.wall / mb10 / (m.cold.wall / mb1), "≤ 1×", m.st10.wall / mb10 <= m.cold.wall / mb1, "×"],
    ];
    const cell = (s) => `${s.wall.toFixed(0)} ms (CPU ${Number.isNaN(s.cpu) ? "n/a" : `${s.cpu.toFixed(0)} ms`}), ${Number.isNaN(s.rss) ? "n/a" : `${s.rss.toFixed(0)} MB`}`;
    console.log(`${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? "unknown"}), Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
    console.log(`corpus: ${once.files.length} story versions from ${prs.length} pull requests, ${mb1.toFixed(3)} MB (${COPIES}×: ${mb10.toFixed(3)} MB); one story: ${oneStory} (${(statSync(path.join(once.dir, oneStory)).size / 1e3).toFixed(1)} kB)`);
    console.log(`${ROUNDS} rounds, each command once a round in turn; medians of wall time, CPU time (user + system) and peak RSS\n`);
    console.log("| measure | story-triage | compared with | ratio | goal | met |");
    console.log("|---|---|---|---|---|---|");
    for (const [name, ours, theirs, ratio, goal, met, unit] of rows) {
      console.log(`| ${name} | ${cell(ours)} | ${cell(theirs)} | ${ratio.toFixed(2)}${unit} | ${goal} | ${met ? "yes" : "no"} |`);
    }
    console.log(`\nper MB (wall): ${(m.cold.wall / mb1).toFixed(0)} ms at 1×, ${(m.st10.wall / mb10).toFixed(0)} ms at ${COPIES}×; markdownlint-cli2 ${(m.mdl.wall / mb1).toFixed(0)} ms at 1×`);
    console.log(`\nall runs, wall ms:\n${Object.entries(samples).map(([k, v]) => `  ${k.padEnd(5)} ${v.map((t) => t.wall.toFixed(0)).join(" ")}`).join("\n")}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function summary(samples) {
  return { wall: median(samples.map((s) => s.wall)), cpu: median(samples.map((s) => s.cpu)), rss: median(samples.map((s) => s.rss)) };
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

/**
 * Runs a whole process (under GNU time when there is one, for its CPU time and peak RSS), checks
 * its result, returns { wall ms, cpu ms, rss MB }.
 */
function run(command, args, cwd, check) {
  const timed = existsSync(GNU_TIME);
  const report = path.join(os.tmpdir(), `story-triage-bench-time-${process.pid}`);
  const [file, argv] = timed ? [GNU_TIME, ["-o", report, "-f", "%U %S %M", command, ...args]] : [command, args];
  const start = process.hrtime.bigint();
  const result = spawnSync(file, argv, { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.error) throw result.error;
  check(result);
  if (!timed) return { wall, cpu: NaN, rss: NaN };
  const [user, system, rssKb] = readFileSync(report, "utf8").trim().split("\n").pop().split(" ").map(Number);
  rmSync(report, { force: true });
  return { wall, cpu: (user + system) * 1000, rss: rssKb / 1024 };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

main();
await import("./action.mjs").then(({ benchAction }) => benchAction());
