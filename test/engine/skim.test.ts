/**
 * The guard on parseStory (fenced code and plain paragraphs skipped while parsing, put back after): on every story
 * version and template in the shared corpus, and on generated awkward markdown, its tree is the
 * tree of a plain parse (node for node, positions and offsets included) and checkStory's report,
 * findings and their positions included, is the same with either parse.
 */
import { describe, expect, test } from "@jest/globals";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { parseConfigYaml } from "../../src/config/index.js";
import { builtinTemplate, checkStory, kindFor, parseMarkdown, parseStory, parseTemplate, templateCandidates, type Template } from "../../src/engine/index.js";
import { skimParse } from "../../src/engine/skim.js";
import { CORPUS, WG_ASYNC_CONFIG } from "../support/corpus.js";

const config = parseConfigYaml(WG_ASYNC_CONFIG, "corpus config");
const STORY_PATH = "src/vision/status_quo/alan_generated.md";

function markdownUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".md"))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** Both reports of one story: the default parse and the plain one. */
function bothReports(file: string, content: string, template: Template) {
  const kind = kindFor(config, file);
  const fast = checkStory({ path: file, content, kind, template, config });
  const plain = checkStory({ path: file, content, kind, template, config, parse: parseMarkdown });
  return { fast, plain };
}

const corpusPresent = existsSync(CORPUS);
if (!corpusPresent) process.stderr.write(`skim corpus test skipped: ${CORPUS} is absent\n`);

(corpusPresent ? describe : describe.skip)("every story version in the corpus", () => {
  const prs = corpusPresent ? readdirSync(CORPUS).filter((d) => /^pr-\d+$/.test(d)).sort() : [];
  const files = prs.flatMap((pr) => markdownUnder(path.join(CORPUS, pr)));
  let skimmedFences = 0;
  let skimmedParagraphs = 0;

  test("the same tree as a plain parse, for every markdown file", () => {
    expect(files.length).toBeGreaterThan(100);
    const differing: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const { root, fences, paragraphs } = skimParse(text);
      skimmedFences += fences;
      skimmedParagraphs += paragraphs;
      if (!isDeepStrictEqual(root, parseMarkdown(text))) differing.push(path.relative(CORPUS, file));
    }
    expect(differing).toEqual([]);
    // The guard means something only if the fast path was taken: real stories are full of fences.
    expect(skimmedFences).toBeGreaterThan(200);
    expect(skimmedParagraphs).toBeGreaterThan(500);
  });

  test("the same report, findings and positions included, for every story version at head and base", () => {
    const templates = new Map<string, Template>();
    const differing: string[] = [];
    let compared = 0;
    for (const pr of prs) {
      for (const side of ["head", "base"]) {
        const root = path.join(CORPUS, pr, side);
        for (const absolute of markdownUnder(root)) {
          const file = path.relative(root, absolute).split(path.sep).join("/");
          const kind = kindFor(config, file);
          if (kind === null) continue;
          let template = builtinTemplate();
          for (const candidate of templateCandidates(kind, file)) {
            const t = path.join(CORPUS, pr, "base", candidate);
            if (!existsSync(t)) continue;
            template = templates.get(t) ?? parseTemplate(readFileSync(t, "utf8"));
            templates.set(t, template);
            break;
          }
          const { fast, plain } = bothReports(file, readFileSync(absolute, "utf8"), template);
          compared++;
          if (!isDeepStrictEqual(fast, plain)) differing.push(`${pr}/${side}/${file}`);
        }
      }
    }
    expect(compared).toBeGreaterThan(50);
    expect(differing).toEqual([]);
  });
});

/** Pieces of markdown that are easy to misread line by line. */
const PIECES: Record<string, string> = {
  fence: "```rust\nfn main() {\n    println!(\"Alan\");\n}\n```",
  tilde: "~~~\n# not a heading\n~~~",
  longFence: "````md\n```\n# still code\n```\n````",
  tildeHoldsBackticks: "~~~~\n```\n## code\n~~~~",
  backtickInfo: "``` not `a fence`\n# a heading after all",
  indentedFence: "  ```\n  code\n```\n# heading?\n```",
  tabClose: "```\ncode\n\t```\n# after a tab",
  fourSpaceClose: "```\ncode\n    ```\n# inside\n```",
  closerWithText: "```rust\nlet x = 1;\n``` ignore\n## Still code?\n```",
  unclosed: "```\n# swallowed\n\nAlan Alan",
  emptyFence: "```\n```",
  blankLinesInFence: "```\n\n\nAlan\n\n```",
  htmlBlock: "<details>\n```\n# inside html\n</details>\n\n## after html",
  htmlBlockFenceOpens: "<div>\n```\n\n## a real heading\n\n```\ncode\n```",
  htmlComment: "<!--\n```\n-->\n\n# visible",
  indentedCode: "    # not a heading\n    ```\n\n# heading",
  setext: "Title\n=====\n\nSub\n---",
  setextAfterFence: "```\nx\n```\nNot setext\n---",
  listHeading: "* # heading in a list\n* ```\n  code in a list\n  ```\n* item",
  listFenceColumnOne: "1. item\n```\n# code after the list\n```",
  quoteHeading: "> ## heading in a quote\n> ```\n> code\n> ```",
  quoteLazy: "> quote\n```\n# code\n```",
  refDefs: "[alan]: https://example.com/alan \"Alan\"\n[grace]:\n  <https://example.com>\n\nSee [alan] and [Grace][grace].",
  refInFence: "```\n[alan]: https://example.com\n```\n\n[alan]",
  footnoteLike: "[^1]: not a footnote in plain markdown",
  emphasisQuestion: "**Why did you choose *Alan* to tell this story?**\n\nBecause.",
  faqHeading: "## 🤔 Frequently Asked Questions\n\n### What are the morals of the story?\n\n```\nTODO\n```",
  trailingSpaces: "```   \ncode   \n```   \n\ntext  \nnext",
  unicode: "```\n😱 ✨ Ünïcödé\n```\n# 😱 heading",
  crlf: "```\r\ncode\r\nmore code\r\n```\r\n# heading\r\n",
  crlfEmptyLines: "```js\r\n\r\nx\r\n\r\n```\r\n[a]: b\r\n\r\n[a]",
  mixedEndings: "```\ncode\r\n```\n# heading\r\n```\r\nx\n```",
  loneCarriageReturn: "```\rcode\r```\r# heading",
  nul: "```\nnul \u0000 here\n```",
  tabsInCode: "```\n\tindented\twith tabs\n```",
  nestedQuoteList: "> 1. ```\n>    code\n>    ```\n> 2. # heading",
  thematic: "***\n```\n---\n```\n___",
  // Aimed at plain paragraphs: what a line-by-line reading of a paragraph could get wrong.
  plain: "Alan writes `code` and more words\nsecond line with `x_y` in it",
  plainSetext: "Plain words here\n===",
  plainSetextDash: "Plain words here\n---",
  plainAfterQuoteLazy: "> quote\nlazy words\n\nAlan words",
  plainBetweenLists: "- item\n\nAlan between lists\n\n- item two",
  plainThenIndented: "- item\n\nAlan after a list\n\n  indented words",
  plainAfterEmptyItem: "-\n\nAlan after an empty item\n\n  foo",
  plainInComment: "<!--\n\nAlan inside a comment\n\n-->",
  plainInDiv: "<div>\n\nAlan inside a div\n\n</div>",
  plainInPre: "<pre>\n\nAlan inside pre\n\n</pre>",
  plainBetweenIndentedCode: "    code\n\nAlan between code\n\n    more code",
  plainInIndentedFence: "  ```\n\nAlan in an indented fence\n\n  ```",
  plainInUnclosedFence: "```\n\nAlan in a fence left open\n",
  plainHardBreak: "Alan hard  \nbreak\n\nnext",
  plainTabs: "\tAlan tabbed\n\nAlan\twith a tab\n\nAlan ends in a tab\t\n",
  plainEntity: "Alan &amp; Grace &#35; here",
  plainCrlf: "Alan words\r\nmore words\r\n\r\nnext words\r\n",
  plainCodeEdges: "Alan ` x` y\n\nAlan ` x ` y\n\nAlan `` double `` y\n\nAlan `a\nb` c\n\n`lead` words `tail`",
  plainListLike: "Alan\n1. item\n\nAlan\n- item\n\n2021. A year\n\nAlan\n+ item",
  plainAtEnd: "Alan at the end",
  plainAtEndNewline: "Alan at the end\n",
  plainEmoji: "Alan 😱 `✨` words 🚧\nand ✨ more",
  plainQuoted: "> Alan quoted\n\nAlan plain\n\n> more",
  plainAfterHeading: "# Title\nAlan right after a heading\n\nAlan again",
  plainDefinition: "[alan]: https://example.com\n\nAlan words\n\nSee [alan].",
  plainMarks: "Alan <b>bold</b>\n\nAlan \\# hash\n\nAlan ends\\\nwith a break\n\nAlan *yes*\n\nAlan **strong**\n\nAlan _yes_\n\nAlan [link](x)\n\nAlan ]x[ y\n\nAlan <https://example.com>",
  plainNbsp: "\u00a0Alan leading nbsp\n\nAlan trailing nbsp\u00a0\n\n(Alan) \"quoted\" 'words'",
  plainThenHtml: "Alan words\n<span>\n\nAlan\n<div>",
  plainThenBreak: "Alan words\n\n***\n\nAlan\n\n---",
};

const SKELETON_HEAD = "# 😱 Status quo stories: Alan generated\n\n## 🚧 Warning: Draft status 🚧\n\n## The story\n\n";
const SKELETON_FAQ =
  "\n\n## 🤔 Frequently Asked Questions\n\n### What are the morals of the story?\n\nSome.\n\n" +
  "### Why did you choose Alan to tell this story?\n\nBecause.\n";

/** A small deterministic generator (mulberry32), so every run checks the same documents. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generated(): { name: string; text: string }[] {
  const names = Object.keys(PIECES);
  const docs: { name: string; text: string }[] = [];
  for (const name of names) docs.push({ name, text: PIECES[name]! });
  // Every piece after every other, glued by a blank line and by none.
  for (const a of names) {
    for (const b of names) {
      docs.push({ name: `${a} + ${b}`, text: `${PIECES[a]}\n\n${PIECES[b]}` });
      docs.push({ name: `${a} / ${b}`, text: `${PIECES[a]}\n${PIECES[b]}` });
    }
  }
  // Longer mixes inside a story's skeleton.
  const next = random(11);
  for (let i = 0; i < 300; i++) {
    const picked = Array.from({ length: 2 + Math.floor(next() * 6) }, () => names[Math.floor(next() * names.length)]!);
    const glue = picked.map(() => (next() < 0.3 ? "\n" : "\n\n"));
    const body = picked.map((p, k) => `${PIECES[p]}${glue[k]}`).join("");
    docs.push({ name: `story: ${picked.join(", ")}`, text: `${SKELETON_HEAD}${body}${SKELETON_FAQ}` });
  }
  return docs;
}

describe("generated awkward markdown", () => {
  const docs = generated();
  const template = builtinTemplate();

  test("the same tree as a plain parse for each document", () => {
    const differing = docs.filter((d) => !isDeepStrictEqual(parseStory(d.text), parseMarkdown(d.text))).map((d) => d.name);
    expect(differing).toEqual([]);
  });

  test("the same report, findings and positions included, for each document as a story", () => {
    const differing = docs
      .filter((d) => {
        const { fast, plain } = bothReports(STORY_PATH, d.text, template);
        return !isDeepStrictEqual(fast, plain);
      })
      .map((d) => d.name);
    expect(differing).toEqual([]);
  });

  test("fences are skipped where the lines say so for sure, and not where they could be read two ways", () => {
    const skipped = (text: string) => skimParse(text).fences;
    expect(skipped(PIECES.fence!)).toBe(1);
    expect(skipped(`${PIECES.fence}\n\n${PIECES.tilde}\n\n${PIECES.longFence}`)).toBe(3);
    expect(skipped(PIECES.blankLinesInFence!)).toBe(1);
    // An opening fence inside an HTML block: the parse disagrees, so the story is parsed as written.
    expect(skipped(PIECES.htmlBlockFenceOpens!)).toBe(0);
    expect(skipped(PIECES.crlf!)).toBe(1);
    expect(skipped(PIECES.mixedEndings!)).toBe(2);
    // Nothing to skip, or nothing certain: a fence that never closes, a closing fence after a tab,
    // a carriage return alone, NUL, an empty fence.
    expect(skipped(PIECES.unclosed!)).toBe(0);
    expect(skipped(PIECES.tabClose!)).toBe(0);
    expect(skipped(PIECES.loneCarriageReturn!)).toBe(0);
    expect(skipped(PIECES.nul!)).toBe(0);
    expect(skipped(PIECES.emptyFence!)).toBe(0);
  });

  test("plain paragraphs are skipped where the lines say so for sure, and not where something else could reach them", () => {
    const skipped = (text: string) => skimParse(text).paragraphs;
    expect(skipped(`${PIECES.plain}\n\n${PIECES.plainEmoji}\n`)).toBe(2);
    expect(skipped(PIECES.plainAtEndNewline!)).toBe(1);
    expect(skipped(PIECES.plainCodeEdges!)).toBe(0);
    expect(skipped(PIECES.plainCrlf!)).toBe(0);
    // No blank line after it: the next line could make it a heading.
    expect(skipped(PIECES.plainSetext!)).toBe(0);
    expect(skipped(PIECES.plainAtEnd!)).toBe(0);
    // Inside blocks that go on over blank lines: the parse reaches into them, so they are parsed as written.
    expect(skipped(PIECES.plainInComment!)).toBe(0);
    expect(skipped(PIECES.plainInPre!)).toBe(0);
    expect(skipped(PIECES.plainBetweenLists!)).toBe(0);
    expect(skipped(PIECES.plainBetweenIndentedCode!)).toBe(0);
    expect(skipped(PIECES.plainInIndentedFence!)).toBe(0);
    // Before an indented line or a list item, a list before it could go on past it: left to the parser.
    expect(skipped(PIECES.plainThenIndented!)).toBe(0);
    expect(skipped("- item\n\nAlan after a list\n\n# Next\n")).toBe(1);
    // Only the ones nothing reaches: after the comment, the second paragraph is plain.
    expect(skipped(`${PIECES.plainInComment}\n\nAlan after it\n`)).toBe(1);
  });

  test("the code a fence holds is in the tree, at the offsets of the text as written", () => {
    const text = `# Title\n\n${PIECES.fence}\n\nAlan wrote [this][alan].\n\n[alan]: https://example.com\n`;
    const root = parseStory(text);
    const code = root.children[1];
    expect(code).toMatchObject({ type: "code", lang: "rust", value: 'fn main() {\n    println!("Alan");\n}' });
    const definition = root.children[3];
    expect(definition?.type).toBe("definition");
    expect(text.slice(definition?.position?.start.offset, definition?.position?.end.offset)).toBe("[alan]: https://example.com");
  });
});
