/** Many files are checked on worker threads; the output must be exactly what one thread gives. */
import { afterAll, describe, expect, test } from "@jest/globals";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { jobsFor, PARALLEL_MIN_FILES, shares } from "../../src/cli/parallel.js";
import { COMPLETE, INCOMPLETE, makeRepo, removeRepos, ROOT, sampleRepo } from "./support.js";

const CLI = path.join(ROOT, "lib", "cli.js");
afterAll(removeRepos);

function cli(cwd: string, ...argv: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...argv], { cwd, encoding: "utf8", timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** 60 stories of varied sizes, one binary, one not UTF-8, plus the sample repository's files. */
function bigRepo(): string {
  const extra: Record<string, string | Uint8Array> = {};
  for (let i = 0; i < 60; i++) {
    const base = i % 3 === 0 ? INCOMPLETE : COMPLETE;
    extra[`stories/status_quo/story_${String(i).padStart(2, "0")}.md`] = base + "\nMore text.\n".repeat(i * 20);
  }
  extra["stories/status_quo/zz_binary.md"] = Uint8Array.from([0x23, 0x00, 0x01]);
  extra["stories/status_quo/zz_latin1.md"] = Uint8Array.from([0x23, 0x20, 0xe9, 0x0a]);
  return sampleRepo(extra);
}

describe("checking on worker threads", () => {
  test("text and JSON output and exit status are the same with 1 and 3 threads, and by default", () => {
    const repo = bigRepo();
    for (const format of ["json", "text"]) {
      const one = cli(repo, "check", "--format", format, "--jobs", "1");
      expect(one.code).toBe(1);
      expect(cli(repo, "check", "--format", format, "--jobs", "3")).toEqual(one);
      expect(cli(repo, "check", "--format", format)).toEqual(one);
    }
    const files = (JSON.parse(cli(repo, "check", "--format", "json", "-j", "3").stdout) as { files: { path: string }[] }).files;
    expect(files).toHaveLength(64);
    expect(files.map((f) => f.path)).toEqual([...files.map((f) => f.path)].sort());
  });

  test("a broken configuration is reported once, as on one thread", () => {
    const repo = makeRepo({ ".github/story-triage.yml": "stories: 3\n", "stories/a.md": COMPLETE });
    const r = cli(repo, "check", "-j", "2");
    expect(r.code).toBe(2);
    expect(r).toEqual(cli(repo, "check", "-j", "1"));
  });

  test("how many threads", () => {
    expect(jobsFor(null, PARALLEL_MIN_FILES - 1)).toBe(1);
    expect(jobsFor(3, 2)).toBe(2);
    expect(jobsFor(1, 500)).toBe(1);
    expect(jobsFor(null, 500)).toBeGreaterThanOrEqual(1);
    expect(jobsFor(null, 500)).toBeLessThanOrEqual(4);
  });

  test("shares balance bytes and keep every file once, in order within a share", () => {
    const repo = makeRepo({ "a.md": "x".repeat(1000), "b.md": "x".repeat(600), "c.md": "x".repeat(500), "d.md": "x".repeat(100) });
    expect(shares(repo, ["a.md", "b.md", "c.md", "d.md"], 2)).toEqual([[0, 3], [1, 2]]);
    expect(shares(repo, ["a.md", "b.md"], 4)).toEqual([[0], [1]]);
  });
});
