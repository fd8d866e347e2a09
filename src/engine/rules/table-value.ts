import type { TableValueRule } from "../../config/types.js";
import { normalize } from "../markdown.js";
import { columnIndex, keyValueRows, type Cell, type DocTable, type Row } from "../tables.js";
import { quote, type Rule, type RuleMessage } from "./rule.js";

/**
 * What the configuration's `tables` say a cell may hold: `one-of`, `pattern`, and `required-when`
 * another cell of the table (a key-value table's row, a column table's same row) holds a value.
 * An empty cell is checked only by `required-when` (a row left out or empty is table-row-missing's).
 */
export const tableValue: Rule = {
  id: "table-value",
  description: "A table cell breaks a value rule of the configuration's `tables` (one-of, pattern, required-when).",
  defaultSeverity: "error",
  faq: false,
  check(story) {
    const out: RuleMessage[] = [];
    for (const rule of story.schema.tables) {
      const name = normalize(rule.table);
      for (const table of story.tables) {
        if (table.name !== name) continue;
        if (table.shape === "key-value") out.push(...keyValueFindings(table, rule));
        else out.push(...columnFindings(table, rule));
      }
    }
    return out;
  },
};

function keyValueFindings(table: DocTable, rule: TableValueRule): RuleMessage[] {
  const rows = keyValueRows(table);
  const found = rows.get(normalize(rule.target));
  if (found === undefined) return [];
  const other = rule.requiredWhen === null ? null : (rows.get(normalize(rule.requiredWhen.key))?.value?.text ?? null);
  return judge(found.value, other, rule, `row ${quote(found.key.text)} of table ${quote(table.header[0]!.text)}`, found.row, `${table.header[0]!.text}: ${found.key.text}`);
}

function columnFindings(table: DocTable, rule: TableValueRule): RuleMessage[] {
  const column = columnIndex(table, rule.target);
  if (column === -1) return [];
  const otherColumn = rule.requiredWhen === null ? -1 : columnIndex(table, rule.requiredWhen.key);
  return table.rows.flatMap((row) => {
    const first = row.cells[0]?.text ?? "";
    const other = otherColumn === -1 ? null : (row.cells[otherColumn]?.text ?? "");
    const where = `column ${quote(table.header[column]!.text)} of table ${quote(table.header[0]!.text)}${first === "" ? "" : ` in row ${quote(first)}`}`;
    return judge(row.cells[column] ?? null, other, rule, where, row, `${table.header[0]!.text}: ${table.header[column]!.text}: ${first}`);
  });
}

function same(a: string, b: string, ignoreCase: boolean): boolean {
  return ignoreCase ? a.toLowerCase() === b.toLowerCase() : a === b;
}

function judge(cell: Cell | null, other: string | null, rule: TableValueRule, where: string, row: Row, subject: string): RuleMessage[] {
  const value = cell?.text.trim() ?? "";
  const at = { line: row.line, column: cell?.column ?? 1, subject };
  if (value === "") {
    const when = rule.requiredWhen;
    if (when !== null && other !== null && when.values.some((v) => same(v, other.trim(), rule.ignoreCase))) {
      return [{ ...at, message: `The ${where} is empty; expected a value when ${quote(when.key)} is ${quote(other.trim())}.` }];
    }
    return [];
  }
  const out: RuleMessage[] = [];
  if (rule.oneOf !== null && !rule.oneOf.some((v) => same(v, value, rule.ignoreCase))) {
    out.push({ ...at, message: `The ${where} is ${quote(value)}; expected one of ${rule.oneOf.map(quote).join(", ")}.` });
  }
  if (rule.pattern !== null && !rule.pattern.test(value)) {
    out.push({ ...at, message: `The ${where} is ${quote(value)}; expected it to match ${quote(rule.pattern.source)}.` });
  }
  return out;
}
