/**
 * `npm run demo`: replays a fixture pull request through the real app against a local GitHub
 * stand-in and prints what the app posted (labels, review comments, the check run, the summary
 * comment), so a newcomer sees the app at work without registering anything on GitHub.
 *
 *   node lib/demo/run-demo.js [fixture-folder]     (default: fixtures/demo)
 */
import { relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { hostApp } from "../standin/host.js";
import { seedFromFolder } from "../standin/seed.js";
import { Standin, type PullSnapshot, type RecordedRequest } from "../standin/server.js";
import { pullRequestPayload } from "../standin/webhooks.js";

const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface DemoResult {
  status: number;
  snapshot: PullSnapshot;
  requests: RecordedRequest[];
  lines: string[];
}

/** What the demo needs of the built app (lib/index.js, which `probot run` loads too). */
export interface BuiltApp {
  createStoryTriage: typeof import("../index.js").createStoryTriage;
  readSettings: typeof import("../index.js").readSettings;
}

/** Loads the built app's entry, lib/index.js, beside this file once built. */
export async function loadApp(): Promise<BuiltApp> {
  const url = new URL("../index.js", import.meta.url);
  const module = (await import(url.href)) as Partial<BuiltApp>;
  if (typeof module.createStoryTriage !== "function" || typeof module.readSettings !== "function") {
    throw new Error(`${fileURLToPath(url)} does not export createStoryTriage and readSettings`);
  }
  return { createStoryTriage: module.createStoryTriage, readSettings: module.readSettings };
}

/** Hidden markers the app leaves in its texts to find them again; not meant for readers. */
function withoutMarkers(text: string): string {
  return text.replace(/<!--[\s\S]*?-->\n?/g, "").trim();
}

function indent(text: string, by: string): string[] {
  return text.split("\n").map((line) => (line === "" ? "" : `${by}${line}`));
}

export function describeSnapshot(snapshot: PullSnapshot, requests: RecordedRequest[]): string[] {
  const lines: string[] = [];
  lines.push("Labels");
  lines.push(snapshot.labels.length > 0 ? `  ${snapshot.labels.join(", ")}` : "  (none)");
  lines.push("");
  if (snapshot.reviews.length === 0) lines.push("Review", "  (none)", "");
  for (const review of snapshot.reviews) {
    lines.push(`Review by ${review.user} (${review.state}), ${review.comments.length} comment(s)`);
    if (review.body.trim() !== "") lines.push(...indent(withoutMarkers(review.body), "  "));
    for (const comment of review.comments) {
      lines.push("", `  ${comment.path}:${comment.startLine !== null ? `${comment.startLine}-` : ""}${comment.line ?? "?"}`);
      lines.push(...indent(withoutMarkers(comment.body), "    "));
    }
    lines.push("");
  }
  if (snapshot.checkRuns.length === 0) lines.push("Check run", "  (none)", "");
  for (const run of snapshot.checkRuns) {
    lines.push(`Check run "${run.name}": ${run.status}${run.conclusion ? `, conclusion ${run.conclusion}` : ""}`);
    if (run.title) lines.push(`  Title: ${run.title}`);
    if (run.summary) lines.push("  Summary:", ...indent(withoutMarkers(run.summary), "    "));
    if (run.annotations.length > 0) {
      lines.push("  Annotations:");
      for (const a of run.annotations) {
        const where = a.startLine === a.endLine ? `${a.startLine}` : `${a.startLine}-${a.endLine}`;
        lines.push(`    ${a.level.padEnd(7)} ${a.path}:${where}  ${a.title ? `${a.title}: ` : ""}${a.message.split("\n")[0] ?? ""}`);
      }
    }
    lines.push("");
  }
  if (snapshot.issueComments.length === 0) lines.push("Summary comment", "  (none)", "");
  for (const comment of snapshot.issueComments) {
    lines.push(`Comment by ${comment.user}`);
    lines.push(...indent(withoutMarkers(comment.body), "  "));
    lines.push("");
  }
  const writes = requests.filter((r) => r.method !== "GET");
  lines.push(`GitHub API calls: ${requests.length} (${writes.length} writes)`);
  for (const r of writes) lines.push(`  ${r.method.padEnd(6)} ${r.path} -> ${r.status}`);
  return lines;
}

/**
 * Seeds a stand-in from `fixture`, hosts the app against it with the settings of this
 * environment (throttling and the sweep off unless set), delivers `pull_request.opened`, waits until the app's queue has nothing left to
 * do, and reads back the result.
 */
export async function runDemo(fixture: string, built: BuiltApp): Promise<DemoResult> {
  const standin = await Standin.start();
  // The stand-in has no rate limits to respect: writes go out without the production spacing of a
  // second, unless STORY_TRIAGE_THROTTLE says otherwise.
  // The board's reconcile sweep would add reads of its own: the demo shows what one webhook does.
  const triage = built.createStoryTriage(built.readSettings({ STORY_TRIAGE_THROTTLE: "off", STORY_TRIAGE_SWEEP_SECONDS: "0", ...process.env }));
  const app = await hostApp(triage.app, standin, { logLevel: "error" });
  try {
    const { repo, pull } = await seedFromFolder(standin, fixture, { owner: "demo-org", repo: "stories" });
    const payload = pullRequestPayload(standin, repo, pull.number, "opened");
    const delivery = await app.deliver("pull_request", payload);
    await triage.idle();
    const snapshot = standin.snapshot(repo, pull.number);
    const requests = [...standin.requests];
    const lines = [
      `story-triage demo: pull request #${pull.number} "${pull.title}" by ${pull.user.login}`,
      `from ${relative(process.cwd(), fixture) || "."}, replayed against a local GitHub stand-in (nothing leaves this machine).`,
      "",
      `Webhook pull_request.opened (signed) -> HTTP ${delivery.status} after ${delivery.ms} ms`,
      "",
      ...describeSnapshot(snapshot, requests),
    ];
    return { status: delivery.status, snapshot, requests, lines };
  } finally {
    await triage.close(5000);
    await app.close();
    await standin.close();
  }
}

async function main(): Promise<void> {
  const fixture = resolve(process.argv[2] ?? resolve(REPO_ROOT, "fixtures/demo"));
  const result = await runDemo(fixture, await loadApp());
  process.stdout.write(`${result.lines.join("\n")}\n`);
  if (result.status !== 200) process.exitCode = 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
