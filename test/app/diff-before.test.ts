/** textBeforePatch: a modified story's base version rebuilt from its head and its patch, checked on cases and on every modified file of the corpus. */
import { describe, expect, test } from "@jest/globals";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { textBeforePatch } from "../../src/flow/diff.js";
import { CORPUS } from "../support/corpus.js";

describe("textBeforePatch", () => {
  test.each([
    ["a changed line in the middle", "a\nb\nc\n", "@@ -1,3 +1,3 @@\n a\n-x\n+b\n c", "a\nx\nc\n"],
    ["added lines", "a\nb\nc\nd\n", "@@ -1,2 +1,4 @@\n a\n+b\n+c\n d", "a\nd\n"],
    ["removed lines", "a\nd\n", "@@ -1,4 +1,2 @@\n a\n-b\n-c\n d", "a\nb\nc\nd\n"],
    ["two hunks with untouched lines between and after", "1\n2\n3\n4\n5\n6\n7\n", "@@ -1,2 +1,2 @@\n-0\n+1\n 2\n@@ -5,2 +5,2 @@\n 5\n-x\n+6", "0\n2\n3\n4\n5\nx\n7\n"],
    ["a trailing newline added", "a\nb\n", "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b", "a\nb"],
    ["a trailing newline removed", "a\nb", "@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file", "a\nb\n"],
    ["neither version ends with a newline", "a\nc", "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file", "a\nb"],
    ["a blank context line whose space was trimmed", "a\n\nc\n", "@@ -1,3 +1,3 @@\n a\n\n-b\n+c", "a\n\nb\n"],
    ["a rename without changes", "same\n", "", "same\n"],
    ["everything removed", "", "@@ -1,2 +0,0 @@\n-a\n-b", "a\nb\n"],
  ])("%s", (_name, after, patch, before) => {
    expect(textBeforePatch(after, patch)).toBe(before);
  });

  test.each([
    ["no patch (a large diff)", "a\n", null],
    ["context that is not in the text", "a\nb\n", "@@ -1,2 +1,2 @@\n z\n-x\n+b"],
    ["an added line that is not in the text", "a\nb\n", "@@ -1,2 +1,2 @@\n a\n-x\n+q"],
    ["a hunk shorter than its header says", "a\nb\n", "@@ -1,3 +1,3 @@\n a\n-x\n+b"],
    ["a hunk past the end of the text", "a\n", "@@ -5,1 +5,1 @@\n-x\n+y"],
  ])("%s: null, so the file is read instead", (_name, after, patch) => {
    expect(textBeforePatch(after, patch)).toBeNull();
  });

  const present = existsSync(CORPUS);
  const modified = present
    ? readdirSync(CORPUS)
        .filter((name) => /^pr-\d+$/.test(name))
        .flatMap((folder) => {
          const pr = JSON.parse(readFileSync(join(CORPUS, folder, "pr.json"), "utf8")) as {
            files: Array<{ filename: string; status: string; previous_filename?: string; patch?: string }>;
          };
          return pr.files
            .filter((f) => (f.status === "modified" || f.status === "renamed") && f.patch !== undefined)
            .filter((f) => existsSync(join(CORPUS, folder, "head", f.filename)) && existsSync(join(CORPUS, folder, "base", f.previous_filename ?? f.filename)))
            .map((f) => [`${folder} ${f.filename}`, folder, f] as const);
        })
    : [];
  (modified.length > 0 ? test.each(modified) : test.skip.each([["(no corpus)", "", { filename: "", status: "", patch: "" } as { filename: string; status: string; previous_filename?: string; patch?: string }] as const]))(
    "corpus %s: equals the base version",
    (_name, folder, file) => {
      const after = readFileSync(join(CORPUS, folder, "head", file.filename), "utf8");
      const before = readFileSync(join(CORPUS, folder, "base", file.previous_filename ?? file.filename), "utf8");
      expect(textBeforePatch(after, file.patch ?? null)).toBe(before);
    },
  );
});
