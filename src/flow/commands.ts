/**
 * Commands in pull request comments, read from the markdown syntax tree: a command is a line of a
 * top-level paragraph that holds nothing but `/triage` (or `/triage help`). Text in code blocks,
 * inline code, block quotes, HTML or list items never counts. Pure: no I/O.
 */
import type { Paragraph, PhrasingContent, Root, RootContent } from "mdast";
import remarkParse from "remark-parse";
import { unified } from "unified";

export type Command = "triage" | "help";

const COMMAND_LINE = /^\/triage(?:[ \t]+(help))?$/;
/** Stands in for any phrasing node that is not plain text, so its line can never match. */
const NOT_TEXT = "\u0000";

/** The commands in a comment body, in order of appearance (repeats kept). */
export function parseCommands(body: string): Command[] {
  const tree: Root = unified().use(remarkParse).parse(body);
  const commands: Command[] = [];
  for (const node of tree.children) {
    if (!isParagraph(node)) continue;
    for (const line of paragraphLines(node)) {
      const match = COMMAND_LINE.exec(line.trim());
      if (match) commands.push(match[1] === "help" ? "help" : "triage");
    }
  }
  return commands;
}

/**
 * The commands of an edited comment that were not there before: each command runs as many more
 * times as it now appears beyond its count in the previous body.
 */
export function newCommands(body: string, previousBody: string | null): Command[] {
  const current = parseCommands(body);
  if (previousBody === null) return current;
  const before = new Map<Command, number>();
  for (const command of parseCommands(previousBody)) before.set(command, (before.get(command) ?? 0) + 1);
  const added: Command[] = [];
  for (const command of current) {
    const left = before.get(command) ?? 0;
    if (left > 0) before.set(command, left - 1);
    else added.push(command);
  }
  return added;
}

/** The help text `/triage help` answers with. */
export function helpText(): string {
  return [
    "**story-triage commands** (write each alone on a line of a pull request comment):",
    "",
    "- `/triage`: check this pull request's stories again and bring the labels, review, check run and summary up to date.",
    "- `/triage help`: show this list.",
    "",
    "The pull request's author and people with write, maintain or admin access to the repository may use them.",
  ].join("\n");
}

function isParagraph(node: RootContent): node is Paragraph {
  return node.type === "paragraph";
}

function paragraphLines(paragraph: Paragraph): string[] {
  return paragraph.children.map(phrasingText).join("").split("\n");
}

function phrasingText(node: PhrasingContent): string {
  if (node.type === "text") return node.value;
  if (node.type === "break") return "\n";
  return NOT_TEXT;
}
