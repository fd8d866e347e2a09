/** The validated configuration (`.github/story-triage.yml`). Produced only by parseConfig(). */
import type { RuleId, Severity } from "../engine/types.js";

export type RuleSetting = Severity | "off";

export interface StoryKind {
  /** The kind's name, also its label (through labels.kind). */
  name: string;
  /** Globs relative to the repository root. */
  paths: string[];
  exclude: string[];
  /** Repository path of the template; null: `template.md` in the story's folder, then the built-in one. */
  template: string | null;
  /** Where the template was before (`template` given as a list): tried in order when `template` is absent. */
  earlierTemplates?: string[];
  /** Compiled matcher for paths minus exclude (repository-relative, forward slashes). */
  matches: (path: string) => boolean;
  /** This kind's severity overrides, over the top-level `rules` (documents from an older template can turn a rule off). */
  rules?: Partial<Record<RuleId, RuleSetting>>;
  /** This kind's value rules (see TableValueRule), over the top-level `tables` table by table. */
  tables?: TableValueRule[];
  /** Template sections this kind's documents may leave out, besides those the template marks optional. */
  optionalSections?: string[];
}

/**
 * What a table's cells may hold, where the template cannot say it (`tables` in the configuration):
 * one row of a key-value table (`Metadata`: `Status`) or one column of a column table (`Team`:
 * `Support level`).
 */
export interface TableValueRule {
  /** The table's first header cell, as configured ("Metadata", "Team"). */
  table: string;
  /** The row's key (key-value table) or the column's header (column table), as configured. */
  target: string;
  /** The value must be one of these (compared trimmed; without case when ignoreCase). */
  oneOf: string[] | null;
  ignoreCase: boolean;
  /** The value must match this (a non-empty value; `required-when` says when it may not be empty). */
  pattern: RegExp | null;
  /** The value must not be empty when the row or column `key` holds one of `values`. */
  requiredWhen: { key: string; values: string[] } | null;
  /**
   * true: a key-value table's row must be there and hold a value, whatever the template's hint
   * says; false: it may be left out or empty, though the template shows it. null: as the template says.
   */
  required: boolean | null;
}

export interface LabelNames {
  /** "" turns a label off. */
  draft: string;
  /** "{name}" is replaced by the character's name. */
  character: string;
  /** "{kind}" is replaced by the kind's name. */
  kind: string;
  /** Applied when any FAQ finding is an error. */
  incomplete: string;
}

export interface Config extends ContextSettings {
  kinds: StoryKind[];
  characters: string[];
  labels: LabelNames;
  /** Severity overrides; rules not listed keep their default. */
  rules: Partial<Record<RuleId, RuleSetting>>;
  /** Files larger than this many bytes are not parsed (a `file-unreadable` finding instead). */
  maxFileBytes: number;
  review: {
    /** The review event the app posts with. */
    event: "COMMENT" | "REQUEST_CHANGES";
    /**
     * Line comments one review makes, at most; further findings are said in the review's text,
     * grouped by cause. Each comment notifies people.
     */
    maxComments: number;
  };
  /**
   * Which findings decide the check run's conclusion: those the pull request introduces (the
   * default), or all of them, the ones already on the base branch too.
   */
  failOn: "introduced" | "all";
  /** Value rules for the tables of every kind (`tables`); a kind's own replace them table by table. */
  tables?: TableValueRule[];
  /** Template sections any document may leave out (`optional-sections`). */
  optionalSections?: string[];
  /** The `board` section; absent: DEFAULT_BOARD (src/config/parse.ts). */
  board?: BoardConfig;
  /** Labels from table values (`table-labels`); absent or empty: none. */
  tableLabels?: TableLabel[];
}

/**
 * A label from a table of the story (`table-labels`): one per value of a column of the column
 * tables whose first header cell is `table`, or the value of one row of the key–value table of
 * that name. `{value}` in `label` is replaced by the value.
 */
export interface TableLabel {
  table: string;
  /** Exactly one of column and row is set. */
  column: string | null;
  row: string | null;
  label: string;
}

/** How the repository's pull requests show on the story board (`board:` in the configuration). */
export interface BoardConfig {
  /** False keeps the repository off the board. */
  enabled: boolean;
  /** Labels shown as facets of their own, besides kind, character, draft, needs FAQ and waiting on. */
  facets: string[];
  /**
   * Who a pull request waits on. "errors": its author while any story has an error finding,
   * maintainers once none has. "faq": its author while a FAQ question is open.
   */
  waitingOn: "errors" | "faq";
  /** Days since the last update at which a row turns amber, then red. */
  ageDays: { warn: number; late: number };
}

/** An older wording of one template question: a story that asks it answers that question. */
export interface QuestionAlias {
  /** The question as the template writes it. */
  question: string;
  /** Wordings from older templates. */
  aliases: string[];
}

/** Where the book's tables of contents are (`toc` in the configuration). */
export interface TocSettings {
  /** Repository path of mdBook's SUMMARY.md; null: `<src>/SUMMARY.md` beside book.toml, `src` read from book.toml. */
  summary: string | null;
  /** Per story kind, the index pages (repository paths) that list its stories. */
  index: Record<string, string[]>;
}

/**
 * Settings of the checks that read more than the story (`question-aliases`, `toc`). Absent when
 * the configuration does not set them.
 */
export interface ContextSettings {
  questionAliases?: QuestionAlias[];
  toc?: TocSettings;
  definedReferences?: DefinedReferenceSettings;
}

/**
 * References the book's build fills in besides those book.toml defines (`defined-references`):
 * link-broken does not report a `[label]` without a definition when its label is one of `names`
 * (compared as markdown compares labels) or a whole match of one of `patterns`.
 */
export interface DefinedReferenceSettings {
  names: string[];
  /** Regular expressions (JavaScript syntax), checked to be quick to match when parsed. */
  patterns: string[];
}

