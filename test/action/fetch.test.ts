import { afterAll, beforeAll, expect, test } from "@jest/globals";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { nodeFetch } from "../../src/action/fetch.js";

let server: Server;
let base = "";
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      seen.push(`${req.method} ${req.url} ${body}`);
      if (req.url === "/moved") return void res.writeHead(302, { location: "/json" }).end();
      if (req.url === "/kept") return void res.writeHead(307, { location: "/echo" }).end();
      if (req.url === "/loop") return void res.writeHead(301, { location: "/loop" }).end();
      if (req.url === "/echo") return void res.writeHead(201, { "content-type": "text/plain", "X-Thing": "a" }).end(`${req.method}:${body}`);
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test("answers with status, url, lower-case headers and the body as text, bytes and JSON", async () => {
  const fetch = nodeFetch();
  const echo = await fetch(`${base}/echo`, { method: "POST", body: '{"a":1}', headers: { "content-type": "application/json" } });
  expect([echo.status, echo.url, echo.headers.get("X-THING"), await echo.text()]).toEqual([201, `${base}/echo`, "a", 'POST:{"a":1}']);
  expect([...echo.headers].find(([name]) => name === "x-thing")).toEqual(["x-thing", "a"]);
  const json = await fetch(`${base}/json`);
  expect(await json.json()).toEqual({ ok: true });
  expect(new TextDecoder().decode(await json.arrayBuffer())).toBe('{"ok":true}');
  expect(Buffer.from(json.body).toString("utf8")).toBe('{"ok":true}');
});

test("follows redirects as fetch does: a 302 POST becomes a GET, a 307 keeps method and body; endless ones fail", async () => {
  const fetch = nodeFetch();
  seen.length = 0;
  const moved = await fetch(`${base}/moved`, { method: "POST", body: "x" });
  expect([moved.status, moved.url]).toEqual([200, `${base}/json`]);
  const kept = await fetch(`${base}/kept`, { method: "PATCH", body: "y" });
  expect(await kept.text()).toBe("PATCH:y");
  expect(seen).toEqual(["POST /moved x", "GET /json ", "PATCH /kept y", "PATCH /echo y"]);
  await expect(fetch(`${base}/loop`)).rejects.toThrow("fetch failed");
  const manual = await fetch(`${base}/moved`, { redirect: "manual" });
  expect([manual.status, manual.headers.get("location")]).toEqual([302, "/json"]);
});

test("a connection that fails is a TypeError('fetch failed') with the cause, as fetch throws", async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", () => resolve()));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const error: unknown = await nodeFetch()(`http://127.0.0.1:${port}/`).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(TypeError);
  expect((error as TypeError).cause).toMatchObject({ code: "ECONNREFUSED" });
});
