/** The table model: tables read from the tree with their shape, cells and 1-based lines. */
import { describe, expect, test } from "@jest/globals";
import { parseMarkdown } from "../../src/engine/markdown.js";
import { parseStory } from "../../src/engine/skim.js";
import { columnCells, columnTables, keyValueRows, keyValueTable, tablesOf, valueOf } from "../../src/engine/tables.js";

const GOAL = [
  "# Faster builds", // 1
  "", // 2
  "| Metadata         |                          |", // 3
  "| :--------------- | ------------------------ |", // 4
  "| Point of contact | @ghost                   |", // 5
  "| Status           | *Proposed*               |", // 6
  "| Tracking issue   |                          |", // 7
  "", // 8
  "## Team asks", // 9
  "", // 10
  "Some text | with a pipe but no table.", // 11
  "", // 12
  "| Team       | Support level | Notes |", // 13
  "| ---------- | ------------- | ----- |", // 14
  "| [compiler] | Small         |       |", // 15
  "| [lang]     | Large         | See \\| here |", // 16
  "", // 17
  "[compiler]: https://example.org/compiler", // 18
].join("\n");

describe("tablesOf", () => {
  const tables = tablesOf(parseMarkdown(GOAL), GOAL);

  test("finds both tables with shape, name, lines and heading", () => {
    expect(tables.map((t) => ({ name: t.name, shape: t.shape, line: t.line, endLine: t.endLine, heading: t.heading, rows: t.rows.map((r) => r.line) }))).toEqual([
      { name: "metadata", shape: "key-value", line: 3, endLine: 7, heading: "Faster builds", rows: [5, 6, 7] },
      { name: "team", shape: "columns", line: 13, endLine: 16, heading: "Team asks", rows: [15, 16] },
    ]);
  });

  test("cells carry visible text, source, italics and position", () => {
    const metadata = tables[0]!;
    expect(metadata.rows[1]!.cells.map((c) => ({ text: c.text, source: c.source, italic: c.italic, line: c.line, column: c.column }))).toEqual([
      { text: "Status", source: "Status", italic: false, line: 6, column: 1 },
      { text: "Proposed", source: "*Proposed*", italic: true, line: 6, column: 20 },
    ]);
    const teams = tables[1]!;
    expect(teams.rows.map((r) => r.cells.map((c) => c.source))).toEqual([
      ["[compiler]", "Small", ""],
      ["[lang]", "Large", "See \\| here"],
    ]);
    // A defined reference shows its text; an undefined one stays text with its brackets.
    expect(teams.rows.map((r) => r.cells[0]!.text)).toEqual(["compiler", "[lang]"]);
    expect(teams.rows[1]!.cells[2]!.text).toBe("See | here");
  });

  test("key-value lookups and column lookups", () => {
    const metadata = keyValueTable(tables, "Metadata")!;
    expect(metadata).toBe(tables[0]);
    expect(valueOf(metadata, "status")).toBe("Proposed");
    expect(valueOf(metadata, "Tracking issue")).toBe("");
    expect(valueOf(metadata, "Zulip channel")).toBeNull();
    expect([...keyValueRows(metadata).keys()]).toEqual(["point of contact", "status", "tracking issue"]);
    expect(keyValueTable(tables, "Team")).toBeNull();
    const [teams] = columnTables(tables, "team");
    expect(columnCells(teams!, "Support level").map(({ row, cell }) => [row.line, cell.text])).toEqual([
      [15, "Small"],
      [16, "Large"],
    ]);
    expect(columnCells(teams!, "Champion")).toEqual([]);
  });

  test("tables inside block quotes and lists are found; a plain paragraph with a pipe is no table", () => {
    const text = "> | A | B |\n> |---|---|\n> | 1 | 2 |\n\n- | C |\n  |---|\n  | 3 |\n\nx | y\n";
    const found = tablesOf(parseMarkdown(text), text);
    expect(found.map((t) => [t.name, t.line, t.rows.length])).toEqual([
      ["a", 1, 1],
      ["c", 5, 1],
    ]);
  });

  test("the skimming parse gives the same tables (table lines are never skipped as plain paragraphs)", () => {
    const text = "Intro line\n\nName | Value\n--- | ---\nA | 1\n\nAfter | text\n\nMore text\n";
    const fast = parseStory(text);
    expect(fast).toEqual(parseMarkdown(text));
    expect(tablesOf(fast, text).map((t) => [t.name, t.rows.map((r) => r.cells.map((c) => c.text))])).toEqual([["name", [["A", "1"]]]]);
  });
});
