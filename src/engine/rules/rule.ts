/** What a rule is: metadata plus a function from the analysis to messages. The engine stamps id and severity. */
import type { StoryAnalysis } from "../analyze.js";
import type { RuleId, Severity } from "../types.js";

export interface RuleMessage {
  message: string;
  line: number;
  column: number;
  question?: string;
  section?: string;
}

export interface Rule {
  id: RuleId;
  /** One line for the rules table and `--help`. */
  description: string;
  defaultSeverity: Severity;
  /** Reported about the FAQ: these make a story "incomplete" (the needs-faq label) when they are errors. */
  faq: boolean;
  check(story: StoryAnalysis): RuleMessage[];
}

/** `code` quoting for messages, safe for text that holds backticks. */
export function quote(text: string): string {
  const clean = text.replace(/\s+/g, " ").trim();
  const short = clean.length > 120 ? `${clean.slice(0, 117)}...` : clean;
  return short.includes("`") ? `"${short}"` : `\`${short}\``;
}
