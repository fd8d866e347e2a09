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
  /**
   * Which findings decide the check run's conclusion: those the pull request introduces (the
   * default), or all of them, the ones already on the base branch too.
   */
  failOn: "introduced" | "all";
}
