/**
 * The board served by the app (in process, on a real HTTP server, against the stand-in): after
 * signed webhooks are triaged, /board and its JSON show the records; a page view makes no GitHub
 * request; a private repository's pull request is never shown to an anonymous viewer; markup in
 * a title stays text; a merged pull request leaves the open view; an oversized webhook body is
 * refused before it is read.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import storyTriage from "../../src/index.js";
import { hostApp, type HostedApp } from "../../src/standin/host.js";
import { Standin } from "../../src/standin/server.js";
import { pullRequestPayload } from "../../src/standin/webhooks.js";
import { MISSING_QUESTION, seedBoardWorld, STORY_PATH, STORY_TITLE, XSS_TITLE, type BoardWorld } from "./support/board-world.js";

let standin: Standin;
let app: HostedApp;
let world: BoardWorld;
let base: string;

async function get(path: string, accept?: string): Promise<{ status: number; type: string; csp: string; body: string }> {
  const response = await fetch(`${base}${path}`, accept === undefined ? {} : { headers: { accept } });
  return {
    status: response.status,
    type: response.headers.get("content-type") ?? "",
    csp: response.headers.get("content-security-policy") ?? "",
    body: await response.text(),
  };
}

beforeAll(async () => {
  standin = await Standin.start();
  world = await seedBoardWorld(standin);
  app = await hostApp(storyTriage, standin, { logLevel: "fatal" });
  base = new URL(app.webhookUrl).origin;
  for (const seeded of [world.demo, world.markup, world.hidden]) {
    const delivered = await app.deliver("pull_request", pullRequestPayload(standin, seeded.repo, seeded.pull.number, "opened"));
    expect(delivered.status).toBe(200);
  }
  await standin.whenQuiet(500, 30000);
});

afterAll(async () => {
  await app?.close();
  await standin?.close();
});

describe("the board after triage", () => {
  test("/board lists the public story pull requests with their stories, FAQ state, check and waiting-on", async () => {
    const page = await get("/board");
    expect(page.status).toBe(200);
    expect(page.type).toBe("text/html; charset=utf-8");
    expect(page.csp).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    );
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc="\/board\/assets\/board\.js")/);
    // No inline style or event handler attribute on any tag (escaped text has no tags).
    expect(page.body.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\s(?:style|on[a-z]+)=/i);
    expect(page.body).toContain(
      `story-org/stories#12</a><br><span class="title">Status quo story: Grace chases a stuck future</span><br><span class="by">by <a href="/board?author=ferris-writes">ferris-writes</a></span>`,
    );
    expect(page.body).toContain(`<p class="story-facts"><a href="/board?kind=status-quo">status-quo</a> · <a href="/board?character=Grace">Grace</a> <span class="badge">draft story</span></p>`);
    expect(page.body).toContain(`<span class="story-title">${STORY_TITLE}</span> <code>${STORY_PATH}</code>`);
    expect(page.body).toContain(`<span class="faq-state">2 of 4 answered</span>`);
    expect(page.body).toContain(`<li>${MISSING_QUESTION.replace(/\*/g, "*")}</li>`);
    expect(page.body).toContain(`<td class="waiting waiting-author">author</td>`);
    expect(page.body).toContain(`<td class="check check-failure">failed</td>`);
  });

  test("a title that is markup is shown as text", async () => {
    const page = await get("/board");
    expect(page.body).not.toContain(XSS_TITLE);
    expect(page.body).toContain(`<span class="title">&lt;img src=x onerror=alert(1)&gt;</span>`);
  });

  test("an anonymous viewer never sees a private repository's pull request, in HTML or JSON, on any path", async () => {
    for (const path of ["/board", "/board.json", "/board?q=grace", "/board.json?view=board"]) {
      const page = await get(path);
      expect(page.status).toBe(200);
      expect(page.body).not.toContain("secret-org");
    }
    const scoped = await get("/board/secret-org/hidden");
    expect(scoped.body).not.toContain("hidden#12");
    expect(scoped.body).toContain("<h2>Nothing needs triage</h2>");
    expect(JSON.parse((await get("/board/secret-org/hidden.json")).body)).toMatchObject({ open: 0, pulls: [], recentlyClosed: [], repositories: [] });
    expect((await get("/board")).body).toContain("sign-in with GitHub is not configured on this server, so private repositories are never shown");
  });

  test("the JSON has the documented schema and the same rows", async () => {
    const json = await get("/board.json");
    expect(json.type).toBe("application/json; charset=utf-8");
    const data = JSON.parse(json.body) as Record<string, unknown>;
    expect(data).toMatchObject({ schema: "story-triage/board", version: 1, scope: null, open: 2, matching: 2, privateRepositories: "never-shown" });
    const pulls = data["pulls"] as Array<Record<string, unknown>>;
    expect(pulls.map((p) => `${p["repository"]}#${p["number"]}`).sort()).toEqual(["story-org/markup#12", "story-org/stories#12"]);
    const demo = pulls.find((p) => p["repository"] === "story-org/stories");
    expect(demo).toMatchObject({
      url: "https://github.com/story-org/stories/pull/12",
      title: "Status quo story: Grace chases a stuck future",
      author: "ferris-writes",
      draft: false,
      state: "open",
      waitingOn: "author",
      column: "needs-faq",
      check: { conclusion: "failure", configProblems: 0 },
      faq: { questions: 4, answered: 2 },
      stories: [{ path: STORY_PATH, title: STORY_TITLE, kind: "status-quo", draft: true, characters: ["Grace"], questions: 4, answered: 2 }],
    });
    expect((demo?.["faq"] as { open: string[] }).open).toContain(MISSING_QUESTION);
    expect(JSON.parse((await get("/board", "application/json")).body)).toMatchObject({ schema: "story-triage/board", open: 2 });
    expect(JSON.parse((await get("/board/story-org/stories.json")).body)).toMatchObject({ scope: "story-org/stories", open: 1 });
  });

  test("a page view reads the records only: no GitHub request", async () => {
    standin.clearRequests();
    await get("/board");
    await get("/board.json");
    await get("/board/story-org/stories?kind=status-quo&view=board");
    expect(standin.requests).toEqual([]);
  });

  test("paths that are not the board's pages answer 404, other methods 405", async () => {
    expect((await get("/board/a/b/c")).status).toBe(404);
    expect((await get("/board/assets/nothing.js")).status).toBe(404);
    const post = await fetch(`${base}/board`, { method: "POST" });
    expect(post.status).toBe(405);
    const script = await get("/board/assets/board.js");
    expect([script.status, script.type]).toEqual([200, "text/javascript; charset=utf-8"]);
  });
});

describe("leaving the open view", () => {
  test("a merged pull request leaves the open view and is listed under recently merged", async () => {
    const { repo, pull } = world.markup;
    standin.closePull(repo, pull.number, true);
    const payload = pullRequestPayload(standin, repo, pull.number, "closed");
    // Closed now by the wall clock (the stand-in's own clock is in 2024, past the 14 days the board keeps it).
    (payload["pull_request"] as Record<string, unknown>)["closed_at"] = new Date().toISOString();
    expect((await app.deliver("pull_request", payload)).status).toBe(200);
    const data = JSON.parse((await get("/board.json")).body) as { open: number; pulls: Array<{ repository: string }>; recentlyClosed: Array<{ repository: string; state: string }> };
    expect(data.open).toBe(1);
    expect(data.pulls.map((p) => p.repository)).toEqual(["story-org/stories"]);
    expect(data.recentlyClosed.map((p) => [p.repository, p.state])).toEqual([["story-org/markup", "merged"]]);
  });
});

describe("webhook bodies over 25 MB", () => {
  test("are refused with 413 before they are read whole; /ping still answers", async () => {
    const big = Buffer.alloc(30 * 1024 * 1024, 0x20);
    const response = await fetch(app.webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "pull_request", "x-github-delivery": "big-1", "x-hub-signature-256": "sha256=00" },
      body: big,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: "Webhook bodies over 26214400 bytes are refused (GitHub sends at most 25 MB)" });
  });

  test("a body under the cap still reaches Probot (an unsigned one is refused by its signature check)", async () => {
    const response = await fetch(app.webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "ping", "x-github-delivery": "small-1", "x-hub-signature-256": "sha256=00" },
      body: JSON.stringify({ zen: "hi" }),
    });
    expect(response.status).toBe(400);
  });
});
