/**
 * `story-triage check --base REF` in a real git repository: each finding introduced or existing,
 * in text and JSON, a story renamed since REF judged against its old self, and the exit status
 * set by introduced errors only (unless fail-on: all).
 */
import { afterAll, describe, expect, test } from "@jest/globals";
import { execFileSync } from "node:child_process";
import { renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { run } from "../../src/cli/run.js";
import { COMPLETE, CONFIG, INCOMPLETE, makeRepo, removeRepos, TEMPLATE } from "./support.js";

afterAll(removeRepos);

async function cli(cwd: string, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, { cwd, stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

const GRACE = "stories/status_quo/grace_ports_a_driver.md";
const ALAN = "stories/status_quo/alan_learns_to_wait.md";

/** A git repository whose one commit (tagged `base`) holds the config, the template, Alan's whole story and Grace's incomplete one. */
function gitRepo(config = CONFIG): string {
  const dir = makeRepo({ ".github/story-triage.yml": config, "stories/status_quo/template.md": TEMPLATE, [ALAN]: COMPLETE, [GRACE]: INCOMPLETE });
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", ...args], { cwd: dir, stdio: "pipe" });
  git("init", "-q");
  git("add", ".");
  git("commit", "-q", "-m", "base");
  git("tag", "base");
  return dir;
}

describe("--base", () => {
  test("an old problem is existing and does not fail; one the change adds is introduced and fails", async () => {
    const dir = gitRepo();
    // Alan's story loses its morals answer; Grace's story is untouched (its problems are old).
    writeFileSync(path.join(dir, ALAN), COMPLETE.replace("Blocking in async code is easy to do by accident.\n", ""));
    const json = await cli(dir, ["check", "--base", "base", "--format", "json"]);
    const files = (JSON.parse(json.stdout) as { files: Array<{ path: string; findings: Array<{ rule: string; origin: string }> }> }).files;
    expect(files.map((f) => [f.path, f.findings.map((x) => `${x.rule} ${x.origin}`)])).toEqual([
      [ALAN, ["faq-unanswered introduced"]],
      [GRACE, ["faq-missing existing", "faq-placeholder existing"]],
    ]);
    expect(json.code).toBe(1);

    const text = await cli(dir, ["check", "-b", "base", ALAN]);
    expect(text.stdout).toContain("error (introduced)");
    expect(text.stdout.trim().split("\n").at(-1)).toBe("✖ 1 problem (1 error, 0 warnings, 0 infos); 1 introduced, 0 existing");
  });

  test("only old problems: exit 0 with --base, 1 with fail-on: all, 1 without --base", async () => {
    const dir = gitRepo();
    writeFileSync(path.join(dir, GRACE), INCOMPLETE.replace("Grace ports a network driver", "Grace ports a network card driver"));
    const introducedOnly = await cli(dir, ["check", "--base", "base", GRACE]);
    expect([introducedOnly.code, introducedOnly.stdout.trim().split("\n").at(-1)]).toEqual([0, "✖ 2 problems (2 errors, 0 warnings, 0 infos); 0 introduced, 2 existing"]);
    expect(introducedOnly.stdout).toContain("error (existing)");
    expect((await cli(dir, ["check", GRACE])).code).toBe(1);
    writeFileSync(path.join(dir, ".github/story-triage.yml"), `${CONFIG}fail-on: all\n`);
    expect((await cli(dir, ["check", "--base", "base", GRACE])).code).toBe(1);
  });

  test("a story renamed since the base is judged against its old self; an added one is all introduced", async () => {
    const dir = gitRepo();
    const moved = "stories/status_quo/grace_ports_a_network_driver.md";
    renameSync(path.join(dir, GRACE), path.join(dir, moved));
    execFileSync("git", ["add", "-A"], { cwd: dir });
    writeFileSync(path.join(dir, "stories/status_quo/alan_new.md"), INCOMPLETE.replace(/Grace/g, "Alan"));
    const json = await cli(dir, ["check", "--base", "base", "--format", "json", moved, "stories/status_quo/alan_new.md"]);
    const files = (JSON.parse(json.stdout) as { files: Array<{ path: string; findings: Array<{ origin: string }> }> }).files;
    expect(files.map((f) => [f.path, f.findings.map((x) => x.origin)])).toEqual([
      [moved, ["existing", "existing"]],
      ["stories/status_quo/alan_new.md", ["introduced", "introduced"]],
    ]);
  });

  test("a ref git does not know, or a folder that is not a repository: exit 2, named", async () => {
    const dir = gitRepo();
    expect(await cli(dir, ["check", "--base", "no-such-ref"])).toEqual({ code: 2, stdout: "", stderr: "story-triage: --base no-such-ref is not a commit git knows here\n" });
    const plain = makeRepo({ ".github/story-triage.yml": CONFIG, [GRACE]: INCOMPLETE });
    expect(await cli(plain, ["check", "--base", "HEAD"])).toEqual({ code: 2, stdout: "", stderr: "story-triage: --base HEAD is not a commit git knows here\n" });
  });
});
