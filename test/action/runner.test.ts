import { describe, expect, test } from "@jest/globals";
import { readInputs } from "../../src/action/run.js";
import { command, inputOf, outputLine, RunnerError } from "../../src/action/runner.js";

describe("workflow commands", () => {
  test("escape the message's %, CR and LF, and the properties' : and , too", () => {
    expect(command("error", { file: "stories/a,b.md", line: 3, title: "faq-missing: x" }, "50% done\nnext")).toBe(
      "::error file=stories/a%2Cb.md,line=3,title=faq-missing%3A x::50%25 done%0Anext",
    );
    expect(command("notice", {}, "plain")).toBe("::notice::plain");
  });

  test("an output with a line break goes between delimiters", () => {
    expect(outputLine("findings", "2", "EOF")).toBe("findings=2\n");
    expect(outputLine("text", "a\nb", "EOF")).toBe("text<<EOF\na\nb\nEOF\n");
  });

  test("inputs are read as the runner passes them (INPUT_ and the name upper-cased, hyphens kept)", () => {
    expect(inputOf({ "INPUT_FAIL-ON": " all " }, "fail-on")).toBe("all");
    expect(inputOf({}, "config")).toBe("");
  });
});

describe("readInputs", () => {
  const inputs = (values: Record<string, string>) => (name: string) => values[name] ?? "";

  test("defaults: the configuration's path and fail-on, the dashboard on as 'Story board', the workflow's token", () => {
    expect(readInputs(inputs({ token: "t" }))).toEqual({
      token: "t",
      config: ".github/story-triage.yml",
      dashboard: { enabled: true, title: "Story board" },
      failOn: null,
      appSlug: null,
    });
  });

  test("dashboard off, a dashboard title, fail-on all, an app's slug", () => {
    expect(readInputs(inputs({ token: "t", dashboard: "off" })).dashboard).toEqual({ enabled: false, title: "Story board" });
    expect(readInputs(inputs({ token: "t", dashboard: "Async stories" })).dashboard).toEqual({ enabled: true, title: "Async stories" });
    expect(readInputs(inputs({ token: "t", "fail-on": "all", "app-slug": "story-bot" }))).toMatchObject({ failOn: "all", appSlug: "story-bot" });
  });

  test("a wrong fail-on or an empty token is an error naming the input", () => {
    expect(() => readInputs(inputs({ token: "t", "fail-on": "some" }))).toThrow(new RunnerError('the input `fail-on` must be "introduced" or "all" (or empty for the configuration\'s); got "some"'));
    expect(() => readInputs(inputs({}))).toThrow(RunnerError);
  });
});
