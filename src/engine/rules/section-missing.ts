import { normalize, positionOf, similarity } from "../markdown.js";
import { quote, type Rule } from "./rule.js";

/**
 * Reported where the section was expected: at the next template section the story has, else on the
 * last line. A section the template says may go, or that `optional-sections` names, is not required.
 */
export const sectionMissing: Rule = {
  id: "section-missing",
  description: "A section the template requires (the story, the FAQ) is absent.",
  defaultSeverity: "warning",
  faq: false,
  check(story) {
    const optional = story.schema.optionalSections.map(normalize);
    return story.sections.flatMap((s, i) => {
      if (s.found !== null || s.section.optional || optional.some((o) => similarity(o, s.section.key) >= 0.8)) return [];
      const next = story.sections.slice(i + 1).find((n) => n.found?.heading)?.found;
      if (next?.heading) {
        return [{ ...positionOf(next.heading), section: s.section.text, message: `Section ${quote(s.section.text)} is missing; expected it before ${quote(next.text)}, as in the template.` }];
      }
      return [{ line: story.lastLine, column: 1, section: s.section.text, message: `Section ${quote(s.section.text)} is missing; expected it at the end of the story, as in the template.` }];
    });
  },
};
