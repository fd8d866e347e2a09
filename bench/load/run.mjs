#!/usr/bin/env node
/**
 * `npm run bench:load`: the built app as its own process (`probot run ./lib/index.js`) against a
 * GitHub stand-in on 127.0.0.1 that answers every request after 50 ms. 200 signed pull_request
 * webhooks over 50 pull requests in 5 installations, 20 at a time; then it waits until every
 * pull request's check run is completed, checks each pull request's final state, and prints
 * figures: ack latency, completion time next to its floor (the writes needed at one per second
 * per installation), requests and writes per pull request, errors, the app's peak RSS. Once with
 * the app's in-memory queue and, when `redis-server` is on PATH, once with REDIS_URL set.
 *
 * It prints figures and is not a test; its exit code is 1 when a run had errors or a pull request
 * ended in the wrong state, 2 when the harness itself failed. Nothing leaves 127.0.0.1.
 *
 * Environment (defaults in brackets): BENCH_PRS [50], BENCH_INSTALLATIONS [5],
 * BENCH_REPOS_PER_INSTALLATION [2], BENCH_WEBHOOKS [200], BENCH_CONCURRENCY [20],
 * BENCH_LATENCY_MS [50], BENCH_SEED [1], BENCH_TIMEOUT_S [4 × the floor, at least 60]: how long a
 * run may take to complete every check run, BENCH_REDIS [auto]: `auto` (both runs when
 * redis-server is on PATH), `off` (in memory only), `only` (the Redis run only),
 * BENCH_ECHOES [1]: forward the webhooks the app's own writes cause, as GitHub does,
 * BENCH_LARGE [1]: after the load runs, the large pull request row (0 to skip it: see runLarge),
 * BENCH_TRACE [unset]: a file to write each run's acks and answered requests to (JSON lines, times
 * in ms since the first webhook), to see where the time goes. STORY_TRIAGE_* variables (say
 * STORY_TRIAGE_CONCURRENCY) are passed on to the app.
 */
import { spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, connect } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CONFIG, REPO_LABELS, STORY_DIR, TEMPLATE, deliveries, pullRequests } from "./workload.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const LIB = path.join(ROOT, "lib");
const PROBOT_BIN = path.join(ROOT, "node_modules", ".bin", "probot");
const SECRET = "bench-load-webhook-secret";
const CHECK_RUN_NAME = "story-triage";

// ---- settings ------------------------------------------------------------------------------

function intSetting(name, fallback, min) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new Error(`${name} must be a whole number of at least ${min}; got ${JSON.stringify(raw)}`);
  return Number(raw);
}

function readSettings() {
  const settings = {
    prs: intSetting("BENCH_PRS", 50, 1),
    installations: intSetting("BENCH_INSTALLATIONS", 5, 1),
    reposPerInstallation: intSetting("BENCH_REPOS_PER_INSTALLATION", 2, 1),
    webhooks: intSetting("BENCH_WEBHOOKS", 200, 1),
    concurrency: intSetting("BENCH_CONCURRENCY", 20, 1),
    latencyMs: intSetting("BENCH_LATENCY_MS", 50, 0),
    seed: intSetting("BENCH_SEED", 1, 0),
    timeoutS: intSetting("BENCH_TIMEOUT_S", 0, 1),
    redis: process.env.BENCH_REDIS || "auto",
    echoes: (process.env.BENCH_ECHOES ?? "1") !== "0",
    trace: process.env.BENCH_TRACE ? path.resolve(process.env.BENCH_TRACE) : null,
  };
  if (settings.webhooks < settings.prs) throw new Error(`BENCH_WEBHOOKS (${settings.webhooks}) must be at least BENCH_PRS (${settings.prs}): every pull request gets its opened`);
  if (settings.installations > settings.prs) throw new Error(`BENCH_INSTALLATIONS (${settings.installations}) must not exceed BENCH_PRS (${settings.prs})`);
  if (!["auto", "off", "only"].includes(settings.redis)) throw new Error(`BENCH_REDIS must be auto, off or only; got ${JSON.stringify(settings.redis)}`);
  return settings;
}

// ---- processes we start, and ending them whatever happens -----------------------------------

const children = new Set();

function track(child) {
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

function killAll() {
  for (const child of children) {
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
  }
}

process.on("exit", killAll);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    process.stderr.write(`\nbench:load: ${signal}, stopping the app and Redis.\n`);
    killAll();
    process.exit(130);
  });
}

async function stopChild(child, graceMs = 3000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await gone;
  clearTimeout(timer);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(what, probe, timeoutMs, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last instanceof Error ? `: ${last.message}` : ""}`);
    await sleep(intervalMs);
  }
}

// ---- Redis ------------------------------------------------------------------------------------

function onPath(command) {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, command))) return path.join(dir, command);
  }
  return null;
}

function redisPing(port) {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port });
    let answer = "";
    socket.setTimeout(1000, () => socket.destroy(new Error("no answer to PING")));
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => {
      answer += chunk.toString("utf8");
      if (answer.includes("\r\n")) {
        socket.end();
        resolve(answer.startsWith("+PONG") ? true : undefined);
      }
    });
    socket.on("error", reject);
  });
}

/** A throwaway redis-server on 127.0.0.1 and a free port, with no persistence, in a temp folder. */
async function startRedis(binary) {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-load-redis-"));
  let output = "";
  const child = track(
    spawn(binary, ["--port", String(port), "--bind", "127.0.0.1", "--protected-mode", "yes", "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning", "--dir", dir], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
  child.stdout.on("data", (c) => (output += c));
  child.stderr.on("data", (c) => (output += c));
  try {
    await waitFor("redis-server to answer PING", async () => {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}:\n${output}`);
      return redisPing(port);
    }, 10000);
  } catch (error) {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---- the app as its own process ----------------------------------------------------------------

async function startApp(standin, lib, redisUrl) {
  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? os.tmpdir(),
    NODE_ENV: "production",
    APP_ID: String(standin.world.app.id),
    PRIVATE_KEY: lib.generatePrivateKey(),
    WEBHOOK_SECRET: SECRET,
    HOST: "127.0.0.1",
    PORT: String(port),
    GHE_HOST: standin.host,
    GHE_PROTOCOL: "http",
    LOG_LEVEL: "warn",
    LOG_FORMAT: "json",
    // Whatever the app or Probot might fetch with npx must come from the local cache, never the network.
    NPM_CONFIG_OFFLINE: "true",
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    // The board's reconcile sweep would queue triages of its own: the load is the webhooks'.
    STORY_TRIAGE_SWEEP_SECONDS: "0",
    // The app's own settings (STORY_TRIAGE_CONCURRENCY, ...) pass through, to try other values.
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith("STORY_TRIAGE_"))),
  };
  let output = "";
  const child = track(spawn(process.execPath, [PROBOT_BIN, "run", "./lib/index.js"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] }));
  child.stdout.on("data", (c) => (output += c));
  child.stderr.on("data", (c) => (output += c));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor("the app to answer GET /ping", async () => {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the app exited (${child.exitCode ?? child.signalCode}) before answering:\n${output}`);
      return (await fetch(`${url}/ping`)).status === 200 ? true : undefined;
    }, 30000);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return {
    child,
    webhookUrl: `${url}/api/github/webhooks`,
    output: () => output,
    /** The process's peak resident set (VmHWM), in MB, or null off Linux. */
    peakRssMb: () => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
        const kb = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
        return kb ? Number(kb[1]) / 1024 : null;
      } catch {
        return null;
      }
    },
    stop: () => stopChild(child),
  };
}

// ---- seeding ------------------------------------------------------------------------------------

function seed(standin, lib, pulls) {
  const repos = new Map();
  for (const pull of pulls) {
    const name = `${pull.owner}/${pull.repo}`;
    let repo = repos.get(name);
    if (!repo) {
      repo = standin.addRepo({ owner: pull.owner, name: pull.repo, installationId: pull.installationId });
      const baseSha = `base${String(repos.size).padStart(36, "0")}`;
      standin.addCommit(repo, baseSha, { ".github/story-triage.yml": CONFIG, [`${STORY_DIR}/template.md`]: TEMPLATE });
      standin.setBranch(repo, repo.defaultBranch, baseSha);
      for (const label of REPO_LABELS) standin.addLabel(repo, label, "5319e7", `Applied by story-triage (${label})`);
      repo.benchBaseSha = baseSha;
      repos.set(name, repo);
    }
    const headSha = `head${String(pull.key).padStart(36, "0")}`;
    const base = new Map();
    const head = new Map(pull.stories.map((s) => [s.path, Buffer.from(s.text, "utf8")]));
    standin.addCommit(repo, headSha, { ".github/story-triage.yml": CONFIG, [`${STORY_DIR}/template.md`]: TEMPLATE, ...Object.fromEntries(pull.stories.map((s) => [s.path, s.text])) });
    standin.addPull(repo, {
      number: pull.number,
      title: pull.title,
      author: pull.author,
      headRef: `story-${pull.key + 1}`,
      headSha,
      baseSha: repo.benchBaseSha,
      files: lib.computeFiles(base, head),
    });
    pull.repoState = repo;
    pull.headSha = headSha;
  }
  return repos;
}

function payloadFor(standin, lib, delivery) {
  const { pull, kind } = delivery;
  const repo = pull.repoState;
  switch (kind) {
    case "opened":
    case "redelivery":
      return lib.pullRequestPayload(standin, repo, pull.number, "opened");
    case "synchronize":
      return lib.pullRequestPayload(standin, repo, pull.number, "synchronize", undefined, { before: repo.benchBaseSha, after: pull.headSha });
    case "reopened":
      return lib.pullRequestPayload(standin, repo, pull.number, "reopened");
    case "edited-title":
      return lib.pullRequestPayload(standin, repo, pull.number, "edited", undefined, { changes: { title: { from: "Draft story" } } });
    case "edited-base":
      return lib.pullRequestPayload(standin, repo, pull.number, "edited", undefined, { changes: { base: { ref: { from: "old-main" }, sha: { from: repo.benchBaseSha } } } });
    default:
      throw new Error(`unknown delivery kind ${kind}`);
  }
}

// ---- checking the final state ---------------------------------------------------------------------

function problemsOf(standin, pull) {
  const snap = standin.snapshot(pull.repoState, pull.number);
  const where = `${pull.owner}/${pull.repo}#${pull.number}`;
  const problems = [];
  const labels = [...snap.labels].sort();
  if (JSON.stringify(labels) !== JSON.stringify(pull.expected.labels)) problems.push(`${where}: labels ${labels.join(", ") || "(none)"}; expected ${pull.expected.labels.join(", ")}`);
  const wantReviews = pull.expected.reviewComments > 0 ? 1 : 0;
  if (snap.reviews.length !== wantReviews) problems.push(`${where}: ${snap.reviews.length} reviews; expected ${wantReviews}`);
  for (const review of snap.reviews) {
    if (review.user !== standin.botLogin || review.commitId !== pull.headSha || review.comments.length !== pull.expected.reviewComments) {
      problems.push(`${where}: review by ${review.user} on ${review.commitId.slice(0, 8)} with ${review.comments.length} comments; expected the app's on ${pull.headSha.slice(0, 8)} with ${pull.expected.reviewComments}`);
    }
  }
  const summaries = snap.issueComments.filter((c) => c.user === standin.botLogin);
  if (summaries.length !== 1) problems.push(`${where}: ${summaries.length} summary comments; expected 1`);
  const runs = snap.checkRuns.filter((r) => r.name === CHECK_RUN_NAME);
  if (runs.length !== 1) problems.push(`${where}: ${runs.length} check runs; expected 1`);
  for (const run of runs) {
    if (run.status !== "completed" || run.conclusion !== pull.expected.conclusion) {
      problems.push(`${where}: check run ${run.status}/${run.conclusion ?? "-"}; expected completed/${pull.expected.conclusion}`);
    }
  }
  return problems;
}

// ---- one run ------------------------------------------------------------------------------------

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function runOnce(label, settings, lib, redisUrl) {
  const pulls = pullRequests(settings);
  const byHead = new Map();
  const completedAt = new Map(); // pull key -> ms since t0 when its check run was completed
  const answered = []; // for BENCH_TRACE: [ms since t0, method, path, status]
  const writeTimes = new Map(); // owner -> ms since t0 of each successful write to its repositories
  let t0 = 0;
  let lastWriteAt = 0;
  let notifyAllDone = () => {};
  const allDone = new Promise((resolve) => (notifyAllDone = resolve));

  const standin = await lib.Standin.start({
    latencyMs: settings.latencyMs,
    onAnswered: (request) => {
      if (settings.trace && t0 > 0) answered.push([Date.now() - t0, request.method, request.path, request.status]);
      if (request.method === "GET" || request.status < 200 || request.status >= 300 || !request.path.startsWith("/repos/")) return;
      lastWriteAt = Date.now();
      const owner = request.path.split("/")[2];
      if (!writeTimes.has(owner)) writeTimes.set(owner, []);
      writeTimes.get(owner).push(lastWriteAt - t0);
      const m = /^\/repos\/([^/]+)\/([^/]+)\/check-runs\/(\d+)$/.exec(request.path);
      if (request.method !== "PATCH" || !m || request.body?.status !== "completed") return;
      const repo = standin.world.repo(m[1], m[2]);
      const run = repo?.checkRuns.find((r) => r.id === Number(m[3]));
      const pull = run ? byHead.get(run.headSha) : undefined;
      if (pull && !completedAt.has(pull.key)) {
        completedAt.set(pull.key, Date.now() - t0);
        if (completedAt.size === pulls.length) notifyAllDone();
      }
    },
  });
  let app = null;
  try {
    seed(standin, lib, pulls);
    for (const pull of pulls) byHead.set(pull.headSha, pull);
    const floorByInstallation = new Map();
    const notificationsByInstallation = new Map();
    for (const pull of pulls) {
      floorByInstallation.set(pull.installationId, (floorByInstallation.get(pull.installationId) ?? 0) + pull.writesNeeded);
      notificationsByInstallation.set(pull.installationId, (notificationsByInstallation.get(pull.installationId) ?? 0) + pull.notificationsNeeded);
    }
    const floorS = Math.max(...floorByInstallation.values());
    // Octokit's throttling also keeps writes that notify people (comments, reviews) 3 s apart.
    const notifyFloorS = Math.max(...[...floorByInstallation.keys()].map((id) => Math.max(floorByInstallation.get(id), 3 * notificationsByInstallation.get(id))));
    const timeoutS = settings.timeoutS || Math.max(60, 4 * floorS);

    app = await startApp(standin, lib, redisUrl);
    if (settings.echoes) standin.forwardWebhooks({ url: app.webhookUrl, secret: SECRET, events: ["pull_request", "issue_comment", "check_run"] });
    standin.clearRequests();

    const queue = deliveries(pulls, settings.webhooks, settings.seed).map((d) => ({ ...d, payload: payloadFor(standin, lib, d) }));
    const acks = [];
    process.stdout.write(`[${label}] sending ${queue.length} webhooks for ${pulls.length} pull requests in ${floorByInstallation.size} installations, ${settings.concurrency} at a time...\n`);
    t0 = Date.now();
    let next = 0;
    const worker = async () => {
      while (next < queue.length) {
        const d = queue[next++];
        const started = performance.now();
        try {
          const result = await lib.deliverWebhook({ url: app.webhookUrl, secret: SECRET, event: "pull_request", payload: d.payload, id: d.id });
          acks.push({ ms: performance.now() - started, status: result.status, kind: d.kind, at: Date.now() - t0 });
        } catch (error) {
          acks.push({ ms: performance.now() - started, status: -1, kind: d.kind, at: Date.now() - t0, error: String(error?.cause?.code ?? error?.message ?? error) });
        }
      }
    };
    const sending = Promise.all(Array.from({ length: Math.min(settings.concurrency, queue.length) }, worker));
    const deadline = sleep(timeoutS * 1000).then(() => "timeout");
    const sentAll = await Promise.race([sending.then(() => "sent"), deadline]);
    const sentMs = Date.now() - t0;
    const finished = sentAll === "sent" ? await Promise.race([allDone.then(() => "done"), deadline]) : "timeout";
    const completionMs = finished === "done" ? Math.max(...completedAt.values()) : null;
    if (finished !== "done") process.stdout.write(`[${label}] not complete after ${timeoutS} s: ${completedAt.size} of ${pulls.length} check runs completed.\n`);
    // Later deliveries for the same commits must not write; let them finish before reading back.
    let settled = true;
    try {
      await standin.whenQuiet(3500, finished === "done" ? 60000 : 5000);
    } catch {
      settled = false;
    }
    const settledMs = Date.now() - t0;
    const peakRssMb = app.peakRssMb();
    const output = app.output();
    await app.stop();
    app = null;

    if (settings.trace) {
      const lines = [
        { run: label, acks: acks.map((a) => [Math.round(a.at), Math.round(a.ms), a.status, a.kind]) },
        ...answered.map(([t, method, p, status]) => ({ run: label, t, method, path: p, status })),
      ];
      appendFileSync(settings.trace, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
    }

    // ---- figures
    const ackMs = acks.map((a) => a.ms).sort((a, b) => a - b);
    const statusCounts = {};
    for (const a of acks) statusCounts[a.status] = (statusCounts[a.status] ?? 0) + 1;
    const requests = standin.requests;
    const isToken = (r) => /^\/app\/installations\/\d+\/access_tokens$/.test(r.path);
    // Writes to repositories; the token exchange is authentication, not a write GitHub throttles.
    const writes = requests.filter((r) => r.method !== "GET" && r.method !== "HEAD" && !isToken(r));
    const tokens = requests.filter(isToken).length;
    const refused = requests.filter((r) => r.unmatched || r.status < 0 || (r.status >= 400 && !(r.method === "GET" && r.status === 404)));
    const logLines = output.split("\n").filter((l) => l.trim() !== "");
    const levelOf = (line) => {
      try {
        return JSON.parse(line).level ?? 0;
      } catch {
        return 60; // not a log line: something printed outside the logger
      }
    };
    const errorLines = logLines.filter((l) => levelOf(l) >= 50);
    const warnLines = logLines.filter((l) => levelOf(l) === 40);
    const stateProblems = pulls.flatMap((pull) => problemsOf(standin, pull));
    const badAcks = acks.filter((a) => a.status < 200 || a.status >= 300);
    const echoes = standin.sent;
    const badEchoes = echoes.filter((e) => e.status < 200 || e.status >= 300);

    // Per installation: when its last check run completed, and how fast its writes went.
    const perInstallation = [...floorByInstallation.entries()].map(([id, floor]) => {
      const mine = pulls.filter((p) => p.installationId === id);
      const done = mine.map((p) => completedAt.get(p.key)).filter((v) => v !== undefined);
      const owner = mine[0].owner;
      const ws = writes.filter((r) => r.path.startsWith(`/repos/${owner}/`));
      const times = [...(writeTimes.get(owner) ?? [])].sort((a, b) => a - b);
      const gaps = times.slice(1).map((t, i) => t - times[i]);
      return {
        id,
        owner,
        floorS: floor,
        doneS: done.length === mine.length ? Math.max(...done) / 1000 : null,
        writes: ws.length,
        // Answer times, each 50 ms (the latency) after the write arrived: gaps between arrivals.
        closeWrites: gaps.filter((g) => g < 900).length,
        minGapMs: gaps.length > 0 ? Math.min(...gaps) : null,
      };
    });

    return {
      label,
      webhooks: acks.length,
      statusCounts,
      ackP50: percentile(ackMs, 50),
      ackP99: percentile(ackMs, 99),
      ackMax: ackMs[ackMs.length - 1],
      sentMs,
      completionMs,
      completed: completedAt.size,
      prs: pulls.length,
      floorS,
      notifyFloorS,
      timeoutS,
      settled,
      settledMs,
      lastWriteMs: lastWriteAt ? lastWriteAt - t0 : null,
      requests: requests.length,
      writes: writes.length,
      tokens,
      writesNeeded: pulls.reduce((n, p) => n + p.writesNeeded, 0),
      refused,
      badAcks,
      errorLines,
      warnLines,
      stateProblems,
      echoes: echoes.length,
      badEchoes: badEchoes.length,
      peakRssMb,
      perInstallation,
    };
  } finally {
    if (app) await app.stop();
    await standin.close();
  }
}

// ---- printing -----------------------------------------------------------------------------------

const s1 = (ms) => (ms === null || ms === undefined ? "-" : `${(ms / 1000).toFixed(1)} s`);
const ms0 = (ms) => (Number.isFinite(ms) ? `${Math.round(ms)} ms` : "-");

/** Pull requests whose final state is wrong (one or more problems each). */
function wrongPulls(r) {
  return new Set(r.stateProblems.map((p) => p.split(":")[0])).size;
}

/** Failed acks, requests GitHub would refuse, app log errors, failed echoes, wrong or unfinished pull requests. */
function errorCount(r) {
  return r.badAcks.length + r.refused.length + r.errorLines.length + r.badEchoes + wrongPulls(r) + (r.prs - r.completed);
}

function table(results) {
  const rows = [
    ["webhooks sent / answered 2xx", (r) => `${r.webhooks} / ${r.webhooks - r.badAcks.length}`],
    ["  answers by status", (r) => Object.entries(r.statusCounts).map(([s, n]) => `${s}×${n}`).join(" ")],
    ["ack latency p50", (r) => ms0(r.ackP50)],
    ["ack latency p99", (r) => ms0(r.ackP99)],
    ["ack latency max", (r) => ms0(r.ackMax)],
    ["all webhooks answered after", (r) => s1(r.sentMs)],
    ["every check run completed after", (r) => (r.completionMs === null ? `not within ${r.timeoutS} s (${r.completed}/${r.prs})` : s1(r.completionMs))],
    ["floor (writes at 1/s per installation)", (r) => `${r.floorS.toFixed(1)} s`],
    ["completion / floor", (r) => (r.completionMs === null ? "-" : `${(r.completionMs / 1000 / r.floorS).toFixed(2)}×`)],
    ["floor with comments/reviews 3 s apart", (r) => `${r.notifyFloorS.toFixed(1)} s`],
    ["writes < 0.9 s after the installation's last", (r) => {
      const close = r.perInstallation.reduce((n, i) => n + i.closeWrites, 0);
      const min = Math.min(...r.perInstallation.map((i) => i.minGapMs ?? Infinity));
      return `${close}${Number.isFinite(min) ? ` (closest ${Math.round(min)} ms)` : ""}`;
    }],
    ["last write after", (r) => s1(r.lastWriteMs)],
    ["requests to GitHub (per PR)", (r) => `${r.requests} (${(r.requests / r.prs).toFixed(1)})`],
    ["  of which installation tokens", (r) => String(r.tokens)],
    ["writes (per PR; needed per PR)", (r) => `${r.writes} (${(r.writes / r.prs).toFixed(2)}; ${(r.writesNeeded / r.prs).toFixed(2)})`],
    ["echo webhooks from the app's writes", (r) => `${r.echoes}${r.badEchoes ? ` (${r.badEchoes} not 2xx)` : ""}`],
    ["errors", (r) => String(errorCount(r))],
    ["  failed acks", (r) => String(r.badAcks.length)],
    ["  requests GitHub would refuse", (r) => String(r.refused.length)],
    ["  app log errors (warnings)", (r) => `${r.errorLines.length} (${r.warnLines.length})`],
    ["  pull requests in a wrong state", (r) => String(wrongPulls(r))],
    ["  pull requests not completed", (r) => String(r.prs - r.completed)],
    ["app peak RSS (VmHWM)", (r) => (r.peakRssMb === null ? "-" : `${r.peakRssMb.toFixed(0)} MB`)],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  const cols = results.map((r) => rows.map(([, f]) => f(r)));
  const colWidth = results.map((r, i) => Math.max(r.label.length, ...cols[i].map((c) => c.length)));
  const lines = [`${"".padEnd(width)}  ${results.map((r, i) => r.label.padEnd(colWidth[i])).join("  ")}`];
  rows.forEach(([name], j) => lines.push(`${name.padEnd(width)}  ${results.map((_, i) => cols[i][j].padEnd(colWidth[i])).join("  ")}`.trimEnd()));
  return lines;
}

function details(r) {
  const lines = [];
  lines.push(`[${r.label}] per installation: ${r.perInstallation.map((i) => `${i.owner} ${i.doneS === null ? "-" : `${i.doneS.toFixed(1)} s`} / floor ${i.floorS} s (${i.writes} writes)`).join("; ")}`);
  const show = (title, items) => {
    if (items.length === 0) return;
    lines.push(`[${r.label}] ${title} (${items.length}, first 5):`);
    for (const item of items.slice(0, 5)) lines.push(`  ${item.length > 300 ? `${item.slice(0, 300)}...` : item}`);
  };
  show("wrong final states", r.stateProblems);
  show("failed acks", r.badAcks.map((a) => `${a.kind} -> ${a.status}${a.error ? ` ${a.error}` : ""} after ${Math.round(a.ms)} ms`));
  show("requests GitHub would refuse", r.refused.map((q) => `${q.method} ${q.path} -> ${q.status}${q.unmatched ? " (no route)" : ""}`));
  show("app log errors", r.errorLines);
  if (!r.settled) lines.push(`[${r.label}] the app was still calling GitHub when the run ended.`);
  return lines;
}

function goals(r) {
  const verdict = (ok) => (ok ? "met" : "NOT MET");
  return [
    `[${r.label}] goals: zero errors ${verdict(errorCount(r) === 0)}; every final state right ${verdict(r.stateProblems.length === 0 && r.completionMs !== null)}; ack p99 < 1 s ${verdict(r.ackP99 < 1000)}; completion <= 1.5× floor ${verdict(r.completionMs !== null && r.completionMs / 1000 <= 1.5 * r.floorS)}`,
  ];
}

// ---- one large pull request ---------------------------------------------------------------------

/**
 * The large pull request row: in a fresh app process, first one pull request adding one story
 * (the peer), then one changing 3,000 files of which 300 are stories (150 added, 150 modified,
 * the rest vendored source files), each delivered once. For each: how fast the webhook was
 * answered, how long until its check run was completed, the requests the app made (reads,
 * writes), and the app's peak RSS after it. The large one is also printed as ratios to the peer.
 */
async function runLarge(settings, lib) {
  const STORY = readFileSync(path.join(ROOT, "fixtures/demo/head/stories/status_quo/grace_chases_a_stuck_future.md"), "utf8");
  const baseFiles = { ".github/story-triage.yml": CONFIG, [`${STORY_DIR}/template.md`]: TEMPLATE };
  const shapes = [
    { label: "1 file, 1 story (peer)", number: 1, built: lib.manyFilesPull({ files: 1, stories: 1, storyDir: STORY_DIR, story: STORY, baseFiles }) },
    { label: "3,000 files, 300 stories", number: 2, built: lib.manyFilesPull({ files: 3000, stories: 300, storyDir: STORY_DIR, story: STORY, baseFiles }) },
  ];
  let completed = null;
  let lastAnsweredAt = 0;
  const standin = await lib.Standin.start({
    latencyMs: settings.latencyMs,
    onAnswered: (request) => {
      lastAnsweredAt = performance.now();
      if (request.method === "PATCH" && /\/check-runs\/\d+$/.test(request.path) && request.body?.status === "completed") completed?.();
    },
  });
  let app = null;
  const rows = [];
  try {
    const repo = standin.addRepo({ owner: "bench-large", name: "book" });
    for (const [i, shape] of shapes.entries()) {
      const baseSha = `largebase${i}`.padEnd(40, "0");
      const headSha = `largehead${i}`.padEnd(40, "0");
      standin.addCommit(repo, baseSha, shape.built.base);
      standin.addCommit(repo, headSha, shape.built.head);
      if (i === 0) standin.setBranch(repo, repo.defaultBranch, baseSha);
      standin.addPull(repo, { number: shape.number, title: shape.label, headSha, baseSha, files: shape.built.files });
    }
    app = await startApp(standin, lib, undefined);
    for (const shape of shapes) {
      standin.clearRequests();
      const done = new Promise((resolve) => (completed = resolve));
      const t0 = performance.now();
      const ack = await lib.deliverWebhook({ url: app.webhookUrl, secret: SECRET, event: "pull_request", payload: lib.pullRequestPayload(standin, repo, shape.number, "opened"), id: `large-${shape.number}` });
      const ackMs = performance.now() - t0;
      const finished = await Promise.race([done.then(() => "done"), sleep(300000).then(() => "timeout")]);
      const completeMs = performance.now() - t0;
      await standin.whenQuiet(3500, 120000);
      const lastMs = lastAnsweredAt - t0;
      const requests = standin.requests;
      const writes = requests.filter((r) => r.method !== "GET" && r.path.startsWith("/repos/")).length;
      rows.push({
        label: shape.label,
        files: shape.built.files.length,
        status: ack.status,
        ackMs,
        completeMs: finished === "done" ? completeMs : null,
        lastMs,
        requests: requests.length,
        reads: requests.length - writes,
        writes,
        peakRssMb: app.peakRssMb(),
      });
    }
  } finally {
    await app?.stop();
    await standin.close();
  }
  const [peer, large] = rows;
  const out = [`large pull request (fresh app process, stand-in latency ${settings.latencyMs} ms, in-memory queue):`];
  out.push(
    "| pull request | webhook answered | check run completed | last request answered | requests (reads + writes) | app peak RSS after it |",
    "| --- | --- | --- | --- | --- | --- |",
  );
  const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
  for (const r of rows) {
    out.push(
      `| ${r.label} | ${r.ackMs.toFixed(0)} ms (HTTP ${r.status}) | ${r.completeMs === null ? "not within 300 s" : seconds(r.completeMs)} | ${seconds(r.lastMs)} | ${r.requests} (${r.reads} + ${r.writes}) | ${r.peakRssMb === null ? "-" : `${r.peakRssMb.toFixed(0)} MB`} |`,
    );
  }
  if (peer && large && peer.completeMs && large.completeMs) {
    out.push(
      `3,000 files / peer: ${(large.requests / peer.requests).toFixed(1)}x the requests for ${large.files}x the files, ${(large.lastMs / peer.lastMs).toFixed(1)}x the time to the last request, peak RSS ${large.peakRssMb === null || peer.peakRssMb === null ? "-" : `+${(large.peakRssMb - peer.peakRssMb).toFixed(0)} MB`}.`,
    );
  }
  return { lines: out, ok: rows.every((r) => r.completeMs !== null && (r.status === 200 || r.status === 202)) };
}

// ---- main ---------------------------------------------------------------------------------------

async function main() {
  const settings = readSettings();
  if (!existsSync(path.join(LIB, "index.js")) || !existsSync(path.join(LIB, "standin", "index.js"))) {
    throw new Error("lib/ is missing: run `npm run build` first (`npm run bench:load` does)");
  }
  if (!existsSync(PROBOT_BIN)) throw new Error(`${PROBOT_BIN} is missing: run npm ci`);
  const lib = await import(path.join(LIB, "standin", "index.js"));

  const redisBinary = settings.redis === "off" ? null : onPath("redis-server");
  const modes = [];
  if (settings.redis !== "only") modes.push("in memory");
  if (redisBinary) modes.push("Redis");
  else if (settings.redis !== "off") {
    process.stdout.write("bench:load: redis-server is not on PATH, so the run with REDIS_URL is skipped. On Debian: `apt-get install -y redis-server` (as root), then run again.\n");
  }
  if (modes.length === 0) throw new Error("BENCH_REDIS=only needs redis-server on PATH");

  process.stdout.write(
    `bench:load: ${settings.prs} pull requests in ${settings.installations} installations (${settings.reposPerInstallation} repositories each), ${settings.webhooks} webhooks, concurrency ${settings.concurrency}, GitHub stand-in latency ${settings.latencyMs} ms, ${os.cpus().length} CPUs, Node ${process.version}\n`,
  );
  if (settings.trace) writeFileSync(settings.trace, "");
  const results = [];
  for (const mode of modes) {
    let redis = null;
    try {
      if (mode === "Redis") {
        redis = await startRedis(redisBinary);
        process.stdout.write(`[Redis] redis-server on ${redis.url}\n`);
      }
      results.push(await runOnce(mode, settings, lib, redis?.url));
    } finally {
      await redis?.stop();
    }
  }
  process.stdout.write("\n");
  for (const line of table(results)) process.stdout.write(`${line}\n`);
  process.stdout.write("\n");
  for (const r of results) for (const line of [...goals(r), ...details(r)]) process.stdout.write(`${line}\n`);
  if (results.some((r) => errorCount(r) > 0)) process.exitCode = 1;
  if ((process.env.BENCH_LARGE ?? "1") !== "0") {
    process.stdout.write("\n[large] one pull request changing 3,000 files, 300 of them stories, next to one adding a story...\n");
    const large = await runLarge(settings, lib);
    for (const line of large.lines) process.stdout.write(`${line}\n`);
    if (!large.ok) process.exitCode = 1;
  }
}

// The whole benchmark is bounded too: at most two runs, each within its own timeout plus setup.
const watchdog = setTimeout(() => {
  process.stderr.write("bench:load: gave up after 30 minutes; stopping the app and Redis.\n");
  killAll();
  process.exit(2);
}, 30 * 60 * 1000);
watchdog.unref();

main().then(
  () => {
    killAll();
    process.exit();
  },
  (error) => {
    process.stderr.write(`bench:load failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    killAll();
    process.exit(2);
  },
);
