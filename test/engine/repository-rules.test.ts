/**
 * toc-missing and link-broken against a small repository: its paths, its SUMMARY.md and an index
 * page, for added, renamed and modified stories. Every finding is compared whole, fix included.
 */
import { describe, expect, test } from "@jest/globals";
import { parseConfigYaml } from "../../src/config/index.js";
import { checkStory, parseTemplate, type Finding } from "../../src/engine/index.js";
import { bookSource, summaryPath, type RepositoryContext, type StoryChange } from "../../src/engine/repository.js";
import { bookReferences, compilePattern } from "../../src/engine/references.js";

const config = parseConfigYaml(
  'stories:\n  status-quo:\n    paths: ["src/vision/status_quo/*.md"]\ntoc:\n  index:\n    status-quo: src/vision/status_quo.md\n',
  "test config",
);
const template = parseTemplate("# 😱 Status quo stories: Template\n\n## The story\n\n*Write it.* See [the characters](../characters.md) and [gone](./gone.md).\n");

const SUMMARY = [
  "# Summary",
  "",
  "- [Vision](./vision.md)",
  "   - [😱 Status quo](./vision/status_quo.md)",
  "      - [Template](./vision/status_quo/template.md)",
  "      - [Alan hates writing a `Stream`](./vision/status_quo/alan_hates_writing_a_stream.md)",
  "      - [Barbara plays with async](./vision/status_quo/barbara_plays_with_async.md)",
  "      - [Niklaus wants to share knowledge](./vision/status_quo/niklaus_wants_to_share_knowledge.md)",
  "",
].join("\n");
const INDEX = "# Status quo\n\n* [Barbara plays with async](./status_quo/barbara_plays_with_async.md)\n";
const PATHS = [
  "book.toml",
  "src/SUMMARY.md",
  "src/vision.md",
  "src/vision/characters.md",
  "src/vision/status_quo.md",
  "src/vision/status_quo/template.md",
  "src/vision/status_quo/alan_hates_writing_a_stream.md",
  "src/vision/status_quo/barbara_plays_with_async.md",
  "src/vision/status_quo/niklaus_wants_to_share_knowledge.md",
  "src/vision/how_to_vision/comment.md",
  "src/vision/how_to_vision/status_quo.md",
  "src/vision/roadmap/status_quo.md",
  "src/images/diagram.png",
];

function repo(summary: string = SUMMARY, index: string = INDEX): RepositoryContext {
  return {
    paths: new Set(PATHS),
    summary: { path: "src/SUMMARY.md", text: summary },
    indexPages: { "status-quo": [{ path: "src/vision/status_quo.md", text: index }] },
  };
}

function findings(file: string, body: string, options: { change?: StoryChange; repo?: RepositoryContext | null; title?: string } = {}): Finding[] {
  const story = `# 😱 Status quo stories: ${options.title ?? "Grace debugs a crash"}\n\n## The story\n\n${body}\n`;
  const context = options.repo === null ? {} : { repo: options.repo ?? repo() };
  const report = checkStory({ path: file, content: story, kind: config.kinds[0]!, template, config, ...context, ...(options.change ? { change: options.change } : {}) });
  return report.findings.filter((f) => f.rule === "toc-missing" || f.rule === "link-broken");
}

const GRACE = "src/vision/status_quo/grace_debugs_a_crash.md";
const LISTED = "src/vision/status_quo/barbara_plays_with_async.md";

describe("toc-missing", () => {
  test("an added story absent from SUMMARY.md and the index page: the line to add, in title order beside its siblings", () => {
    expect(findings(GRACE, "Grace debugs.", { change: { status: "added", previousPath: null } })).toEqual([
      {
        rule: "toc-missing",
        severity: "error",
        line: 1,
        column: 1,
        message:
          "The story is not linked from `src/SUMMARY.md`, so it is not in the book; add `- [Grace debugs a crash](./vision/status_quo/grace_debugs_a_crash.md)` after line 7 (`Barbara plays with async`), beside the other stories of its folder.",
        fix: {
          path: "src/SUMMARY.md",
          line: 7,
          text: "      - [Barbara plays with async](./vision/status_quo/barbara_plays_with_async.md)\n      - [Grace debugs a crash](./vision/status_quo/grace_debugs_a_crash.md)",
        },
      },
      {
        rule: "toc-missing",
        severity: "error",
        line: 1,
        column: 1,
        message:
          "The story is not linked from `src/vision/status_quo.md`, so it is not in the book; add `* [Grace debugs a crash](./status_quo/grace_debugs_a_crash.md)` after line 3 (`Barbara plays with async`), beside the other stories of its folder.",
        fix: { path: "src/vision/status_quo.md", line: 3, text: "* [Barbara plays with async](./status_quo/barbara_plays_with_async.md)\n* [Grace debugs a crash](./status_quo/grace_debugs_a_crash.md)" },
      },
    ]);
  });

  test("first in title order: before the first sibling; a list not in title order: after the last", () => {
    const aaron = "src/vision/status_quo/aaron_waits.md";
    const [sorted] = findings(aaron, "Aaron waits.", { title: "Aaron waits" });
    expect(sorted?.fix).toEqual({
      path: "src/SUMMARY.md",
      line: 6,
      text: "      - [Aaron waits](./vision/status_quo/aaron_waits.md)\n      - [Alan hates writing a `Stream`](./vision/status_quo/alan_hates_writing_a_stream.md)",
    });
    const unsorted = SUMMARY.replace("      - [Alan hates", "      - [Zed](./vision/status_quo/zed.md)\n      - [Alan hates");
    const [appended] = findings(GRACE, "Grace debugs.", { repo: repo(unsorted) });
    expect(appended?.fix?.line).toBe(9);
  });

  test("a linked story, a modified story and no repository context: nothing", () => {
    expect(findings(LISTED, "Barbara plays.", { change: { status: "added", previousPath: null } })).toEqual([]);
    expect(findings(GRACE, "Grace debugs.", { change: { status: "modified", previousPath: null } })).toEqual([]);
    expect(findings(GRACE, "Grace debugs.", { repo: null })).toEqual([]);
  });

  test("a renamed story whose entry still links the old path: the entry with the new path", () => {
    const renamed = findings(GRACE, "Grace debugs.", { change: { status: "renamed", previousPath: LISTED } });
    expect(renamed.map((f) => [f.message, f.fix])).toEqual([
      [
        "`src/SUMMARY.md` line 7 still links the story's old path `src/vision/status_quo/barbara_plays_with_async.md`; expected it to link `./vision/status_quo/grace_debugs_a_crash.md`: `- [Barbara plays with async](./vision/status_quo/grace_debugs_a_crash.md)`.",
        { path: "src/SUMMARY.md", line: 7, text: "      - [Barbara plays with async](./vision/status_quo/grace_debugs_a_crash.md)" },
      ],
      [
        "`src/vision/status_quo.md` line 3 still links the story's old path `src/vision/status_quo/barbara_plays_with_async.md`; expected it to link `./status_quo/grace_debugs_a_crash.md`: `* [Barbara plays with async](./status_quo/grace_debugs_a_crash.md)`.",
        { path: "src/vision/status_quo.md", line: 3, text: "* [Barbara plays with async](./status_quo/grace_debugs_a_crash.md)" },
      ],
    ]);
  });

  test("a table of contents with no entry in the story's folder: the entry to write, without a place", () => {
    const [f] = findings(GRACE, "Grace debugs.", { repo: { ...repo("# Summary\n\n- [Vision](./vision.md)\n"), indexPages: {} } });
    expect(f).toEqual({
      rule: "toc-missing",
      severity: "error",
      line: 1,
      column: 1,
      message: "The story is not linked from `src/SUMMARY.md`, so it is not in the book; expected a list item linking `./vision/status_quo/grace_debugs_a_crash.md`, as `- [Grace debugs a crash](./vision/status_quo/grace_debugs_a_crash.md)`.",
    });
  });
});

describe("link-broken", () => {
  const noToc: RepositoryContext = { paths: new Set(PATHS), summary: null, indexPages: {} };
  const broken = (body: string) => findings(LISTED, body, { repo: noToc }).map((f) => `${f.line}:${f.column} ${f.message}${f.fix ? ` => ${f.fix.line}: ${f.fix.text}` : ""}`);

  test("links that resolve: files, folders, mdBook's .html pages, anchors (not checked), URLs, root-relative paths", () => {
    const body = [
      "[a](../characters.md) [b](./template.md#the-story) [c](../status_quo.html) [d](../how_to_vision/) ![e](../../images/diagram.png)",
      "[f](https://example.com/x.md) [g](#local) [h](/wg-async/vision.html) [i](mailto:a@b.c) [j](../characters.md?plain=1)",
      "",
      "[k]: ../how_to_vision/comment.md",
    ].join("\n");
    expect(broken(body)).toEqual([]);
  });

  test("a missing file: the one file of that name proposed, as a fix on its line; several of that name: none", () => {
    const body = "See [the comment](../comment.md#why) and [the status quo](./status_quo.md).\n\n[cc]: ./characters.md";
    expect(broken(body)).toEqual([
      "5:5 Link `../comment.md#why` points at `src/vision/comment.md`, which is not in the repository at the head. The only file named `comment.md` is `src/vision/how_to_vision/comment.md`: link `../how_to_vision/comment.md#why`. => 5: See [the comment](../how_to_vision/comment.md#why) and [the status quo](./status_quo.md).",
      "5:42 Link `./status_quo.md` points at `src/vision/status_quo/status_quo.md`, which is not in the repository at the head. Expected a path to a file that exists.",
      "7:1 Link definition `[cc]` `./characters.md` points at `src/vision/status_quo/characters.md`, which is not in the repository at the head. The only file named `characters.md` is `src/vision/characters.md`: link `../characters.md`. => 7: [cc]: ../characters.md",
    ]);
  });

  test("a broken link copied from the template says so", () => {
    expect(broken("See [gone](./gone.md).")).toEqual([
      "5:5 Link `./gone.md` points at `src/vision/status_quo/gone.md`, which is not in the repository at the head. Expected a path to a file that exists. The story's template has the same link: fixing it there too keeps new stories from copying it.",
    ]);
  });

  test("text in code spans and fences is not a link; a path out of the repository is reported", () => {
    const body = "Not a link: `[x](./nope.md)`.\n\n```md\n[y](./nope.md)\n```\n\n[up](../../../../outside.md)";
    expect(broken(body)).toEqual(["11:1 Link `../../../../outside.md` points outside the repository; expected a path to a file in it."]);
  });

  test("references without a definition: full, collapsed and shortcut; not escaped, task boxes, a[i] or a link's text", () => {
    const body = [
      "[one][nowhere] and [two][] and [three] and [Alan][alan] and \\[escaped\\] and a[i] and [[C++] talk](https://x.y).",
      "",
      "- [ ] a task",
      "",
      "[alan]: ../characters.md",
    ].join("\n");
    expect(broken(body)).toEqual([
      "5:1 Reference `[one][nowhere]` has no definition `[nowhere]: ...`, so it shows as plain brackets; expected a definition for `nowhere` or an inline link.",
      "5:20 Reference `[two][]` has no definition `[two]: ...`, so it shows as plain brackets; expected a definition for `two` or an inline link.",
      "5:32 Reference `[three]` has no definition `[three]: ...`, so it shows as plain brackets; expected a definition for `three` or an inline link.",
    ]);
  });
});

describe("link-broken: references the book's build defines", () => {
  const BOOK_TOML = [
    "[book]",
    'src = "src"',
    "",
    "[preprocessor.goals]",
    'command = "mdbook-goals"',
    "",
    "[preprocessor.goals.links]",
    '"Help wanted" = "https://img.shields.io/badge/Help%20wanted-yellow"',
    "TBD = 'https://img.shields.io/badge/TBD-red'",
    "",
    "[preprocessor.goals.linkifiers]",
    '"RFC #([0-9]+)" = "https://github.com/rust-lang/rfcs/pull/$1"',
    '"([a-zA-Z0-9-]+)/([a-zA-Z0-9-]+)#([0-9]+)" = "https://github.com/$1/$2/issues/$3"',
    '"#([0-9]+)" = "https://github.com/rust-lang/rust/issues/$1"',
    "",
    "[output.html.redirect]",
    '"/old.html" = "new.html"',
    "",
  ].join("\n");
  const body = "[Help wanted][] [help  WANTED] [TBD] [RFC #3668] [rust-lang/rust#123] [#42] [#42, #43] [compiler] [T-lang] [lang-docs] [nowhere] [old.html]";
  const labels = (withBook: boolean, cfg = config) => {
    const report = checkStory({ path: GRACE, content: `# 😱 Status quo stories: Grace\n\n## The story\n\n${body}\n`, kind: cfg.kinds[0]!, template, config: cfg, repo: { ...repo(), bookToml: withBook ? BOOK_TOML : null } });
    return report.findings.filter((f) => f.rule === "link-broken").map((f) => f.link);
  };

  test("without book.toml every undefined reference is reported", () => {
    expect(labels(false)).toEqual(["[Help wanted][]", "[help  WANTED]", "[TBD]", "[RFC #3668]", "[rust-lang/rust#123]", "[#42]", "[#42, #43]", "[compiler]", "[T-lang]", "[lang-docs]", "[nowhere]", "[old.html]"]);
  });

  test("book.toml's preprocessor links (any case and spacing) and whole matches of its linkifiers are defined; the rest is still reported", () => {
    expect(labels(true)).toEqual(["[#42, #43]", "[compiler]", "[T-lang]", "[lang-docs]", "[nowhere]", "[old.html]"]);
  });

  test("defined-references in the configuration adds names and patterns", () => {
    const withTeams = parseConfigYaml(
      'stories:\n  status-quo:\n    paths: ["src/vision/status_quo/*.md"]\ndefined-references:\n  names: [compiler, Lang-Docs]\n  patterns: ["T-[a-z-]+"]\n',
      "test config",
    );
    expect(labels(true, withTeams)).toEqual(["[#42, #43]", "[nowhere]", "[old.html]"]);
    expect(labels(false, withTeams)).toEqual(["[Help wanted][]", "[help  WANTED]", "[TBD]", "[RFC #3668]", "[rust-lang/rust#123]", "[#42]", "[#42, #43]", "[nowhere]", "[old.html]"]);
  });
});

describe("book.toml's references", () => {
  test("labels and patterns of every preprocessor's links and linkifiers tables, keys bare, quoted or literal", () => {
    const toml = [
      "[preprocessor.a.links]",
      'bare-key = "x"',
      '"with \\"quote\\"" = "x"  # comment',
      "[preprocessor.\"b\".linkifiers]",
      "'\\d+' = 'x'",
      '"v\\\\d+" = "x"',
      "[preprocessor.a]",
      'links-not = "x"',
      "[other.links]",
      'no = "x"',
    ].join("\n");
    expect(bookReferences(toml)).toEqual({ labels: ["bare-key", 'with "quote"'], patterns: ["\\d+", "v\\d+"] });
  });

  test("patterns that could match slowly, or are not valid, are refused with the reason", () => {
    expect(compilePattern("T-[a-z-]+")).toBeInstanceOf(RegExp);
    expect(compilePattern("(a+)+b")).toBe("a quantified group (`(...)+`, `(...)*`, `(...){n}`) is not allowed: it can make matching slow; repeat a character class instead");
    expect(compilePattern("(a|b){2}")).toBe("a quantified group (`(...)+`, `(...)*`, `(...){n}`) is not allowed: it can make matching slow; repeat a character class instead");
    expect(compilePattern("\\(x\\)+")).toBeInstanceOf(RegExp);
    expect(compilePattern("(a)\\1")).toBe("a back-reference (\\1, \\k<name>) is not allowed: it can make matching slow");
    expect(compilePattern("a*b*c*d*e*")).toBe("expected at most 4 quantifiers (*, +, ?, {n,m}), found 5");
    expect(compilePattern("[")).toBe("expected a valid regular expression (Invalid regular expression: /^(?:[)$/u: Unterminated character class)");
  });
});

describe("where SUMMARY.md is", () => {
  test("book.toml's src, mdBook's default, the configuration, or no book at all", () => {
    expect(bookSource('[book]\ntitle = "x"\nsrc = "docs"  # the book\n[build]\nsrc = "other"\n')).toBe("docs");
    expect(bookSource("[book]\ntitle = 'x'\n")).toBe("src");
    expect(summaryPath(config, '[book]\nsrc = "./book/"\n')).toBe("book/SUMMARY.md");
    expect(summaryPath(config, '[book]\nsrc = "."\n')).toBe("SUMMARY.md");
    expect(summaryPath(config, null)).toBeNull();
    const configured = parseConfigYaml('stories:\n  s:\n    paths: ["*.md"]\ntoc:\n  summary: guide/SUMMARY.md\n');
    expect(summaryPath(configured, null)).toBe("guide/SUMMARY.md");
  });
});
