import { toAtoms } from "../faq.js";
import { positionOf, similarity } from "../markdown.js";
import type { Rule } from "./rule.js";

/** The template's italic how-to paragraphs above its first section, left in the story. Reported once, at the first. */
export const templateInstructions: Rule = {
  id: "template-instructions",
  description: "The template's italic instructions at the top were left in the story.",
  defaultSeverity: "warning",
  faq: false,
  check(story) {
    const instructions = story.template.instructions;
    if (instructions.length === 0) return [];
    // The instructions stand above the template's first section; a copied template keeps them there.
    const top = [...story.tree.blocks, ...(story.tree.children.find((s) => s.depth === 1)?.blocks ?? [])];
    const left = toAtoms(top).filter((a) => a.kind === "content" && instructions.some((i) => similarity(a.key, i) >= 0.8));
    const first = left[0];
    if (!first) return [];
    const count = left.length === 1 ? "1 paragraph" : `${left.length} paragraphs`;
    return [{ ...positionOf(first.node), message: `The template's instructions were left in (${count}); expected them removed from the story.` }];
  },
};
