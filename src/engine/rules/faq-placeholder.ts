import { positionOf } from "../markdown.js";
import { quote, type Rule } from "./rule.js";

export const faqPlaceholder: Rule = {
  id: "faq-placeholder",
  description: "A FAQ answer is only the template's hint text or says nothing (TODO, TBD, ???, \"not sure yet\").",
  defaultSeverity: "error",
  faq: true,
  check(story) {
    return story.questions
      .filter((q) => q.status === "placeholder" && q.found && !q.question.optional)
      .map((q) => ({
        ...positionOf(q.found!.node),
        question: q.question.text,
        message: `Question ${quote(q.question.text)} is answered only with the template's hint or a placeholder; expected a real answer.`,
      }));
  },
};
