/** The triage record: what a triage stores, its size, and reading it back field by field. */
import { describe, expect, test } from "@jest/globals";
import { MAX_STORIES, parseRecord, RecordError, TITLE_CHARS } from "../../src/board/record.js";
import { record } from "./support/records.js";

function problemsOf(data: unknown): string[] {
  try {
    parseRecord(data);
  } catch (error) {
    if (error instanceof RecordError) return error.problems;
    throw error;
  }
  throw new Error("expected a RecordError");
}

describe("recordOf", () => {
  test("keeps the labels as the plan leaves them, the open questions by name and the findings by rule", () => {
    const built = record({ number: 3, open: ["Q1?", "Q1?", "Q2?"], errors: 2, labels: ["keep", "Gone"] });
    expect(built.stories[0]).toEqual({
      path: "stories/status-quo/pr-3.md",
      title: "Story of #3",
      kind: "status-quo",
      draft: false,
      characters: ["Alan"],
      questions: 4,
      openQuestions: ["Q1?", "Q2?"],
      findings: { "faq-missing": 3, "section-missing": 2 },
      errors: 5,
    });
  });

  test("a long title is capped, and so is the number of stories", () => {
    const built = record({ number: 1, title: "x".repeat(10_000) });
    expect(built.title.length).toBe(TITLE_CHARS);
    expect(built.title.endsWith("…")).toBe(true);
    expect(MAX_STORIES).toBe(20);
  });

  test("one story, five labels, two open questions: about 1 KB of JSON", () => {
    const built = record({ number: 1234, labels: ["status-quo", "draft", "character:Grace", "needs-faq", "help wanted"], open: ["What are the morals of the story?", "Why did you choose *NAME* to tell this story?"] });
    const bytes = Buffer.byteLength(JSON.stringify(built));
    expect(bytes).toBeGreaterThan(600);
    expect(bytes).toBeLessThan(1100);
  });
});

describe("parseRecord", () => {
  test("reads back what was written", () => {
    const built = record({ number: 5, open: ["Q?"], labels: ["a"] });
    expect(parseRecord(JSON.parse(JSON.stringify(built)))).toEqual(built);
  });

  test("another version is refused as a whole", () => {
    expect(problemsOf({ ...record({ number: 1 }), v: 2 })).toEqual(["`v` must be 1; found 2"]);
  });

  test("every wrong field is named", () => {
    const built = record({ number: 1 });
    const broken = {
      ...built,
      number: -1,
      labels: "a",
      state: "gone",
      conclusion: "maybe",
      stories: [{ ...built.stories[0], findings: { "no-such-rule": 1 }, draft: "yes" }],
      board: { ...built.board, waitingOn: "nobody" },
    };
    expect(problemsOf(broken)).toEqual([
      "`conclusion` must be success, neutral, failure or null",
      "`state` must be open, closed or merged",
      "`stories.0.findings.no-such-rule` must be a known rule with a whole count",
      "`stories.0.draft` must be true or false",
      "`board.waitingOn` must be errors or faq",
      "`number` must be a whole number",
      "`labels` must be a list of strings",
    ]);
  });
});
