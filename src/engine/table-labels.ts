/**
 * Labels from table values (`table-labels` in the configuration): one label per value of a
 * column of the story's column tables (`T-{value}` for each team of the `| Team | Support level |`
 * table), or from one row of a key–value table (`status:{value}` from the Metadata table's Status).
 */
import type { TableLabel } from "../config/types.js";
import { normalize } from "./markdown.js";
import { columnCells, columnTables, keyValueRows, keyValueTable, type Cell, type DocTable } from "./tables.js";

/** GitHub's limit on label names. */
const LABEL_CHARS = 50;

/** The labels the story's tables give, in table order, each once (compared without case). */
export function labelsFromTables(rules: readonly TableLabel[], tables: readonly DocTable[]): string[] {
  const out: string[] = [];
  const add = (rule: TableLabel, cell: Cell | null | undefined) => {
    const value = valueOf(cell);
    if (value === null) return;
    const label = rule.label.replace("{value}", value);
    if ([...label].length <= LABEL_CHARS && !out.some((l) => l.toLowerCase() === label.toLowerCase())) out.push(label);
  };
  for (const rule of rules) {
    if (rule.column !== null) {
      for (const table of columnTables(tables, rule.table)) for (const { cell } of columnCells(table, rule.column)) add(rule, cell);
    } else if (rule.row !== null) {
      const table = keyValueTable(tables, rule.table);
      if (table !== null) add(rule, keyValueRows(table).get(normalize(rule.row))?.value);
    }
  }
  return out;
}

/**
 * A cell's value as a label part: its visible text, a reference's brackets taken off (`[compiler]`,
 * which the book's build links, is "compiler"). None for an empty cell, a template hint (wholly
 * italic), or text with characters a label cannot hold.
 */
function valueOf(cell: Cell | null | undefined): string | null {
  if (!cell || cell.italic) return null;
  const text = cell.text.replace(/^\[([^[\]]*)\](?:\[\])?$/, "$1").replace(/\s+/g, " ").trim();
  if (text === "" || /[\u0000-\u001f\u007f,[\]]/.test(text)) return null;
  return text;
}
