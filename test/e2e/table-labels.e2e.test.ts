/**
 * Labels from tables end to end: the built app as its own process against the stand-in, with a
 * goal document (fixtures/goal) and `table-labels` in the repository's configuration. A label per
 * team the goal asks and one for its Status are added; when an ask goes or the status changes,
 * the app removes the labels it applied; a label a person removed stays off, and a person's own
 * team label stays on. The board shows them as facets.
 */
import { afterAll, beforeAll, expect, test } from "@jest/globals";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { computeFiles, seedFromFolder } from "../../src/standin/seed.js";
import { Standin, type PullSnapshot } from "../../src/standin/server.js";
import type { PullRequest, Repo } from "../../src/standin/state.js";
import { REPO_ROOT, startAppProcess, type AppProcess } from "../support/app-process.js";
import { issueCommentWebhook, pullRequestWebhook } from "../support/payloads.js";

const FIXTURE = join(REPO_ROOT, "fixtures/goal");
const GOAL = "src/2026/parallel-front-end.md";
const GOAL_TEXT = readFileSync(join(FIXTURE, "head", GOAL), "utf8");
const CONFIG = readFileSync(join(FIXTURE, "story-triage.yml"), "utf8");

let standin: Standin;
let repo: Repo;
let pull: PullRequest;
let app: AppProcess;

const snapshot = (): PullSnapshot => standin.snapshot(repo, pull.number);
const sorted = (labels: readonly string[]) => [...labels].sort();
const settle = () => standin.whenQuiet(3500, 60000);
const byBot = (s: PullSnapshot, event: "labeled" | "unlabeled") => s.events.filter((e) => e.event === event && e.actor === standin.botLogin).map((e) => e.label);

async function push(sha: string, text: string): Promise<void> {
  const tree = Object.fromEntries([...(repo.commits.get(pull.headSha) ?? new Map<string, Uint8Array>())]);
  standin.addCommit(repo, sha, { ...tree, [GOAL]: text });
  standin.push(repo, pull.number, sha, computeFiles(new Map(), new Map([[GOAL, Buffer.from(text)]])));
  const delivery = await app.deliver("pull_request", pullRequestWebhook(standin, repo, pull.number, "synchronize"));
  expect(delivery.status).toBe(200);
  await settle();
}

beforeAll(async () => {
  if (!existsSync(join(REPO_ROOT, "lib/index.js"))) throw new Error("lib/index.js is missing: run `npm run build` first (npm test does)");
  standin = await Standin.start();
  ({ repo, pull } = await seedFromFolder(standin, FIXTURE, { owner: "goal-org", repo: "goals", extraBaseFiles: { ".github/story-triage.yml": CONFIG } }));
  standin.setPermission(repo, "maintainer", "write");
  app = await startAppProcess(standin, { logLevel: "warn" });
  standin.forwardWebhooks({ url: app.webhookUrl, secret: app.secret, events: ["pull_request", "issue_comment", "check_run"] });
  const delivery = await app.deliver("pull_request", pullRequestWebhook(standin, repo, pull.number, "opened"));
  expect(delivery.status).toBe(200);
  await settle();
}, 60000);

afterAll(async () => {
  await app?.stop();
  await standin?.close();
});

test("opened: the kind, a label per team asked, the status; created with the table labels' colour and description", () => {
  expect(sorted(snapshot().labels)).toEqual(["T-compiler", "T-lang", "goal", "status:Proposed"]);
  expect(["T-compiler", "T-lang", "status:Proposed"].map((name) => {
    const label = repo.labels.get(name.toLowerCase());
    return [label?.name, label?.color, label?.description];
  })).toEqual([
    ["T-compiler", "bfdadc", "compiler in the Team column of a Team table (story-triage)"],
    ["T-lang", "bfdadc", "lang in the Team column of a Team table (story-triage)"],
    ["status:Proposed", "bfdadc", "Status: Proposed in the Metadata table (story-triage)"],
  ]);
});

test("the board shows them as facets", async () => {
  const board = (await (await fetch(`${app.url}/board.json`)).json()) as { facets: Record<string, { value: string; count: number }[]> };
  expect(board.facets["label"]?.map((v) => [v.value, v.count])).toEqual([
    ["status:Proposed", 1],
    ["T-compiler", 1],
    ["T-lang", 1],
  ]);
});

test("an ask gone and the status changed: the app removes its labels, adds the new status, keeps a person's own team label", async () => {
  standin.labelAs("maintainer", repo, pull.number, "T-types");
  const edited = GOAL_TEXT.replace("| [lang]     | Small         | A design meeting on the flag.  |\n", "").replace("| Status           | Proposed       |", "| Status           | Accepted       |");
  await push("a1b2c3d4e5f60718293a4b5c6d7e8f9012345678", edited);
  const after = snapshot();
  expect(sorted(after.labels)).toEqual(["T-compiler", "T-types", "goal", "status:Accepted"]);
  expect(byBot(after, "unlabeled").sort()).toEqual(["T-lang", "status:Proposed"]);
}, 90000);

test("a team label a person removed is not put back; the ask coming back does not add the removed one either", async () => {
  standin.unlabelAs("maintainer", repo, pull.number, "T-compiler");
  const comment = standin.commentAs("maintainer", repo, pull.number, "/triage");
  const delivery = await app.deliver("issue_comment", issueCommentWebhook(standin, repo, comment, "created"));
  expect(delivery.status).toBe(200);
  await settle();
  expect(sorted(snapshot().labels)).toEqual(["T-types", "goal", "status:Accepted"]);
  await push("b2c3d4e5f60718293a4b5c6d7e8f901234567890", GOAL_TEXT.replace("| Status           | Proposed       |", "| Status           | Accepted       |"));
  expect(sorted(snapshot().labels)).toEqual(["T-lang", "T-types", "goal", "status:Accepted"]);
}, 90000);
