import { normalize } from "../markdown.js";
import { keyValueRows, type Cell, type DocTable } from "../tables.js";
import { quote, type Rule, type RuleMessage } from "./rule.js";

/** A template row's hint that says the row may stay empty. */
const CONDITIONAL = /\bif\b|\boptional\b|\bleave (?:it |this )?(?:blank|empty)\b|\bwhen\b|\bunless\b/i;

/**
 * Each row of a key-value table the template shows (`| Metadata | |`) is expected, in any order:
 * a row missing or left empty is a finding on the table (missing) or the row (empty). A row whose
 * template hint makes it conditional ("if this is a continuing goal…", "optional") may stay empty
 * or go, and so may a row the book's build fills in (its template value is an HTML comment). The configuration's `required` says otherwise where the template cannot (`required: true`
 * for a row the template does not show or marks conditional, `false` for one it shows). A hint
 * left in a cell is template-guidance's.
 */
export const tableRowMissing: Rule = {
  id: "table-row-missing",
  description: "A row of a key-value table the template shows (such as `Metadata`) is missing or empty.",
  defaultSeverity: "error",
  faq: false,
  check(story) {
    const out: RuleMessage[] = [];
    for (const expected of story.template.tables) {
      if (expected.shape !== "key-value") continue;
      const name = expected.header[0]!.text;
      const said = new Map(story.schema.tables.filter((r) => normalize(r.table) === expected.name && r.required !== null).map((r) => [normalize(r.target), r]));
      const shown = expected.rows.filter((r) => r.cells[0] !== undefined && r.cells[0].key !== "");
      const required = [
        ...shown.filter((r) => said.get(r.cells[0]!.key)?.required ?? requiredByTemplate(r.cells[1])).map((r) => r.cells[0]!.text),
        ...[...said.values()].filter((r) => r.required === true && !shown.some((s) => s.cells[0]!.key === normalize(r.target))).map((r) => r.target),
      ];
      if (required.length === 0) continue;
      const table = story.tables.find((t) => t.name === expected.name);
      if (table === undefined) {
        const at = story.title?.node.position?.end.line ?? 1;
        out.push({ line: at, column: 1, subject: name, message: `Table ${quote(name)} is missing; expected it as in the template, with the rows ${required.map((r) => quote(r)).join(", ")}.` });
        continue;
      }
      out.push(...rowsOf(table, name, required));
    }
    return out;
  },
};

/** A row is required unless its hint makes it conditional, or the book's build fills it in (an HTML comment such as `<!-- TEAMS WITH ASKS -->`). */
function requiredByTemplate(value: Cell | undefined): boolean {
  if (value === undefined) return true;
  if (/^<!--[\s\S]*-->$/.test(value.source) || /^<!--[\s\S]*-->$/.test(value.text)) return false;
  return !CONDITIONAL.test(value.text);
}

function rowsOf(table: DocTable, name: string, required: readonly string[]): RuleMessage[] {
  const rows = keyValueRows(table);
  return required.flatMap((key): RuleMessage[] => {
    const found = rows.get(normalize(key));
    const subject = `${name}: ${key}`;
    if (found === undefined) return [{ line: table.line, column: 1, subject, message: `Table ${quote(name)} has no row ${quote(key)}; expected it, as in the template.` }];
    if ((found.value?.text ?? "") === "") return [{ line: found.row.line, column: 1, subject, message: `Row ${quote(key)} of table ${quote(name)} is empty; expected a value.` }];
    return [];
  });
}

