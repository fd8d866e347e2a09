/**
 * The action's row of `npm run bench`: the whole process of the committed bundle (dist/action.cjs)
 * for a one-story pull request opened, with a runner's variables, against the GitHub stand-in
 * (held in this process; each round a fresh repository, so every run does the full triage and
 * its writes), against `node -e 0`: CPU time (user + system, from GNU time), wall time and peak
 * RSS, medians of alternating runs; and the bundle's size. Goals: CPU ≤ 3× `node -e 0`, bundle
 * ≤ 1.5 MB. Prints figures; asserts nothing about speed.
 *
 * Environment: BENCH_ROUNDS (default 7).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BUNDLE = path.join(ROOT, "dist", "action.cjs");
const STANDIN = path.join(ROOT, "lib", "standin", "index.js");
const FIXTURE = path.join(ROOT, "fixtures", "demo");
const GNU_TIME = "/usr/bin/time";
const BUNDLE_GOAL_BYTES = 1.5e6;
const CPU_GOAL = 3;

export async function benchAction({ rounds = Number(process.env.BENCH_ROUNDS ?? 7) } = {}) {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: it is committed; npm run build makes it again`);
  if (!existsSync(STANDIN)) throw new Error(`${STANDIN} is missing: run npm run build first (npm run bench does)`);
  if (!existsSync(GNU_TIME)) {
    console.log(`bench action: ${GNU_TIME} is absent (apt-get install time): no CPU time, skipped.`);
    return;
  }
  const { Standin, seedFromFolder, pullRequestPayload } = await import(STANDIN);
  const standin = await Standin.start();
  const tmp = mkdtempSync(path.join(os.tmpdir(), "story-triage-bench-action-"));
  try {
    let seeded = 0;
    const action = async () => {
      seeded += 1;
      const { repo, pull } = await seedFromFolder(standin, FIXTURE, { owner: "story-org", repo: `bench-${seeded}` });
      const event = path.join(tmp, `event-${seeded}.json`);
      writeFileSync(event, JSON.stringify(pullRequestPayload(standin, repo, pull.number, "opened")));
      const before = standin.requests.length;
      const result = await timed(process.execPath, [BUNDLE], {
        GITHUB_EVENT_NAME: "pull_request_target",
        GITHUB_EVENT_PATH: event,
        GITHUB_REPOSITORY: repo.fullName,
        GITHUB_API_URL: standin.apiUrl,
        GITHUB_TOKEN: standin.workflowToken(repo),
        INPUT_TOKEN: standin.workflowToken(repo),
        GITHUB_STEP_SUMMARY: path.join(tmp, "summary.md"),
        GITHUB_OUTPUT: path.join(tmp, "output.txt"),
        RUNNER_TEMP: tmp,
      });
      if (result.status !== 0) throw new Error(`the action exited ${result.status}:\n${result.stdout}`);
      const runs = standin.snapshot(repo, pull.number).checkRuns;
      if (runs.length !== 1 || runs[0].status !== "completed") throw new Error("the action did not complete its check run");
      return { ...result, requests: standin.requests.length - before };
    };
    const node = () => timed(process.execPath, ["-e", "0"], {});
    // One unrecorded round warms the file cache.
    await action();
    await node();
    const samples = { action: [], node: [] };
    for (let round = 0; round < rounds; round += 1) {
      samples.action.push(await action());
      samples.node.push(await node());
    }
    const m = { action: medians(samples.action), node: medians(samples.node) };
    const size = statSync(BUNDLE).size;
    const ratio = m.action.cpu / m.node.cpu;
    const cell = (s) => `${s.wall.toFixed(0)} ms (CPU ${s.cpu.toFixed(0)} ms), ${s.rss.toFixed(0)} MB`;
    console.log(`\naction: the committed bundle's whole process, pull_request_target opened on a one-story pull request, against the stand-in (${samples.action[0].requests} requests a run); ${rounds} rounds, medians\n`);
    console.log("| measure | story-triage | compared with | ratio | goal | met |");
    console.log("|---|---|---|---|---|---|");
    console.log(`| the action, one story, CPU vs \`node -e 0\` | ${cell(m.action)} | ${cell(m.node)} | ${ratio.toFixed(2)}× | ≤ ${CPU_GOAL}× | ${ratio <= CPU_GOAL ? "yes" : "no"} |`);
    console.log(`| the action's bundle, dist/action.cjs | ${(size / 1e6).toFixed(3)} MB | | | ≤ 1.5 MB | ${size <= BUNDLE_GOAL_BYTES ? "yes" : "no"} |`);
  } finally {
    await standin.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Runs a process under GNU time without blocking this process (the stand-in answers from it). */
function timed(command, args, env) {
  const report = path.join(os.tmpdir(), `story-triage-bench-action-time-${process.pid}`);
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(GNU_TIME, ["-o", report, "-f", "%U %S %M", command, ...args], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stdout += chunk));
    child.on("error", reject);
    child.on("close", (status) => {
      const wall = Number(process.hrtime.bigint() - start) / 1e6;
      const [user, system, rssKb] = readFileSync(report, "utf8").trim().split("\n").pop().split(" ").map(Number);
      rmSync(report, { force: true });
      resolve({ status, stdout, wall, cpu: (user + system) * 1000, rss: rssKb / 1024 });
    });
  });
}

function medians(samples) {
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  return { wall: median(samples.map((s) => s.wall)), cpu: median(samples.map((s) => s.cpu)), rss: median(samples.map((s) => s.rss)) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchAction();
