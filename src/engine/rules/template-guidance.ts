import { documentBlocks, holdsGuidance, type GuidanceUnit } from "../guidance.js";
import type { StoryAnalysis } from "../analyze.js";
import { allSections, positionOf, sectionContent } from "../markdown.js";
import { storySectionOnlyHint } from "./story-placeholder.js";
import { quote, type Rule, type RuleMessage } from "./rule.js";

/**
 * Every piece of the template's guidance left in the document, on its line: block-quoted
 * instructions, emphasised hints (paragraphs, list items, table cells), and the template's title as
 * a heading below the document's own. One finding per line. The italic instructions above the
 * template's first section are template-instructions' (said once for all), the document's title is
 * title-placeholder's, a FAQ answer that is only the hint faq-placeholder's, and a story section
 * that is only the hint story-placeholder's.
 */
export const templateGuidance: Rule = {
  id: "template-guidance",
  description: "A piece of the template's guidance (a block-quoted instruction, an emphasised hint) was left in.",
  defaultSeverity: "warning",
  faq: false,
  check(story) {
    const { template } = story;
    const units = template.guidance.filter((u) => !template.instructions.includes(u.key));
    const out: RuleMessage[] = [];
    const lines = new Set<number>();
    const said = saidElsewhere(story);
    // The template's title as a heading below the document's own (a copied template under a new title).
    for (const section of allSections(story.tree)) {
      const heading = section.heading;
      if (heading === null || heading === story.title?.node || template.titleKey === null || section.key !== template.titleKey) continue;
      lines.add(positionOf(heading).line);
      out.push({ ...positionOf(heading), subject: template.title!, message: `The template's title ${quote(template.title!)} was left in as a heading; expected it removed.` });
    }
    for (const block of documentBlocks(story.root)) {
      if (lines.has(block.line) || said.some(([from, to]) => block.line >= from && block.line <= to)) continue;
      const unit = units.find((u) => holdsGuidance(block, u));
      if (unit === undefined) continue;
      lines.add(block.line);
      out.push({ line: block.line, column: block.column, subject: unit.text.slice(0, 200), message: message(unit) });
    }
    return out.sort((a, b) => a.line - b.line);
  },
};

/**
 * Line ranges where another rule already says the guidance is all there is: the answer of a
 * question faq-placeholder reports, the story section story-placeholder reports.
 */
function saidElsewhere(story: StoryAnalysis): [number, number][] {
  const ranges: [number, number][] = [];
  for (const q of story.questions) {
    if (q.status !== "placeholder" || q.found === null || q.question.optional) continue;
    const from = q.found.node.position?.start.line ?? 0;
    ranges.push([from, Math.max(from, ...q.found.answer.map((a) => a.node.position?.end.line ?? from))]);
  }
  const section = storySectionOnlyHint(story);
  if (section?.heading) {
    const from = section.heading.position?.start.line ?? 0;
    ranges.push([from, Math.max(from, ...sectionContent(section).map((b) => b.position?.end.line ?? from))]);
  }
  return ranges;
}

function message(unit: GuidanceUnit): string {
  const what = unit.kind === "blockquote" ? "instruction" : "hint";
  return `The template's ${what} ${quote(unit.text)} was left in; expected the document's own text in its place, or nothing.`;
}
