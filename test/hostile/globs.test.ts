/**
 * Globs that would backtrack catastrophically. picomatch's regex for `*a*a*a*a.md` takes about a
 * minute on a 1,000-character file name; the configuration's globs are matched by glob.ts
 * instead, in time linear in the path, and the parser keeps globs to the language where that
 * matcher and picomatch agree (checked here on random globs and paths).
 */
import { describe, expect, test } from "@jest/globals";
import picomatch from "picomatch";
import { compileGlob } from "../../src/config/glob.js";
import { ConfigError, globProblem, parseConfig } from "../../src/config/parse.js";

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % below);
  };
}

describe("globs the matcher could not read as picomatch does are refused, saying why", () => {
  test.each([
    ["a**b.md", 'expected "**" only as a whole path segment outside {…} (as in "docs/**/*.md"), found the string "a**b.md" (use "*" within a name)'],
    ["stories/***/*.md", 'expected "**" only as a whole path segment outside {…} (as in "docs/**/*.md"), found the string "stories/***/*.md" (use "*" within a name)'],
    ["{**/a,b}.md", 'expected "**" only as a whole path segment outside {…} (as in "docs/**/*.md"), found the string "{**/a,b}.md" (use "*" within a name)'],
    ["stories/(a|b).md", 'expected a glob without "(", ")" or "|", found the string "stories/(a|b).md" (write alternatives as {a,b}, or put a "\\" before the character)'],
    ["chapter{1..3}.md", 'expected "{…}" to list alternatives separated by commas, found the string "chapter{1..3}.md" (a range like {1..3} is not supported: list the values, {1,2,3})'],
    ["a{,b}.md", 'expected "{…}" without an empty alternative, found the string "a{,b}.md" (write the glob once with and once without it)'],
    ["a//b.md", 'expected a glob without an empty path segment ("//"), found the string "a//b.md"'],
    ["[[:alpha:]].md", 'expected a glob without POSIX classes like [:alpha:], found the string "[[:alpha:]].md" (write the characters, as in [a-zA-Z])'],
  ])("%s", (glob, problem) => {
    expect(globProblem(glob)).toBe(problem);
    expect(() => parseConfig({ stories: { s: { paths: [glob] } } })).toThrow(ConfigError);
  });

  test.each(["stories/**/*.md", "**/*.md", "docs/**", "s/*.{md,markdown}", "t/[ab].md", "a\\*b.md", "x/{a,b/c}/*.md", "**", "./stories/*.md", "a\\(b\\).md"])("%s is fine", (glob) => {
    expect(globProblem(glob)).toBeNull();
  });
});

describe("the worst globs the parser allows, against hostile file names", () => {
  const globs = ["*a*a*a*a.md", "**/a/**/a/**/a/**/b.md", "{a,aa}{a,aa}{a,aa}{a,aa}*.md", "**/*a*a*.md"];
  // 3,000 changed files (GitHub's most): 255-character names and 4,000-character paths that almost match.
  const paths = Array.from({ length: 3000 }, (_, i) =>
    i % 2 === 0 ? `${"a".repeat(250)}${i}.mdx` : `${"a/".repeat(1995)}${i}.mdx`,
  );

  test.each(globs)("%s: 3,000 paths matched in linear time", (glob) => {
    expect(globProblem(glob)).toBeNull();
    const matches = compileGlob(glob);
    const started = process.hrtime.bigint();
    const matched = paths.filter((path) => matches(path));
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(matched).toEqual([]);
    // A figure, not a bound (the bound is the test timeout; picomatch would take hours here).
    process.stdout.write(`glob ${glob}: 3,000 hostile paths in ${ms.toFixed(0)} ms\n`);
  });
});

test("on random globs the parser accepts and random paths, the matcher and picomatch agree", () => {
  const next = random(20240501);
  const GLOB_PARTS = ["a", "b", ".", "/", "*", "**", "?", "[ab]", "[!a]", "[a-c]", "[*]", "{a,b}", "{a,b/c}", "{a,{b,c}}", "{a*,b}", "\\*", "x", "**/", "/**", ".md", "(a|b)", "{1..3}", "]"];
  const PATH_PARTS = ["a", "b", "x", "c", ".", "*", "ab", "ba", ".md", "(", "{"];
  const pick = <T,>(items: T[]): T => items[next(items.length)] as T;
  const path = (): string =>
    Array.from({ length: 1 + next(4) }, () => {
      const segment = Array.from({ length: 1 + next(3) }, () => pick(PATH_PARTS)).join("");
      return segment === "." || segment === ".." ? "a" : segment;
    }).join("/");
  const differences: string[] = [];
  let compared = 0;
  for (let i = 0; i < 30000; i += 1) {
    const glob = Array.from({ length: 1 + next(5) }, () => pick(GLOB_PARTS)).join("");
    if (globProblem(glob) !== null) continue;
    const reference = picomatch(glob, { dot: true, strictBrackets: true, noextglob: true });
    const ours = compileGlob(glob);
    for (let j = 0; j < 5; j += 1) {
      const p = path();
      compared += 1;
      if (reference(p) !== ours(p)) differences.push(`${glob} on ${p}: picomatch ${reference(p)}, ours ${ours(p)}`);
    }
  }
  expect(differences.slice(0, 20)).toEqual([]);
  expect(compared).toBeGreaterThan(20000);
});
