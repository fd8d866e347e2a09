/** The `board` section of .github/story-triage.yml: defaults, every key, and every problem named by its key. */
import { describe, expect, test } from "@jest/globals";
import { ConfigError, DEFAULT_BOARD, parseConfigYaml } from "../../src/config/index.js";

function problemsOf(yaml: string): string[] {
  try {
    parseConfigYaml(yaml, "cfg.yml");
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError, but the configuration was accepted");
}

describe("the board section", () => {
  test("absent: no board key, and the board uses the defaults", () => {
    expect(parseConfigYaml("", "cfg.yml").board).toBeUndefined();
    expect(DEFAULT_BOARD).toEqual({ enabled: true, facets: [], waitingOn: "errors", ageDays: { warn: 7, late: 14 } });
  });

  test("every key", () => {
    const yaml = ["board:", "  enabled: false", "  facets: [help wanted, good first story, help wanted]", "  waiting-on: faq", "  age-days: { warn: 3, late: 10 }"].join("\n");
    expect(parseConfigYaml(yaml, "cfg.yml").board).toEqual({ enabled: false, facets: ["help wanted", "good first story"], waitingOn: "faq", ageDays: { warn: 3, late: 10 } });
  });

  test("given in part keeps the other defaults", () => {
    expect(parseConfigYaml("board:\n  age-days:\n    late: 30\n", "cfg.yml").board).toEqual({ ...DEFAULT_BOARD, ageDays: { warn: 7, late: 30 } });
  });

  test.each<[string, string, string[]]>([
    ["not a mapping", "board: yes", ["board (line 1): expected a mapping with the keys enabled, facets, waiting-on or age-days, found the string \"yes\""]],
    ["an unknown key, with a suggestion", "board:\n  facet: [a]", ['board.facet (line 2): unknown key; expected enabled, facets, waiting-on or age-days (did you mean "facets"?)']],
    ["enabled not a boolean", "board:\n  enabled: sometimes", ['board.enabled (line 2): expected true or false, found the string "sometimes"']],
    ["facets not a list", "board:\n  facets: help wanted", ['board.facets (line 2): expected a list of label names, found the string "help wanted"']],
    ["a facet that is no label", "board:\n  facets: [ok, 3, \"\"]", ["board.facets[1] (line 2): expected a label name, found the number 3", 'board.facets[2] (line 2): expected a label name, found the string ""']],
    ["a facet over 50 characters", `board:\n  facets: [${"x".repeat(51)}]`, ["board.facets[0] (line 2): expected at most 50 characters (GitHub's limit on label names), found 51"]],
    ["too many facets", `board:\n  facets: [${Array.from({ length: 21 }, (_, i) => `l${i}`).join(", ")}]`, ["board.facets (line 2): expected at most 20 labels, found 21"]],
    ["an unknown waiting-on rule", "board:\n  waiting-on: reviewers", ['board.waiting-on (line 2): expected errors or faq, found the string "reviewers"']],
    ["ages out of range", "board:\n  age-days: { warn: 0, late: 1.5 }", ["board.age-days.warn (line 2): expected a whole number of days from 1 to 365, found the number 0", "board.age-days.late (line 2): expected a whole number of days from 1 to 365, found the number 1.5"]],
    ["warn not below late", "board:\n  age-days:\n    warn: 14\n    late: 7", ["board.age-days (line 2): expected warn below late, found warn 14 and late 7"]],
    ["an unknown age key", "board:\n  age-days: { stale: 3 }", ['board.age-days.stale (line 2): unknown key; expected warn or late']],
  ])("%s", (_name, yaml, expected) => {
    expect(problemsOf(yaml)).toEqual(expected);
  });
});
