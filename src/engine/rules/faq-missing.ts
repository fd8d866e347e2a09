import { positionOf } from "../markdown.js";
import { quote, type Rule } from "./rule.js";

export const faqMissing: Rule = {
  id: "faq-missing",
  description: "A required FAQ question of the template is absent.",
  defaultSeverity: "error",
  faq: true,
  check(story) {
    const at = story.faqSection?.heading ? positionOf(story.faqSection.heading) : { line: story.lastLine, column: 1 };
    const where = story.faqSection ? `the ${quote(story.faqSection.text)} section` : "the story (it has no FAQ section)";
    return story.questions
      .filter((q) => q.status === "missing" && !q.question.optional)
      .map((q) => ({ ...at, question: q.question.text, message: `Question ${quote(q.question.text)} is missing from ${where}; expected it with an answer.` }));
  },
};
