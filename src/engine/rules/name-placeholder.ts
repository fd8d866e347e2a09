import type { Nodes } from "mdast";
import { positionOf } from "../markdown.js";
import type { Rule, RuleMessage } from "./rule.js";

/** The template's literal NAME left in a heading or a bold question. */
export const namePlaceholder: Rule = {
  id: "name-placeholder",
  description: "The template's literal `*NAME*` was left in instead of the character's name.",
  defaultSeverity: "error",
  faq: false,
  check(story) {
    const out: RuleMessage[] = [];
    const visit = (node: Nodes, inQuestion: boolean) => {
      if (node.type === "text" && inQuestion && /\bNAME\b/.test(node.value)) {
        const at = positionOf(node);
        const offset = node.value.search(/\bNAME\b/);
        const before = node.value.slice(0, offset);
        const nl = before.lastIndexOf("\n");
        const line = at.line + (before.match(/\n/g)?.length ?? 0);
        const column = nl === -1 ? at.column + offset : offset - nl;
        out.push({ line, column, message: "The placeholder `NAME` is still in the question; expected the name of the story's character (for example Alan)." });
        return;
      }
      if (node.type === "code" || node.type === "inlineCode" || !("children" in node)) return;
      const question = inQuestion || node.type === "heading" || node.type === "strong";
      for (const child of node.children as Nodes[]) visit(child, question);
    };
    visit(story.root, false);
    return out;
  },
};
