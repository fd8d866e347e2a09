/**
 * The tables of a document, read from the syntax tree (GFM tables; see markdown.ts). PURE.
 * Two shapes matter to templates: a key–value table, whose first header cell names it and whose
 * rows are `| key | value |` (a goal's `| Metadata | |`), and a column table, a header and rows
 * (`| Team | Support level | Notes |`). Lines are 1-based and come from the tree: a row's line is
 * where a review comment about it sits.
 */
import type { Nodes, PhrasingContent, Root, Table, TableCell as MdastCell, TableRow as MdastRow } from "mdast";
import { displayText, normalize } from "./markdown.js";

export interface Cell {
  /** The visible text, whitespace collapsed: emphasis and links reduced to their text. */
  text: string;
  /** `text` normalised for comparisons (normalize() of markdown.ts). */
  key: string;
  /** The cell's markdown as written, trimmed (a `[compiler]` reference keeps its brackets). */
  source: string;
  /** The whole text is emphasised (a template's hint). */
  italic: boolean;
  line: number;
  column: number;
  node: MdastCell;
}

export interface Row {
  cells: Cell[];
  line: number;
  node: MdastRow;
}

export interface DocTable {
  /** The first header cell's text, normalised: "metadata", "team". */
  name: string;
  /**
   * "key-value" when the header has two cells and the second is empty (`| Metadata | |`): each
   * row is a key and its value. "columns" otherwise.
   */
  shape: "key-value" | "columns";
  header: Cell[];
  /** The rows below the separator. */
  rows: Row[];
  /** The header's line. */
  line: number;
  /** The last line of the table. */
  endLine: number;
  /** The nearest heading above the table, as shown ("Team asks"); null above the first heading. */
  heading: string | null;
  node: Table;
}

/** Every table of the document, in order, nested ones (in lists, block quotes) included. */
export function tablesOf(root: Root, source: string): DocTable[] {
  const out: DocTable[] = [];
  let heading: string | null = null;
  const visit = (node: Nodes) => {
    if (node.type === "heading") heading = displayText(node);
    if (node.type === "table") {
      out.push(readTable(node, source, heading));
      return;
    }
    if ("children" in node && node.type !== "paragraph") for (const child of node.children as Nodes[]) visit(child);
  };
  visit(root);
  return out;
}

function readTable(node: Table, source: string, heading: string | null): DocTable {
  const [head, ...body] = node.children.map((r) => readRow(r, source));
  const header = head?.cells ?? [];
  const shape = header.length === 2 && header[1]!.text === "" && header[0]!.text !== "" ? "key-value" : "columns";
  return {
    name: header[0]?.key ?? "",
    shape,
    header,
    rows: body,
    line: node.position?.start.line ?? 1,
    endLine: node.position?.end.line ?? 1,
    heading,
    node,
  };
}

function readRow(node: MdastRow, source: string): Row {
  return { cells: node.children.map((c) => readCell(c, source)), line: node.position?.start.line ?? 1, node };
}

function readCell(node: MdastCell, source: string): Cell {
  const text = displayText(node);
  const start = node.position?.start;
  const end = node.position?.end;
  let raw = start?.offset !== undefined && end?.offset !== undefined ? source.slice(start.offset, end.offset) : text;
  // A cell's position takes in its pipes; its content is what stands between them.
  raw = raw.trim().replace(/^\|/, "").replace(/(?<!\\)\|$/, "").trim();
  return { text, key: normalize(text), source: raw, italic: isItalic(node.children), line: start?.line ?? 1, column: start?.column ?? 1, node };
}

function isItalic(children: readonly PhrasingContent[]): boolean {
  let emphasis = false;
  for (const c of children) {
    if (c.type === "emphasis") emphasis = true;
    else if (!(c.type === "text" && c.value.trim() === "")) return false;
  }
  return emphasis;
}

/** The first key–value table named `name` (compared normalised: "Metadata", "metadata"). */
export function keyValueTable(tables: readonly DocTable[], name: string): DocTable | null {
  const key = normalize(name);
  return tables.find((t) => t.shape === "key-value" && t.name === key) ?? null;
}

/** A key–value table's rows by normalised key (the first row with a key wins), each with its value cell. */
export function keyValueRows(table: DocTable): Map<string, { row: Row; key: Cell; value: Cell | null }> {
  const out = new Map<string, { row: Row; key: Cell; value: Cell | null }>();
  for (const row of table.rows) {
    const key = row.cells[0];
    if (key === undefined || key.key === "" || out.has(key.key)) continue;
    out.set(key.key, { row, key, value: row.cells[1] ?? null });
  }
  return out;
}

/** A key–value table's value for `key` as shown, or null when the row is absent. */
export function valueOf(table: DocTable, key: string): string | null {
  const entry = keyValueRows(table).get(normalize(key));
  return entry === undefined ? null : (entry.value?.text ?? "");
}

/** The column tables whose header's first cell is `first` (compared normalised: "Team"). */
export function columnTables(tables: readonly DocTable[], first: string): DocTable[] {
  const key = normalize(first);
  return tables.filter((t) => t.shape === "columns" && t.name === key);
}

/** The index of the column named `name` in a column table's header, or -1. */
export function columnIndex(table: DocTable, name: string): number {
  const key = normalize(name);
  return table.header.findIndex((c) => c.key === key);
}

/** The cells of column `name`, one per row that has it, with their rows. */
export function columnCells(table: DocTable, name: string): { row: Row; cell: Cell }[] {
  const i = columnIndex(table, name);
  if (i === -1) return [];
  return table.rows.flatMap((row) => (row.cells[i] ? [{ row, cell: row.cells[i] }] : []));
}
