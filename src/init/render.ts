/** The configuration `story-triage init` writes: the proposal as commented YAML, to be edited. */
import { bookReferences } from "../engine/references.js";
import type { Proposal } from "./propose.js";

const list = (items: readonly string[]) => `[${items.map((i) => JSON.stringify(i)).join(", ")}]`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The YAML text; `bookToml` (null: none) says which references the book's build defines. */
export function renderConfig(proposal: Proposal, bookToml: string | null): string {
  const out = [
    "# story-triage's configuration, proposed by `story-triage init` from the repository's templates",
    "# and the documents written from them. Edit it to taste, then run `story-triage check`.",
    "# Every key, its default and what it refuses: docs/configuration.md in story-triage.",
    "",
    "# The kinds of document: a file is of the first kind whose paths match it and whose exclude",
    "# does not. The kind's name is also its label.",
    "stories:",
  ];
  for (const kind of proposal.kinds) {
    const where = kind.template === null ? "each checked against the template.md in its own folder" : `checked against ${kind.template}`;
    out.push(`  # ${plural(kind.documents.length, "document")} found, following ${kind.templates.join(", ")}; ${where}.`);
    out.push(`  ${kind.name}:`);
    out.push(`    paths: ${list(kind.paths)}`);
    if (kind.exclude.length > 0) {
      out.push("    # Markdown files these paths match that follow no template:");
      out.push(`    exclude: ${list(kind.exclude)}`);
    }
    if (kind.template !== null) out.push(`    template: ${JSON.stringify(kind.template)}`);
  }
  out.push("");
  if (proposal.characters) {
    out.push("# The templates ask why a character (*NAME*) tells the story: list the characters. Each one");
    out.push("# named in a story becomes a character:{name} label.");
    out.push("characters: [Alan, Grace, Niklaus, Barbara]");
  } else {
    out.push("# No template asks for a character (*NAME*): no characters, and no character labels.");
    out.push("characters: []");
    out.push("labels:");
    out.push('  character: ""');
  }
  const book = bookToml === null ? null : bookReferences(bookToml);
  if (book !== null && book.labels.length + book.patterns.length > 0) {
    out.push("");
    out.push(`# link-broken reads book.toml: ${plural(book.labels.length, "label")} of its preprocessor links and ${plural(book.patterns.length, "linkifier pattern")}`);
    out.push("# are references the build defines. List any others the build fills in (team names, say):");
    out.push("# defined-references:");
    out.push("#   names: [lang, compiler]");
    out.push('#   patterns: ["T-[a-z-]+"]');
  }
  if (proposal.tableLabels.length > 0) {
    out.push("");
    out.push("# The templates have tables: labels can come from their values (one per value of a column, or a");
    out.push("# row's value), which the app adds and removes as the document changes. For example:");
    out.push("# table-labels:");
    for (const t of proposal.tableLabels) {
      const word = (t.column ?? t.row ?? "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "value";
      const where = t.column !== null ? `column: ${JSON.stringify(t.column)}` : `row: ${JSON.stringify(t.row)}`;
      out.push(`#   "${word}:{value}": {table: ${JSON.stringify(t.table)}, ${where}}`);
    }
  }
  out.push("");
  out.push("# Severities per rule (error, warning, info or off); see docs/rules/ in story-triage.");
  out.push("# rules:");
  out.push("#   section-missing: info");
  out.push("");
  return out.join("\n");
}
