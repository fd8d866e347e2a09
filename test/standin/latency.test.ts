/**
 * The stand-in's fixed response latency (a GitHub that is 50 ms away, for the load benchmark)
 * and its per-request answer hook.
 */
import { afterEach, describe, expect, test } from "@jest/globals";
import { Standin, type RecordedRequest } from "../../src/standin/server.js";
import { installationToken } from "../support/octokit.js";

let standin: Standin | undefined;

afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

describe("latencyMs", () => {
  test("every request, the token exchange included, is answered no sooner than the latency after it arrived, and onAnswered sees each one", async () => {
    const answered: Array<{ seq: number; status: number; at: number }> = [];
    standin = await Standin.start({ latencyMs: 120, onAnswered: (r: RecordedRequest) => answered.push({ seq: r.seq, status: r.status, at: Date.now() }) });
    standin.addRepo({ owner: "o", name: "r", installationId: 5 });
    const started = Date.now();
    const token = await installationToken(standin, 5);
    const afterToken = Date.now();
    const response = await fetch(`${standin.apiUrl}/repos/o/r/pulls/1`, { headers: { authorization: `token ${token}` } });
    const afterRead = Date.now();
    expect(response.status).toBe(404);
    expect(afterToken - started).toBeGreaterThanOrEqual(115);
    expect(afterRead - afterToken).toBeGreaterThanOrEqual(115);
    expect(answered.map((a) => [a.seq, a.status])).toEqual([
      [1, 201],
      [2, 404],
    ]);
    expect(standin.requests.map((r) => [r.seq, r.method, r.path, r.status, r.fault])).toEqual([
      [1, "POST", "/app/installations/5/access_tokens", 201, undefined],
      [2, "GET", "/repos/o/r/pulls/1", 404, undefined],
    ]);
  });

  test("requests in flight wait side by side, not one after another", async () => {
    standin = await Standin.start({ latencyMs: 200 });
    const started = Date.now();
    const statuses = await Promise.all(Array.from({ length: 10 }, () => fetch(`${standin?.apiUrl ?? ""}/app`).then((r) => r.status)));
    expect(statuses).toEqual(Array.from({ length: 10 }, () => 401));
    // Ten requests at 200 ms each would take 2 s one after another.
    expect(Date.now() - started).toBeLessThan(1500);
  });

  test("a latency that is not a number of milliseconds is refused, naming the option", async () => {
    await expect(Standin.start({ latencyMs: -1 })).rejects.toThrow("latencyMs must be a number of milliseconds, 0 or more; got -1");
    await expect(Standin.start({ latencyMs: Number.NaN })).rejects.toThrow("latencyMs must be a number of milliseconds, 0 or more; got NaN");
  });
});
