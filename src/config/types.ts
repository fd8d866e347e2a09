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

export interface Config {
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
  };
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
