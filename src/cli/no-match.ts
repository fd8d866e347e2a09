/** What `check` says when the configuration it read matches no file: which configuration, what it looked for, and what to do. */
import type { Config } from "../config/index.js";

/**
 * The message for a run without paths that found no story. `source` is the configuration file
 * read, or null for the built-in defaults.
 */
export function noMatchMessage(source: string | null, config: Config): string {
  const read = source === null ? "the built-in defaults (no .github/story-triage.yml)" : `the configuration ${source}`;
  const kinds = config.kinds.map((k) => {
    const exclude = k.exclude.length === 0 ? "" : `, except ${k.exclude.join(", ")}`;
    return `  - ${k.name}: ${k.paths.join(", ")}${exclude}`;
  });
  return [
    `no file matched the story kinds of ${read}:`,
    ...kinds,
    `Run "story-triage init" to find the repository's templates and the documents written from them, and write a configuration that matches them.`,
  ].join("\n");
}
