#!/usr/bin/env node
/**
 * `npm run bench:board`: the story board at 2,000 open pull requests over 20 repositories, served
 * by the built app (in process, on a real HTTP server) against the GitHub stand-in. Prints:
 *
 * - server render time p50 / p99 and HTML size, for the full page and a filtered one, each with
 *   the same view as JSON measured alongside (the peer: same records, same view, no markup);
 * - the GitHub requests one page view makes (goal: 0);
 * - a reconcile sweep's requests per installation when nothing changed (goal: all 304) and when
 *   10 pull requests got a new head;
 * - the process's peak resident memory.
 *
 * Figures only; it asserts nothing about speed (the machine is shared and noisy).
 * Environment: BENCH_VIEWS (requests per measured page, default 200).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
if (!existsSync(path.join(ROOT, "lib/index.js"))) throw new Error("lib/ is missing: run npm run build first (npm run bench:board does)");
process.env.STORY_TRIAGE_SWEEP_SECONDS = "0";
process.env.STORY_TRIAGE_THROTTLE = "off";

const { createStoryTriage, readSettings } = await import(path.join(ROOT, "lib/index.js"));
const { hostApp } = await import(path.join(ROOT, "lib/standin/host.js"));
const { Standin } = await import(path.join(ROOT, "lib/standin/server.js"));
const { recordOf } = await import(path.join(ROOT, "lib/board/record.js"));
const { DEFAULT_BOARD } = await import(path.join(ROOT, "lib/config/index.js"));

const REPOS = 20;
const PER_REPO = 100;
const INSTALLATIONS = 4;
const VIEWS = Number(process.env.BENCH_VIEWS ?? 200);
const KINDS = ["status-quo", "shiny-future"];
const CHARACTERS = ["Alan", "Grace", "Niklaus", "Barbara"];
const QUESTIONS = ["What are the morals of the story?", "What are the sources for this story?", "Why did you choose *NAME* to tell this story?", "How would this story have played out differently for the other characters?"];
const DAY = 86_400_000;

/** A small deterministic generator, so that every run measures the same board. */
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = (list) => list[Math.floor(random() * list.length)];

const standin = await Standin.start();
const triage = createStoryTriage(readSettings(process.env));
const app = await hostApp(triage.app, standin, { logLevel: "fatal" });
const store = triage.board.store;
const base = new URL(app.webhookUrl).origin;
const now = Date.now();

for (let r = 0; r < REPOS; r += 1) {
  const repo = standin.addRepo({ owner: `org${r % INSTALLATIONS}`, name: `stories-${r}`, installationId: 100 + (r % INSTALLATIONS) });
  for (let n = 1; n <= PER_REPO; n += 1) {
    const headSha = `${r}-${n}`.padEnd(40, "0");
    const kind = pick(KINDS);
    const characters = [pick(CHARACTERS)];
    const open = QUESTIONS.filter(() => random() < 0.3);
    const title = `${kind === "status-quo" ? "Status quo" : "Shiny future"}: ${characters[0]} story ${r}-${n}`;
    standin.addPull(repo, { number: n, title, headSha, baseSha: "b".repeat(40), files: [], draft: random() < 0.1 });
    const updated = new Date(now - Math.floor(random() * 30) * DAY).toISOString();
    const findings = open.map((question) => ({ rule: "faq-missing", severity: "error", message: "missing", line: 10, column: 1, question }));
    const labels = [kind, `character:${characters[0]}`, ...(open.length > 0 ? ["needs-faq"] : [])];
    await store.put(
      recordOf({
        owner: repo.owner.login,
        repo: repo.name,
        pr: { number: n, title, author: `writer${n % 37}`, draft: false, headSha, labels, privateRepo: false, createdAt: updated, updatedAt: updated },
        triagedAt: new Date(now - 60_000).toISOString(),
        stories: [{ report: { path: `stories/${kind}/story_${r}_${n}.md`, kind, title: `😱 ${title}`, draft: random() < 0.2, characters, labels, findings }, questions: 4 }],
        conclusion: open.length > 0 ? "failure" : "success",
        configProblems: 0,
        labelsAdded: [],
        labelsRemoved: [],
        board: DEFAULT_BOARD,
      }),
    );
  }
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
const ms = (value) => `${value.toFixed(1)} ms`;

async function measure(pathAndQuery) {
  const times = [];
  let bytes = 0;
  for (let i = 0; i < VIEWS; i += 1) {
    const started = performance.now();
    const response = await fetch(`${base}${pathAndQuery}`);
    const body = await response.arrayBuffer();
    times.push(performance.now() - started);
    bytes = body.byteLength;
    if (response.status !== 200) throw new Error(`${pathAndQuery} answered ${response.status}`);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), bytes };
}

console.log(`story board: ${REPOS * PER_REPO} open pull requests over ${REPOS} repositories (${INSTALLATIONS} installations), ${VIEWS} views per page`);
standin.clearRequests();
for (const [name, query] of [
  ["full page (500 rows of 2,000)", ""],
  ["filtered (kind + character)", "?kind=shiny-future&character=Grace"],
]) {
  const html = await measure(`/board${query}`);
  const json = await measure(`/board.json${query}`);
  console.log(
    `  ${name.padEnd(32)} HTML p50 ${ms(html.p50)}, p99 ${ms(html.p99)}, ${(html.bytes / 1024).toFixed(0)} KB | JSON p50 ${ms(json.p50)}, p99 ${ms(json.p99)}, ${(json.bytes / 1024).toFixed(0)} KB | HTML/JSON time ${(html.p50 / json.p50).toFixed(2)}x`,
  );
}
const viewRequests = standin.requests.length;
console.log(`  GitHub requests made by ${4 * VIEWS} page views: ${viewRequests} (goal: 0)`);

function printSweep(label, report) {
  const listing = standin.requests.filter((r) => r.method === "GET" && (r.path === "/installation/repositories" || /^\/repos\/[^/]+\/[^/]+\/pulls$/.test(r.path)));
  const perInstallation = (listing.length / INSTALLATIONS).toFixed(1);
  const notModified = listing.filter((r) => r.status === 304).length;
  console.log(
    `  sweep, ${label}: ${listing.length} listing reads (${perInstallation} per installation), ${notModified} answered 304; ${report.queued} triages queued; app-level reads ${report.reads - listing.length}`,
  );
}

standin.clearRequests();
let report = await triage.sweep();
printSweep("first (no ETags yet)", report);
standin.clearRequests();
report = await triage.sweep();
printSweep("nothing changed", report);
for (let i = 0; i < 10; i += 1) {
  const repo = standin.repo(`org${i % INSTALLATIONS}`, `stories-${i}`);
  standin.push(repo, 1 + i, `pushed-${i}`.padEnd(40, "0"), []);
}
standin.clearRequests();
report = await triage.sweep();
printSweep("10 pull requests with a new head", report);
await triage.idle();
console.log(`  peak resident memory: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

await triage.close(1000);
await app.close();
await standin.close();
