import { positionOf } from "../markdown.js";
import { quote, type Rule } from "./rule.js";

export const characterUnknown: Rule = {
  id: "character-unknown",
  description: "No character can be determined, or it is not one of the configured characters.",
  defaultSeverity: "warning",
  faq: false,
  check(story) {
    const expected = story.characterNames.join(", ");
    const why = story.questions.find((q) => q.question.hasNameSlot && q.found)?.found;
    if (story.unknownCharacters.length > 0) {
      const at = why ? positionOf(why.node) : { line: 1, column: 1 };
      return [{ ...at, message: `The story is told through ${quote(story.unknownCharacters.join(" "))}, not a configured character; expected one of ${expected}.` }];
    }
    if (story.characters.length === 0) {
      const at = story.title ? positionOf(story.title.node) : { line: 1, column: 1 };
      return [{ ...at, message: `No character could be determined for this story; expected one of ${expected} to be named in the story or its FAQ.` }];
    }
    return [];
  },
};
