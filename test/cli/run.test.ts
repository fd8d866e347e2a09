/** run() in-process, against small repositories on disk: the exact output and exit status. */
import { afterAll, describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import path from "node:path";
import { USAGE } from "../../src/cli/args.js";
import { run } from "../../src/cli/run.js";
import { COMPLETE, CONFIG, INCOMPLETE, makeRepo, removeRepos, ROOT, sampleRepo, TEMPLATE } from "./support.js";

afterAll(removeRepos);

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(cwd: string, ...argv: string[]): Promise<Result> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    cwd,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

const GRACE = "stories/status_quo/grace_ports_a_driver.md";
const ALAN = "stories/status_quo/alan_learns_to_wait.md";
const MISSING_NAME =
  "Question `Why did you choose *NAME* to tell this story?` is missing from the `🤔 Frequently Asked Questions` section; expected it with an answer.";
const PLACEHOLDER =
  "Question `What are the morals of the story?` is answered only with the template's hint or a placeholder; expected a real answer.";
const GRACE_TEXT = [
  GRACE,
  `  7:1  error  ${MISSING_NAME}  faq-missing`,
  `  9:1  error  ${PLACEHOLDER}${" ".repeat([...MISSING_NAME].length - [...PLACEHOLDER].length)}  faq-placeholder`,
  "",
  "✖ 2 problems (2 errors, 0 warnings, 0 infos)",
  "",
].join("\n");

const alanReport = {
  path: ALAN,
  kind: "status-quo",
  title: "😱 Status quo stories: Alan learns to wait",
  draft: true,
  characters: ["Alan"],
  labels: ["status-quo", "draft", "character:Alan"],
  findings: [],
};
const graceReport = {
  path: GRACE,
  kind: "status-quo",
  title: "😱 Status quo stories: Grace ports a driver",
  draft: false,
  characters: ["Grace"],
  labels: ["status-quo", "character:Grace", "needs-faq"],
  findings: [
    { rule: "faq-missing", severity: "error", message: MISSING_NAME, line: 7, column: 1, question: "Why did you choose *NAME* to tell this story?" },
    { rule: "faq-placeholder", severity: "error", message: PLACEHOLDER, line: 9, column: 1, question: "What are the morals of the story?" },
  ],
};
const notStory = (p: string) => ({ path: p, kind: null, title: null, draft: false, characters: [], labels: [], findings: [] });

describe("choosing the files", () => {
  test("without paths: every story the config matches, sorted; not the template, not other files", async () => {
    expect(await cli(sampleRepo(), "check")).toEqual({ code: 1, stdout: GRACE_TEXT, stderr: "" });
    const json = await cli(sampleRepo(), "check", "--format", "json");
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({ version: 1, files: [alanReport, graceReport] });
  });

  test("a file is listed as given, relative to the cwd; one that matches no kind has kind null", async () => {
    const cwd = sampleRepo();
    const r = await cli(cwd, "check", "-f", "json", `./${ALAN}`, path.join(cwd, "docs/notes.md"));
    expect(r).toEqual({ code: 0, stdout: expect.any(String), stderr: "" });
    expect(JSON.parse(r.stdout)).toEqual({ version: 1, files: [alanReport, notStory("docs/notes.md")] });
    expect(await cli(cwd, "check", ALAN, "docs/notes.md")).toEqual({
      code: 0,
      stdout: "✔ No problems in 1 story (1 other file matched no story kind)\n",
      stderr: "",
    });
  });

  test("a template given by name is never checked as a story", async () => {
    const r = await cli(sampleRepo(), "check", "-f", "json", "stories/status_quo/template.md");
    expect(JSON.parse(r.stdout)).toEqual({ version: 1, files: [notStory("stories/status_quo/template.md")] });
    expect(r.code).toBe(0);
  });

  test("a directory expands to the stories under it", async () => {
    const r = await cli(sampleRepo(), "check", "-f", "json", "stories", "docs");
    expect(JSON.parse(r.stdout)).toEqual({ version: 1, files: [alanReport, graceReport] });
  });

  test("a glob lists every file it matches, stories or not", async () => {
    const r = await cli(sampleRepo(), "check", "-f", "json", "stories/**/*.md", "docs/*.md");
    expect(JSON.parse(r.stdout)).toEqual({
      version: 1,
      files: [alanReport, graceReport, notStory("stories/status_quo/template.md"), notStory("docs/notes.md")],
    });
  });

  test("a file named twice is listed once, in the order first given", async () => {
    const r = await cli(sampleRepo(), "check", "-f", "json", GRACE, ALAN, `./${GRACE}`, "stories");
    expect(JSON.parse(r.stdout).files.map((f: { path: string }) => f.path)).toEqual([GRACE, ALAN]);
  });

  test("a path that does not exist, or a glob that matches nothing, is an error", async () => {
    expect(await cli(sampleRepo(), "check", ALAN, "stories/nope.md")).toEqual({
      code: 2,
      stdout: "",
      stderr: "story-triage: stories/nope.md: no such file or directory\n",
    });
    expect(await cli(sampleRepo(), "check", "nothing/**/*.md")).toEqual({
      code: 2,
      stdout: "",
      stderr: "story-triage: no files match nothing/**/*.md\n",
    });
  });
});

describe("a configuration that matches nothing", () => {
  const INIT = 'Run "story-triage init" to find the repository\'s templates and the documents written from them, and write a configuration that matches them.';

  test("the built-in defaults matching no file: exit status 2, saying which configuration was read and pointing to init", async () => {
    const cwd = makeRepo({ "src/vision/status_quo/alan.md": COMPLETE, "src/vision/status_quo/template.md": TEMPLATE });
    expect(await cli(cwd, "check")).toEqual({
      code: 2,
      stdout: "",
      stderr: [
        "story-triage: no file matched the story kinds of the built-in defaults (no .github/story-triage.yml):",
        "  - story: stories/**/*.md",
        `${INIT}\n`,
      ].join("\n"),
    });
  });

  test("a configuration file matching no file names the file, its kinds and their globs", async () => {
    const cwd = makeRepo({
      "configs/other.yml": 'stories:\n  goal:\n    paths: ["src/2026/*.md"]\n    exclude: ["src/2026/README.md"]\n  roadmap:\n    paths: ["src/roadmaps/*.md"]\n',
      "src/2025h2/a.md": COMPLETE,
    });
    expect(await cli(cwd, "check", "-c", "configs/other.yml", "-f", "json")).toEqual({
      code: 2,
      stdout: "",
      stderr: [
        "story-triage: no file matched the story kinds of the configuration configs/other.yml:",
        "  - goal: src/2026/*.md, except src/2026/README.md",
        "  - roadmap: src/roadmaps/*.md",
        `${INIT}\n`,
      ].join("\n"),
    });
  });

  test("paths given that hold no story are listed as before (not this error)", async () => {
    expect(await cli(sampleRepo(), "check", "docs")).toEqual({ code: 0, stdout: "✔ No problems in 0 stories\n", stderr: "" });
  });
});

describe("configuration", () => {
  test("no configuration file: the defaults (stories/**/*.md, the built-in template)", async () => {
    const cwd = makeRepo({ "stories/alan.md": COMPLETE, "src/other.md": INCOMPLETE });
    const r = await cli(cwd, "check", "-f", "json");
    const files = JSON.parse(r.stdout).files;
    expect(files.map((f: { path: string; kind: string }) => [f.path, f.kind])).toEqual([["stories/alan.md", "story"]]);
    // The built-in template asks four questions; the story answers two of them.
    expect(files[0].findings.map((f: { rule: string; question?: string }) => [f.rule, f.question])).toEqual([
      ["faq-missing", "What are the sources for this story?"],
      ["faq-missing", "How would this story have played out differently for the other characters?"],
    ]);
    expect(r.code).toBe(1);
  });

  test("--config names another file; rules there change severities and the exit status", async () => {
    const cwd = sampleRepo({
      "configs/lenient.yml": `${CONFIG}rules:\n  faq-placeholder: off\n  faq-missing: warning\n`,
    });
    expect(await cli(cwd, "check", "--config", "configs/lenient.yml")).toEqual({
      code: 0,
      stdout: [GRACE, `  7:1  warning  ${MISSING_NAME}  faq-missing`, "", "✖ 1 problem (0 errors, 1 warning, 0 infos)", ""].join("\n"),
      stderr: "",
    });
  });

  test("a configured template path is read from the repository root", async () => {
    const cwd = makeRepo({
      ".github/story-triage.yml": 'stories:\n  status-quo:\n    paths: ["stories/*.md"]\n    template: templates/status_quo.md\n',
      "templates/status_quo.md": TEMPLATE,
      "stories/alan.md": COMPLETE,
    });
    expect(await cli(cwd, "check")).toEqual({ code: 0, stdout: "✔ No problems in 1 story\n", stderr: "" });
  });

  test("an invalid configuration is exit status 2, every problem on stderr", async () => {
    const cwd = sampleRepo({ ".github/story-triage.yml": "stories:\n  status-quo:\n    path: [x]\nrules:\n  faq-missing: warn\n" });
    expect(await cli(cwd, "check")).toEqual({
      code: 2,
      stdout: "",
      stderr: [
        "story-triage: Invalid configuration in .github/story-triage.yml (3 problems):",
        "  - stories.status-quo.paths (line 2): missing; expected a list of globs",
        '  - stories.status-quo.path (line 3): unknown key; expected paths, exclude, template, rules, tables or optional-sections (did you mean "paths"?)',
        '  - rules.faq-missing (line 5): expected error, warning, info or off, found the string "warn"',
        "",
      ].join("\n"),
    });
  });

  test("invalid YAML names the file and line", async () => {
    const cwd = sampleRepo({ "my config.yml": "characters: [Alan\n" });
    expect(await cli(cwd, "check", "-c", "my config.yml")).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "story-triage: Invalid YAML in my config.yml (1 problem):\n  - line 2, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]\n",
    });
  });

  test("a configuration that is missing, too large or not UTF-8", async () => {
    const cwd = sampleRepo({ "big.yml": `# ${"x".repeat(2 * 1024 * 1024)}\n`, "latin1.yml": Buffer.from("characters: [Jos\xe9]\n", "latin1") });
    expect(await cli(cwd, "check", "--config", "nope.yml")).toEqual({
      code: 2,
      stdout: "",
      stderr: "story-triage: cannot read the configuration nope.yml: no such file or directory\n",
    });
    expect(await cli(cwd, "check", "--config", "big.yml")).toEqual({
      code: 2,
      stdout: "",
      stderr: "story-triage: Invalid configuration in big.yml (1 problem):\n  - the file has 2097155 bytes; expected at most 1048576 (1 MiB)\n",
    });
    expect(await cli(cwd, "check", "--config", "latin1.yml")).toEqual({
      code: 2,
      stdout: "",
      stderr: "story-triage: Invalid configuration in latin1.yml (1 problem):\n  - the file is not valid UTF-8 text\n",
    });
  });

  test("max-file-bytes: a larger story is a file-unreadable finding, not read", async () => {
    const cwd = sampleRepo({ ".github/story-triage.yml": `${CONFIG}max-file-bytes: 100\n` });
    const r = await cli(cwd, "check", "-f", "json", ALAN);
    expect(JSON.parse(r.stdout).files[0].findings).toEqual([
      {
        rule: "file-unreadable",
        severity: "error",
        message: `File is ${Buffer.byteLength(COMPLETE)} bytes, over the limit of 100 (max-file-bytes); it was not checked.`,
        line: 1,
        column: 1,
      },
    ]);
    expect(r.code).toBe(1);
  });
});

describe("templates", () => {
  test("a story in a folder without template.md gets the built-in template", async () => {
    const cwd = makeRepo({ ".github/story-triage.yml": CONFIG, [ALAN]: COMPLETE });
    const r = await cli(cwd, "check", "-f", "json");
    expect(JSON.parse(r.stdout).files[0].findings.map((f: { question?: string }) => f.question)).toEqual([
      "What are the sources for this story?",
      "How would this story have played out differently for the other characters?",
    ]);
  });

  test("an unreadable template is exit status 2 naming it; other stories are still reported", async () => {
    const cwd = sampleRepo({
      ".github/story-triage.yml": 'stories:\n  a:\n    paths: ["a/*.md"]\n  b:\n    paths: ["stories/status_quo/*.md"]\n',
      "a/template.md": Buffer.from([0x23, 0x20, 0xff, 0xfe]),
      "a/one.md": COMPLETE,
      "a/two.md": COMPLETE,
    });
    const r = await cli(cwd, "check", "-f", "json", "a/one.md", "a/two.md", ALAN);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("story-triage: the template a/template.md is not valid UTF-8 text\n");
    expect(JSON.parse(r.stdout)).toEqual({ version: 1, files: [{ ...alanReport, kind: "b", labels: ["b", "draft", "character:Alan"] }] });
  });
});

test("a template larger than max-file-bytes is still read, up to 1 MiB", async () => {
  const bigTemplate = `${TEMPLATE}\n${"x".repeat(2 * 1024 * 1024)}\n`;
  const small = sampleRepo({ ".github/story-triage.yml": `${CONFIG}max-file-bytes: 5000\n` });
  expect((await cli(small, "check", ALAN)).code).toBe(0);
  const big = sampleRepo({ "stories/status_quo/template.md": bigTemplate });
  expect(await cli(big, "check", ALAN)).toEqual({
    code: 2,
    stdout: "✔ No problems in 0 stories\n",
    stderr: `story-triage: the template stories/status_quo/template.md has ${Buffer.byteLength(bigTemplate)} bytes, over the limit of 1048576\n`,
  });
});

describe("usage", () => {
  test("--help prints the usage on stdout", async () => {
    expect(await cli(ROOT, "--help")).toEqual({ code: 0, stdout: USAGE, stderr: "" });
    expect(USAGE.split("\n")[0]).toBe("Usage: story-triage check [options] [PATH|GLOB ...]");
  });

  test("--version prints package.json's version", async () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
    expect(await cli(ROOT, "--version")).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  test("a usage error is exit status 2 with a pointer to --help", async () => {
    expect(await cli(ROOT, "check", "--format", "xml")).toEqual({
      code: 2,
      stdout: "",
      stderr: 'story-triage: --format must be text or json, not "xml"\nRun "story-triage --help" for usage.\n',
    });
    expect(await cli(ROOT)).toEqual({
      code: 2,
      stdout: "",
      stderr: 'story-triage: missing the command: check or init\nRun "story-triage --help" for usage.\n',
    });
  });
});
