import { positionOf } from "../markdown.js";
import type { Rule } from "./rule.js";

export const unclosedCodeFence: Rule = {
  id: "unclosed-code-fence",
  description: "A code fence never closes, so the rest of the file renders as code.",
  defaultSeverity: "error",
  faq: false,
  check(story) {
    const open = story.unclosedFence;
    if (!open) return [];
    const cause =
      open.badClosers.length > 0
        ? ` Line ${open.badClosers[0]} looks meant to close it but has text after the fence; a closing fence must stand alone.`
        : "";
    return [
      {
        ...positionOf(open.node),
        message: `The code fence opened here is never closed, so the rest of the file (${open.swallowedLines} lines) renders as code.${cause}`,
      },
    ];
  },
};
