import { quote, type Rule } from "./rule.js";

export const sectionMissing: Rule = {
  id: "section-missing",
  description: "A section the template requires (the story, the FAQ) is absent.",
  defaultSeverity: "warning",
  faq: false,
  check(story) {
    return story.sections
      .filter((s) => s.found === null)
      .map((s) => ({
        line: story.lastLine,
        column: 1,
        message: `Section ${quote(s.section.text)} is missing; expected a heading ${quote(s.section.text)} as in the template.`,
      }));
  },
};
