/** Test helpers for the engine: a story config and fixture files that carry their expected findings. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Config, StoryKind } from "../../src/config/types.js";
import { builtinTemplate, parseTemplate, type Template } from "../../src/engine/index.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Every file is a story of kind `story`, checked with the default labels and rules. */
export function storyConfig(overrides: Partial<Config> = {}): Config {
  const kind: StoryKind = { name: "story", paths: ["**/*.md"], exclude: [], template: null, matches: () => true };
  return {
    kinds: [kind],
    characters: ["Alan", "Grace", "Niklaus", "Barbara"],
    labels: { draft: "draft", character: "character:{name}", kind: "{kind}", incomplete: "needs-faq" },
    rules: {},
    maxFileBytes: 1024 * 1024,
    review: { event: "COMMENT", maxComments: 30 },
    failOn: "introduced",
    ...overrides,
  };
}

export interface Fixture {
  name: string;
  /** The story as the engine sees it: the expectations block removed. */
  story: string;
  template: Template;
  expected: { report: unknown; findings: unknown[] };
}

const MARK = "\n<!-- expected\n";

/**
 * A fixture is a story followed by one trailing comment block: its first line the expected
 * title/draft/characters/labels, then one finding per line (JSON). A first-line comment
 * `<!-- template: NAME -->` picks fixtures/templates/NAME instead of the built-in template.
 */
export function loadFixture(file: string): Fixture {
  const text = readFileSync(file, "utf8");
  const at = text.indexOf(MARK);
  if (at === -1) throw new Error(`${file}: no "<!-- expected" block at the end`);
  const story = text.slice(0, at + 1);
  const lines = text
    .slice(at + MARK.length)
    .replace(/-->\s*$/, "")
    .split("\n")
    .filter((l) => l.trim() !== "");
  const parsed = lines.map((l, i) => {
    try {
      return JSON.parse(l) as unknown;
    } catch {
      throw new Error(`${file}: expected block line ${i + 1} is not JSON: ${l}`);
    }
  });
  const named = /^<!-- template: (\S+) -->/.exec(story);
  const template = named ? parseTemplate(readFileSync(path.join(ROOT, "fixtures/templates", named[1]!), "utf8")) : builtinTemplate();
  return { name: path.basename(file), story, template, expected: { report: parsed[0], findings: parsed.slice(1) } };
}
