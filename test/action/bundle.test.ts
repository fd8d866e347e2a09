/**
 * The committed action: action.yml names a bundle that a fresh build of src/ makes byte for byte
 * ("check dist"), dist/ holds nothing else, and its inputs and outputs are the ones the entry
 * reads and writes.
 */
import { expect, test } from "@jest/globals";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { REPO_ROOT } from "../support/app-process.js";

const BUNDLE = "dist/action.cjs";

/** The bundle as committed (HEAD), so a build that rewrote the file in the work tree cannot hide a stale commit. */
function committedBundle(): Buffer {
  return execFileSync("git", ["show", `HEAD:${BUNDLE}`], { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 });
}

test("the committed dist/action.cjs is what `npm run build` makes from src/ (run it and commit dist/action.cjs when this fails)", () => {
  const dir = mkdtempSync(join(tmpdir(), "story-triage-bundle-"));
  try {
    const fresh = join(dir, "action.cjs");
    execFileSync(process.execPath, ["scripts/build-action.mjs", "--out", fresh], { cwd: REPO_ROOT });
    const same = committedBundle().equals(readFileSync(fresh));
    expect(same).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120000);

test("dist/ holds the bundle alone: no file is committed there that the build does not make", () => {
  const committed = execFileSync("git", ["ls-tree", "-r", "--name-only", "HEAD", "dist/"], { cwd: REPO_ROOT, encoding: "utf8" });
  expect(committed.split("\n").filter((line) => line !== "")).toEqual([BUNDLE]);
});

test("action.yml runs the bundle on node24, with the inputs and outputs the entry knows", () => {
  const action = parse(readFileSync(join(REPO_ROOT, "action.yml"), "utf8")) as {
    runs: Record<string, unknown>;
    inputs: Record<string, { default?: string }>;
    outputs: Record<string, unknown>;
  };
  expect(action.runs).toEqual({ using: "node24", main: BUNDLE });
  expect(Object.keys(action.inputs)).toEqual(["token", "app-slug", "config", "dashboard", "fail-on"]);
  expect(action.inputs["token"]?.default).toBe("${{ github.token }}");
  expect(action.inputs["config"]?.default).toBe(".github/story-triage.yml");
  expect(Object.keys(action.outputs)).toEqual(["conclusion", "findings", "stories"]);
});
