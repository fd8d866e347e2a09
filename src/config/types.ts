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
  /** Compiled matcher for paths minus exclude (repository-relative, forward slashes). */
  matches: (path: string) => boolean;
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
  /** The `board` section; absent: DEFAULT_BOARD (src/config/parse.ts). */
  board?: BoardConfig;
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
}

