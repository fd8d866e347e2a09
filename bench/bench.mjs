#!/usr/bin/env node
/**
 * `npm run bench`: the issue's table, from one run. Whole processes, runs alternating (each command
 * once a round, in turn), medians:
 *   - one story: story-triage check against `node -e 0` and markdownlint-cli2 (MD043 only, set to
 *     the status quo template's headings) on the same story;
 *   - the corpus (every story version in the shared corpus), cold: story-triage against
 *     markdownlint-cli2 on the same files; and on one thread (`--threads 1`), for what threads give;
 *   - the corpus again with --cache, nothing changed since the cache was filled, against `node -e 0`
 *     (the floor: Node starting and doing nothing);
 *   - the same two at 10x the corpus (the stories copied ten times).
 * Each row prints wall time, CPU time (user + system) and peak RSS (from GNU time; Debian's
 * `time` package) of the process, and the load average before and after. Before timing it checks
 * that every command checked every file, and that story-triage prints the same bytes on one thread,
 * on several and from the cache. It prints figures; it asserts nothing about speed.
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
    const headings = md043Headings(latestStatusQuoTemplate(prs));
    const once = layOut(path.join(tmp, "x1"), prs, stories, 1, headings);
    const tenfold = layOut(path.join(tmp, "x10"), prs, stories, COPIES, headings);
    // The story of median size: what an author checks before pushing.
    const bySize = [...once.files].sort((a, b) => statSync(path.join(once.dir, a)).size - statSync(path.join(once.dir, b)).size);
    const oneStory = bySize[Math.floor(bySize.length / 2)];
    // A --cache run is recorded only when what it read is older than 2 s (src/cli/replay.ts).
    sleep(2100);

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
    const markdownlint = (tree, files) => () =>
      run(process.execPath, [MARKDOWNLINT, "--", ...files], tree.dir, (r) => {
        if (r.status !== 0 && r.status !== 1) throw new Error(`markdownlint-cli2 exited ${r.status}: ${r.stderr}`);
        if (!r.stdout.includes(`Linting: ${files.length} file(s)`)) throw new Error(`markdownlint-cli2 did not lint ${files.length} files:\n${r.stdout}`);
      });
    const node = () => run(process.execPath, ["-e", "0"], once.dir, (r) => {
      if (r.status !== 0) throw new Error(`node -e 0 exited ${r.status}`);
    });
    const cached = (tree) => ["--cache", "--cache-location", path.join(tmp, `cache-${path.basename(tree.dir)}`)];

    const commands = {
      node,
      st1: storyTriage(once, [oneStory]),
      mdl1: markdownlint(once, [oneStory]),
      cold: storyTriage(once, once.files),
      mdl: markdownlint(once, once.files),
      cold1t: storyTriage(once, once.files, ["--threads", "1"]),
      warm: storyTriage(once, once.files, cached(once)),
      cold10: storyTriage(tenfold, tenfold.files),
      mdl10: markdownlint(tenfold, tenfold.files),
      warm10: storyTriage(tenfold, tenfold.files, cached(tenfold)),
    };
    // One unrecorded round warms the file cache, fills story-triage's cache and checks that every
    // command does all the work; then the outputs are compared.
    for (const command of Object.values(commands)) command();
    for (const tree of [once, tenfold]) {
      const printed = (extra) => spawnSync(process.execPath, [CLI, "check", "--format", "json", ...extra, ...tree.files], { cwd: tree.dir, encoding: "utf8", maxBuffer: 1 << 28 }).stdout;
      const plain = printed([]);
      if (printed(["--threads", "1"]) !== plain) throw new Error(`story-triage on one thread printed something else than on several (${path.basename(tree.dir)})`);
      if (printed(cached(tree)) !== plain) throw new Error(`story-triage --cache printed something else than without it (${path.basename(tree.dir)})`);
      const manifest = path.join(tmp, `cache-${path.basename(tree.dir)}`, "v1", "last-run.json");
      if (!existsSync(manifest)) throw new Error(`story-triage --cache did not record its run (${manifest})`);
    }

    const loadBefore = os.loadavg();
    const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [name, command] of Object.entries(commands)) samples[name].push(command());
    }
    const loadAfter = os.loadavg();
    const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summary(v)]));

    const mb1 = once.bytes / 1e6;
    const mb10 = tenfold.bytes / 1e6;
    const floor = (name, ours, goal) => [name, m[ours], m.node, m[ours].wall / m.node.wall, `≤ ${goal}×`, m[ours].wall / m.node.wall <= goal, "×"];
    const faster = (name, ours, theirs, goal) => [name, m[ours], m[theirs], m[theirs].wall / m[ours].wall, `≥ ${goal}× faster`, m[theirs].wall / m[ours].wall >= goal, "× faster"];
    const rows = [
      floor("one story vs `node -e 0`", "st1", 2),
      faster("one story vs markdownlint-cli2", "st1", "mdl1", 2.5),
      faster("the corpus, cold, vs markdownlint-cli2", "cold", "mdl", 2),
      floor("the corpus, warm with --cache, vs `node -e 0`", "warm", 1.5),
      faster(`the corpus at ${COPIES}×, cold, vs markdownlint-cli2`, "cold10", "mdl10", 2),
      floor(`the corpus at ${COPIES}×, warm with --cache, vs \`node -e 0\``, "warm10", 1.5),
      // Further rows, one line each, go here.
    ];
    const cell = (s) => `${s.wall.toFixed(0)} ms (CPU ${Number.isNaN(s.cpu) ? "n/a" : `${s.cpu.toFixed(0)} ms`}), ${Number.isNaN(s.rss) ? "n/a" : `${s.rss.toFixed(0)} MB`}`;
    const load = (l) => l.map((x) => x.toFixed(1)).join(" ");
    console.log(`${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? "unknown"}), Node ${process.version}, load average ${load(loadBefore)} before, ${load(loadAfter)} after`);
    console.log(`corpus: ${once.files.length} story versions from ${prs.length} pull requests, ${mb1.toFixed(3)} MB (${COPIES}×: ${tenfold.files.length} files, ${mb10.toFixed(3)} MB); one story: ${oneStory} (${(statSync(path.join(once.dir, oneStory)).size / 1e3).toFixed(1)} kB)`);
    console.log(`${ROUNDS} rounds, each command once a round in turn; medians of wall time, CPU time (user + system) and peak RSS\n`);
    console.log("| measure | story-triage | compared with | ratio (wall) | goal | met |");
    console.log("|---|---|---|---|---|---|");
    for (const [name, ours, theirs, ratio, goal, met, unit] of rows) {
      console.log(`| ${name} | ${cell(ours)} | ${cell(theirs)} | ${ratio.toFixed(2)}${unit} | ${goal} | ${met ? "yes" : "no"} |`);
    }
    console.log(`\nthe corpus, cold, on one thread (--threads 1): ${cell(m.cold1t)}; markdownlint-cli2 ${(m.mdl.wall / m.cold1t.wall).toFixed(2)}× of it by wall time, ${(m.mdl.cpu / m.cold1t.cpu).toFixed(2)}× by CPU time`);
    console.log(`per MB (wall): story-triage ${(m.cold.wall / mb1).toFixed(0)} ms at 1×, ${(m.cold10.wall / mb10).toFixed(0)} ms at ${COPIES}×; markdownlint-cli2 ${(m.mdl.wall / mb1).toFixed(0)} ms at 1×, ${(m.mdl10.wall / mb10).toFixed(0)} ms at ${COPIES}×`);
    console.log(`\nall runs, wall ms:\n${Object.entries(samples).map(([k, v]) => `  ${k.padEnd(6)} ${v.map((t) => t.wall.toFixed(0)).join(" ")}`).join("\n")}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function summary(samples) {
  return { wall: median(samples.map((s) => s.wall)), cpu: median(samples.map((s) => s.cpu)), rss: median(samples.map((s) => s.rss)) };
}

/**
 * Copies the stories to <dir>/<pr>[-<copy>]/<path>, with each PR's templates from base/ beside
 * them (the story-triage CLI reads the template in a story's folder, as in the real repository),
 * a story-triage config whose one kind covers every copied story, and markdownlint-cli2's.
 */
function layOut(dir, prs, stories, copies, headings) {
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
  writeFileSync(path.join(dir, ".markdownlint-cli2.jsonc"), JSON.stringify({ config: { default: false, MD043: { headings } } }, null, 2));
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
