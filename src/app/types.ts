/** The data the GitHub App reads and decides on. Plain values: the adapter (github.ts) fills them in. */
import type { StoryKind } from "../config/types.js";
import type { StoryReport, Template } from "../engine/index.js";

/** The check run's name, also how the app finds its own check runs. */
export const CHECK_RUN_NAME = "story-triage";

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface PullRequestRef extends RepoRef {
  number: number;
}

/** What the app needs to know of a pull request. */
export interface PullRequestInfo {
  number: number;
  headSha: string;
  baseSha: string;
  /** Where the head commit lives (a fork for outside contributions); null when the fork is gone. */
  headRepo: RepoRef | null;
  author: string;
  /** The labels on the pull request now. */
  labels: string[];
  /** For the story board (src/board): what a row shows of the pull request. */
  title: string;
  draft: boolean;
  createdAt: string;
  updatedAt: string;
  /** Whether the repository is private (the board shows those to signed-in viewers only). */
  privateRepo: boolean;
}

/** One row of "list pull request files". */
export interface ChangedFile {
  path: string;
  status: string;
  previousPath: string | null;
  patch: string | null;
  additions: number;
}

/** A story file of the pull request with everything the engine and the planner need. */
export interface StoryFile {
  path: string;
  kind: StoryKind;
  /** The file at the head sha (only its first bytes when it is over max-file-bytes). */
  content: string | Uint8Array;
  /** The file's whole size, when `content` holds only its first bytes. */
  size?: number;
  template: Template;
  /** RIGHT-side lines a review comment may sit on. */
  commentable: ReadonlySet<number>;
}

/** A label added or removed on this pull request, from its timeline. */
export interface LabelEvent {
  label: string;
  action: "labeled" | "unlabeled";
  /** True when the app itself did it; anyone else counts as a person. */
  byApp: boolean;
}

/** What the app finds of its own earlier work on the pull request. */
export interface PriorWork {
  /** The app's summary comment, found by its hidden marker. */
  summary: { id: number; body: string } | null;
  /** Fingerprints of findings the app has already posted in review comments or review bodies. */
  postedFindings: ReadonlySet<string>;
  labelEvents: LabelEvent[];
}

/** The app's latest check run on the head sha. */
export interface ExistingCheckRun {
  id: number;
  headSha: string;
  status: string;
  conclusion: string | null;
  /** The hash hidden in its output summary: equal hashes mean equal output. */
  outputHash: string | null;
}

/** A story checked by the engine, with what the plan needs to place and word its findings. */
export interface CheckedStory {
  file: StoryFile;
  report: StoryReport;
}

export interface LabelSpec {
  name: string;
  color: string;
  description: string;
}
