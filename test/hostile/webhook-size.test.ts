/**
 * Webhook bodies over GitHub's 25 MB cap, sent to the built app in its own process: refused with
 * 413 before they are read whole, whether they say their length or not, without the process
 * holding them (its peak resident memory barely moves); a body at the cap still reaches Probot.
 */
import { afterAll, beforeAll, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { Standin } from "../../src/standin/server.js";
import { startAppProcess, type AppProcess } from "../support/app-process.js";

let standin: Standin;
let app: AppProcess;

/** Peak resident memory of the app's process (VmHWM), in MB. */
function peakMb(): number {
  const status = readFileSync(`/proc/${app.child.pid}/status`, "utf8");
  return Math.round(Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) / 1024);
}

const HEADERS = { "content-type": "application/json", "x-github-event": "pull_request", "x-github-delivery": "size-1", "x-hub-signature-256": `sha256=${"ab".repeat(32)}` };
const MB = 1024 * 1024;

beforeAll(async () => {
  standin = await Standin.start();
  app = await startAppProcess(standin, { logLevel: "warn" });
});

afterAll(async () => {
  await app?.stop();
  await standin?.close();
});

test("30 MB bodies, with a length and without (chunked), are refused with 413 and never held", async () => {
  const before = peakMb();
  const declared = await fetch(app.webhookUrl, { method: "POST", headers: HEADERS, body: Buffer.alloc(30 * MB, 0x20) });
  expect(declared.status).toBe(413);
  await declared.text();
  const afterDeclared = peakMb();
  const chunk = Buffer.alloc(MB, 0x20);
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= 30) controller.close();
      else {
        sent += 1;
        controller.enqueue(chunk);
      }
    },
  });
  const chunked = await fetch(app.webhookUrl, { method: "POST", headers: HEADERS, body: stream, duplex: "half" } as RequestInit);
  expect(chunked.status).toBe(413);
  await chunked.text();
  const after = peakMb();
  process.stdout.write(
    `webhook size cap: peak resident memory of the app ${before} MB at start, ${afterDeclared} MB after a refused 30 MB body with its length, ${after} MB after a refused 30 MB chunked one\n`,
  );
  // Refused on its Content-Length: none of it is read.
  expect(afterDeclared - before).toBeLessThan(10);
  // Without a length, at most the first 25 MB are held, once, until the byte over the cap
  // (Probot's own reader held a whole body several times over: 122 MB to 413 MB for 30 MB).
  expect(after - afterDeclared).toBeLessThan(45);
  expect((await fetch(`${app.url}/ping`)).status).toBe(200);
  expect(app.output()).toContain("story-triage: refused a webhook body over the size GitHub sends");
});

test("a body at the cap is read and handed to Probot, which checks its signature", async () => {
  const response = await fetch(app.webhookUrl, { method: "POST", headers: HEADERS, body: Buffer.alloc(25 * MB, 0x20) });
  expect(response.status).toBe(400);
  expect(await response.text()).toContain("signature does not match");
});
