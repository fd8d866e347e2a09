/**
 * The configuration parser: valid files give the exact Config, invalid ones give every problem,
 * each naming its key (and line) and what was expected.
 */
import { describe, expect, test } from "@jest/globals";
import { RULE_IDS } from "../../src/engine/types.js";
import {
  ConfigError,
  defaultConfig,
  parseConfig,
  parseConfigYaml,
  type Config,
} from "../../src/config/index.js";
import { WG_ASYNC_CONFIG } from "../support/corpus.js";

/** Config without the compiled matchers, for toEqual. */
function plain(config: Config): unknown {
  return { ...config, kinds: config.kinds.map(({ matches: _m, ...kind }) => kind) };
}

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error("expected a ConfigError, but the configuration was accepted");
}

const DEFAULTS = {
  kinds: [{ name: "story", paths: ["stories/**/*.md"], exclude: [], template: null }],
  characters: ["Alan", "Grace", "Niklaus", "Barbara"],
  labels: { draft: "draft", character: "character:{name}", kind: "{kind}", incomplete: "needs-faq" },
  rules: {},
  maxFileBytes: 1048576,
  review: { event: "COMMENT", maxComments: 30 },
  failOn: "introduced",
};


describe("valid configurations", () => {
  const cases: { name: string; yaml: string; expected: unknown }[] = [
    { name: "an empty file", yaml: "", expected: DEFAULTS },
    { name: "only comments", yaml: "# nothing configured yet\n", expected: DEFAULTS },
    { name: "an explicit empty document", yaml: "---\n", expected: DEFAULTS },
    {
      name: "the wg-async configuration",
      yaml: WG_ASYNC_CONFIG,
      expected: {
        ...DEFAULTS,
        kinds: [
          {
            name: "status-quo",
            paths: ["src/vision/status_quo/*.md", "src/vision/submitted_stories/status_quo/*.md"],
            exclude: [],
            template: null,
          },
          {
            name: "shiny-future",
            paths: ["src/vision/shiny_future/*.md", "src/vision/submitted_stories/shiny_future/*.md"],
            exclude: ["**/users_manual.md"],
            template: null,
          },
        ],
      },
    },
    {
      name: "every key set",
      yaml: `stories:
  status-quo:
    paths: ["src/vision/status_quo/*.md"]
    exclude: ["**/README.md"]
    template: ./src/vision/status_quo/template.md
characters: [Ferris]
labels:
  draft: wip
  character: "who:{name}"
  kind: "story:{kind}"
  incomplete: ""
rules:
  template-instructions: warning
  character-unknown: off
  faq-placeholder: info
max-file-bytes: 2048
review:
  event: REQUEST_CHANGES
  max-comments: 0
fail-on: all
`,
      expected: {
        kinds: [
          {
            name: "status-quo",
            paths: ["src/vision/status_quo/*.md"],
            exclude: ["**/README.md"],
            template: "src/vision/status_quo/template.md",
          },
        ],
        characters: ["Ferris"],
        labels: { draft: "wip", character: "who:{name}", kind: "story:{kind}", incomplete: "" },
        rules: { "template-instructions": "warning", "character-unknown": "off", "faq-placeholder": "info" },
        maxFileBytes: 2048,
        review: { event: "REQUEST_CHANGES", maxComments: 0 },
        failOn: "all",
      },
    },
    { name: "fail-on: introduced, the default, said outright", yaml: "fail-on: introduced\n", expected: DEFAULTS },
    {
      name: "labels given in part keep the other defaults",
      yaml: "labels:\n  draft: \"\"\n",
      expected: { ...DEFAULTS, labels: { ...DEFAULTS.labels, draft: "" } },
    },
    {
      name: "an empty list of characters",
      yaml: "characters: []\n",
      expected: { ...DEFAULTS, characters: [] },
    },
    {
      name: "template: null means the default",
      yaml: "stories:\n  story:\n    paths: [\"stories/*.md\"]\n    template: null\n",
      expected: { ...DEFAULTS, kinds: [{ name: "story", paths: ["stories/*.md"], exclude: [], template: null }] },
    },
    {
      name: "a label exactly 50 characters long",
      yaml: `labels:\n  draft: "${"d".repeat(50)}"\n`,
      expected: { ...DEFAULTS, labels: { ...DEFAULTS.labels, draft: "d".repeat(50) } },
    },
    {
      name: "a label template that is 50 characters with the longest name",
      yaml: `characters: [Al, ${"B".repeat(40)}]\nlabels:\n  character: "character:{name}"\n`,
      expected: { ...DEFAULTS, characters: ["Al", "B".repeat(40)] },
    },
  ];

  test.each(cases)("$name", ({ yaml, expected }) => {
    expect(plain(parseConfigYaml(yaml, "cfg.yml"))).toEqual(expected);
  });

  test("defaultConfig() is what an absent file means, and a fresh copy each time", () => {
    const a = defaultConfig();
    expect(plain(a)).toEqual(DEFAULTS);
    a.characters.push("Ferris");
    expect(defaultConfig().characters).toEqual(DEFAULTS.characters);
  });

  test("parseConfig(null) and parseConfig(undefined) give the defaults", () => {
    expect(plain(parseConfig(null))).toEqual(DEFAULTS);
    expect(plain(parseConfig(undefined))).toEqual(DEFAULTS);
  });

  test("the source defaults to .github/story-triage.yml", () => {
    expect(() => parseConfigYaml("extra: 1\n")).toThrow(
      "Invalid configuration in .github/story-triage.yml (1 problem):\n" +
        "  - extra (line 1): unknown key; expected stories, characters, labels, rules, max-file-bytes, review, fail-on, board, question-aliases, toc, defined-references, tables, optional-sections or table-labels",
    );
  });
});

describe("compiled globs: matches(path) is any of paths and none of exclude", () => {
  const [statusQuo, shinyFuture] = parseConfigYaml(WG_ASYNC_CONFIG, "cfg.yml").kinds;
  const cases: [string, boolean, boolean][] = [
    ["src/vision/status_quo/alan_tries_to_debug.md", true, false],
    ["src/vision/submitted_stories/status_quo/barbara_x.md", true, false],
    ["src/vision/status_quo/aws_engineer/chapter.md", false, false],
    ["src/vision/shiny_future/grace_deploys.md", false, true],
    ["src/vision/shiny_future/users_manual.md", false, false],
    ["src/vision/submitted_stories/shiny_future/users_manual.md", false, false],
    ["src/vision/status_quo.md", false, false],
    ["src/vision/status_quo/.hidden.md", true, false],
  ];
  test.each(cases)("%s: status-quo %s, shiny-future %s", (path, sq, sf) => {
    expect(statusQuo?.matches(path)).toBe(sq);
    expect(shinyFuture?.matches(path)).toBe(sf);
  });

  test("the default kind matches dot folders and nested folders under stories/", () => {
    const [story] = defaultConfig().kinds;
    expect(["stories/a.md", "stories/x/y/b.md", "stories/.drafts/c.md", "docs/a.md", "stories/a.txt"].map((p) => story?.matches(p))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  test("braces and character classes work", () => {
    const [kind] = parseConfigYaml('stories:\n  s:\n    paths: ["s/*.{md,markdown}", "t/[ab].md"]\n', "cfg.yml").kinds;
    expect(["s/x.md", "s/x.markdown", "s/x.txt", "t/a.md", "t/c.md"].map((p) => kind?.matches(p))).toEqual([true, true, false, true, false]);
  });
});

describe("invalid configurations: every problem, naming the key and its line", () => {
  const RULE_LIST = `${RULE_IDS.slice(0, -1).join(", ")} or ${RULE_IDS[RULE_IDS.length - 1]}`;
  const cases: { name: string; yaml: string; problems: string[] }[] = [
    {
      name: "the top level is a list",
      yaml: "- stories\n",
      problems: [
        "(top level): expected a mapping with the keys stories, characters, labels, rules, max-file-bytes, review, fail-on, board, question-aliases, toc, defined-references, tables, optional-sections or table-labels, found a list",
      ],
    },
    {
      name: "the top level is a string",
      yaml: "stories\n",
      problems: [
        "(top level): expected a mapping with the keys stories, characters, labels, rules, max-file-bytes, review, fail-on, board, question-aliases, toc, defined-references, tables, optional-sections or table-labels, found the string \"stories\"",
      ],
    },
    {
      name: "unknown top-level keys, with a suggestion when one is close",
      yaml: "story:\n  x: {}\ncharacter: [Alan]\nverbose: true\n",
      problems: [
        'story (line 1): unknown key; expected stories, characters, labels, rules, max-file-bytes, review, fail-on, board, question-aliases, toc, defined-references, tables, optional-sections or table-labels (did you mean "stories"?)',
        'character (line 3): unknown key; expected stories, characters, labels, rules, max-file-bytes, review, fail-on, board, question-aliases, toc, defined-references, tables, optional-sections or table-labels (did you mean "characters"?)',
        "verbose (line 4): unknown key; expected stories, characters, labels, rules, max-file-bytes, review, fail-on, board, question-aliases, toc, defined-references, tables, optional-sections or table-labels",
      ],
    },
    {
      name: "stories of the wrong shape",
      yaml: "stories: [a, b]\n",
      problems: ["stories (line 1): expected a mapping from story kind name to {paths, exclude, template}, found a list"],
    },
    {
      name: "stories with nothing under it",
      yaml: "stories:\n",
      problems: ["stories (line 1): expected a mapping from story kind name to {paths, exclude, template}, found an empty value (null)"],
    },
    {
      name: "no story kinds",
      yaml: "stories: {}\n",
      problems: ["stories (line 1): expected at least one story kind, found an empty mapping"],
    },
    {
      name: "a kind that is not a mapping, and one without paths",
      yaml: 'stories:\n  status-quo: "src/*.md"\n  shiny-future:\n    exclude: []\n',
      problems: [
        'stories.status-quo (line 2): expected a mapping with the keys paths, exclude, template, rules, tables or optional-sections, found the string "src/*.md"',
        "stories.shiny-future.paths (line 3): missing; expected a list of globs",
      ],
    },
    {
      name: "unknown kind keys",
      yaml: 'stories:\n  status-quo:\n    path: ["a/*.md"]\n    paths: ["a/*.md"]\n    excludes: []\n',
      problems: [
        'stories.status-quo.path (line 3): unknown key; expected paths, exclude, template, rules, tables or optional-sections (did you mean "paths"?)',
        'stories.status-quo.excludes (line 5): unknown key; expected paths, exclude, template, rules, tables or optional-sections (did you mean "exclude"?)',
      ],
    },
    {
      name: "bad globs, each named by its index",
      yaml: `stories:
  status-quo:
    paths:
      - "src/vision/status_quo/*.md"
      - ""
      - 3
      - "/src/*.md"
      - "../elsewhere/*.md"
      - "src/[ab.md"
      - "src/{a,b.md"
      - "*a*b*c*d*e.md"
      - "{a,b}{c,d}{e,f}{g,h}{i,j}.md"
      - "${"x".repeat(1001)}"
      - [nested]
      - "!src/drafts/*.md"
    exclude: "**/README.md"
`,
      problems: [
        'stories.status-quo.paths[1] (line 5): expected a non-empty glob, found an empty string',
        "stories.status-quo.paths[2] (line 6): expected a glob (a string), found the number 3",
        'stories.status-quo.paths[3] (line 7): expected a glob relative to the repository root, found the string "/src/*.md" (remove the leading "/")',
        'stories.status-quo.paths[4] (line 8): expected a glob inside the repository, found the string "../elsewhere/*.md" (a ".." segment never matches)',
        'stories.status-quo.paths[5] (line 9): expected a valid glob, found the string "src/[ab.md" (Missing closing: "]")',
        'stories.status-quo.paths[6] (line 10): expected a valid glob, found the string "src/{a,b.md" (Missing closing: "}")',
        'stories.status-quo.paths[7] (line 11): expected at most 4 "*" or "**" wildcards in one glob, found 5 (split it into several globs)',
        'stories.status-quo.paths[8] (line 12): expected at most 4 "{…}" groups in one glob, found 5 (split it into several globs)',
        "stories.status-quo.paths[9] (line 13): expected a glob of at most 1000 characters, found 1001",
        "stories.status-quo.paths[10] (line 14): expected a glob (a string), found a list",
        'stories.status-quo.paths[11] (line 15): expected a glob without a leading "!", found the string "!src/drafts/*.md" (list the files to leave out under exclude)',
        'stories.status-quo.exclude (line 16): expected a list of globs, found the string "**/README.md"',
      ],
    },
    {
      name: "an empty list of paths",
      yaml: "stories:\n  s:\n    paths: []\n",
      problems: ["stories.s.paths (line 3): expected at least one glob, found an empty list"],
    },
    {
      name: "escaped stars are not wildcards; a fifth real one is",
      yaml: 'stories:\n  s:\n    paths: ["a\\\\*b\\\\*c\\\\*d\\\\*e\\\\**.md", "**/*a*/**/*b.md"]\n',
      problems: ['stories.s.paths[1] (line 3): expected at most 4 "*" or "**" wildcards in one glob, found 5 (split it into several globs)'],
    },
    {
      name: "bad template paths",
      yaml: `stories:
  a:
    paths: ["a/*.md"]
    template: 3
  b:
    paths: ["b/*.md"]
    template: /b/template.md
  c:
    paths: ["c/*.md"]
    template: "c/../template.md"
  d:
    paths: ["d/*.md"]
    template: "d\\\\template.md"
  e:
    paths: ["e/*.md"]
    template: ""
`,
      problems: [
        "stories.a.template (line 4): expected a repository path to a markdown file (or null for the default), found the number 3",
        'stories.b.template (line 7): expected a path relative to the repository root, found the string "/b/template.md" (remove the leading "/")',
        'stories.c.template (line 10): expected a plain path inside the repository (no "..", "." or empty segments), found the string "c/../template.md"',
        'stories.d.template (line 13): expected a path with forward slashes, found the string "d\\\\template.md"',
        "stories.e.template (line 16): expected a repository path to a markdown file (or null for the default), found an empty string",
      ],
    },
    {
      name: "kind names: case clashes, spaces, length",
      yaml: `stories:
  status-quo:
    paths: ["a/*.md"]
  Status-Quo:
    paths: ["b/*.md"]
  " padded":
    paths: ["c/*.md"]
  ${"k".repeat(51)}:
    paths: ["d/*.md"]
`,
      problems: [
        "stories.Status-Quo (line 4): same name as stories.status-quo apart from case; kind names are labels, which GitHub compares without case",
        'stories[" padded"] (line 6): expected a story kind name without leading or trailing spaces, found the string " padded"',
        `stories.${"k".repeat(51)} (line 8): expected a story kind name of at most 50 characters, found 51`,
      ],
    },
    {
      name: "characters of the wrong shape",
      yaml: "characters: Alan\n",
      problems: ['characters (line 1): expected a list of character names, found the string "Alan"'],
    },
    {
      name: "bad character names",
      yaml: "characters:\n  - Alan\n  - 42\n  - \"\"\n  - \" Grace\"\n  - alan\n  - null\n",
      problems: [
        "characters[1] (line 3): expected a character name (a string), found the number 42",
        'characters[2] (line 4): expected a character name, found the string ""',
        'characters[3] (line 5): expected a character name without leading or trailing spaces, found the string " Grace"',
        'characters[4] (line 6): the string "alan" is already listed at characters[0]',
        "characters[5] (line 7): expected a character name (a string), found an empty value (null)",
      ],
    },
    {
      name: "labels: not strings, unknown keys, placeholders",
      yaml: `labels:
  draft: 1
  character: person
  kind: "k:{name}"
  incomplete: "{kind}-todo"
  needs-faq: x
`,
      problems: [
        'labels.draft (line 2): expected a label name (a string; "" turns the label off), found the number 1',
        'labels.character (line 3): expected a label template containing {name} (or "" to turn the label off), found the string "person"',
        "labels.kind (line 4): unknown placeholder {name}; expected {kind}",
        "labels.incomplete (line 5): unknown placeholder {kind}; this label takes no placeholders",
        "labels.needs-faq (line 6): unknown key; expected draft, character, kind or incomplete",
      ],
    },
    {
      name: "labels: a template that is not a string",
      yaml: "labels:\n  character: [character, \"{name}\"]\n  kind: \" {kind}\"\n",
      problems: [
        'labels.character (line 2): expected a label template containing {name} (a string; "" turns the label off), found a list',
        'labels.kind (line 3): expected a label without leading or trailing spaces, found the string " {kind}"',
      ],
    },
    {
      name: "labels longer than GitHub allows, checked with the longest name",
      yaml: `stories:
  ${"k".repeat(46)}:
    paths: ["a/*.md"]
  short:
    paths: ["b/*.md"]
characters: [Al, ${"B".repeat(41)}]
labels:
  draft: "${"d".repeat(51)}"
  kind: "kind:{kind}"
`,
      problems: [
        `labels.character (line 7): the default "character:{name}" gives the label "character:${"B".repeat(41)}" (51 characters) for the character "${"B".repeat(41)}"; GitHub allows at most 50`,
        `labels.draft (line 8): "${"d".repeat(51)}" gives the label "${"d".repeat(51)}" (51 characters); GitHub allows at most 50`,
        `labels.kind (line 9): "kind:{kind}" gives the label "kind:${"k".repeat(46)}" (51 characters) for the story kind "${"k".repeat(46)}"; GitHub allows at most 50`,
      ],
    },
    {
      name: "the default character label is checked without a labels key",
      yaml: `characters: [${"C".repeat(41)}]\n`,
      problems: [
        `labels.character: the default "character:{name}" gives the label "character:${"C".repeat(41)}" (51 characters) for the character "${"C".repeat(41)}"; GitHub allows at most 50`,
      ],
    },
    {
      name: "label length counts characters, not UTF-16 units",
      yaml: `labels:\n  draft: "${"🚧".repeat(50)}"\n  incomplete: "${"🚧".repeat(51)}"\n`,
      problems: [
        `labels.incomplete (line 3): "${"🚧".repeat(51)}" gives the label "${"🚧".repeat(51)}" (51 characters); GitHub allows at most 50`,
      ],
    },
    {
      name: "rules: unknown ids and severities",
      yaml: "rules:\n  faq-mising: off\n  faq-missing: warn\n  faq-placeholder: true\n  MD043: error\n",
      problems: [
        `rules.faq-mising (line 2): unknown key; expected ${RULE_LIST} (did you mean "faq-missing"?)`,
        'rules.faq-missing (line 3): expected error, warning, info or off, found the string "warn"',
        "rules.faq-placeholder (line 4): expected error, warning, info or off, found the boolean true",
        `rules.MD043 (line 5): unknown key; expected ${RULE_LIST}`,
      ],
    },
    {
      name: "rules of the wrong shape",
      yaml: "rules: [faq-missing]\n",
      problems: ["rules (line 1): expected a mapping from rule id to error, warning, info or off, found a list"],
    },
    {
      name: "max-file-bytes must be a whole number in range",
      yaml: "max-file-bytes: 1MB\n",
      problems: ['max-file-bytes (line 1): expected a whole number of bytes from 1 to 10485760 (10 MiB), found the string "1MB"'],
    },
    {
      name: "max-file-bytes not a whole number",
      yaml: "max-file-bytes: 1.5\n",
      problems: ["max-file-bytes (line 1): expected a whole number of bytes from 1 to 10485760 (10 MiB), found the number 1.5"],
    },
    {
      name: "max-file-bytes above the cap",
      yaml: "max-file-bytes: 10485761\n",
      problems: ["max-file-bytes (line 1): expected a whole number of bytes from 1 to 10485760 (10 MiB), found the number 10485761"],
    },
    {
      name: "max-file-bytes zero",
      yaml: "max-file-bytes: 0\n",
      problems: ["max-file-bytes (line 1): expected a whole number of bytes from 1 to 10485760 (10 MiB), found the number 0"],
    },
    {
      name: "review",
      yaml: "review:\n  event: comment\n  dismiss: true\n  max-comments: 101\n",
      problems: [
        'review.event (line 2): expected COMMENT or REQUEST_CHANGES, found the string "comment"',
        "review.dismiss (line 3): unknown key; expected event or max-comments",
        "review.max-comments (line 4): expected a whole number from 0 to 100, found the number 101",
      ],
    },
    {
      name: "fail-on with a value it does not know",
      yaml: "fail-on: new\n",
      problems: ['fail-on (line 1): expected introduced or all, found the string "new"'],
    },
    {
      name: "fail-on in capitals",
      yaml: "fail-on: ALL\n",
      problems: ['fail-on (line 1): expected introduced or all, found the string "ALL"'],
    },
    {
      name: "fail-on as a list",
      yaml: "fail-on: [introduced]\n",
      problems: ["fail-on (line 1): expected introduced or all, found a list"],
    },
    {
      name: "review of the wrong shape",
      yaml: "review: COMMENT\n",
      problems: ['review (line 1): expected a mapping with the keys event and max-comments, found the string "COMMENT"'],
    },
    {
      name: "a key that is not a plain word is quoted",
      yaml: 'stories:\n  "status quo":\n    paths: ["a/*.md"]\n    "tem plate": x\n',
      problems: ['stories["status quo"]["tem plate"] (line 4): unknown key; expected paths, exclude, template, rules, tables or optional-sections (did you mean "template"?)'],
    },
    {
      name: "problems from all over the file come in file order",
      yaml: "review:\n  event: x\nextra: 1\ncharacters: [1]\n",
      problems: [
        'review.event (line 2): expected COMMENT or REQUEST_CHANGES, found the string "x"',
        "extra (line 3): unknown key; expected stories, characters, labels, rules, max-file-bytes, review, fail-on, board, question-aliases, toc, defined-references, tables, optional-sections or table-labels",
        "characters[0] (line 4): expected a character name (a string), found the number 1",
      ],
    },
  ];

  test.each(cases)("$name", ({ yaml, problems }) => {
    expect(problemsOf(() => parseConfigYaml(yaml, "cfg.yml"))).toEqual(problems);
  });

  test("the error message lists every problem under one heading naming the file", () => {
    expect(() => parseConfigYaml("characters: Alan\nreview: 1\n", ".github/story-triage.yml")).toThrow(
      new ConfigError([
        'characters (line 1): expected a list of character names, found the string "Alan"',
        "review (line 2): expected a mapping with the keys event and max-comments, found the number 1",
      ]).message.replace("Invalid configuration", "Invalid configuration in .github/story-triage.yml"),
    );
    const error = new ConfigError(["a", "b"], "x.yml");
    expect(error.message).toBe("Invalid configuration in x.yml (2 problems):\n  - a\n  - b");
    expect(error.source).toBe("x.yml");
    expect(error.name).toBe("ConfigError");
  });
});

describe("parseConfig on values that did not come from YAML", () => {
  const cases: { name: string; raw: unknown; problems: string[] }[] = [
    {
      name: "a list",
      raw: [],
      problems: ["(top level): expected a mapping with the keys stories, characters, labels, rules, max-file-bytes, review, fail-on, board, question-aliases, toc, defined-references, tables, optional-sections or table-labels, found a list"],
    },
    {
      name: "a Map is not a plain mapping",
      raw: new Map([["stories", {}]]),
      problems: ["(top level): expected a mapping with the keys stories, characters, labels, rules, max-file-bytes, review, fail-on, board, question-aliases, toc, defined-references, tables, optional-sections or table-labels, found a value of type object"],
    },
    {
      name: "keys are named without lines",
      raw: { stories: { s: { paths: ["ok/*.md", 7] } }, characters: "Alan" },
      problems: [
        "stories.s.paths[1]: expected a glob (a string), found the number 7",
        'characters: expected a list of character names, found the string "Alan"',
      ],
    },
    {
      name: "binary data",
      raw: { characters: [new Uint8Array([1])] },
      problems: ["characters[0]: expected a character name (a string), found binary data"],
    },
  ];
  test.each(cases)("$name", ({ raw, problems }) => {
    expect(problemsOf(() => parseConfig(raw))).toEqual(problems);
  });

  test("a valid value gives a Config", () => {
    const config = parseConfig({ stories: { s: { paths: ["s/*.md"] } }, "max-file-bytes": 10 });
    expect(config.kinds.map((k) => k.name)).toEqual(["s"]);
    expect(config.kinds[0]?.matches("s/a.md")).toBe(true);
    expect(config.maxFileBytes).toBe(10);
  });
});

describe("YAML errors and hostile files stay bounded", () => {
  const cases: { name: string; yaml: string; message: string }[] = [
    {
      name: "a syntax error names the file, line and column",
      yaml: 'stories:\n  x:\n    paths: ["a/*.md"\n',
      message:
        "Invalid YAML in cfg.yml (1 problem):\n  - line 4, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]",
    },
    {
      name: "a duplicate key",
      yaml: "characters: [Alan]\ncharacters: [Grace]\n",
      message: "Invalid YAML in cfg.yml (1 problem):\n  - line 2, column 1: Map keys must be unique",
    },
    {
      name: "several documents",
      yaml: "characters: [Alan]\n---\ncharacters: [Grace]\n",
      message:
        "Invalid YAML in cfg.yml (1 problem):\n  - line 2, column 1: Source contains multiple documents; please use YAML.parseAllDocuments()",
    },
    {
      name: "a list used as a key",
      yaml: "? [a, b]\n: c\n",
      message: "Invalid YAML in cfg.yml (1 problem):\n  - line 1, column 3: a key must be a plain value, not a list or mapping",
    },
    {
      name: "an unknown tag",
      yaml: "characters: !person [Alan]\n",
      message: "Invalid YAML in cfg.yml (1 problem):\n  - line 1, column 13: Unresolved tag: !person",
    },
    {
      name: "an alias bomb",
      yaml: `a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
`,
      message: "Invalid YAML in cfg.yml (1 problem):\n  - too many alias (*name) expansions; expected at most 100",
    },
    {
      name: "a file over 1 MiB",
      yaml: `# ${"x".repeat(1024 * 1024)}\n`,
      message: "Invalid configuration in cfg.yml (1 problem):\n  - the file has 1048579 bytes; expected at most 1048576 (1 MiB)",
    },
  ];
  test.each(cases)("$name", ({ yaml, message }) => {
    expect(() => parseConfigYaml(yaml, "cfg.yml")).toThrow(message);
    try {
      parseConfigYaml(yaml, "cfg.yml");
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toBe(message);
    }
  });

  test("10,000 nested flow lists are a YAML error, not a crash", () => {
    const problems = problemsOf(() => parseConfigYaml(`${"[".repeat(10000)}${"]".repeat(10000)}`, "cfg.yml"));
    expect(problems).toEqual([expect.stringMatching(/^line 1, column \d+: Maximum call stack size exceeded$/)]);
  });

  test("more than 200 kinds, 1,000 globs in a list, 5,000 globs in all or 200 characters are refused without looking at each", () => {
    const kinds = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, { paths: [7] }]));
    expect(problemsOf(() => parseConfig({ stories: kinds }))).toEqual(["stories: expected at most 200 story kinds, found 201"]);
    const globs = Array.from({ length: 1001 }, () => 7);
    expect(problemsOf(() => parseConfig({ stories: { s: { paths: globs, exclude: globs } } }))).toEqual([
      "stories.s.paths: expected at most 1000 globs, found 1001",
      "stories.s.exclude: expected at most 1000 globs, found 1001",
    ]);
    const many = Array.from({ length: 1000 }, () => "a/*.md");
    const fiveKinds = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`k${i}`, { paths: many, exclude: i === 0 ? [7] : [] }]));
    expect(problemsOf(() => parseConfig({ stories: fiveKinds }))).toEqual(["stories: expected at most 5000 globs in all kinds together, found 5001"]);
    const names = Array.from({ length: 201 }, (_, i) => `c${i}`);
    expect(problemsOf(() => parseConfig({ characters: names }))).toEqual(["characters: expected at most 200 characters, found 201"]);
  });

  test("at most 100 problems are listed; the rest are counted", () => {
    const problems = problemsOf(() => parseConfig({ stories: { s: { paths: Array.from({ length: 250 }, () => 7) } } }));
    expect(problems).toHaveLength(101);
    expect(problems[99]).toBe("stories.s.paths[99]: expected a glob (a string), found the number 7");
    expect(problems[100]).toBe("... and 150 more problems");
  });

  test("the largest valid configuration parses", () => {
    const globs = Array.from({ length: 1000 }, (_, i) => `dir${i}/**/*.md`);
    const wide = parseConfig({ stories: { a: { paths: globs, exclude: globs.slice(0, 999) }, b: { paths: ["x/*.md"] } } });
    expect(wide.kinds[0]?.matches("dir999/x/y.md")).toBe(true);
    expect(wide.kinds[0]?.matches("dir998/x/y.md")).toBe(false);
    const kinds = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, { paths: globs.slice(0, 25) }]));
    const config = parseConfig({ stories: kinds });
    expect(config.kinds).toHaveLength(200);
    expect(config.kinds[199]?.matches("dir24/y.md")).toBe(true);
  });
});

describe("question-aliases and toc", () => {
  const kinds = 'stories:\n  status-quo:\n    paths: ["sq/*.md"]\n';
  test("older wordings per question, and the book's tables of contents", () => {
    const config = parseConfigYaml(
      `${kinds}question-aliases:\n  "What are the key attributes?":\n    - "What are the key points you were trying to convey?"\n  "Why?": "How come?"\ntoc:\n  summary: book/SUMMARY.md\n  index:\n    status-quo: sq.md\n`,
    );
    expect(config.questionAliases).toEqual([
      { question: "What are the key attributes?", aliases: ["What are the key points you were trying to convey?"] },
      { question: "Why?", aliases: ["How come?"] },
    ]);
    expect(config.toc).toEqual({ summary: "book/SUMMARY.md", index: { "status-quo": ["sq.md"] } });
  });

  test("absent unless configured; toc without summary reads book.toml", () => {
    expect(parseConfigYaml(kinds).questionAliases).toBeUndefined();
    expect(parseConfigYaml(kinds).toc).toBeUndefined();
    expect(parseConfigYaml(`${kinds}toc:\n  index:\n    status-quo: [a.md, b.md]\n`).toc).toEqual({ summary: null, index: { "status-quo": ["a.md", "b.md"] } });
  });

  test("every problem is named", () => {
    const yaml = `${kinds}question-aliases:\n  "What?": []\n  "???": ["x"]\n  "Why?": [3]\ntoc:\n  summary: /abs.md\n  index:\n    shiny: a.md\n    status-quo: 7\n  contents: x\n`;
    expect(problemsOf(() => parseConfigYaml(yaml))).toEqual([
      'question-aliases["What?"] (line 5): expected a list of older wordings of this question, found an empty list',
      'question-aliases["???"] (line 6): expected a question with words in it, found the string "???"',
      'question-aliases["Why?"][0] (line 7): expected a question (a string), found the number 3',
      'toc.summary (line 9): expected a path relative to the repository root, found the string "/abs.md" (remove the leading "/")',
      "toc.index.shiny (line 11): not a story kind; expected status-quo",
      "toc.index.status-quo (line 12): expected a repository path or a list of 1 to 20 of them, found the number 7",
      "toc.contents (line 13): unknown key; expected summary or index",
    ]);
  });
});

describe("defined-references", () => {
  test("names and patterns are kept as written", () => {
    const config = parseConfigYaml('defined-references:\n  names: [lang, "Help wanted"]\n  patterns: ["T-[a-z-]+"]\n', "cfg.yml");
    expect(config.definedReferences).toEqual({ names: ["lang", "Help wanted"], patterns: ["T-[a-z-]+"] });
  });

  test("each bad entry is refused, naming its key and line", () => {
    const yaml = ["defined-references:", "  names: [lang, 3, '']", "  patterns:", "    - '(a+)+'", "    - '['", "  teams: [x]"].join("\n");
    expect(() => parseConfigYaml(yaml, "cfg.yml")).toThrow(
      new ConfigError(
        [
          "defined-references.names[1] (line 2): expected a label (a non-empty string), found the number 3",
          'defined-references.names[2] (line 2): expected a label (a non-empty string), found the string ""',
          'defined-references.patterns[0] (line 4): a quantified group (`(...)+`, `(...)*`, `(...){n}`) is not allowed: it can make matching slow; repeat a character class instead, in the string "(a+)+"',
          'defined-references.patterns[1] (line 5): expected a valid regular expression (Invalid regular expression: /^(?:[)$/u: Unterminated character class), in the string "["',
          "defined-references.teams (line 6): unknown key; expected names or patterns",
        ],
        "cfg.yml",
      ),
    );
  });
});

describe("table-labels", () => {
  test("each label with its table and column or row; the board shows them as facets", () => {
    const config = parseConfigYaml('table-labels:\n  "T-{value}": {table: Team, column: Team}\n  "status:{value}": {table: Metadata, row: Status}\nboard:\n  facets: [help wanted]\n', "cfg.yml");
    expect(config.tableLabels).toEqual([
      { table: "Team", column: "Team", row: null, label: "T-{value}" },
      { table: "Metadata", column: null, row: "Status", label: "status:{value}" },
    ]);
    expect(config.board?.facets).toEqual(["help wanted", "T-*", "status:*"]);
    expect(parseConfigYaml('table-labels:\n  "T-{value}": {table: Team, column: Team}\n').board).toEqual({ enabled: true, facets: ["T-*"], waitingOn: "errors", ageDays: { warn: 7, late: 14 } });
  });

  test("each mistake is refused, naming its key and line", () => {
    const yaml = [
      "table-labels:",
      '  "T-team": {table: Team, column: Team}',
      '  "{value}-{value}": {table: Team, column: Team}',
      '  "s:{value}": {table: Metadata, column: Status, row: Status}',
      '  "x:{value}": {column: Team}',
      '  "y:{value}": {table: "", row: Status, colour: red}',
      `  "${"z".repeat(50)}{value}": {table: Team, column: Team}`,
    ].join("\n");
    expect(() => parseConfigYaml(yaml, "cfg.yml")).toThrow(
      new ConfigError(
        [
          'table-labels.T-team (line 2): expected a label template containing {value} (or "" to turn the label off), found the string "T-team"',
          'table-labels["{value}-{value}"] (line 3): expected {value} once, found the string "{value}-{value}"',
          'table-labels["s:{value}"] (line 4): expected exactly one of column (the values of a column table\'s column) or row (the value of a key-value table\'s row)',
          'table-labels["x:{value}"].table (line 5): missing; expected the table\'s first header cell (`Team`, `Metadata`)',
          "table-labels[\"y:{value}\"].colour (line 6): unknown key; expected table, column or row",
          'table-labels["y:{value}"].table (line 6): expected the table\'s first header cell (a non-empty string of at most 200 characters), found the string ""',
          `table-labels["${"z".repeat(50)}{value}"] (line 7): expected fewer than 50 characters besides {value} (GitHub's limit on label names), found 50`,
        ],
        "cfg.yml",
      ),
    );
  });
});
