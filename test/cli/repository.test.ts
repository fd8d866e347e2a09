/**
 * The CLI gives toc-missing and link-broken the working tree: its paths (git's view inside a git
 * work tree, the folder's otherwise), the SUMMARY.md that book.toml points at, the index pages.
 */
import { afterAll, describe, expect, test } from "@jest/globals";
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { run } from "../../src/cli/run.js";
import { COMPLETE, makeRepo, removeRepos, sampleRepo } from "./support.js";

afterAll(removeRepos);

async function findings(cwd: string, ...patterns: string[]): Promise<unknown[]> {
  let stdout = "";
  await run(["check", "--format", "json", ...patterns], { cwd, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => undefined } });
  const parsed = JSON.parse(stdout) as { files: { path: string; findings: { rule: string; line: number; message: string; fix?: unknown }[] }[] };
  return parsed.files.flatMap((f) => f.findings.filter((x) => x.rule === "toc-missing" || x.rule === "link-broken").map((x) => ({ path: f.path, ...x })));
}

const BOOK = {
  "book.toml": '[book]\ntitle = "Stories"\nsrc = "book"\n',
  "book/SUMMARY.md": "# Summary\n\n- [Stories](./index.md)\n  - [Grace ports a driver](../stories/status_quo/grace_ports_a_driver.md)\n",
  "stories/characters/alan.md": "# Alan\n",
};
const ALAN = "stories/status_quo/alan_learns_to_wait.md";
const LINKED = `${COMPLETE}\nSee [Alan](../characters/alan.md) and [the notes](../../docs/nots.md).\n`;

describe("the CLI's repository context", () => {
  test("a story missing from book/SUMMARY.md (book.toml's src) and a link to a missing file, with their fixes", async () => {
    const repo = sampleRepo({ ...BOOK, [ALAN]: LINKED });
    expect(await findings(repo, ALAN)).toEqual([
      {
        path: ALAN,
        rule: "toc-missing",
        severity: "error",
        line: 1,
        column: 1,
        message:
          "The story is not linked from `book/SUMMARY.md`, so it is not in the book; add `- [Alan learns to wait](../stories/status_quo/alan_learns_to_wait.md)` after line 4 (`Grace ports a driver`), beside the other stories of its folder.",
        fix: { path: "book/SUMMARY.md", line: 4, text: "  - [Grace ports a driver](../stories/status_quo/grace_ports_a_driver.md)\n  - [Alan learns to wait](../stories/status_quo/alan_learns_to_wait.md)" },
      },
      {
        path: ALAN,
        rule: "link-broken",
        severity: "warning",
        line: 21,
        column: 39,
        message: "Link `../../docs/nots.md` points at `docs/nots.md`, which is not in the repository at the head. Expected a path to a file that exists.",
      },
    ]);
  });

  test("without book.toml there is no book: only links are checked; rules set off are not run", async () => {
    const repo = sampleRepo({ [ALAN]: LINKED, ".github/story-triage.yml": 'stories:\n  status-quo:\n    paths: ["stories/status_quo/*.md"]\nrules:\n  link-broken: "off"\n' });
    expect(await findings(repo, ALAN)).toEqual([]);
  });

  test("a kind's own rules can turn on a repository rule the top level turns off", async () => {
    const config = 'stories:\n  status-quo:\n    paths: ["stories/status_quo/*.md"]\n    rules: {link-broken: error}\nrules:\n  link-broken: "off"\n';
    const repo = sampleRepo({ [ALAN]: LINKED, ".github/story-triage.yml": config });
    // Both links lead nowhere here: this repository has neither the character page nor the notes.
    const found = (await findings(repo, ALAN)) as { rule: string; severity: string; message: string }[];
    expect(found.map((f) => [f.rule, f.severity, /`\.\.\/characters\/alan\.md`|`\.\.\/\.\.\/docs\/nots\.md`/.test(f.message)])).toEqual([
      ["link-broken", "error", true],
      ["link-broken", "error", true],
    ]);
  });

  test("inside a git work tree, ignored files are not part of the repository", async () => {
    const repo = makeRepo({ ".github/story-triage.yml": 'stories:\n  status-quo:\n    paths: ["stories/status_quo/*.md"]\n', ".gitignore": "build/\n", "build/out.md": "x", [ALAN]: `${COMPLETE}\n[built](../../build/out.md) [kept](../../.gitignore)\n` });
    const outside = await findings(repo, ALAN);
    expect(outside).toEqual([]);
    execFileSync("git", ["init", "-q"], { cwd: repo });
    expect((await findings(repo, ALAN)).map((f) => (f as { message: string }).message)).toEqual([
      "Link `../../build/out.md` points at `build/out.md`, which is not in the repository at the head. Expected a path to a file that exists.",
    ]);
  });

  test("inside a git work tree, a tracked file deleted from the working tree is not part of the repository, an untracked one is", async () => {
    const story = `${COMPLETE}\n[gone](../../docs/gone.md) [new](../../docs/new.md) [kept](../../docs/kept.md)\n`;
    const repo = makeRepo({ ".github/story-triage.yml": 'stories:\n  status-quo:\n    paths: ["stories/status_quo/*.md"]\n', "docs/gone.md": "x", "docs/kept.md": "x", [ALAN]: story });
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: repo });
    git("init", "-q");
    git("add", ".");
    git("commit", "-q", "-m", "stories");
    rmSync(path.join(repo, "docs/gone.md"));
    writeFileSync(path.join(repo, "docs/new.md"), "x");
    expect((await findings(repo, ALAN)).map((f) => (f as { message: string }).message)).toEqual([
      "Link `../../docs/gone.md` points at `docs/gone.md`, which is not in the repository at the head. Expected a path to a file that exists.",
    ]);
  });
});
