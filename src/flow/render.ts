/**
 * The words the app posts: summary comment, check run output, review comments. Pure functions of
 * the engine's reports; plan.ts decides which of them are written.
 */
import { digits } from "../engine/digits.js";
import type { Finding, Severity, StoryReport } from "../engine/index.js";
import type { CauseGroup } from "./group.js";
import { SUMMARY_MARKER } from "./markers.js";
import { MAX_PULL_REQUEST_FILES } from "./types.js";

/** GitHub's limit on a comment body, in characters. */
export const COMMENT_LIMIT = 65_536;
/** GitHub's limit on a check run's output summary, in characters. */
export const CHECK_SUMMARY_LIMIT = 65_535;

export const SEVERITY_ICON: Record<Severity, string> = { error: "❌", warning: "⚠️", info: "ℹ️" };

/** A story as the summary and the check run show it. */
export interface StoryView {
  report: StoryReport;
  /** Findings the pull request introduces: they are listed first and decide the check. */
  introduced: readonly Finding[];
  /** Findings the story had on the base branch already: listed apart, collapsed. */
  existing: readonly Finding[];
  /** Which template judged the story, in words (markdown): "the template `…`". */
  template: string;
}

export interface SummaryInput {
  stories: StoryView[];
  /** The branch the pull request merges into. */
  baseRef: string;
  /** Labels the app keeps on the pull request. */
  labelsApplied: string[];
  /** Labels the stories imply that a person removed, so the app leaves them off. */
  labelsLeftOff: string[];
  /** Set when GitHub refused the review: the findings could not be posted inline. */
  reviewRejected: boolean;
  /** Causes the introduced findings share across stories (group.ts): said once, above the stories. */
  groups?: readonly CauseGroup[];
}

/** The sticky summary comment. */
export function renderSummary(input: SummaryInput): string {
  const parts: string[] = [SUMMARY_MARKER, "### story-triage", ""];
  const groups = input.groups ?? [];
  const grouped = new Set(groups.flatMap((group) => group.members.map((member) => member.finding)));
  // Shared causes first: a table of hundreds of stories can fill the comment by itself.
  if (groups.length > 0) {
    parts.push(`#### ${groups.length === 1 ? "One cause" : `${groups.length} causes`} shared by several stories`, "");
    for (const group of groups) parts.push(renderCauseGroup(group), "");
  }
  parts.push(storyTable(input.stories, input.baseRef), "");
  for (const story of input.stories) {
    parts.push(`#### \`${story.report.path}\``, "", `Judged by ${story.template}.`, "");
    if (story.report.findings.length === 0) parts.push("No problems found.", "");
    else if (story.introduced.length === 0) parts.push("No problem introduced by this pull request.", "");
    const own = story.introduced.filter((finding) => !grouped.has(finding));
    for (const finding of sortFindings(own)) parts.push(`- ${findingLine(finding)}`);
    const under = story.introduced.length - own.length;
    if (under > 0) parts.push(`- ${plural(under, "finding", "findings")} under ${groups.length === 1 ? "the shared cause" : "the shared causes"} above.`);
    if (story.introduced.length > 0) parts.push("");
    if (story.existing.length > 0) parts.push(...existingBlock(story.existing.map((finding) => `- ${findingLine(finding)}`), input.baseRef), "");
  }
  if (input.reviewRejected) {
    parts.push(
      "GitHub refused the review comments for these findings, so they are listed here only.",
      "",
    );
  }
  parts.push(`**Labels applied:** ${codeList(input.labelsApplied)}`);
  if (input.labelsLeftOff.length > 0) {
    parts.push(`**Left off because a person removed them:** ${codeList(input.labelsLeftOff)}`);
  }
  parts.push(
    "",
    "To check again, comment `/triage` on this pull request or press **Re-run** on the `story-triage` check. `/triage help` lists the commands.",
  );
  return capText(parts.join("\n"), COMMENT_LIMIT, "the `story-triage` check run lists every finding");
}

export interface CheckRunText {
  title: string;
  summary: string;
}

/**
 * Title and summary of a completed triage check run (the hash marker is added by the planner).
 * `unannotated`: findings left without an annotation (there is a cap), said in the summary.
 */
export function renderCheckRunText(views: StoryView[], unannotated: number, baseRef: string, unlistedFiles = 0): CheckRunText {
  const counts = countSeverities(views.flatMap((view) => view.introduced));
  const existing = views.reduce((sum, view) => sum + view.existing.length, 0);
  const stories = plural(views.length, "story", "stories");
  const introducedCount = counts.error + counts.warning + counts.info;
  const none = existing === 0 ? "No problems" : "No new problems";
  const title = `${introducedCount === 0 ? none : severityCounts(counts)} in ${stories}${existing === 0 ? "" : `, ${digits(existing)} already on ${baseRef}`}`;
  const old = views.flatMap((view) => sortFindings(view.existing).map((finding) => `- \`${view.report.path}\` ${findingLine(finding)}`));
  const table = existing === 0 ? storyTable(views, baseRef) : [storyTable(views, baseRef), "", ...existingBlock(old, baseRef)].join("\n");
  const notes: string[] = [];
  if (unlistedFiles > 0) notes.push(unlistedFilesNote(unlistedFiles));
  if (unannotated > 0) {
    const annotated = introducedCount + existing - unannotated;
    notes.push(`${digits(unannotated)} ${unannotated === 1 ? "finding has" : "findings have"} no annotation here (the first ${digits(annotated)} do); \`story-triage check\` on the branch lists every finding.`);
  }
  return { title, summary: [...notes, table].join("\n\n") };
}

/** GitHub lists a pull request's first MAX_PULL_REQUEST_FILES files only. */
function unlistedFilesNote(unlisted: number): string {
  return (
    `GitHub lists only the first ${digits(MAX_PULL_REQUEST_FILES)} files of a pull request, and this one changes ${digits(MAX_PULL_REQUEST_FILES + unlisted)}: ` +
    `stories among the other ${digits(unlisted)} were not checked. \`story-triage check --base <branch>\` on the branch checks them all; splitting the pull request lets the app see them.`
  );
}

/** The check run of a pull request none of whose listed files is a story, with more files than GitHub lists. */
export function renderUnlistedFilesText(changedFiles: number): CheckRunText {
  const unlisted = Math.max(0, changedFiles - MAX_PULL_REQUEST_FILES);
  return { title: `No story among the first ${digits(MAX_PULL_REQUEST_FILES)} of ${digits(changedFiles)} files`, summary: unlistedFilesNote(unlisted) };
}

/** The summary of a pull request that changes no story any more. */
export function renderNoStoriesSummary(): string {
  return [
    SUMMARY_MARKER,
    "### story-triage",
    "",
    "This pull request changes no story any more, so story-triage has nothing to check. The labels it had applied are removed; a person's stay.",
    "",
    "If the pull request changes a story again, story-triage checks it again.",
  ].join("\n");
}

/** The check run of a pull request that changes no story any more. */
export function renderNoStoriesText(): CheckRunText {
  return { title: "No stories in this pull request any more", summary: "No changed file is a story now, so there is nothing to check." };
}

/** The check run of a configuration that cannot be used. */
export function renderConfigProblemText(path: string, problems: string[]): CheckRunText {
  const lines = [
    `The configuration \`${path}\` on the default branch cannot be used, so no story was checked and no label was changed:`,
    "",
    ...problems.map((problem) => `- ${problem}`),
    "",
    "Fix the configuration on the default branch, then comment `/triage` or press **Re-run**.",
  ];
  return { title: "Invalid configuration", summary: lines.join("\n") };
}

/**
 * The check run of a triage GitHub did not let finish: which write it kept failing, what is not
 * on the pull request yet, and how to finish; then the usual text.
 */
export function renderUnfinishedText(text: CheckRunText, failure: { step: string; status: number | null }, missing: string[]): CheckRunText {
  const answer = failure.status === null ? "gave no answer" : `answered HTTP ${failure.status}`;
  const parts = missing.map((part) => `the ${part}`);
  const list = parts.length <= 1 ? (parts[0] ?? `the ${failure.step}`) : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1) ?? ""}`;
  const note =
    `**Not finished.** GitHub ${answer} when story-triage wrote the ${failure.step}, and again when it retried, ` +
    `so ${list} ${parts.length > 1 ? "are" : "is"} not on the pull request yet. ` +
    "Comment `/triage` or press **Re-run** to finish; the findings below are complete.";
  return { title: `Not finished: GitHub failed on the ${failure.step}`, summary: `${note}

${text.summary}` };
}

/** The check run of a triage that failed inside the app: no details beyond the delivery id. */
export function renderInternalErrorText(deliveryId: string): CheckRunText {
  return {
    title: "Internal error",
    summary: `story-triage hit an internal error while checking this commit (delivery \`${deliveryId}\`). Comment \`/triage\` to try again.`,
  };
}

/** Stories listed under one cause, at most; the others are counted. */
const GROUP_STORIES_SHOWN = 100;

/** A cause said once: what, why and the fix, then its stories folded, each with the lines. */
export function renderCauseGroup(group: CauseGroup): string {
  const lines = new Map<string, number[]>();
  for (const member of group.members) {
    const at = lines.get(member.path);
    if (at) at.push(member.finding.line);
    else lines.set(member.path, [member.finding.line]);
  }
  const rows = group.paths.slice(0, GROUP_STORIES_SHOWN).map((p) => {
    const at = lines.get(p) ?? [];
    return `- \`${p}\` ${at.length === 1 ? "line" : "lines"} ${at.join(", ")}`;
  });
  if (group.paths.length > GROUP_STORIES_SHOWN) rows.push(`- and ${digits(group.paths.length - GROUP_STORIES_SHOWN)} more stories: the check run annotates each line`);
  return [
    `${SEVERITY_ICON[group.severity]} **\`${group.rule}\`**: ${group.text}`,
    "",
    "<details>",
    `<summary>${digits(group.paths.length)} stories, ${digits(group.members.length)} ${group.members.length === 1 ? "finding" : "findings"}</summary>`,
    "",
    ...rows,
    "",
    "</details>",
  ].join("\n");
}

/** One finding as a line of text: icon, position, rule id, message. */
export function findingLine(finding: Finding): string {
  return `${SEVERITY_ICON[finding.severity]} line ${finding.line} \`${finding.rule}\`: ${finding.message}`;
}

/** A fenced block GitHub turns into a "commit suggestion" button. The fence outgrows any backtick run inside. */
export function suggestionBlock(replacement: string): string {
  const longestRun = Math.max(0, ...[...replacement.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = "`".repeat(Math.max(3, longestRun + 1));
  return `${fence}suggestion\n${replacement}\n${fence}`;
}

/** Cuts text to at most `limit` characters, ending with a note that says so; never splits a surrogate pair. */
export function capText(text: string, limit: number, whereTheRestIs: string): string {
  if (text.length <= limit) return text;
  const note = `\n\n… cut here: this text is longer than GitHub allows; ${whereTheRestIs}.`;
  let end = limit - note.length;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end) + note;
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
}

/** Findings already on the base branch, collapsed: they are there to be seen, not to decide. */
function existingBlock(lines: string[], baseRef: string): string[] {
  return ["<details>", `<summary>Already on ${baseRef}: ${digits(lines.length)}</summary>`, "", ...lines, "", "</details>"];
}

function storyTable(views: StoryView[], baseRef: string): string {
  const rows = [
    "| Story | Kind | Draft | Characters | Findings |",
    "| --- | --- | --- | --- | --- |",
    ...views.map(({ report, introduced, existing }) => {
      const counts = countSeverities(introduced);
      const fresh = counts.error + counts.warning + counts.info === 0 ? "none" : severityCounts(counts);
      const findings = existing.length === 0 ? fresh : `${fresh === "none" ? "none new" : fresh}, ${existing.length} already on ${baseRef}`;
      const characters = report.characters.length === 0 ? "none" : report.characters.join(", ");
      return `| \`${cell(report.path)}\` | ${cell(report.kind ?? "none")} | ${report.draft ? "yes" : "no"} | ${cell(characters)} | ${findings} |`;
    }),
  ];
  return rows.join("\n");
}

function countSeverities(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

function severityCounts(counts: Record<Severity, number>): string {
  const parts: string[] = [];
  if (counts.error > 0) parts.push(plural(counts.error, "error", "errors"));
  if (counts.warning > 0) parts.push(plural(counts.warning, "warning", "warnings"));
  if (counts.info > 0) parts.push(plural(counts.info, "note", "notes"));
  return parts.join(", ");
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function codeList(names: string[]): string {
  return names.length === 0 ? "none" : names.map((name) => `\`${name}\``).join(", ");
}

function cell(text: string): string {
  return text.replaceAll("|", "\\|");
}
