/** Input no story should contain still gets a clear finding, never a crash or a hang. */
import { describe, expect, test } from "@jest/globals";
import { builtinTemplate, checkStory, type Finding } from "../../src/engine/index.js";
import { storyConfig } from "./support.js";

function check(content: Uint8Array | string, maxFileBytes = 1024 * 1024, size?: number) {
  const config = storyConfig({ maxFileBytes });
  return checkStory({ path: "s.md", content, kind: config.kinds[0]!, template: builtinTemplate(), config, ...(size !== undefined ? { size } : {}) });
}

const unreadable = (message: string, line = 1, column = 1): Finding[] => [{ rule: "file-unreadable", severity: "error", message, line, column }];

describe("files that cannot be read as a story", () => {
  test.each<[string, () => Uint8Array | string, Finding[]]>([
    ["a binary file", () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]), unreadable("File looks binary (a NUL byte at byte 8), not markdown text; it was not checked.", 3, 1)],
    ["invalid UTF-8", () => Uint8Array.from([0x23, 0x20, 0x41, 0x0a, 0x62, 0xff, 0x63]), unreadable("File is not valid UTF-8 (first bad byte at offset 5, line 2); it was not checked.", 2, 2)],
    ["a truncated UTF-8 sequence", () => Uint8Array.from([0x41, 0xe2, 0x82]), unreadable("File is not valid UTF-8 (first bad byte at offset 1, line 1); it was not checked.", 1, 2)],
    ["10,000 nested block quotes", () => ">".repeat(10_000) + " deep\n", unreadable("Lists or block quotes are nested 10000 levels deep at line 1 (the limit is 64); the file was not checked.")],
    [
      "10,000 nested lists (100 MB of markers: the size limit stops it first)",
      () => Array.from({ length: 10_000 }, (_, i) => "  ".repeat(i) + "- x").join("\n"),
      unreadable("File is 100,029,999 bytes, over the limit of 1,048,576 (max-file-bytes); it was not checked."),
    ],
    ["a list nested 200 deep on one line", () => "text\n\n" + "- ".repeat(200) + "x\n", unreadable("Lists or block quotes are nested 200 levels deep at line 3 (the limit is 64); the file was not checked.", 3, 1)],
    [
      "5,000 lines of lists 60 deep",
      () => Array.from({ length: 5_000 }, () => "- ".repeat(60) + "x").join("\n"),
      unreadable("Lists or block quotes are nested too deeply across the file (300,000 levels in all, the limit is 150,000); the file was not checked.", 1, 1),
    ],
  ])("%s", (_name, make, expected) => {
    expect(check(make()).findings).toEqual(expected);
  });

  test("a file over max-file-bytes is not parsed, its size is named", () => {
    const big = "a".repeat(2048);
    expect(check(big, 1000).findings).toEqual(unreadable("File is 2,048 bytes, over the limit of 1,000 (max-file-bytes); it was not checked."));
  });

  test("the real size given by a caller that read only the first bytes counts", () => {
    expect(check("# partial", 1024 * 1024, 20 * 1024 * 1024).findings).toEqual(
      unreadable("File is 20,971,520 bytes, over the limit of 1,048,576 (max-file-bytes); it was not checked."),
    );
  });

  test("an unreadable story keeps its kind label but gets no others", () => {
    expect(check(Uint8Array.from([0]))).toEqual({ path: "s.md", kind: "story", title: null, draft: false, characters: [], labels: ["story"], findings: unreadable("File looks binary (a NUL byte at byte 0), not markdown text; it was not checked.") });
  });
});

describe("odd but readable files", () => {
  test("an empty file: no title, no sections, every question missing on line 1", () => {
    const report = check("");
    expect(report.findings.map((f) => `${f.line}:${f.column} ${f.rule}`)).toEqual([
      "1:1 title-placeholder",
      "1:1 section-missing",
      "1:1 section-missing",
      "1:1 faq-missing",
      "1:1 faq-missing",
      "1:1 faq-missing",
      "1:1 faq-missing",
      "1:1 character-unknown",
    ]);
    expect(report.labels).toEqual(["story", "needs-faq"]);
  });

  test("a byte-order mark is not part of the title", () => {
    expect(check("\ufeff# 😱 Status quo stories: Alan\n").title).toBe("😱 Status quo stories: Alan");
  });

  test("10,000 question headings are read: none matches the template, so its four questions are each reported missing once", () => {
    const text = Array.from({ length: 10_000 }, (_, i) => `### Question ${i}?\n\nanswer ${i}\n`).join("\n");
    const report = check(text);
    expect(report.findings.filter((f) => f.rule === "faq-missing").map((f) => f.question)).toEqual(builtinTemplate().faq?.questions.map((q) => q.text));
    expect(report.findings.filter((f) => f.rule !== "faq-missing").map((f) => f.rule)).toEqual(["title-placeholder", "character-unknown", "section-missing", "section-missing"]);
  });
});
