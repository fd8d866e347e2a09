/**
 * Findings that share one cause across stories, said once. PURE: no I/O.
 *
 * A pull request that moves seventy stories one folder deeper breaks hundreds of relative links
 * for one reason; a template leftover copied into a hundred stories is one problem a hundred
 * times. Grouping is over any rule, by what the finding is about:
 *  - a relative link of a story the pull request moved, that resolved from the old folder and
 *    would resolve again with another run of `../` (the move is the cause, the new prefix the fix);
 *  - a link to the same missing path, from wherever it is written;
 *  - otherwise the same rule and subject (the question, the section) or, for rules without one,
 *    the same message.
 * A group needs members in at least two stories. Members stay findings of their own: each keeps
 * its story, line and fingerprint.
 */
import path from "node:path/posix";
import { digits } from "../engine/digits.js";
import type { Finding, RuleId, Severity } from "../engine/index.js";
import { localTarget } from "../engine/repository.js";

/** One finding with where it is and how the app knows it again. */
export interface Member {
  path: string;
  finding: Finding;
  fingerprint: string;
}

export interface CauseGroup {
  rule: RuleId;
  /** The most severe of its members'. */
  severity: Severity;
  /** The cause and, where it is known, the fix: one paragraph of markdown. */
  text: string;
  members: Member[];
  /** Its members' stories, in the order first met. */
  paths: string[];
}

/** Stories a cause must reach to be said as one. */
export const GROUP_MIN_STORIES = 2;

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Groups members by cause. `moves`: the pull request's renamed files, new path to old path.
 * Groups come largest first; `single` keeps the others in the order given.
 */
export function groupByCause(members: readonly Member[], moves: ReadonlyMap<string, string>): { groups: CauseGroup[]; single: Member[] } {
  const byKey = new Map<string, { cause: Cause; members: Member[] }>();
  for (const member of members) {
    const cause = causeOf(member, moves);
    const entry = byKey.get(cause.key);
    if (entry) entry.members.push(member);
    else byKey.set(cause.key, { cause, members: [member] });
  }
  const groups: CauseGroup[] = [];
  const grouped = new Set<Member>();
  for (const { cause, members: found } of byKey.values()) {
    const paths = [...new Set(found.map((member) => member.path))];
    if (paths.length < GROUP_MIN_STORIES) continue;
    for (const member of found) grouped.add(member);
    const severity = found.map((member) => member.finding.severity).sort((a, b) => RANK[a] - RANK[b])[0] ?? "info";
    groups.push({ rule: found[0]!.finding.rule, severity, text: cause.describe(found, paths), members: found, paths });
  }
  groups.sort((a, b) => b.members.length - a.members.length || RANK[a.severity] - RANK[b.severity] || a.rule.localeCompare(b.rule));
  return { groups, single: members.filter((member) => !grouped.has(member)) };
}

interface Cause {
  key: string;
  describe(members: readonly Member[], paths: readonly string[]): string;
}

function causeOf(member: Member, moves: ReadonlyMap<string, string>): Cause {
  const { finding } = member;
  if (finding.rule === "link-broken" && finding.link !== undefined) {
    const moved = moveCause(member, moves);
    if (moved !== null) return moved;
    // Without a cause of its own, the same missing path said once.
    const target = localTarget(member.path, finding.link);
    if (target !== null && !target.path.startsWith("..")) {
      return {
        key: `${finding.rule}\u0000target\u0000${target.path}`,
        describe: (found, paths) =>
          `${count(found.length, "link", "links")} in ${count(paths.length, "story", "stories")} point at \`${target.path}\`, which is not in the repository at the head; expected a path to a file that exists.`,
      };
    }
  }
  const subject = finding.question ?? finding.section ?? finding.message;
  return {
    key: `${finding.rule}\u0000same\u0000${subject}`,
    describe: (found, paths) =>
      `${found.length === paths.length ? "" : `${count(found.length, "time", "times")} `}in ${count(paths.length, "story", "stories")}: ${finding.message}`,
  };
}

/**
 * A broken relative link of a story the pull request moved to another folder, which another run
 * of `../` at its start would mend: the link was right where the story was.
 */
function moveCause(member: Member, moves: ReadonlyMap<string, string>): Cause | null {
  const from = moves.get(member.path);
  const url = member.finding.link!;
  if (from === undefined || path.dirname(from) === path.dirname(member.path)) return null;
  const before = localTarget(from, url);
  if (before === null || before.path.startsWith("..")) return null;
  const mended = path.relative(path.dirname(member.path), before.path);
  const oldPrefix = /^(?:\.\.\/)*/.exec(url)![0];
  const newPrefix = /^(?:\.\.\/)*/.exec(mended)![0];
  const rest = url.slice(oldPrefix.length).replace(/[?#].*$/, "");
  if (oldPrefix === "" || mended.slice(newPrefix.length) !== decodeOr(rest)) return null;
  const depth = depthOf(member.path) - depthOf(from);
  return {
    key: `${member.finding.rule}\u0000move\u0000${depth}\u0000${oldPrefix}\u0000${newPrefix}`,
    describe: (found, paths) => {
      const folders = [...new Set(paths.map((p) => `${folderOf(moves.get(p) ?? p)}\u0000${folderOf(p)}`))].map((pair) => pair.split("\u0000") as [string, string]);
      const folderMoves = list(folders.map(([a, b]) => `\`${a}\` to \`${b}\``), 3, ["more", "more"]);
      const families = [...new Set(found.map((m) => family(m.finding.link!, oldPrefix)))];
      const linkList = list(families.map((f) => `\`${f}\``), 4, ["other place", "other places"]);
      const how = depth > 0 ? `moved ${depth === 1 ? "one folder" : `${depth} folders`} deeper` : depth < 0 ? `moved ${-depth === 1 ? "one folder" : `${-depth} folders`} up` : "moved to other folders";
      const short = depth > 0 ? `now stop ${depth === 1 ? "one level" : `${depth} levels`} short` : depth < 0 ? `now go ${-depth === 1 ? "one level" : `${-depth} levels`} too far` : "now point at the wrong folder";
      return (
        `${paths.length === 1 ? "This story" : `These ${paths.length} stories`} ${how} (${folderMoves}); ` +
        `${count(found.length, "relative link", "relative links")} to ${linkList} ${short}: use \`${newPrefix}\` instead of \`${oldPrefix}\`.`
      );
    },
  };
}

function decodeOr(text: string): string {
  try {
    return decodeURI(text);
  } catch {
    return text;
  }
}

function depthOf(file: string): number {
  return file.split("/").length - 1;
}

function folderOf(file: string): string {
  const dir = path.dirname(file);
  return dir === "." ? "./" : `${dir}/`;
}

/** A link's prefix and first folder: `../characters/…`. */
function family(url: string, prefix: string): string {
  const rest = url.slice(prefix.length);
  const slash = rest.indexOf("/");
  return slash === -1 ? url : `${prefix}${rest.slice(0, slash)}/…`;
}

function count(n: number, one: string, many: string): string {
  return `${digits(n)} ${n === 1 ? one : many}`;
}

/** "a, b and c"; past `most` items, "a, b, c and 2 more". */
function list(items: string[], most: number, [one, many]: [string, string]): string {
  if (items.length > most) return `${items.slice(0, most).join(", ")} and ${count(items.length - most, one, many)}`;
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
