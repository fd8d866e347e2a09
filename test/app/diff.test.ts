import { describe, expect, test } from "@jest/globals";
import { addedFileText, commentableLines } from "../../src/flow/diff.js";

describe("commentableLines", () => {
  test("added and context lines of each hunk, not removed ones", () => {
    const patch = [
      "@@ -1,4 +1,5 @@",
      " # Title",
      "-old line",
      "+new line",
      "+another new line",
      " context",
      " more context",
      "@@ -20,3 +21,2 @@ ## Section",
      " kept",
      "-gone",
      " kept too",
    ].join("\n");
    expect([...commentableLines(patch)]).toEqual([1, 2, 3, 4, 5, 21, 22]);
  });
  test("the no-newline note is not a line", () => {
    const patch = "@@ -1 +1,2 @@\n-a\n\\ No newline at end of file\n+a\n+b\n\\ No newline at end of file";
    expect([...commentableLines(patch)]).toEqual([1, 2]);
  });
  test("no patch (binary, too large, pure rename): no line", () => {
    expect(commentableLines(null).size).toBe(0);
  });
  test("a hunk header without counts", () => {
    expect([...commentableLines("@@ -3 +3 @@\n-x\n+y")]).toEqual([3]);
  });
});

describe("addedFileText", () => {
  test("rebuilds an added file with its final newline", () => {
    expect(addedFileText("@@ -0,0 +1,3 @@\n+# Title\n+\n+Text", 3)).toBe("# Title\n\nText\n");
  });
  test("keeps a missing final newline missing", () => {
    expect(addedFileText("@@ -0,0 +1,2 @@\n+a\n+b\n\\ No newline at end of file", 2)).toBe("a\nb");
  });
  test("a one-line file", () => {
    expect(addedFileText("@@ -0,0 +1 @@\n+only", 1)).toBe("only\n");
  });
  test("null when the patch is absent", () => {
    expect(addedFileText(null, 10)).toBeNull();
  });
  test("null when the patch is not one whole-file hunk", () => {
    expect(addedFileText("@@ -1,2 +1,3 @@\n a\n+b\n c", 1)).toBeNull();
  });
  test("null when the line count disagrees with the additions", () => {
    expect(addedFileText("@@ -0,0 +1,2 @@\n+a\n+b", 3)).toBeNull();
  });
});
