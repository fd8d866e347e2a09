/** The data the GitHub App reads and decides on. Plain values: the adapter (github.ts) fills them in. */
import type { StoryKind } from "../config/types.js";
import type { Finding, StoryReport, Template } from "../engine/index.js";
import type { StoryChange } from "../engine/repository.js";

/** The check run's name, also how the app finds its own check runs. */
export const CHECK_RUN_NAME = "story-triage";

/** GitHub lists at most this many files of a pull request. */
export const MAX_PULL_REQUEST_FILES = 3000;

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
  /** The branch the pull request merges into, as its name says (e.g. "master"). */
  baseRef: string;
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
  /** How many files the pull request changes, as GitHub counts them (it lists at most 3,000); 0 when the answer was a listing, which does not count them. */
  changedFiles: number;
}

/** One row of "list pull request files". */
export interface ChangedFile {
  path: string;
  status: string;
  previousPath: string | null;
  patch: string | null;
  additions: number;
  deletions: number;
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
  /** Which template judged it. */
  templateSource: TemplateSource;
  /** The story as it was at the base (a modified or renamed story); null for an added one. */
  base: BaseVersion | null;
  /** RIGHT-side lines a review comment may sit on. */
  commentable: ReadonlySet<number>;
  /** How the pull request changed it (toc-missing checks only added and renamed stories). */
  change?: StoryChange;
}

/**
 * Where a story's template came from: a file at the base sha (`movedFrom`: the path it had there
 * when the pull request moves it to `path`), or null for the built-in template.
 */
export type TemplateSource = { path: string; movedFrom: string | null } | null;

/** A modified or renamed story as it was at the base sha, with the template that judged it there. */
export interface BaseVersion {
  path: string;
  kind: StoryKind;
  content: string | Uint8Array;
  size?: number;
  template: Template;
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
  /**
   * Fingerprints of findings the app has posted in review comments or review bodies and not
   * answered as fixed since (a finding that comes back after its fix is posted again).
   */
  postedFindings: ReadonlySet<string>;
  /** The app's review comments on those findings: where to answer when one is fixed. */
  openComments: PostedComment[];
  /**
   * Prefixes of the fingerprints the app's reviews said in their text, grouped, listed or only
   * counted (markers.ts, saidMarker): posted too, though no line comment carries them.
   */
  said: ReadonlySet<string>;
  /** Digests of sets of findings a review said that its said marker had no room for (unlistedMarker). */
  unlisted: ReadonlySet<string>;
  /** The app's reviews that request changes and are not dismissed. */
  changesRequested: number[];
  labelEvents: LabelEvent[];
}

/** One of the app's inline review comments, with the fingerprint of the finding it is about. */
export interface PostedComment {
  id: number;
  path: string;
  fingerprint: string;
}

/** The app's latest check run on the head sha. */
export interface ExistingCheckRun {
  id: number;
  headSha: string;
  status: string;
  conclusion: string | null;
  /** The hash hidden in its output summary: equal hashes mean equal output. */
  outputHash: string | null;
  /** Its external id (the pull request's number, for the flow's own check runs), when known. */
  externalId?: string | null;
}

/** A story checked by the engine, with what the plan needs to place and word its findings. */
export interface CheckedStory {
  file: StoryFile;
  report: StoryReport;
  /** Findings of `report` that the story's base version had too (baseline.ts); the others are introduced. */
  existing: ReadonlySet<Finding>;
}

export interface LabelSpec {
  name: string;
  color: string;
  description: string;
}
