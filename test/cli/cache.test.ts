/**
 * `--cache`: a kept report is used only while the story, its template, the configuration, the
 * repository files the rules read around it and the tool are unchanged; a damaged or unwritable cache costs one warning and never a wrong result;
 * processes running at once leave it whole. Kept reports are told apart from fresh ones by
 * rewriting an entry (with a valid digest) to carry a marker message.
 */
import { afterAll, describe, expect, test } from "@jest/globals";
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { run } from "../../src/cli/run.js";
import { ALAN_PATH, CONFIG, makeRepo, removeRepos, ROOT, sampleRepo, TEMPLATE } from "./support.js";

afterAll(removeRepos);

const GRACE = "stories/status_quo/grace_ports_a_driver.md";
const DEFAULT_FOLDER = path.join("node_modules", ".cache", "story-triage", "v1");
const BIN = path.join(ROOT, "lib", "story-triage.js");

async function cli(cwd: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, { cwd, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function entryFile(folder: string, story: string): string {
  return path.join(folder, `${sha256(story).slice(0, 40)}.entry`);
}

/** Rewrites the kept report of `story` so that its first finding says `marker` (a well-formed entry). */
function mark(folder: string, story: string, marker: string): void {
  const file = entryFile(folder, story);
  const [key, , body] = readFileSync(file, "utf8").split("\n");
  const report = JSON.parse(body ?? "") as { findings: { message: string }[] };
  report.findings[0]!.message = marker;
  const newBody = JSON.stringify(report);
  writeFileSync(file, `${key}\n${sha256(`${key}\n${newBody}`)}\n${newBody}\n`);
}

const firstMessage = (stdout: string, story: string) =>
  (JSON.parse(stdout) as { files: { path: string; findings: { message: string }[] }[] }).files.find((f) => f.path === story)?.findings[0]?.message;

describe("--cache", () => {
  test("the same output as without it, cold and warm; entries under node_modules/.cache/story-triage", async () => {
    const repo = sampleRepo();
    const plain = await cli(repo, "check");
    const cold = await cli(repo, "check", "--cache");
    const warm = await cli(repo, "check", "--cache");
    expect(plain.code).toBe(1);
    expect(cold).toEqual(plain);
    expect(warm).toEqual(plain);
    // One entry a story: the other file matches no kind and is not kept.
    expect(readdirSync(path.join(repo, DEFAULT_FOLDER)).sort()).toEqual([entryFile("", ALAN_PATH), entryFile("", GRACE)].sort());
  });

  test("a kept report is used while nothing changed, and not after the story, template or configuration changed", async () => {
    const repo = sampleRepo();
    const folder = path.join(repo, DEFAULT_FOLDER);
    const fresh = firstMessage((await cli(repo, "check", "--cache", "-f", "json")).stdout, GRACE);
    expect(fresh).toMatch(/^Question `Why did you choose \*NAME\*/);

    mark(folder, GRACE, "kept");
    expect(firstMessage((await cli(repo, "check", "--cache", "-f", "json")).stdout, GRACE)).toBe("kept");

    const story = path.join(repo, GRACE);
    const original = readFileSync(story, "utf8");
    writeFileSync(story, `${original}\n`);
    expect(firstMessage((await cli(repo, "check", "--cache", "-f", "json")).stdout, GRACE)).toBe(fresh);

    mark(folder, GRACE, "kept");
    writeFileSync(path.join(repo, "stories/status_quo/template.md"), `${TEMPLATE}\n`);
    expect(firstMessage((await cli(repo, "check", "--cache", "-f", "json")).stdout, GRACE)).toBe(fresh);

    mark(folder, GRACE, "kept");
    writeFileSync(path.join(repo, ".github/story-triage.yml"), `${CONFIG}# a comment changes the text\n`);
    expect(firstMessage((await cli(repo, "check", "--cache", "-f", "json")).stdout, GRACE)).toBe(fresh);

    // Unchanged since: kept again.
    mark(folder, GRACE, "kept");
    expect(firstMessage((await cli(repo, "check", "--cache", "-f", "json")).stdout, GRACE)).toBe("kept");
  });

  test("a file added elsewhere in the repository is a change: a kept report naming a link to it as broken is not used", async () => {
    const repo = sampleRepo();
    const story = path.join(repo, GRACE);
    writeFileSync(story, readFileSync(story, "utf8").replace("\n## ", "\nSee [the notes](./notes.md).\n\n## "));
    const links = async () => {
      const out = JSON.parse((await cli(repo, "check", "--cache", "-f", "json")).stdout) as { files: { path: string; findings: { rule: string }[] }[] };
      return out.files.find((f) => f.path === GRACE)?.findings.filter((f) => f.rule === "link-broken").length;
    };
    expect(await links()).toBe(1);
    expect(await links()).toBe(1);
    writeFileSync(path.join(repo, "stories/status_quo/notes.md"), "Notes.\n");
    expect(await links()).toBe(0);
  });

  test("--cache-location keeps them there, and a kept report is not used from another location", async () => {
    const repo = sampleRepo();
    await cli(repo, "check", "--cache", "--cache-location", "elsewhere");
    expect(existsSync(path.join(repo, "node_modules"))).toBe(false);
    mark(path.join(repo, "elsewhere", "v1"), GRACE, "kept");
    expect(firstMessage((await cli(repo, "check", "--cache", "--cache-location", "elsewhere", "-f", "json")).stdout, GRACE)).toBe("kept");
    expect(firstMessage((await cli(repo, "check", "--cache", "-f", "json")).stdout, GRACE)).not.toBe("kept");
  });

  test("another version of the tool does not use the kept reports", () => {
    const repo = sampleRepo();
    const other = makeRepo({ "package.json": JSON.stringify({ name: "story-triage", version: "99.0.0" }) });
    mkdirSync(path.join(other, "lib"));
    copyFileSync(BIN, path.join(other, "lib", "story-triage.js"));
    cpSync(path.join(path.dirname(BIN), "story-triage-chunks"), path.join(other, "lib", "story-triage-chunks"), { recursive: true });
    const node = (bin: string) => spawnSync(process.execPath, [bin, "check", "--cache", "-f", "json"], { cwd: repo, encoding: "utf8" });
    const fresh = firstMessage(node(BIN).stdout, GRACE);
    mark(path.join(repo, DEFAULT_FOLDER), GRACE, "kept");
    expect(firstMessage(node(BIN).stdout, GRACE)).toBe("kept");
    expect(spawnSync(process.execPath, [path.join(other, "lib", "story-triage.js"), "--version"], { encoding: "utf8" }).stdout).toBe("99.0.0\n");
    expect(firstMessage(node(path.join(other, "lib", "story-triage.js")).stdout, GRACE)).toBe(fresh);
  });

  const damages: [string, (entry: string) => void][] = [
    ["garbage", (e) => writeFileSync(e, "\u0000\u00ff not an entry")],
    ["cut short", (e) => writeFileSync(e, readFileSync(e, "utf8").slice(0, 150))],
    ["edited without its digest", (e) => writeFileSync(e, readFileSync(e, "utf8").replace(/"line":\d+/, '"line":1000'))],
    [
      "well-formed but not a report",
      (e) => {
        const [key] = readFileSync(e, "utf8").split("\n");
        const body = JSON.stringify({ path: GRACE, findings: [{ rule: "no-such-rule" }] });
        writeFileSync(e, `${key}\n${sha256(`${key}\n${body}`)}\n${body}\n`);
      },
    ],
    ["empty", (e) => writeFileSync(e, "")],
  ];
  test.each(damages)("a damaged entry (%s): one warning, the right result, then repaired", async (_name, damage) => {
    const repo = sampleRepo();
    const plain = await cli(repo, "check");
    await cli(repo, "check", "--cache");
    damage(entryFile(path.join(repo, DEFAULT_FOLDER), GRACE));
    damage(entryFile(path.join(repo, DEFAULT_FOLDER), ALAN_PATH));
    const damaged = await cli(repo, "check", "--cache");
    expect({ code: damaged.code, stdout: damaged.stdout }).toEqual({ code: plain.code, stdout: plain.stdout });
    expect(damaged.stderr.split("\n")).toEqual([
      expect.stringMatching(/^story-triage: warning: the cache is not used where it fails: .*\.entry is damaged; results are checked afresh\.$/),
      "",
    ]);
    expect(await cli(repo, "check", "--cache")).toEqual(plain);
  });

  test("a cache that cannot be written: one warning, the right result", async () => {
    const repo = sampleRepo({ "not-a-folder": "a file" });
    const plain = await cli(repo, "check");
    const r = await cli(repo, "check", "--cache", "--cache-location", "not-a-folder/cache");
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: plain.code, stdout: plain.stdout });
    expect(r.stderr).toMatch(/^story-triage: warning: the cache is not used where it fails: cannot write to .*not-a-folder\/cache\/v1 \(ENOTDIR\); results are checked afresh\.\n$/);
  });

  test("processes at once leave it whole: every run right, no warning, no temporary file left", async () => {
    const stories: Record<string, string> = {};
    const base = readFileSync(path.join(sampleRepo(), GRACE), "utf8");
    for (let i = 0; i < 40; i++) stories[`stories/status_quo/story_${i}.md`] = `${base}\nVersion ${i}.\n`;
    const repo = sampleRepo(stories);
    const expected = spawnSync(process.execPath, [BIN, "check", "-f", "json"], { cwd: repo, encoding: "utf8" }).stdout;
    const once = () =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, "check", "--cache", "-f", "json"], { cwd: repo });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr }));
      });
    for (let round = 0; round < 3; round++) {
      // Each round starts from entries that no longer match (a new configuration), so all write at once.
      writeFileSync(path.join(repo, ".github/story-triage.yml"), `${CONFIG}# round ${round}\n`);
      const results = await Promise.all([once(), once(), once(), once()]);
      for (const r of results) expect(r).toEqual({ code: 1, stdout: expected, stderr: "" });
    }
    expect(readdirSync(path.join(repo, DEFAULT_FOLDER)).filter((f) => !f.endsWith(".entry"))).toEqual([]);
    expect(await once()).toEqual({ code: 1, stdout: expected, stderr: "" });
  }, 120_000);
});
