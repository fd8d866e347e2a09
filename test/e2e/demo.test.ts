/**
 * `npm run demo` after the build: `node lib/demo/run-demo.js` must run the real app on the
 * fixture, print what it posted and exit by itself.
 */
import { expect, test } from "@jest/globals";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../support/app-process.js";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runDemo(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    // A timeout kills a demo that does not exit by itself; `code` is then null.
    execFile(process.execPath, [join(REPO_ROOT, "lib/demo/run-demo.js"), ...args], { cwd: REPO_ROOT, timeout: 30000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
      resolve({ code, stdout, stderr });
    });
  });
}

const STORY = "stories/status_quo/grace_chases_a_stuck_future.md";

test("prints the labels, the review comments, the check run and the summary comment, then exits", async () => {
  const { code, stdout, stderr } = await runDemo([]);
  expect(stderr).toBe("");
  expect(code).toBe(0);
  const lines = stdout.split("\n");
  expect(lines[0]).toBe('story-triage demo: pull request #12 "Status quo story: Grace chases a stuck future" by ferris-writes');
  expect(lines.filter((l) => /^Webhook pull_request\.opened \(signed\) -> HTTP 200 after \d+ ms$/.test(l))).toHaveLength(1);
  expect(lines[lines.indexOf("Labels") + 1]).toBe("  status-quo, draft, character:Grace, needs-faq");
  expect(lines).toContain("Review by story-triage[bot] (COMMENTED), 2 comment(s)");
  expect(lines).toContain(`  ${STORY}:22`);
  expect(lines).toContain(`  ${STORY}:29`);
  expect(lines).toContain('Check run "story-triage": completed, conclusion failure');
  expect(lines.filter((l) => l.startsWith("    failure ") && l.includes(`${STORY}:`))).toHaveLength(2);
  expect(lines).toContain("Comment by story-triage[bot]");
  // Hidden markers are for the app, not for the reader.
  expect(stdout).not.toContain("<!--");
}, 40000);

test("the README shows what the demo prints, but for the time the webhook took", async () => {
  const { code, stdout } = await runDemo([]);
  expect(code).toBe(0);
  const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
  const block = /````text\n\$ npm run demo\n([\s\S]*?)\n````/.exec(readme);
  expect(block).not.toBeNull();
  const untimed = (text: string) => text.replace(/after \d+ ms/g, "after N ms").trimEnd();
  expect(untimed(block?.[1] ?? "")).toBe(untimed(stdout));
}, 40000);

test("a folder that is not a pull request fixture fails with a message naming it", async () => {
  const { code, stdout, stderr } = await runDemo([join(REPO_ROOT, "fixtures/no-such-fixture")]);
  expect(code).toBe(1);
  expect(stdout).toBe("");
  expect(stderr).toMatch(/^demo failed: .*fixtures\/no-such-fixture\/pr\.json/);
}, 40000);
