/**
 * Who sees what on the board, with "Sign in with GitHub" configured: the app in process against
 * the stand-in, which plays GitHub's OAuth web flow. An anonymous viewer never sees a private
 * repository's pull request, in HTML or JSON; a signed-in viewer sees the private repositories
 * of their own installations only; a forged or replayed OAuth state is refused; cookies are
 * signed, HttpOnly and SameSite=Lax; sign-out ends the session on the server.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { cookieHeader, signValue, verifyValue } from "../../src/board/sign-in.js";
import { createStoryTriage, readSettings, type StoryTriage } from "../../src/index.js";
import { hostApp, type HostedApp } from "../../src/standin/host.js";
import { seedFromFolder } from "../../src/standin/seed.js";
import { Standin } from "../../src/standin/server.js";
import { pullRequestPayload } from "../../src/standin/webhooks.js";
import { DEMO, seedBoardWorld } from "../board/support/board-world.js";

const PUBLIC_URL = "http://board.test";
const SESSION_SECRET = "a-session-secret-of-at-least-32-characters";

let standin: Standin;
let triage: StoryTriage;
let app: HostedApp;
let base: string;

function cookieOf(response: Response, name: string): string {
  const line = response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  if (line === undefined) throw new Error(`no ${name} cookie in ${JSON.stringify(response.headers.getSetCookie())}`);
  return line;
}

const pair = (setCookie: string) => setCookie.split(";")[0] ?? "";

interface Flow {
  stateCookie: string;
  callback: string;
  answer: Response;
}

/** Sign-in as `login`, following each redirect by hand; the callback is sent with the state cookie. */
async function signInAs(login: string): Promise<Flow> {
  standin.world.oauth.login = login;
  const start = await fetch(`${base}/board/auth/sign-in`, { redirect: "manual" });
  expect(start.status).toBe(302);
  const stateCookie = pair(cookieOf(start, "story_triage_oauth_state"));
  const authorize = await fetch(start.headers.get("location") ?? "", { redirect: "manual" });
  expect(authorize.status).toBe(302);
  const back = new URL(authorize.headers.get("location") ?? "");
  expect(back.origin).toBe(PUBLIC_URL);
  const callback = `${base}${back.pathname}${back.search}`;
  const answer = await fetch(callback, { redirect: "manual", headers: { cookie: stateCookie } });
  return { stateCookie, callback, answer };
}

async function boardAs(cookie: string | null): Promise<{ repositories: string[]; privateRepositories: string; page: string }> {
  const headers: Record<string, string> = cookie === null ? {} : { cookie };
  const json = (await (await fetch(`${base}/board.json`, { headers })).json()) as { pulls: Array<{ repository: string }>; privateRepositories: string };
  const page = await (await fetch(`${base}/board`, { headers })).text();
  return { repositories: [...new Set(json.pulls.map((p) => p.repository))].sort(), privateRepositories: json.privateRepositories, page };
}

beforeAll(async () => {
  standin = await Standin.start();
  const world = await seedBoardWorld(standin);
  standin.addRepo({ owner: "vault-org", name: "vault", installationId: 92, private: true });
  const vault = await seedFromFolder(standin, DEMO, { owner: "vault-org", repo: "vault" });
  standin.setPermission(world.hidden.repo, "alice", "write");
  triage = createStoryTriage(
    readSettings({
      STORY_TRIAGE_SWEEP_SECONDS: "0",
      GHE_HOST: standin.host,
      GHE_PROTOCOL: "http",
      STORY_TRIAGE_OAUTH_CLIENT_ID: standin.world.oauth.clientId,
      STORY_TRIAGE_OAUTH_CLIENT_SECRET: standin.world.oauth.clientSecret,
      STORY_TRIAGE_SESSION_SECRET: SESSION_SECRET,
      STORY_TRIAGE_BOARD_URL: PUBLIC_URL,
    }),
  );
  app = await hostApp(triage.app, standin, { logLevel: "fatal" });
  base = new URL(app.webhookUrl).origin;
  for (const seeded of [world.demo, world.hidden, vault]) {
    expect((await app.deliver("pull_request", pullRequestPayload(standin, seeded.repo, seeded.pull.number, "opened"))).status).toBe(200);
  }
  await standin.whenQuiet(500, 30000);
});

afterAll(async () => {
  await triage?.close(1000);
  await app?.close();
  await standin?.close();
});

describe("anonymous", () => {
  test("never sees a private repository's pull request, in HTML or JSON; the page offers sign-in", async () => {
    const anonymous = await boardAs(null);
    expect(anonymous.repositories).toEqual(["story-org/stories"]);
    expect(anonymous.privateRepositories).toBe("sign-in-to-see");
    expect(anonymous.page).not.toMatch(/secret-org|vault-org/);
    expect(anonymous.page).toContain(`<a href="/board/auth/sign-in">Sign in with GitHub</a>`);
    const scoped = await (await fetch(`${base}/board/secret-org/hidden.json`)).json();
    expect(scoped).toMatchObject({ open: 0, pulls: [] });
  });

  test("a session cookie with a forged signature counts as anonymous", async () => {
    expect((await boardAs(`story_triage_session=${signValue("another-secret-another-secret-xx", "made-up")}`)).repositories).toEqual(["story-org/stories"]);
  });
});

describe("signed in", () => {
  test("a viewer sees the private repositories of their own installations only", async () => {
    const flow = await signInAs("alice");
    expect(flow.answer.status).toBe(303);
    expect(flow.answer.headers.get("location")).toBe("/board");
    const session = cookieOf(flow.answer, "story_triage_session");
    expect(session).toMatch(/^story_triage_session=[\w-]+\.[\w-]+; Path=\/board; Max-Age=28800; HttpOnly; SameSite=Lax$/);
    const alice = await boardAs(pair(session));
    expect(alice.repositories).toEqual(["secret-org/hidden", "story-org/stories"]);
    expect(alice.privateRepositories).toBe("shown");
    expect(alice.page).toContain("Signed in as alice");
    expect(alice.page).not.toContain("vault-org");
  });

  test("a viewer with no installation access sees public repositories only", async () => {
    const flow = await signInAs("bob");
    expect(flow.answer.status).toBe(303);
    expect((await boardAs(pair(cookieOf(flow.answer, "story_triage_session")))).repositories).toEqual(["story-org/stories"]);
  });

  test("sign-out ends the session on the server: the old cookie no longer shows anything private", async () => {
    const flow = await signInAs("alice");
    const session = pair(cookieOf(flow.answer, "story_triage_session"));
    const out = await fetch(`${base}/board/auth/sign-out`, { method: "POST", redirect: "manual", headers: { cookie: session } });
    expect(out.status).toBe(303);
    expect(cookieOf(out, "story_triage_session")).toBe("story_triage_session=; Path=/board; Max-Age=0; HttpOnly; SameSite=Lax");
    expect((await boardAs(session)).repositories).toEqual(["story-org/stories"]);
  });
});

describe("the OAuth state", () => {
  test("the state cookie is signed, HttpOnly, SameSite=Lax, for /board/auth only, 10 minutes", async () => {
    const start = await fetch(`${base}/board/auth/sign-in`, { redirect: "manual" });
    expect(cookieOf(start, "story_triage_oauth_state")).toMatch(/^story_triage_oauth_state=[\w-]+\.[\w-]+; Path=\/board\/auth; Max-Age=600; HttpOnly; SameSite=Lax$/);
    const location = new URL(start.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(`http://${standin.host}/login/oauth/authorize`);
    expect(location.searchParams.get("client_id")).toBe(standin.world.oauth.clientId);
    expect(location.searchParams.get("redirect_uri")).toBe(`${PUBLIC_URL}/board/auth/callback`);
  });

  test("a forged state is refused: another state, no cookie, or a cookie signed with another secret", async () => {
    standin.world.oauth.login = "alice";
    const start = await fetch(`${base}/board/auth/sign-in`, { redirect: "manual" });
    const stateCookie = pair(cookieOf(start, "story_triage_oauth_state"));
    const forgedState = `${base}/board/auth/callback?code=whatever&state=${"A".repeat(43)}`;
    const state = new URL(start.headers.get("location") ?? "").searchParams.get("state") ?? "";
    const cases: Array<[string, Record<string, string>]> = [
      [forgedState, { cookie: stateCookie }],
      [`${base}/board/auth/callback?code=whatever&state=${state}`, {}],
      [`${base}/board/auth/callback?code=whatever&state=${state}`, { cookie: `story_triage_oauth_state=${signValue("another-secret-another-secret-xx", state)}` }],
    ];
    for (const [url, headers] of cases) {
      const answer = await fetch(url, { redirect: "manual", headers });
      expect(answer.status).toBe(400);
      expect(await answer.text()).toBe("Sign-in refused: the sign-in state does not match this browser's. Start again from “Sign in with GitHub”.\n");
      expect(answer.headers.getSetCookie()).toEqual([]);
    }
  });

  test("a replayed state is refused, even with its own cookie", async () => {
    const flow = await signInAs("alice");
    expect(flow.answer.status).toBe(303);
    const replay = await fetch(flow.callback, { redirect: "manual", headers: { cookie: flow.stateCookie } });
    expect(replay.status).toBe(400);
    expect(await replay.text()).toBe("Sign-in refused: this sign-in was already used. Start again from “Sign in with GitHub”.\n");
    expect(replay.headers.getSetCookie()).toEqual([]);
  });
});

describe("cookie helpers", () => {
  test("Secure behind https; a value whose signature does not match is refused", () => {
    expect(cookieHeader("n", "v", { path: "/board", maxAgeS: 60, secure: true })).toBe("n=v; Path=/board; Max-Age=60; HttpOnly; SameSite=Lax; Secure");
    const signed = signValue(SESSION_SECRET, "abc");
    expect(verifyValue(SESSION_SECRET, signed)).toBe("abc");
    expect(verifyValue(SESSION_SECRET, signed.replace("abc", "abd"))).toBeNull();
    expect(verifyValue("x".repeat(32), signed)).toBeNull();
    expect(verifyValue(SESSION_SECRET, "no-signature")).toBeNull();
  });
});
