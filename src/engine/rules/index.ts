/** The rule registry: every rule, in the order findings are reported. */
import type { RuleId } from "../types.js";
import { characterUnknown } from "./character-unknown.js";
import { faqMissing } from "./faq-missing.js";
import { faqPlaceholder } from "./faq-placeholder.js";
import { faqUnanswered } from "./faq-unanswered.js";
import { fileUnreadable } from "./file-unreadable.js";
import { namePlaceholder } from "./name-placeholder.js";
import { sectionMissing } from "./section-missing.js";
import { storyPlaceholder } from "./story-placeholder.js";
import { templateInstructions } from "./template-instructions.js";
import { titlePlaceholder } from "./title-placeholder.js";
import { linkBroken } from "./link-broken.js";
import { titlePrefix } from "./title-prefix.js";
import { tocMissing } from "./toc-missing.js";
import { unclosedCodeFence } from "./unclosed-code-fence.js";
import { tableHeader } from "./table-header.js";
import { tableMalformed } from "./table-malformed.js";
import { tableRowMissing } from "./table-row-missing.js";
import { tableValue } from "./table-value.js";
import { templateGuidance } from "./template-guidance.js";
import type { Rule } from "./rule.js";

export const RULES = [
  fileUnreadable,
  unclosedCodeFence,
  titlePlaceholder,
  titlePrefix,
  templateInstructions,
  templateGuidance,
  tableMalformed,
  tableHeader,
  tableRowMissing,
  tableValue,
  sectionMissing,
  storyPlaceholder,
  faqMissing,
  faqUnanswered,
  faqPlaceholder,
  namePlaceholder,
  characterUnknown,
  tocMissing,
  linkBroken,
] as const satisfies readonly Rule[];

export function ruleById(id: RuleId): Rule {
  const rule = RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule;
}

export type { Rule, RuleMessage } from "./rule.js";
