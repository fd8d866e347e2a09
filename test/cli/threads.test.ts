/**
 * Checking on several threads (src/cli/pool.ts), through the built command as a whole process: the
 * same output, byte for byte, on one thread, on two, and with the cache; worker threads started
 * only when there is enough to check. Which threads ran is read from `node --cpu-prof`, which
 * writes one profile a thread.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { WORKERS_FROM_BYTES } from "../../src/cli/threads.js";
import { COMPLETE, INCOMPLETE, makeRepo, removeRepos, ROOT, sampleRepo, TEMPLATE } from "./support.js";

const BIN = path.join(ROOT, "lib", "story-triage.js");
const profiles: string[] = [];

/** Runs the command; `threads` is how many threads wrote a CPU profile. */
function cli(cwd: string, ...argv: string[]): { code: number | null; stdout: string; stderr: string; threads: number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "story-triage-prof-"));
  profiles.push(dir);
  const r = spawnSync(process.execPath, ["--cpu-prof", "--cpu-prof-dir", dir, BIN, ...argv], { cwd, encoding: "utf8", timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, threads: readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")).length };
}

/** A story of about `kb` kB: the complete or the incomplete one, with paragraphs, lists, code and links of its own. */
function story(i: number, kb: number): string {
  const base = i % 3 === 0 ? INCOMPLETE : COMPLETE;
  const parts: string[] = [];
  for (let n = 0; parts.join("\n").length < kb * 1024; n += 1) {
    parts.push(
      `Alan tries step ${n} of story ${i}: he reads the *docs*, then [the notes](./notes-${n % 4}.md) and \`block_on\`.\n`,
      n % 5 === 0 ? "```rust\nfn main() {\n    let x = 1;\n}\n```\n" : `- item ${n}\n- another with **bold** text\n`,
      n % 7 === 0 ? "| a | b |\n|---|---|\n| 1 | 2 |\n" : `> Grace says ${n}.\n`,
    );
  }
  return base.replace("\n## 🤔", `\n${parts.join("\n")}\n## 🤔`);
}

let big: string;
let bytes = 0;

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build before these tests (npm test does).`);
  const files: Record<string, string> = {};
  for (let i = 0; i < 40; i += 1) {
    const text = story(i, 2 + (i % 9));
    files[`stories/status_quo/story_${String(i).padStart(2, "0")}.md`] = text;
    bytes += Buffer.byteLength(text);
  }
  big = sampleRepo({ ...files, "stories/status_quo/template.md": TEMPLATE, "stories/status_quo/notes-1.md": "Notes.\n" });
});
afterAll(() => {
  removeRepos();
  for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
});

describe("--threads", () => {
  test("enough to check: two threads print what one prints, byte for byte, in text and in JSON", () => {
    expect(bytes).toBeGreaterThan(WORKERS_FROM_BYTES);
    for (const format of ["json", "text"]) {
      const one = cli(big, "check", "-f", format, "--threads", "1");
      const two = cli(big, "check", "-f", format, "--threads", "2");
      expect(one.threads).toBe(1);
      expect(two.threads).toBe(2);
      expect(one.code).toBe(1);
      expect(one.stderr).toBe("");
      expect({ ...two, threads: 1 }).toEqual(one);
      if (format === "json") expect((JSON.parse(one.stdout) as { files: unknown[] }).files).toHaveLength(43);
    }
  });

  test("the same with the cache, filled on two threads and read back", () => {
    const plain = cli(big, "check", "-f", "json", "--threads", "1");
    const filling = cli(big, "check", "-f", "json", "--cache", "--threads", "2");
    const reading = cli(big, "check", "-f", "json", "--cache", "--threads", "2");
    expect(filling.threads).toBe(2);
    // Every story is in the cache: no thread is started, and the engine is not even loaded.
    expect(reading.threads).toBe(1);
    expect({ ...filling, threads: 1 }).toEqual(plain);
    expect(reading).toEqual(plain);
  });

  test("little to check: no thread is started, whatever --threads says", () => {
    const repo = sampleRepo();
    const r = cli(repo, "check", "--threads", "8");
    expect(r.threads).toBe(1);
    expect(r).toEqual({ ...cli(repo, "check", "--threads", "1"), threads: 1 });
  });

  test("a story that cannot be read is reported the same way on two threads", () => {
    const repo = makeRepo({
      ".github/story-triage.yml": 'stories:\n  status-quo:\n    paths: ["s/*.md"]\n',
      ...Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`s/story_${i}.md`, story(i, 8)])),
      "s/binary.md": new Uint8Array([0xff, 0xfe, 0x00, 0x41]),
    });
    const one = cli(repo, "check", "-f", "json", "--threads", "1");
    const two = cli(repo, "check", "-f", "json", "--threads", "2");
    expect(two.threads).toBe(2);
    expect(one.stdout).toContain('"rule":"file-unreadable"');
    expect({ ...two, threads: 1 }).toEqual(one);
  });
});
