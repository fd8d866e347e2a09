/**
 * The planner: from the engine's reports and what the pull request holds now, the writes that bring
 * it to the wanted state, and nothing else. PURE: no I/O, no clock. github.ts carries a Plan out;
 * a dry run prints it.
 */
import type { Config } from "../config/types.js";
import { digits } from "../engine/digits.js";
import type { Finding, Severity, StoryReport, Template } from "../engine/index.js";
import type { CheckedStory, ExistingCheckRun, LabelEvent, LabelSpec, PriorWork } from "./types.js";
import {
  findingFingerprint,
  findingMarker,
  fixedMarker,
  MAX_SAID,
  outputMarker,
  saidMarker,
  shortHash,
  unlistedDigest,
  unlistedMarker,
  wasSaid,
  withoutOutputMarker,
} from "./markers.js";
import { groupByCause, type Member } from "./group.js";
import {
  CHECK_SUMMARY_LIMIT,
  COMMENT_LIMIT,
  type CheckRunText,
  capText,
  findingLine,
  renderCheckRunText,
  renderConfigProblemText,
  renderInternalErrorText,
  renderNoStoriesSummary,
  renderNoStoriesText,
  renderSummary,
  renderUnfinishedText,
  renderUnlistedFilesText,
  renderCauseGroup,
  SEVERITY_ICON,
  sortFindings,
  type StoryView,
  suggestionBlock,
} from "./render.js";

export type Conclusion = "success" | "neutral" | "failure";

/**
 * Annotations on one check run, at most: 20 requests of 50 (writes are spaced a second apart).
 * The check run's summary counts the rest; the CLI lists every finding.
 */
export const MAX_ANNOTATIONS = 1000;
/**
 * Characters of an annotation's message, at most: GitHub takes 64 KB, and a message can quote a
 * story's title, which has no length limit. 16,000 UTF-16 units are at most 48 KB of UTF-8.
 */
export const ANNOTATION_MESSAGE_LIMIT = 16_000;

/** One check run annotation, shaped as GitHub takes it. */
export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "notice" | "warning" | "failure";
  title: string;
  message: string;
}

export interface CheckRunPlan {
  /** "create": a new check run (in_progress, then completed); "none": the latest one already says this. */
  write: "create" | "none";
  /**
   * Set when the app's latest check run on the commit is still in progress (a triage that could
   * not complete it): that one is completed instead of opening another.
   */
  inProgressId?: number;
  /** The pull request number, kept in the check run's external_id so "Re-run" finds the pull request. */
  externalId: string;
  conclusion: Conclusion;
  title: string;
  /** Ends with the hidden output hash. */
  summary: string;
  annotations: Annotation[];
}

export interface ReviewCommentPlan {
  path: string;
  line: number;
  body: string;
}

export interface ReviewPlan {
  event: "COMMENT" | "REQUEST_CHANGES";
  body: string;
  comments: ReviewCommentPlan[];
}

export interface SummaryPlan {
  write: "create" | "update" | "none";
  /** The existing summary comment, when there is one. */
  commentId: number | null;
  body: string;
  /** The body to write instead when GitHub refuses the review (HTTP 422). */
  bodyIfReviewRejected: string;
}

export interface LabelPlan {
  add: string[];
  remove: string[];
  /** Color and description for each added label, given to it if GitHub has to create it. */
  specs: LabelSpec[];
  /** Labels the stories imply that a person removed: the app leaves them off. */
  leftOff: string[];
}

/** An answer to one of the app's own review comments whose finding is gone at the head. */
export interface ReplyPlan {
  commentId: number;
  body: string;
}

/** One of the app's own "changes requested" reviews that no longer holds. */
export interface DismissalPlan {
  reviewId: number;
  message: string;
}

export interface Plan {
  headSha: string;
  stories: StoryReport[];
  labels: LabelPlan;
  review: ReviewPlan | null;
  /** Answers to the app's review comments on findings fixed since. */
  replies: ReplyPlan[];
  /** The app's REQUEST_CHANGES reviews to dismiss: no error the pull request introduces remains. */
  dismissals: DismissalPlan[];
  checkRun: CheckRunPlan;
  summary: SummaryPlan;
}

export interface PlanInput {
  pullNumber: number;
  headSha: string;
  config: Config;
  stories: CheckedStory[];
  /** Commentable lines of the tables of contents the pull request changes: a toc-missing fix is a suggestion there. */
  tocCommentable?: ReadonlyMap<string, ReadonlySet<number>>;
  /** Labels on the pull request now. */
  currentLabels: string[];
  prior: PriorWork;
  checkRun: ExistingCheckRun | null;
  /** The branch the pull request merges into: existing findings are "already on" it. */
  baseRef: string;
  /** Changed files past the 3,000 GitHub lists (their stories were not checked): said on the check run. */
  unlistedFiles?: number;
}

/**
 * A pull request touching more stories than this is a mechanical change (links fixed, a folder
 * renamed, typos across the book): the characters of the stories it edits do not say whose story
 * the pull request tells, so only the stories it adds give character labels.
 */
export const MECHANICAL_STORIES = 5;

/** The plan for a pull request whose stories were checked. */
export function planTriage(input: PlanInput): Plan {
  const reports = input.stories.map((story) => story.report);
  const views = input.stories.map((story) => storyView(story, input.baseRef));
  const annotations = annotationsOf(input.stories, input.baseRef);
  const labels = planLabels(input.config, storyLabels(input.config, input.stories), input.currentLabels, input.prior.labelEvents);
  const introducedError = input.stories.some((story) => introduced(story).some((finding) => finding.severity === "error"));
  const review = planReview(input.config, input.stories, input.prior, input.tocCommentable ?? new Map(), introducedError);
  const applied = labels.wanted.filter((name) => !includesName(labels.leftOff, name));
  // The summary says each cause the introduced findings share once too.
  const shared = groupByCause(
    input.stories.flatMap((story) => fingerprinted(story).filter((item) => !story.existing.has(item.finding)).map((item) => ({ path: story.report.path, finding: item.finding, fingerprint: item.fingerprint }))),
    movesOf(input.stories),
  ).groups;
  const summaryInput = { stories: views, baseRef: input.baseRef, labelsApplied: applied, labelsLeftOff: labels.leftOff, groups: shared };
  const body = renderSummary({ ...summaryInput, reviewRejected: false });
  const existing = input.prior.summary;
  const decisive = input.config.failOn === "all" ? input.stories.flatMap((story) => story.report.findings) : input.stories.flatMap(introduced);
  return {
    headSha: input.headSha,
    stories: reports,
    labels: { add: labels.add, remove: labels.remove, specs: labels.specs, leftOff: labels.leftOff },
    review,
    replies: planReplies(input.stories, input.prior, input.headSha),
    dismissals: introducedError ? [] : planDismissals(input.prior, input.headSha, "no error this pull request introduces remains in its stories"),
    checkRun: planCheckRun(
      input.pullNumber,
      input.checkRun,
      conclusionOf(decisive),
      renderCheckRunText(views, Math.max(0, annotations.length - MAX_ANNOTATIONS), input.baseRef, input.unlistedFiles ?? 0),
      annotations.slice(0, MAX_ANNOTATIONS),
    ),
    summary: {
      write: existing === null ? "create" : existing.body === body ? "none" : "update",
      commentId: existing?.id ?? null,
      body,
      bodyIfReviewRejected: renderSummary({ ...summaryInput, reviewRejected: true }),
    },
  };
}

/**
 * The plan for a pull request the app triaged before that changes no story any more: the labels
 * the app applied come off, its standing request for changes is dismissed, the check run is
 * neutral and the summary says so. The summary's words do not depend on the commit, so later
 * pushes write nothing more.
 */
export function planCleanup(input: {
  pullNumber: number;
  headSha: string;
  currentLabels: string[];
  prior: PriorWork;
  checkRun: ExistingCheckRun | null;
}): Plan {
  const labels = labelChanges([], input.currentLabels, input.prior.labelEvents);
  const body = renderNoStoriesSummary();
  const existing = input.prior.summary;
  return {
    headSha: input.headSha,
    stories: [],
    labels: { add: [], remove: labels.remove, specs: [], leftOff: [] },
    review: null,
    replies: [],
    dismissals: planDismissals(input.prior, input.headSha, "this pull request changes no story any more"),
    checkRun: planCheckRun(input.pullNumber, input.checkRun, "neutral", renderNoStoriesText(), []),
    summary: {
      write: existing === null ? "create" : existing.body === body ? "none" : "update",
      commentId: existing?.id ?? null,
      body,
      bodyIfReviewRejected: body,
    },
  };
}

/** The plan when the configuration cannot be used: a failed check run, and no other write. */
export function planConfigProblem(input: {
  pullNumber: number;
  headSha: string;
  configPath: string;
  problems: string[];
  checkRun: ExistingCheckRun | null;
}): Plan {
  return checkRunOnly(input.headSha, planCheckRun(input.pullNumber, input.checkRun, "failure", renderConfigProblemText(input.configPath, input.problems), []));
}

/** A plan that writes only a check run. */
function checkRunOnly(headSha: string, checkRun: CheckRunPlan): Plan {
  return {
    headSha,
    stories: [],
    labels: { add: [], remove: [], specs: [], leftOff: [] },
    review: null,
    replies: [],
    dismissals: [],
    checkRun,
    summary: { write: "none", commentId: null, body: "", bodyIfReviewRejected: "" },
  };
}

/**
 * The plan for a pull request none of whose first 3,000 files is a story, when GitHub lists no
 * more of them: a neutral check run that says so, and no other write.
 */
export function planUnlistedFiles(input: { pullNumber: number; headSha: string; changedFiles: number; checkRun: ExistingCheckRun | null }): Plan {
  return checkRunOnly(input.headSha, planCheckRun(input.pullNumber, input.checkRun, "neutral", renderUnlistedFilesText(input.changedFiles), []));
}

/** The check run that reports an internal error: always written, it carries no detail but the delivery id. */
export function planInternalError(pullNumber: number, deliveryId: string): CheckRunPlan {
  return planCheckRun(pullNumber, null, "failure", renderInternalErrorText(deliveryId), []);
}

/** Which part of a plan GitHub kept failing, and how it answered (null: no answer came). */
export interface WriteFailure {
  step: "check run" | "labels" | "review" | "summary comment";
  status: number | null;
}

/**
 * The check run of a triage GitHub did not let finish: the findings, conclusion and annotations
 * as planned, and above them what is not on the pull request yet and how to finish. Its output
 * differs from the finished one's, so the next triage writes the check run again.
 */
export function planUnfinished(pullNumber: number, plan: Plan, failure: WriteFailure): CheckRunPlan {
  const parts: Array<[WriteFailure["step"], boolean]> = [
    ["labels", plan.labels.add.length + plan.labels.remove.length > 0],
    ["review", plan.review !== null || plan.replies.length + plan.dismissals.length > 0],
    ["summary comment", plan.summary.write !== "none"],
  ];
  const from = parts.findIndex(([step]) => step === failure.step);
  const missing = (from === -1 ? parts : parts.slice(from)).filter(([step, planned]) => planned || step === failure.step).map(([step]) => step);
  const { checkRun } = plan;
  const text = renderUnfinishedText({ title: checkRun.title, summary: withoutOutputMarker(checkRun.summary) }, failure, missing);
  return planCheckRun(pullNumber, null, checkRun.conclusion, text, checkRun.annotations);
}

function planCheckRun(
  pullNumber: number,
  existing: ExistingCheckRun | null,
  conclusion: Conclusion,
  text: CheckRunText,
  annotations: Annotation[],
): CheckRunPlan {
  const hash = shortHash(JSON.stringify({ conclusion, text, annotations }));
  const marker = outputMarker(hash);
  const summary = capText(text.summary, CHECK_SUMMARY_LIMIT - marker.length - 2, "the annotations list every finding");
  const unchanged = existing !== null && existing.status === "completed" && existing.outputHash === hash;
  return {
    write: unchanged ? "none" : "create",
    ...(existing !== null && existing.status !== "completed" ? { inProgressId: existing.id } : {}),
    externalId: String(pullNumber),
    conclusion,
    title: text.title,
    summary: `${summary}\n\n${marker}`,
    annotations,
  };
}

function conclusionOf(findings: readonly Finding[]): Conclusion {
  const severities = new Set<Severity>(findings.map((finding) => finding.severity));
  if (severities.has("error")) return "failure";
  if (severities.has("warning")) return "neutral";
  return "success";
}

const ANNOTATION_LEVEL: Record<Severity, Annotation["annotation_level"]> = {
  error: "failure",
  warning: "warning",
  info: "notice",
};

/**
 * Introduced findings at their severity's level; existing ones as notices that say so. Story by
 * story, in line order; when there are more than MAX_ANNOTATIONS, the introduced ones come first,
 * so those the review only counts ("and 193 more: see the check run") are annotated.
 */
function annotationsOf(stories: readonly CheckedStory[], baseRef: string): Annotation[] {
  const all = stories.flatMap((story) =>
    sortFindings(story.report.findings).map((finding) => {
      const old = story.existing.has(finding);
      const annotation: Annotation = {
        path: story.report.path,
        start_line: finding.line,
        end_line: finding.line,
        annotation_level: old ? "notice" : ANNOTATION_LEVEL[finding.severity],
        title: old ? `${finding.rule} (already on ${baseRef})` : finding.rule,
        message: capText(finding.message, ANNOTATION_MESSAGE_LIMIT, "the summary comment has the whole message"),
      };
      return { annotation, old };
    }),
  );
  const ordered = all.length <= MAX_ANNOTATIONS ? all : [...all.filter((a) => !a.old), ...all.filter((a) => a.old)];
  return ordered.map((a) => a.annotation);
}

/** The findings of a story that its base version did not have. */
function introduced(story: CheckedStory): Finding[] {
  return story.report.findings.filter((finding) => !story.existing.has(finding));
}

/** What the summary and the check run show of a story: its findings apart by origin, and its template. */
function storyView(story: CheckedStory, baseRef: string): StoryView {
  const source = story.file.templateSource;
  const template =
    source === null
      ? "the built-in status quo template (the repository has none for this story at the base)"
      : source.movedFrom === null
        ? `the template \`${source.path}\``
        : `the template \`${source.movedFrom}\` on ${baseRef}, which this pull request moves to \`${source.path}\``;
  return { report: story.report, introduced: introduced(story), existing: [...story.existing], template };
}

// ---------------------------------------------------------------------------------------------
// Labels: add what the stories imply unless a person removed it; remove only what the app itself
// applied and no longer holds.

/**
 * The labels the stories imply as they are at the head, whoever caused what: kind, draft,
 * characters and needs-faq. In a mechanical pull request (more than MECHANICAL_STORIES stories)
 * the stories it edits give no character labels.
 */
function storyLabels(config: Config, stories: readonly CheckedStory[]): string[] {
  const mechanical = stories.length > MECHANICAL_STORIES;
  return dedupe(
    stories.flatMap((story) => {
      if (!mechanical || story.file.base === null) return story.report.labels;
      const characters = new Set(story.report.characters.map((name) => config.labels.character.replaceAll("{name}", name).toLowerCase()));
      return story.report.labels.filter((name) => !characters.has(name.toLowerCase()));
    }),
  );
}

function planLabels(config: Config, wanted: string[], current: string[], events: LabelEvent[]): LabelPlan & { wanted: string[] } {
  const changes = labelChanges(wanted, current, events);
  return { ...changes, specs: changes.add.map((name) => labelSpec(config, name)), wanted };
}

/** Labels to add (unless a person removed them) and the app's own to remove, from the labels wanted. */
function labelChanges(wanted: string[], current: string[], events: LabelEvent[]): Pick<LabelPlan, "add" | "remove" | "leftOff"> {
  const removedByPerson = new Set(events.filter((e) => e.action === "unlabeled" && !e.byApp).map((e) => e.label.toLowerCase()));
  const lastLabeledByApp = new Map<string, boolean>();
  for (const event of events) if (event.action === "labeled") lastLabeledByApp.set(event.label.toLowerCase(), event.byApp);

  const leftOff = wanted.filter((name) => !includesName(current, name) && removedByPerson.has(name.toLowerCase()));
  const add = wanted.filter((name) => !includesName(current, name) && !removedByPerson.has(name.toLowerCase()));
  const remove = current.filter((name) => !includesName(wanted, name) && lastLabeledByApp.get(name.toLowerCase()) === true);
  return { add, remove, leftOff };
}

const LABEL_COLORS = { kind: "1d76db", draft: "fbca04", character: "c5def5", incomplete: "d93f0b", table: "bfdadc", other: "ededed" };
/** GitHub's limit on a label's description. */
const DESCRIPTION_CHARS = 100;

/** Color and description of a label the app applies, by which of the config's label names it is. */
export function labelSpec(config: Config, name: string): LabelSpec {
  const same = (a: string) => a !== "" && a.toLowerCase() === name.toLowerCase();
  if (same(config.labels.draft)) {
    return { name, color: LABEL_COLORS.draft, description: "The story still carries the draft banner (story-triage)" };
  }
  if (same(config.labels.incomplete)) {
    return { name, color: LABEL_COLORS.incomplete, description: "A story's FAQ needs answers (story-triage)" };
  }
  for (const kind of config.kinds) {
    if (same(config.labels.kind.replaceAll("{kind}", kind.name))) {
      return { name, color: LABEL_COLORS.kind, description: `A ${kind.name} story (story-triage)` };
    }
  }
  for (const character of config.characters) {
    if (same(config.labels.character.replaceAll("{name}", character))) {
      return { name, color: LABEL_COLORS.character, description: `A story told through ${character} (story-triage)` };
    }
  }
  for (const from of config.tableLabels ?? []) {
    const [before = "", after = ""] = from.label.split("{value}");
    const lower = name.toLowerCase();
    if (name.length > before.length + after.length && lower.startsWith(before.toLowerCase()) && lower.endsWith(after.toLowerCase())) {
      const value = name.slice(before.length, name.length - after.length);
      const where = from.column !== null ? `${value} in the ${from.column} column of a ${from.table} table` : `${from.row}: ${value} in the ${from.table} table`;
      const description = `${where} (story-triage)`;
      return { name, color: LABEL_COLORS.table, description: [...description].length <= DESCRIPTION_CHARS ? description : `${[...where].slice(0, DESCRIPTION_CHARS - 16).join("")}… (story-triage)` };
    }
  }
  return { name, color: LABEL_COLORS.other, description: "Applied by story-triage" };
}

// ---------------------------------------------------------------------------------------------
// Review: every finding not yet posted on this pull request, on its line when the diff lets a
// comment sit there, in the review body otherwise.

interface NewFinding {
  story: CheckedStory;
  finding: Finding;
  fingerprint: string;
}

/**
 * Only findings the pull request introduces are reviewed, each once: on its line when the diff
 * lets a comment sit there (up to `review.max-comments`), else in the review's text, where
 * findings that share one cause across stories are said once (group.ts) with their stories
 * folded under them. What the text has no room for is counted ("and 193 more"); a hidden marker
 * records every finding the text said or counted, so the next triage does not say them again.
 * A review requesting changes does so only while such an error remains; otherwise it is a comment.
 */
function planReview(config: Config, stories: CheckedStory[], prior: PriorWork, tocCommentable: ReadonlyMap<string, ReadonlySet<number>>, introducedError: boolean): ReviewPlan | null {
  let fresh = stories.flatMap((story) => newFindings(story, prior));
  // A set a review said without listing it (it had no room) is said when it comes again whole.
  if (fresh.length > 0 && prior.unlisted.has(unlistedDigest(fresh.map((item) => item.fingerprint)))) fresh = [];
  if (fresh.length === 0) return null;

  const cap = config.review.maxComments;
  const inline: ReviewCommentPlan[] = [];
  const commented = new Set<NewFinding>();
  const pastCap = new Set<NewFinding>();
  const byStory = new Map<CheckedStory, NewFinding[]>();
  for (const item of fresh) {
    const items = byStory.get(item.story);
    if (items) items.push(item);
    else byStory.set(item.story, [item]);
  }
  for (const [story, items] of byStory) {
    // A fix to another file (a table of contents) sits on that file when the diff lets it, else in the review's text.
    const inOtherFile = (item: NewFinding) => item.finding.fix !== undefined && item.finding.fix.path !== story.file.path;
    const onOtherDiff = items.filter((item) => inOtherFile(item) && tocCommentable.get(item.finding.fix!.path)?.has(item.finding.fix!.line) === true);
    const onDiff = items.filter((item) => !inOtherFile(item) && story.file.commentable.has(item.finding.line));
    const room = Math.max(0, cap - inline.length);
    inline.push(...reviewComments(story, onDiff.slice(0, room)));
    const more = Math.max(0, cap - inline.length);
    inline.push(...onOtherDiff.slice(0, more).map(fixComment));
    for (const item of [...onDiff.slice(0, room), ...onOtherDiff.slice(0, more)]) commented.add(item);
    for (const item of [...onDiff.slice(room), ...onOtherDiff.slice(more)]) pastCap.add(item);
  }

  const told = fresh.filter((item) => !commented.has(item));
  const listed = told.slice(0, MAX_SAID).map((item) => item.fingerprint);
  const unlisted = told.slice(MAX_SAID).map((item) => item.fingerprint);
  const markers = [...(listed.length > 0 ? [saidMarker(listed)] : []), ...(unlisted.length > 0 ? [unlistedMarker(unlisted)] : [])].join("\n");

  const byFingerprint = new Map(fresh.map((item) => [item.fingerprint, item]));
  const { groups, single } = groupByCause(
    fresh.map((item) => ({ path: item.story.report.path, finding: item.finding, fingerprint: item.fingerprint })),
    movesOf(stories),
  );
  const item = (member: Member) => byFingerprint.get(member.fingerprint)!;
  const elsewhere = single.map(item).filter((one) => !commented.has(one) && !pastCap.has(one));
  const beyond = single.map(item).filter((one) => pastCap.has(one));

  // Entries in the order said, each with how many findings it says; what does not fit is counted.
  // `joined`: a line of the list the entry before it started, not a paragraph of its own.
  const entries: Array<{ text: string; findings: number; joined: boolean }> = groups.map((group) => ({
    text: renderCauseGroup(group),
    findings: group.members.filter((m) => !commented.has(item(m))).length,
    joined: false,
  }));
  const listing = (heading: string, items: NewFinding[]) => {
    items.forEach((one, index) => {
      const line = `- \`${one.story.report.path}\` ${findingLine(one.finding)}`;
      entries.push({ text: index === 0 ? `${heading}\n\n${line}` : line, findings: 1, joined: index > 0 });
    });
  };
  listing("On lines this pull request does not change, so no comment can sit on them:", elsewhere);
  listing(`Past the ${cap} line comments one review makes (\`review.max-comments\`):`, beyond);

  const count = fresh.length;
  const grouped = groups.reduce((sum, group) => sum + group.members.length, 0);
  const found = `story-triage found ${count === 1 ? "a new problem" : `${digits(count)} new problems`} in this pull request's stories`;
  const causes = groups.length === 1 ? "one cause" : `${groups.length} causes, each said once`;
  const head = [groups.length === 0 ? `${found}.` : grouped === count ? `${found}, all from ${causes}:` : `${found}; ${digits(grouped)} of them come from ${causes}:`];
  const tail = "The summary comment lists every finding.";
  const budget = COMMENT_LIMIT - markers.length - tail.length - OVERFLOW_NOTE_ROOM;
  const body = [...head];
  let used = body.join("\n").length;
  let left = 0;
  for (const entry of entries) {
    const separator = entry.joined ? 1 : 2;
    if (left > 0 || used + separator + entry.text.length > budget) {
      left += entry.findings;
      continue;
    }
    body.push(...(separator === 2 ? ["", entry.text] : [entry.text]));
    used += separator + entry.text.length;
  }
  if (left > 0) body.push("", `… and ${digits(left)} more: see the \`story-triage\` check run.`);
  body.push("", tail);
  if (markers !== "") body.push("", markers);
  const event = config.review.event === "REQUEST_CHANGES" && !introducedError ? "COMMENT" : config.review.event;
  return { event, body: body.join("\n"), comments: inline };
}

/** Room kept in a review's text for the line that counts what did not fit. */
const OVERFLOW_NOTE_ROOM = 100;
/** The stories the pull request moved: new path to old path. */
function movesOf(stories: readonly CheckedStory[]): Map<string, string> {
  return new Map(stories.flatMap((story) => (story.file.change?.status === "renamed" && story.file.change.previousPath !== null ? [[story.file.path, story.file.change.previousPath] as const] : [])));
}

/** Findings the pull request introduces that no earlier review said. */
function newFindings(story: CheckedStory, prior: PriorWork): NewFinding[] {
  return fingerprinted(story).filter((item) => !prior.postedFindings.has(item.fingerprint) && !wasSaid(prior.said, item.fingerprint) && !story.existing.has(item.finding));
}

/** Every finding of a story with its fingerprint (markers.ts), in position order. */
function fingerprinted(story: CheckedStory): NewFinding[] {
  const ranks = new Map<string, number>();
  return sortFindings(story.report.findings).map((finding) => {
    const rank = ranks.get(finding.rule) ?? 0;
    ranks.set(finding.rule, rank + 1);
    return { story, finding, fingerprint: findingFingerprint(story.report.path, finding, rank) };
  });
}

// ---------------------------------------------------------------------------------------------
// Follow-ups of earlier reviews: a comment whose finding is gone is answered; a request for
// changes that no longer holds is dismissed. Each is done once: the answer carries the finding's
// fingerprint, and a dismissed review is no longer "changes requested".

function planReplies(stories: readonly CheckedStory[], prior: PriorWork, headSha: string): ReplyPlan[] {
  const paths = new Set(stories.map((story) => story.report.path));
  const present = new Set(stories.flatMap((story) => fingerprinted(story).map((item) => item.fingerprint)));
  return prior.openComments
    .filter((comment) => paths.has(comment.path) && !present.has(comment.fingerprint))
    .map((comment) => ({ commentId: comment.id, body: `${fixedReply(headSha)}\n\n${fixedMarker(comment.fingerprint)}` }));
}

function fixedReply(headSha: string): string {
  return `Fixed at ${headSha.slice(0, 7)}: story-triage no longer finds this problem.`;
}

/** The app's standing requests for changes, dismissed with why. */
export function planDismissals(prior: PriorWork, headSha: string, why: string): DismissalPlan[] {
  return prior.changesRequested.map((reviewId) => ({ reviewId, message: `At ${headSha.slice(0, 7)} ${why}, so story-triage withdraws its request for changes.` }));
}

/**
 * The comments for new findings on commentable lines. Missing FAQ questions that share an anchor
 * line get one suggestion, on the first of their comments, that adds them all (two suggestions on
 * one line could not both be applied).
 */
function reviewComments(story: CheckedStory, items: NewFinding[]): ReviewCommentPlan[] {
  const { file } = story;
  const lines = textLines(file.content);
  const character = story.report.characters.length === 1 ? (story.report.characters[0] ?? null) : null;
  const suggested = new Set<number>();
  return items.map(({ finding, fingerprint }) => {
    const parts = [`**\`${finding.rule}\`** (${finding.severity}): ${finding.message}`];
    if (finding.rule === "faq-missing") {
      if (!suggested.has(finding.line)) {
        const group = items.filter((item) => item.finding.rule === "faq-missing" && item.finding.line === finding.line);
        const questions = group.map((item) => item.finding);
        const suggestion = missingQuestionSuggestion(file.template, lines[finding.line - 1], questions, character);
        if (suggestion !== null) {
          suggested.add(finding.line);
          parts.push("", suggestion);
        }
      } else {
        parts.push("", "The suggestion in the first comment on this line adds this question too.");
      }
    }
    if (finding.fix && finding.fix.path === file.path && finding.fix.line === finding.line) parts.push("", suggestionBlock(finding.fix.text));
    return commentPlan(file.path, finding.line, parts, fingerprint);
  });
}

/** A finding whose fix is in another file, as a suggestion on that file's line. */
function fixComment({ story, finding, fingerprint }: NewFinding): ReviewCommentPlan {
  const fix = finding.fix!;
  const parts = [`**\`${finding.rule}\`** (${finding.severity}) in \`${story.file.path}\`: ${finding.message}`, "", suggestionBlock(fix.text)];
  return commentPlan(fix.path, fix.line, parts, fingerprint);
}

function commentPlan(path: string, line: number, parts: string[], fingerprint: string): ReviewCommentPlan {
  const marker = findingMarker(fingerprint);
  const body = capText(parts.join("\n"), COMMENT_LIMIT - marker.length - 2, "the summary comment lists every finding");
  return { path, line, body: `${body}\n\n${marker}` };
}

/**
 * Replaces the anchor line by itself followed by the missing questions (template headings with
 * their prompts, the template's `*NAME*` replaced by the story's one character). When the anchor is
 * not a heading there is no FAQ section yet: the FAQ heading comes first. Null when the template
 * knows none of the questions or the line is unknown.
 */
function missingQuestionSuggestion(
  template: Template,
  anchor: string | undefined,
  findings: Finding[],
  character: string | null,
): string | null {
  if (anchor === undefined || template.faq === null) return null;
  const questions = findings
    .map((finding) => template.faq?.questions.find((question) => question.text === finding.question))
    .filter((question) => question !== undefined);
  if (questions.length === 0) return null;
  const blocks = [anchor];
  if (!/^#{1,6}\s/.test(anchor.trim())) {
    const heading = template.faq.heading;
    blocks.push(heading.startsWith("#") ? heading : `## ${heading}`);
  }
  for (const question of questions) {
    const markdown = question.markdown.trim();
    blocks.push(character === null ? markdown : markdown.replace(/\*NAME\*|\bNAME\b/g, character));
  }
  return suggestionBlock(blocks.join("\n\n"));
}

function textLines(content: string | Uint8Array): string[] {
  const text = typeof content === "string" ? content : new TextDecoder().decode(content);
  return text.split("\n").map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
}

function dedupe(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function includesName(names: string[], name: string): boolean {
  return names.some((other) => other.toLowerCase() === name.toLowerCase());
}
