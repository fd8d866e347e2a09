/** The CLI's disk access: bounded reads, the tree walk, and what an argument names. */
import { afterAll, describe, expect, test } from "@jest/globals";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { classify, readBounded, UsageError, walk, walkRoots } from "../../src/cli/files.js";
import { makeRepo, removeRepos } from "./support.js";

afterAll(removeRepos);

describe("readBounded never reads more than limit + 1 bytes", () => {
  const dir = makeRepo({ "big.md": Buffer.alloc(20 * 1024 * 1024, 0x61), "small.md": "hello", "empty.md": "", "exact.md": "12345" });
  const cases: [string, number, number, number][] = [
    ["big.md", 1024, 1025, 20 * 1024 * 1024],
    ["small.md", 1024, 5, 5],
    ["empty.md", 1024, 0, 0],
    ["exact.md", 5, 5, 5],
    ["exact.md", 4, 5, 5],
  ];
  test.each(cases)("%s with limit %d: %d bytes read, size %d", (name, limit, read, size) => {
    const result = readBounded(path.join(dir, name), limit, name);
    expect(result.bytes.byteLength).toBe(read);
    expect(result.size).toBe(size);
  });

  test("a missing file and a directory are errors naming them", () => {
    expect(() => readBounded(path.join(dir, "nope.md"), 10, "nope.md")).toThrow(new UsageError("cannot read nope.md: no such file or directory"));
    expect(() => readBounded(dir, 10, "the folder")).toThrow(new UsageError("cannot read the folder: not a regular file"));
  });
});

describe("walk", () => {
  test("every regular file, sorted, skipping node_modules and .git, not following links", () => {
    const dir = makeRepo({
      "b.md": "",
      "a/z.md": "",
      "a/.hidden/y.md": "",
      "node_modules/pkg/readme.md": "",
      "a/node_modules/x.md": "",
      ".git/HEAD": "",
      ".github/story-triage.yml": "",
    });
    symlinkSync(path.join(dir, "a"), path.join(dir, "loop"));
    symlinkSync(path.join(dir, "b.md"), path.join(dir, "link.md"));
    expect(walk(dir, dir)).toEqual([".github/story-triage.yml", "a/.hidden/y.md", "a/z.md", "b.md"]);
    expect(walk(dir, path.join(dir, "a"))).toEqual(["a/.hidden/y.md", "a/z.md"]);
    expect(walk(dir, path.join(dir, "missing"))).toEqual([]);
  });
});

describe("walkRoots: only the folders a glob can match under", () => {
  const cases: [string[], string[]][] = [
    [["src/vision/status_quo/*.md", "src/vision/submitted_stories/status_quo/*.md"], ["src/vision/status_quo", "src/vision/submitted_stories/status_quo"]],
    [["stories/**/*.md", "stories/old/*.md"], ["stories"]],
    [["src/*.md", "src/a/*.md", "srcx/*.md"], ["src", "srcx"]],
    [["stories/one.md"], ["stories"]],
    [["*.md", "stories/*.md"], [""]],
    [["**/*.md"], [""]],
    [["a/{b,c}/*.md"], ["a"]],
  ];
  test.each(cases)("%j -> %j", (globs, roots) => {
    expect(walkRoots(globs)).toEqual(roots);
  });
});

describe("classify: what a command-line argument names", () => {
  const dir = makeRepo({ "stories/a.md": "", "odd[1].md": "" });
  mkdirSync(path.join(dir, "empty"));
  writeFileSync(path.join(dir, "stories", "b.md"), "");
  const cases: [string, unknown][] = [
    ["stories/a.md", { file: "stories/a.md" }],
    ["./stories/../stories/a.md", { file: "stories/a.md" }],
    ["odd[1].md", { file: "odd[1].md" }],
    ["stories", { dir: path.join(dir, "stories") }],
    ["stories/*.md", { glob: "stories/*.md", base: path.join(dir, "stories") }],
    ["**/*.md", { glob: "**/*.md", base: dir }],
  ];
  test.each(cases)("%s", (arg, expected) => {
    expect(classify(dir, arg)).toEqual(expected);
  });

  test("an absolute path inside the folder is made relative", () => {
    expect(classify(dir, path.join(dir, "stories", "a.md"))).toEqual({ file: "stories/a.md" });
  });

  test("a path that does not exist and is not a glob, or is not a file or folder, is an error", () => {
    expect(() => classify(dir, "stories/c.md")).toThrow(new UsageError("stories/c.md: no such file or directory"));
    expect(() => classify(dir, "/dev/null")).toThrow(new UsageError("/dev/null is neither a file nor a directory"));
  });
});
