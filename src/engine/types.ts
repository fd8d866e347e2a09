/** The data the story engine works with and returns. Pure values: no I/O lives here. */

export type Severity = "error" | "warning" | "info";

/** Every rule id the engine knows. Each has its own file in src/engine/rules/ and a doc in docs/rules/. */
export const RULE_IDS = [
  "faq-missing",
  "faq-unanswered",
  "faq-placeholder",
  "section-missing",
  "name-placeholder",
  "story-placeholder",
  "title-placeholder",
  "title-prefix",
  "template-instructions",
  "unclosed-code-fence",
  "character-unknown",
  "toc-missing",
  "link-broken",
  "file-unreadable",
  "template-guidance",
  "table-row-missing",
  "table-value",
  "table-header",
  "table-malformed",
] as const;

export type RuleId = (typeof RULE_IDS)[number];

/** One problem in one story, at a 1-based position taken from the syntax tree. */
export interface Finding {
  rule: RuleId;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  /** For the FAQ rules: the template's question text. */
  question?: string;
  /** For findings about one template section (`section-missing`): the template's section heading. */
  section?: string;
  /** For findings about one link (`link-broken`): the link's destination, or the undefined reference as written. */
  link?: string;
  /**
   * For findings about another one thing: a table's row or column (`Metadata: Status`), a piece of
   * template guidance (its text). With the rule, what identifies the finding across versions.
   */
  subject?: string;
  /** A change that mends it, when the rule knows one exactly. */
  fix?: Fix;
}

/** Replace line `line` of the file at `path` (the story, or another file such as SUMMARY.md) by `text` (which may hold several lines). */
export interface Fix {
  path: string;
  line: number;
  text: string;
}

/** What the engine concludes about one file. */
export interface StoryReport {
  /** The path as the caller gave it. */
  path: string;
  /** The matching story kind from the config, or null when the file is not a story. */
  kind: string | null;
  title: string | null;
  draft: boolean;
  characters: string[];
  labels: string[];
  findings: Finding[];
}
