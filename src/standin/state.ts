/**
 * The stand-in's in-memory GitHub: repositories with their commits, pull requests, labels,
 * reviews, check runs and comments. Plain data plus the few rules GitHub enforces on it;
 * the HTTP routes (routes/*.ts) read and change it.
 */
import { parsePatch, type Hunk } from "./diff.js";

export interface User {
  login: string;
  id: number;
  type: "User" | "Bot";
}

export interface AppIdentity {
  id: number;
  slug: string;
  name: string;
  bot: User;
}

export interface Label {
  id: number;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export interface PullFile {
  filename: string;
  status: "added" | "removed" | "modified" | "renamed" | "copied" | "changed" | "unchanged";
  previous_filename?: string;
  additions: number;
  deletions: number;
  changes: number;
  /** Absent for binary or very large diffs, as on GitHub. */
  patch?: string;
}

export interface PullRequest {
  number: number;
  /** Where the head commit lives when it is not the base repository: a fork. */
  headRepo?: Repo;
  title: string;
  body: string | null;
  state: "open" | "closed";
  draft: boolean;
  user: User;
  headRef: string;
  headSha: string;
  /** Every head the pull request had, oldest first (the last is headSha). */
  heads: string[];
  baseRef: string;
  baseSha: string;
  files: PullFile[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
}

/** An issue that is not a pull request (its number is taken from the same counter). */
export interface Issue {
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  user: User;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface IssueEvent {
  id: number;
  event: "labeled" | "unlabeled";
  actor: User;
  label: { name: string; color: string };
  /** The app that made the change, or null for a person. */
  viaApp: AppIdentity | null;
  createdAt: string;
}

export interface ReviewComment {
  id: number;
  reviewId: number;
  /** The first comment of the thread this one answers; null for a thread's first comment. */
  inReplyToId: number | null;
  path: string;
  line: number | null;
  side: "LEFT" | "RIGHT";
  startLine: number | null;
  startSide: "LEFT" | "RIGHT" | null;
  position: number | null;
  body: string;
  commitId: string;
  user: User;
  createdAt: string;
  updatedAt: string;
}

export type ReviewState = "PENDING" | "COMMENTED" | "APPROVED" | "CHANGES_REQUESTED" | "DISMISSED";

export interface Review {
  id: number;
  user: User;
  body: string;
  state: ReviewState;
  commitId: string;
  submittedAt: string | null;
  /** Why it was dismissed, once it is. */
  dismissalMessage?: string;
}

export interface IssueComment {
  id: number;
  issueNumber: number;
  body: string;
  user: User;
  /** The app that wrote it (through an installation token), or null for a person. */
  viaApp: AppIdentity | null;
  createdAt: string;
  updatedAt: string;
  reactions: Array<{ id: number; content: string; user: User }>;
}

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title?: string;
  raw_details?: string;
}

export interface CheckRun {
  id: number;
  name: string;
  headSha: string;
  status: "queued" | "in_progress" | "completed" | "waiting" | "requested" | "pending";
  conclusion: string | null;
  externalId: string | null;
  detailsUrl: string | null;
  startedAt: string;
  completedAt: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: Annotation[];
  app: AppIdentity;
}

export type Permission = "admin" | "maintain" | "write" | "triage" | "read" | "none";

/** One repository. `files` maps a commit sha to its tree (path → bytes). */
export class Repo {
  readonly commits = new Map<string, Map<string, Uint8Array>>();
  readonly branches = new Map<string, string>();
  readonly pulls = new Map<number, PullRequest>();
  readonly issues = new Map<number, Issue>();
  readonly labels = new Map<string, Label>();
  readonly issueLabels = new Map<number, string[]>();
  readonly events = new Map<number, IssueEvent[]>();
  readonly reviews = new Map<number, Review[]>();
  readonly reviewComments = new Map<number, ReviewComment[]>();
  readonly issueComments: IssueComment[] = [];
  readonly checkRuns: CheckRun[] = [];
  readonly collaborators = new Map<string, Permission>();
  private readonly hunkCache = new Map<string, Hunk[]>();
  /** Private repositories are listed as such (`private: true`); the board hides them from anonymous viewers. */
  isPrivate = false;

  constructor(
    readonly id: number,
    readonly owner: User,
    readonly name: string,
    readonly defaultBranch: string,
    readonly installationId: number,
  ) {}

  get fullName(): string {
    return `${this.owner.login}/${this.name}`;
  }

  /** The sha a branch name or sha stands for, or null. */
  resolveRef(ref: string): string | null {
    const name = ref.replace(/^refs\/heads\//, "");
    if (this.branches.has(name)) return this.branches.get(name) ?? null;
    return this.commits.has(ref) ? ref : null;
  }

  /** The hunks of a pull request file's patch (parsed once). */
  hunks(pull: PullRequest, file: PullFile): Hunk[] {
    const key = `${pull.number}:${pull.headSha}:${file.filename}`;
    let hunks = this.hunkCache.get(key);
    if (!hunks) {
      hunks = file.patch === undefined ? [] : parsePatch(file.patch);
      this.hunkCache.set(key, hunks);
    }
    return hunks;
  }

  /** The next issue or pull request number. */
  nextNumber(): number {
    return Math.max(0, ...this.pulls.keys(), ...this.issues.keys()) + 1;
  }

  labelsOn(issue: number): string[] {
    let names = this.issueLabels.get(issue);
    if (!names) {
      names = [];
      this.issueLabels.set(issue, names);
    }
    return names;
  }

  eventsOn(issue: number): IssueEvent[] {
    let list = this.events.get(issue);
    if (!list) {
      list = [];
      this.events.set(issue, list);
    }
    return list;
  }

  reviewsOn(pull: number): Review[] {
    let list = this.reviews.get(pull);
    if (!list) {
      list = [];
      this.reviews.set(pull, list);
    }
    return list;
  }

  reviewCommentsOn(pull: number): ReviewComment[] {
    let list = this.reviewComments.get(pull);
    if (!list) {
      list = [];
      this.reviewComments.set(pull, list);
    }
    return list;
  }

  findLabel(name: string): Label | undefined {
    return this.labels.get(name.toLowerCase());
  }
}

/** Everything the stand-in holds, plus its id counter and clock. */
export class World {
  readonly repos = new Map<string, Repo>();
  readonly installations = new Map<number, { id: number; account: User }>();
  /**
   * Tokens handed out: installation tokens act as the app's bot, user tokens as that person,
   * workflow tokens (a workflow's GITHUB_TOKEN) as `github-actions[bot]` on one repository,
   * read-only when the run is for a pull request from a fork.
   */
  readonly tokens = new Map<
    string,
    { kind: "installation"; installationId: number } | { kind: "user"; user: User } | { kind: "workflow"; repo: string; readOnly: boolean }
  >();
  /** The GitHub Actions app, through which every workflow's GITHUB_TOKEN writes (as GitHub numbers it). */
  readonly actionsApp: AppIdentity = {
    id: 15368,
    slug: "github-actions",
    name: "GitHub Actions",
    bot: { login: "github-actions[bot]", id: 41898282, type: "Bot" },
  };
  /** GitHub's OAuth for the app's client: who is signed in to the stand-in's "browser", and the codes handed out. */
  readonly oauth = {
    clientId: "Iv1.standinclient",
    clientSecret: "standin-client-secret",
    /** The person the authorize page signs in as; null: nobody (authorize answers 401). */
    login: null as string | null,
    codes: new Map<string, string>(),
  };
  private nextId = 1000;
  private clock = Date.parse("2024-05-01T12:00:00Z");
  private readonly users = new Map<string, User>();

  constructor(readonly app: AppIdentity) {
    this.users.set(app.bot.login.toLowerCase(), app.bot);
    this.users.set(this.actionsApp.bot.login.toLowerCase(), this.actionsApp.bot);
  }

  /** The app a bot user acts for (the stand-in's app or GitHub Actions), or null for a person. */
  appOf(user: User): AppIdentity | null {
    if (user.type !== "Bot") return null;
    return [this.app, this.actionsApp].find((app) => app.bot.login === user.login) ?? null;
  }

  id(): number {
    this.nextId += 1;
    return this.nextId;
  }

  /** A fake clock that moves one second per reading, so timestamps are ordered and repeatable. */
  now(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  user(login: string): User {
    const known = this.users.get(login.toLowerCase());
    if (known) return known;
    const created: User = { login, id: this.id(), type: login.endsWith("[bot]") ? "Bot" : "User" };
    this.users.set(login.toLowerCase(), created);
    return created;
  }

  repo(owner: string, name: string): Repo | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }
}

/** The default colour GitHub gives a label created implicitly by adding it to an issue. */
export const DEFAULT_LABEL_COLOR = "ededed";
