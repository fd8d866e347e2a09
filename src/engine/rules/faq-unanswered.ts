import { positionOf } from "../markdown.js";
import { quote, type Rule } from "./rule.js";

export const faqUnanswered: Rule = {
  id: "faq-unanswered",
  description: "A FAQ question is there but has nothing under it.",
  defaultSeverity: "error",
  faq: true,
  check(story) {
    return story.questions
      .filter((q) => q.status === "empty" && q.found && !q.question.optional)
      .map((q) => ({ ...positionOf(q.found!.node), question: q.question.text, message: `Question ${quote(q.question.text)} has no answer; expected a few sentences under it.` }));
  },
};
