/**
 * The developers' corpus through both doors: every real pull request of ../shared/corpus is seeded
 * twice on the stand-in, once triaged by the app (hosted in this process, over HTTP, from a
 * signed webhook) and once by the COMMITTED action bundle as its own process with a workflow's
 * GITHUB_TOKEN. Labels, reviews and their comments, check runs (conclusion, title, summary,
 * annotations) and summary comments must be the same on every pull request; only the author
 * differs (the app's bot, github-actions[bot]). Skips, saying so, when the corpus is absent.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createStoryTriage, readSettings, type StoryTriage } from "../../src/index.js";
import { hostApp, type HostedApp } from "../../src/standin/host.js";
import { seedFromFolder } from "../../src/standin/seed.js";
import { Standin, type PullSnapshot } from "../../src/standin/server.js";
import { runActionProcess } from "../support/action-process.js";
import { CORPUS, WG_ASYNC_CONFIG } from "../support/corpus.js";
import { pullRequestWebhook } from "../support/payloads.js";

const SUMMARY_MARKER = "<!-- story-triage:summary -->";

/** What a person sees of the triage on a pull request, without who wrote it, ids or shas. */
function seen(snapshot: PullSnapshot) {
  return {
    labels: [...snapshot.labels].sort(),
    reviews: snapshot.reviews.map((review) => ({
      state: review.state,
      body: review.body,
      comments: review.comments.map((c) => `${c.path}:${c.line ?? "?"}:${c.side}\n${c.body}`).sort(),
    })),
    checkRuns: snapshot.checkRuns.map(({ name, status, conclusion, title, summary, text, annotations }) => ({ name, status, conclusion, title, summary, text, annotations })),
    summaries: snapshot.issueComments.filter((c) => c.body.startsWith(SUMMARY_MARKER)).map((c) => c.body),
  };
}

const present = existsSync(join(CORPUS, "annotations.jsonl"));
const folders = present ? readdirSync(CORPUS).filter((name) => /^pr-\d+$/.test(name)).sort((a, b) => Number(a.slice(3)) - Number(b.slice(3))) : [];
const results = new Map<string, { app: ReturnType<typeof seen>; action: ReturnType<typeof seen>; actionExit: number; actionBots: string[] }>();

if (!present) console.log(`action corpus replay skipped: no corpus at ${CORPUS}`);

(present ? describe : describe.skip)("the corpus through the app and through the action", () => {
  let standin: Standin;
  let app: HostedApp;
  let triage: StoryTriage;

  beforeAll(async () => {
    standin = await Standin.start();
    triage = createStoryTriage(readSettings({ STORY_TRIAGE_SWEEP_SECONDS: "0", STORY_TRIAGE_BOARD: "off" }));
    app = await hostApp(triage.app, standin, { logLevel: "fatal" });
    for (const folder of folders) {
      const seed = (repo: string) => seedFromFolder(standin, join(CORPUS, folder), { owner: "wg-async", repo, extraBaseFiles: { ".github/story-triage.yml": WG_ASYNC_CONFIG } });
      const viaApp = await seed(`${folder}-app`);
      await app.deliver("pull_request", pullRequestWebhook(standin, viaApp.repo, viaApp.pull.number, "opened"));
      await triage.idle();
      await standin.whenQuiet(50, 30000);
      const viaAction = await seed(`${folder}-action`);
      const run = await runActionProcess(standin, viaAction.repo, "pull_request_target", pullRequestWebhook(standin, viaAction.repo, viaAction.pull.number, "opened"), {
        token: standin.workflowToken(viaAction.repo),
      });
      const actionSnapshot = standin.snapshot(viaAction.repo, viaAction.pull.number);
      results.set(folder, {
        app: seen(standin.snapshot(viaApp.repo, viaApp.pull.number)),
        action: seen(actionSnapshot),
        actionExit: run.code,
        actionBots: [...new Set([...actionSnapshot.reviews.map((r) => r.user), ...actionSnapshot.issueComments.map((c) => c.user), ...actionSnapshot.events.map((e) => e.actor)])],
      });
    }
    const same = [...results.values()].filter((r) => JSON.stringify(r.app) === JSON.stringify(r.action)).length;
    console.log(`action corpus replay: ${same}/${results.size} pull requests triaged the same by the app and the action (labels, reviews, check runs, summaries)`);
  }, 600000);

  afterAll(async () => {
    await app?.close();
    await standin?.close();
  });

  const table = folders.length > 0 ? folders : ["(no corpus)"];
  test.each(table)("%s: the action wrote what the app wrote, as github-actions[bot], and exited 0", (folder) => {
    const result = results.get(folder);
    expect(result?.actionExit).toBe(0);
    expect(result?.actionBots.every((login) => login === "github-actions[bot]")).toBe(true);
    expect(result?.action).toEqual(result?.app);
  });
});
