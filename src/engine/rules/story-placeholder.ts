import { toAtoms } from "../faq.js";
import { positionOf, sectionContent, similarity } from "../markdown.js";
import { quote, type Rule } from "./rule.js";

export const storyPlaceholder: Rule = {
  id: "story-placeholder",
  description: "The story section still holds only the template's hint.",
  defaultSeverity: "error",
  faq: false,
  check(story) {
    const result = story.sections.find((s) => s.section.role === "story");
    if (!result?.found?.heading || result.section.hints.length === 0) return [];
    const atoms = toAtoms(sectionContent(result.found)).filter((a) => a.kind !== "heading" && a.kind !== "blank");
    const isHint = (key: string) => result.section.hints.some((h) => similarity(key, h) >= 0.8);
    const onlyHint = atoms.length === 0 || atoms.every((a) => a.kind === "content" && isHint(a.key));
    if (!onlyHint) return [];
    return [
      {
        ...positionOf(result.found.heading),
        message: `Section ${quote(result.found.text)} holds only the template's hint; expected the story itself.`,
      },
    ];
  },
};
