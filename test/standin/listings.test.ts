/** The stand-in's listings for the board's sweep: installations, an installation's repositories, open pull requests; ETags and 304s. */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { Standin } from "../../src/standin/server.js";
import { installationOctokit } from "../support/octokit.js";

let standin: Standin;

beforeAll(async () => {
  standin = await Standin.start();
  const a = standin.addRepo({ owner: "org", name: "a", installationId: 1 });
  standin.addRepo({ owner: "org", name: "b", installationId: 1, private: true });
  standin.addRepo({ owner: "other", name: "c", installationId: 2 });
  for (const number of [1, 2, 3]) standin.addPull(a, { number, headSha: `head${number}`, baseSha: "base", files: [] });
  standin.closePull(a, 2, true);
});

afterAll(async () => {
  await standin?.close();
});

async function get(path: string, headers: Record<string, string>): Promise<{ status: number; etag: string | null; body: unknown }> {
  const response = await fetch(`${standin.apiUrl}${path}`, { headers });
  const text = await response.text();
  return { status: response.status, etag: response.headers.get("etag"), body: text === "" ? null : JSON.parse(text) };
}

const JWT = { authorization: "Bearer header.payload.signature" };

describe("listings", () => {
  test("the app's installations take the app's JWT", async () => {
    const listed = await get("/app/installations", JWT);
    expect((listed.body as Array<{ id: number; account: { login: string } }>).map((i) => [i.id, i.account.login])).toEqual([
      [1, "org"],
      [2, "other"],
    ]);
    expect((await get("/app/installations", {})).status).toBe(401);
  });

  test("an installation's repositories, private ones marked, and only its own", async () => {
    const octokit = await installationOctokit(standin, 1);
    const { data } = await octokit.request("GET /installation/repositories");
    expect(data.total_count).toBe(2);
    expect(data.repositories.map((r) => [r.full_name, r.private])).toEqual([
      ["org/a", false],
      ["org/b", true],
    ]);
  });

  test("open pull requests by default, newest first; closed and all on request; a merged one says so", async () => {
    const octokit = await installationOctokit(standin, 1);
    const open = await octokit.request("GET /repos/{owner}/{repo}/pulls", { owner: "org", repo: "a" });
    expect(open.data.map((p) => [p.number, p.head.sha, p.state])).toEqual([
      [3, "head3", "open"],
      [1, "head1", "open"],
    ]);
    const closed = await octokit.request("GET /repos/{owner}/{repo}/pulls", { owner: "org", repo: "a", state: "closed" });
    expect(closed.data.map((p) => [p.number, p.merged_at !== null])).toEqual([[2, true]]);
    const all = await octokit.request("GET /repos/{owner}/{repo}/pulls", { owner: "org", repo: "a", state: "all", per_page: 2 });
    expect(all.data.map((p) => p.number)).toEqual([3, 2]);
    expect(all.headers.link).toContain('rel="next"');
  });

  test("a GET carries an ETag; If-None-Match with it gets 304 and no body, until the answer changes", async () => {
    const first = await get("/app/installations", JWT);
    expect(first.etag).toMatch(/^W\/"[0-9a-f]{40}"$/);
    const again = await get("/app/installations", { ...JWT, "if-none-match": first.etag ?? "" });
    expect([again.status, again.body]).toEqual([304, null]);
    standin.addRepo({ owner: "third", name: "d", installationId: 3 });
    const changed = await get("/app/installations", { ...JWT, "if-none-match": first.etag ?? "" });
    expect(changed.status).toBe(200);
    expect(changed.etag).not.toBe(first.etag);
  });
});
