import { toAtoms } from "../faq.js";
import type { StoryAnalysis } from "../analyze.js";
import { positionOf, sectionContent, similarity, type Section } from "../markdown.js";
import { quote, type Rule } from "./rule.js";

export const storyPlaceholder: Rule = {
  id: "story-placeholder",
  description: "The story section still holds only the template's hint.",
  defaultSeverity: "error",
  faq: false,
  check(story) {
    const found = storySectionOnlyHint(story);
    if (found?.heading == null) return [];
    return [
      {
        ...positionOf(found.heading),
        message: `Section ${quote(found.text)} holds only the template's hint; expected the story itself.`,
      },
    ];
  },
};

/** The story section when it holds nothing but the template's hint for it (or nothing at all), else null. */
export function storySectionOnlyHint(story: StoryAnalysis): Section | null {
  const result = story.sections.find((s) => s.section.role === "story");
  if (!result?.found?.heading || result.section.hints.length === 0) return null;
  const atoms = toAtoms(sectionContent(result.found)).filter((a) => a.kind !== "heading" && a.kind !== "blank");
  const isHint = (key: string) => result.section.hints.some((h) => similarity(key, h) >= 0.8);
  const onlyHint = atoms.length === 0 || atoms.every((a) => a.kind === "content" && isHint(a.key));
  return onlyHint ? result.found : null;
}
