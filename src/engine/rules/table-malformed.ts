import type { Nodes } from "mdast";
import type { DocTable } from "../tables.js";
import { quote, type Rule, type RuleMessage } from "./rule.js";

/** A delimiter row: cells of dashes with optional colons. */
const SEPARATOR = /^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

/**
 * A table written so that readers' parsers disagree, or that is no table at all: some of its lines
 * start (or end) with `|` and others do not (GitHub shows it, stricter parsers such as the checkers
 * of mdBook projects do not), or lines that look like a table (they start with `|` and one is a
 * separator row) but are a paragraph because the separator row does not follow the header.
 */
export const tableMalformed: Rule = {
  id: "table-malformed",
  description: "A table is malformed: lines with and without a leading or trailing pipe, or table lines that make no table (a separator row in the wrong place).",
  defaultSeverity: "error",
  faq: false,
  check(story) {
    const lines = story.source.split("\n");
    const out: RuleMessage[] = [];
    for (const table of story.tables) out.push(...tableProblems(table, lines));
    const stack: Nodes[] = [story.root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === "paragraph") {
        const start = node.position?.start.line;
        const end = node.position?.end.line;
        if (start === undefined || end === undefined || end === start) continue;
        const own = lines.slice(start - 1, end).map((l) => l.trim());
        const separator = own.findIndex((l) => SEPARATOR.test(l) && l.includes("|"));
        if (own.every((l) => l.startsWith("|")) && separator !== -1) {
          out.push({ line: start, column: 1, subject: `lines ${quote(own[0]!)}`, message: `These lines look like a table but are not one: its separator row (line ${start + separator}) must come right after the header row; expected a header row, then the separator row, then the rows.` });
        }
      } else if ("children" in node) {
        for (const child of node.children as Nodes[]) stack.push(child);
      }
    }
    return out.sort((a, b) => a.line - b.line);
  },
};

function tableProblems(table: DocTable, lines: readonly string[]): RuleMessage[] {
  const name = table.header[0]?.text ?? "";
  const own = lines.slice(table.line - 1, table.endLine).map((l) => l.replace(/^\s*(?:>\s?)*/, "").trim());
  const odd = (has: (line: string) => boolean): number => {
    const count = own.filter(has).length;
    return count > 0 && count < own.length ? own.findIndex((l) => !has(l)) : -1;
  };
  const lead = odd((l) => l.startsWith("|"));
  if (lead !== -1) return [{ line: table.line + lead, column: 1, subject: `${name}: leading pipes`, message: `Line ${table.line + lead} of table ${quote(name)} does not start with \`|\` as its other lines do; some markdown parsers then read no table, or another one. Expected every line to start with \`|\`.` }];
  const trail = odd((l) => l.endsWith("|"));
  if (trail !== -1) return [{ line: table.line + trail, column: 1, subject: `${name}: trailing pipes`, message: `Line ${table.line + trail} of table ${quote(name)} does not end with \`|\` as its other lines do; some markdown parsers then read no table, or another one. Expected every line to end with \`|\`.` }];
  return [];
}
