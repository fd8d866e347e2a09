import { normalize, positionOf } from "../markdown.js";
import { quote, type Rule } from "./rule.js";

/** The template's title starts with a fixed prefix ("😱 Status quo stories:"); the story's should too. */
export const titlePrefix: Rule = {
  id: "title-prefix",
  description: "The title does not start with the template's prefix (the part of its H1 before the colon).",
  defaultSeverity: "info",
  faq: false,
  check(story) {
    const prefix = story.template.titlePrefix;
    if (!prefix || !story.title) return [];
    const want = normalize(prefix);
    const have = normalize(story.title.text);
    if (have === want || have.startsWith(`${want} `) || have === story.template.titleKey) return [];
    const bare = story.title.text.replace(/^[\p{Extended_Pictographic}\u{FE0F}\s]+/u, "");
    return [{ ...positionOf(story.title.node), message: `The title ${quote(story.title.text)} does not start with ${quote(prefix)}; expected ${quote(`${prefix} ${bare}`)}.` }];
  },
};
