/** What a rule is: metadata plus a function from the analysis to messages. The engine stamps id and severity. */
import type { StoryAnalysis } from "../analyze.js";
import type { Fix, RuleId, Severity } from "../types.js";

export interface RuleMessage {
  message: string;
  line: number;
  column: number;
  question?: string;
  section?: string;
  /** For findings about one link (`link-broken`): the link's destination or the reference as written. */
  link?: string;
  /** For findings about another one thing (a table row, a piece of guidance): see Finding.subject. */
  subject?: string;
  fix?: Fix;
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

/** `code` quoting without shortening, for text a reader copies (a line to add): a longer backtick fence when the text holds backticks. */
export function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return longest === 0 ? `${fence}${text}${fence}` : `${fence} ${text} ${fence}`;
}
