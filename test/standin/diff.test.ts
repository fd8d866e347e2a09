import { describe, expect, test } from "@jest/globals";
import { hunkOf, lineAtPosition, makePatch, parsePatch } from "../../src/standin/diff.js";

describe("parsePatch", () => {
  const patch = ["@@ -1,4 +1,5 @@", " # Title", "-old line", "+new line", "+another", " ", "@@ -20,2 +21,2 @@", " ctx", "-gone"].join("\n");

  test("numbers old and new lines and GitHub positions", () => {
    const hunks = parsePatch(patch);
    expect(hunks.map((h) => [h.oldStart, h.newStart])).toEqual([
      [1, 1],
      [20, 21],
    ]);
    expect(hunks[0]?.lines).toEqual([
      { kind: "context", oldLine: 1, newLine: 1, position: 1 },
      { kind: "deleted", oldLine: 2, newLine: null, position: 2 },
      { kind: "added", oldLine: null, newLine: 2, position: 3 },
      { kind: "added", oldLine: null, newLine: 3, position: 4 },
      { kind: "context", oldLine: 3, newLine: 4, position: 5 },
    ]);
    // The second header counts as a position too, as on GitHub.
    expect(hunks[1]?.lines.map((l) => l.position)).toEqual([7, 8]);
  });

  test("tells which lines a comment may sit on, per side", () => {
    const hunks = parsePatch(patch);
    expect(hunkOf(hunks, 2, "RIGHT")).toBe(hunks[0]);
    expect(hunkOf(hunks, 4, "RIGHT")).toBe(hunks[0]);
    expect(hunkOf(hunks, 5, "RIGHT")).toBeNull();
    expect(hunkOf(hunks, 2, "LEFT")).toBe(hunks[0]);
    expect(hunkOf(hunks, 21, "LEFT")).toBe(hunks[1]);
    expect(hunkOf(hunks, 22, "RIGHT")).toBeNull();
    expect(lineAtPosition(hunks, 3)).toEqual({ kind: "added", oldLine: null, newLine: 2, position: 3 });
    expect(lineAtPosition(hunks, 6)).toBeNull();
  });

  test("rejects text that is not a patch", () => {
    expect(() => parsePatch("+orphan line")).toThrow(/does not start with a hunk header/);
  });
});

describe("makePatch", () => {
  test("an added file is one hunk of additions, without a trailing newline", () => {
    expect(makePatch(null, "a\nb\n")).toBe("@@ -0,0 +1,2 @@\n+a\n+b");
  });

  test("a removed file is one hunk of deletions", () => {
    expect(makePatch("a\nb\n", null)).toBe("@@ -1,2 +0,0 @@\n-a\n-b");
  });

  test("changes far apart become separate hunks with three lines of context", () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join("\n") + "\n";
    const after = before.replace("line 2\n", "line two\n").replace("line 18\n", "line 18\nextra\n");
    expect(makePatch(before, after)).toBe(
      [
        "@@ -1,5 +1,5 @@",
        " line 1",
        "-line 2",
        "+line two",
        " line 3",
        " line 4",
        " line 5",
        "@@ -16,5 +16,6 @@",
        " line 16",
        " line 17",
        " line 18",
        "+extra",
        " line 19",
        " line 20",
      ].join("\n"),
    );
  });

  test("what it writes, parsePatch reads back with the right line numbers", () => {
    const before = "one\ntwo\nthree\n";
    const after = "one\n2\nthree\nfour\n";
    const hunks = parsePatch(makePatch(before, after));
    const added = hunks.flatMap((h) => h.lines).filter((l) => l.kind === "added");
    expect(added.map((l) => l.newLine)).toEqual([2, 4]);
  });

  test("no change, no patch", () => {
    expect(makePatch("same\n", "same\n")).toBe("");
  });
});
