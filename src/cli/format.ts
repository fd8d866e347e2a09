/** Reports to text: a stylish listing for people, versioned JSON for programs. Pure. */
import type { Finding, Origin, StoryReport } from "../engine/index.js";

/** Per report, the origin of each of its findings (with --base); null per report for a non-story, null in all without --base. */
export type Origins = ReadonlyArray<readonly Origin[] | null> | null;

/** Bump when the JSON shape changes in a way that could break a reader. */
export const JSON_VERSION = 1;

/** `{"version":1,"files":[...]}` with keys in a fixed order; one line. */
export function formatJson(reports: readonly StoryReport[], origins: Origins = null): string {
  const files = reports.map((r, i) => ({
    path: r.path,
    kind: r.kind,
    title: r.title,
    draft: r.draft,
    characters: r.characters,
    labels: r.labels,
    findings: r.findings.map((f, j) => {
      const origin = origins?.[i]?.[j];
      return origin === undefined ? jsonFinding(f) : { ...jsonFinding(f), origin };
    }),
  }));
  return `${JSON.stringify({ version: JSON_VERSION, files })}\n`;
}

function jsonFinding(f: Finding): Finding {
  const { rule, severity, message, line, column, question, fix } = f;
  return { rule, severity, message, line, column, ...(question === undefined ? {} : { question }), ...(fix === undefined ? {} : { fix: { path: fix.path, line: fix.line, text: fix.text } }) };
}

/**
 * Each file with findings, then its findings one a line (`line:column  severity  message  rule`),
 * columns aligned; then a totals line. Only the totals line when there is nothing to report.
 */
export function formatText(reports: readonly StoryReport[], origins: Origins = null): string {
  const blocks: string[] = [];
  const count = { error: 0, warning: 0, info: 0 };
  const existing = { count: 0 };
  for (const [i, report] of reports.entries()) {
    if (report.findings.length === 0) continue;
    const rows = report.findings.map((f, j) => {
      count[f.severity] += 1;
      const origin = origins?.[i]?.[j];
      if (origin === "existing") existing.count += 1;
      // With --base the severity column says where the finding comes from too.
      const severity = origin === undefined ? f.severity : `${f.severity} ${origin === "existing" ? "(existing)" : "(introduced)"}`;
      return { line: String(f.line), column: String(f.column), severity, message: clean(f.message), rule: f.rule };
    });
    const lineWidth = Math.max(...rows.map((r) => r.line.length));
    const positions = rows.map((r) => `${r.line.padStart(lineWidth)}:${r.column}`);
    const posWidth = Math.max(...positions.map((p) => p.length));
    const sevWidth = Math.max(...rows.map((r) => r.severity.length));
    const msgWidth = Math.max(...rows.map((r) => width(r.message)));
    const lines = rows.map((r, i) => {
      const pos = (positions[i] ?? "").padEnd(posWidth);
      return `  ${pos}  ${r.severity.padEnd(sevWidth)}  ${r.message}${" ".repeat(msgWidth - width(r.message))}  ${r.rule}`;
    });
    blocks.push(`${clean(report.path)}\n${lines.join("\n")}\n`);
  }
  const total = count.error + count.warning + count.info;
  if (total === 0) return `${cleanSummary(reports)}\n`;
  const split = origins === null ? "" : `; ${total - existing.count} introduced, ${existing.count} existing`;
  const summary =
    `✖ ${plural(total, "problem")} (${plural(count.error, "error")}, ${plural(count.warning, "warning")}, ${plural(count.info, "info")})${split}`;
  return `${blocks.join("\n")}\n${summary}\n`;
}

function cleanSummary(reports: readonly StoryReport[]): string {
  const stories = reports.filter((r) => r.kind !== null).length;
  const others = reports.length - stories;
  const rest = others === 0 ? "" : ` (${plural(others, "other file")} matched no story kind)`;
  return `✔ No problems in ${plural(stories, "story", "stories")}${rest}`;
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** One line, no control characters: text from a story must not move the terminal's cursor. */
function clean(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "\ufffd");
}

/** Columns a string takes, counting code points (close enough for alignment). */
function width(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}
