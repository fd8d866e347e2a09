import { normalize, positionOf } from "../markdown.js";
import { quote, type Rule } from "./rule.js";

export const titlePlaceholder: Rule = {
  id: "title-placeholder",
  description: "The story has no H1 title, or it is still the template's.",
  defaultSeverity: "warning",
  faq: false,
  check(story) {
    const { template } = story;
    const example = template.titlePrefix ? `${template.titlePrefix} <what happens>` : "a title";
    if (!story.title) return [{ line: 1, column: 1, message: `The story has no title (an H1 heading); expected ${quote(`# ${example}`)}.` }];
    if (template.titleKey !== null && normalize(story.title.text) === template.titleKey) {
      return [{ ...positionOf(story.title.node), message: `The title ${quote(story.title.text)} is still the template's; expected ${quote(example)}.` }];
    }
    return [];
  },
};
