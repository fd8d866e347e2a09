import { normalize } from "../markdown.js";
import type { DocTable } from "../tables.js";
import { code, quote, type Rule, type RuleMessage } from "./rule.js";

/**
 * A column table the template shows (`| Team | Support level | Notes |`) and the configuration's
 * `tables` names keeps the template's header. Other tables of a template are examples whose
 * columns authors choose (a goal's work items). The document's table is the one with the same
 * first header cell, else the one table under the heading the template's stands under.
 */
export const tableHeader: Rule = {
  id: "table-header",
  description: "A column table the template shows and the configuration's `tables` names (such as a goal's Team asks) has another header.",
  defaultSeverity: "error",
  faq: false,
  check(story) {
    const out: RuleMessage[] = [];
    const configured = new Set(story.schema.tables.map((r) => normalize(r.table)));
    const templateTables = story.template.tables.filter((t) => t.shape === "columns" && t.header.length > 1);
    for (const expected of templateTables) {
      if (!configured.has(expected.name)) continue;
      const want = expected.header.map((c) => c.key);
      const named = story.tables.filter((t) => t.name === expected.name);
      let candidates = named;
      if (named.length === 0 && expected.heading !== null) {
        const heading = normalize(expected.heading);
        const sameHeading = templateTables.filter((t) => t.heading !== null && normalize(t.heading) === heading);
        const under = story.tables.filter((t) => t.heading !== null && normalize(t.heading) === heading && t.shape === "columns");
        // Only where the template has one table under that heading, and the document one too.
        if (sameHeading.length === 1 && under.length === 1) candidates = under;
      }
      for (const table of candidates) {
        const have = table.header.map((c) => c.key);
        if (have.length === want.length && have.every((k, i) => k === want[i])) continue;
        out.push({
          line: table.line,
          column: 1,
          subject: expected.header[0]!.text,
          message: `The table's header is ${quote(shown(table))}; expected ${code(shown(expected))}, as in the template.`,
        });
      }
    }
    return out;
  },
};

function shown(table: DocTable): string {
  return `| ${table.header.map((c) => c.source).join(" | ")} |`;
}
