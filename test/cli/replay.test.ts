/**
 * `--cache`'s whole-run answer (src/cli/replay.ts), through the built command as a whole process:
 * a run whose every input is unchanged prints what was recorded; any change to what the output
 * depends on (a story, a template's place, the configuration, a file elsewhere that a link could
 * point at, git's listing, the command line) is a full run. A replayed answer is told apart from a
 * fresh one by rewriting the recorded output to a marker.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fingerprint, RACY_MS } from "../../src/cli/replay.js";
import { ALAN_PATH, CONFIG, removeRepos, ROOT, sampleRepo, TEMPLATE } from "./support.js";

const BIN = path.join(ROOT, "lib", "story-triage.js");
const GRACE = "stories/status_quo/grace_ports_a_driver.md";
const MANIFEST = path.join("node_modules", ".cache", "story-triage", "v1", "last-run.json");
const MARKER = "replayed\n";

function cli(cwd: string, ...argv: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...argv], { cwd, encoding: "utf8", timeout: 60_000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Makes the recorded output of `repo` say MARKER (status unchanged), with the manifest naming the new file. */
function mark(repo: string): void {
  const file = path.join(repo, MANIFEST);
  const output = file.replace(/\.json$/, ".out");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { output: string };
  writeFileSync(output, MARKER);
  manifest.output = fingerprint(output);
  writeFileSync(file, JSON.stringify(manifest));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const git = (cwd: string, ...args: string[]) => {
  const r = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
};

// Repositories made before the racy window: their files are old enough to be trusted by
// fingerprint. The cache's folder is there already: a run making it changes the repository's own
// folder, too recently for that run to be recorded (the next one is).
const repos: Record<string, string> = {};
const CASES = ["same", "story", "template", "config", "elsewhere", "argv", "git", "output", "root", "damaged"] as const;
const TWO_KINDS = CONFIG.replace("characters:", '  shiny-future:\n    paths: ["stories/shiny_future/*.md"]\ncharacters:');
const LINKING = (text: string) => text.replace("\n## ", "\nSee [the notes](./notes.md).\n\n## ");

beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build before these tests (npm test does).`);
  const folder = { [path.join(path.dirname(MANIFEST), "README")]: "" };
  for (const name of CASES) repos[name] = sampleRepo(folder);
  repos.root = sampleRepo({ "v1/README": "" });
  repos.template = sampleRepo({ ...folder, ".github/story-triage.yml": TWO_KINDS, "stories/shiny_future/x.md": "# x\n" });
  repos.elsewhere = sampleRepo({ ...folder, [GRACE]: LINKING(readFileSync(path.join(repos.same!, GRACE), "utf8")) });
  git(repos.git!, "init", "-q");
  git(repos.git!, "add", "-A");
  git(repos.git!, "commit", "-q", "-m", "stories");
  await sleep(RACY_MS + 200);
}, 30_000);
afterAll(removeRepos);

/** Runs, marks the record; returns what the fresh run printed. */
function recorded(repo: string, ...argv: string[]): { code: number | null; stdout: string; stderr: string } {
  const fresh = cli(repo, ...argv);
  expect(fresh.stderr).toBe("");
  expect(existsSync(path.join(repo, MANIFEST))).toBe(true);
  mark(repo);
  return fresh;
}

describe("--cache answers an unchanged run from its record", () => {
  test("nothing changed: the recorded output and exit status, in text and in JSON", () => {
    const repo = repos.same!;
    const fresh = recorded(repo, "check", "--cache");
    expect(fresh.code).toBe(1);
    expect(cli(repo, "check", "--cache")).toEqual({ code: 1, stdout: MARKER, stderr: "" });
    // Without --cache the record is not read.
    expect(cli(repo, "check")).toEqual(fresh);
  });

  test("a story edited (same size): checked afresh", () => {
    const repo = repos.story!;
    const fresh = recorded(repo, "check", "--cache", "-f", "json");
    writeFileSync(path.join(repo, ALAN_PATH), readFileSync(path.join(repo, ALAN_PATH), "utf8").replace("Alan learns to wait", "Alan learnt to wait"));
    const after = cli(repo, "check", "--cache", "-f", "json");
    expect(after.stdout).not.toBe(MARKER);
    expect(after).toEqual(cli(repo, "check", "-f", "json"));
    expect(after).not.toEqual(fresh);
  });

  test("a template where there was none: checked afresh", () => {
    const repo = repos.template!;
    const fresh = recorded(repo, "check", "--cache");
    writeFileSync(path.join(repo, "stories/shiny_future/template.md"), TEMPLATE.replace("# 😱 Status quo stories: Template", "# ✨ Shiny future stories: Template"));
    const after = cli(repo, "check", "--cache");
    expect(after.stdout).not.toBe(MARKER);
    expect(after).toEqual(cli(repo, "check"));
    expect(after).not.toEqual(fresh);
  });

  test("the configuration edited: checked afresh", () => {
    const repo = repos.config!;
    recorded(repo, "check", "--cache");
    writeFileSync(path.join(repo, ".github/story-triage.yml"), `${CONFIG}fail-on: all\n`);
    const after = cli(repo, "check", "--cache");
    expect(after.stdout).not.toBe(MARKER);
    expect(after).toEqual(cli(repo, "check"));
  });

  test("a file added elsewhere, which a link points at: checked afresh", () => {
    const repo = repos.elsewhere!;
    const fresh = recorded(repo, "check", "--cache", "-f", "json");
    expect(fresh.stdout).toContain('"rule":"link-broken"');
    writeFileSync(path.join(repo, "stories/status_quo/notes.md"), "Notes.\n");
    const after = cli(repo, "check", "--cache", "-f", "json");
    expect(after.stdout).not.toContain('"rule":"link-broken"');
    expect(after).toEqual(cli(repo, "check", "-f", "json"));
  });

  test("another command line is another run", () => {
    const repo = repos.argv!;
    recorded(repo, "check", "--cache", GRACE);
    expect(cli(repo, "check", "--cache", ALAN_PATH).stdout).not.toBe(MARKER);
    expect(cli(repo, "check", "--cache", "--format", "json", GRACE).stdout).not.toBe(MARKER);
    expect(cli(repo, "check", "--cache", GRACE, "--base", "HEAD").stdout).not.toBe(MARKER);
  });

  test("in a git work tree: replayed while git lists the same paths, not after a file is added", () => {
    const repo = repos.git!;
    recorded(repo, "check", "--cache");
    expect(cli(repo, "check", "--cache").stdout).toBe(MARKER);
    // node_modules is not ignored here: the cache's own folder is not part of the listing's record.
    writeFileSync(path.join(repo, ".gitignore"), "node_modules/\n");
    const after = cli(repo, "check", "--cache");
    expect(after.stdout).not.toBe(MARKER);
    expect(after).toEqual(cli(repo, "check"));
  });

  test("an output file replaced behind the manifest's back is not printed: checked afresh", () => {
    const repo = repos.output!;
    const fresh = recorded(repo, "check", "--cache");
    // Same size, other bytes, but another file (a rename gives a new inode and change time).
    writeFileSync(path.join(repo, MANIFEST.replace(/\.json$/, ".out.new")), "x".repeat(MARKER.length));
    renameSync(path.join(repo, MANIFEST.replace(/\.json$/, ".out.new")), path.join(repo, MANIFEST.replace(/\.json$/, ".out")));
    expect(cli(repo, "check", "--cache")).toEqual(fresh);
  });

  test("a damaged record (cut short, or not a record): checked afresh, without a word", () => {
    const repo = repos.damaged!;
    const fresh = recorded(repo, "check", "--cache");
    const file = path.join(repo, MANIFEST);
    const whole = readFileSync(file, "utf8");
    writeFileSync(file, whole.slice(0, whole.length / 2));
    expect(cli(repo, "check", "--cache")).toEqual(fresh);
    // Recorded again by that run; marked, it is answered from, until its status is one no run gives.
    mark(repo);
    expect(cli(repo, "check", "--cache").stdout).toBe(MARKER);
    writeFileSync(file, JSON.stringify({ ...(JSON.parse(readFileSync(file, "utf8")) as object), status: 7 }));
    expect(cli(repo, "check", "--cache")).toEqual(fresh);
  });

  test("a cache folder holding the repository itself: never recorded (its folders could not be watched)", () => {
    const repo = repos.root!;
    cli(repo, "check", "--cache", "--cache-location", ".");
    expect(existsSync(path.join(repo, "v1", "last-run.json"))).toBe(false);
  });

  test("files changed just before the run: no record (their times cannot prove the next change)", () => {
    const repo = sampleRepo();
    const fresh = cli(repo, "check", "--cache");
    expect(existsSync(path.join(repo, MANIFEST))).toBe(false);
    expect(cli(repo, "check", "--cache")).toEqual(fresh);
  });
});
