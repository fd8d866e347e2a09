/** The command line, read into data: what to do, or what is wrong with how it was asked. */

export type Format = "text" | "json";

export type Command =
  | { kind: "help" }
  | { kind: "version" }
  | { kind: "check"; config: string | null; format: Format; patterns: string[]; base: string | null }
  | { kind: "usage-error"; message: string };

export const USAGE = `Usage: story-triage check [options] [PATH|GLOB ...]
       story-triage --help | --version

Checks markdown stories against their template: the FAQ answers, the sections,
placeholders left in, the characters. Without paths it checks every story the
configuration matches under the current directory (node_modules and .git are
skipped). A directory checks the stories under it; a glob (quote it) checks
every file it matches.

Options:
  -c, --config FILE     the configuration (default: .github/story-triage.yml
                        when it exists, else the built-in defaults)
  -f, --format FORMAT   text (default) or json
  -b, --base REF        mark each finding introduced or existing by checking
                        the story as it was at the git commit REF; only
                        introduced errors fail (unless fail-on: all)
  -h, --help            show this help
  -V, --version         show the version

Exit status: 0 no error findings, 1 error findings (with --base: introduced ones),
             2 a usage, configuration or read error.
`;

const FORMATS: readonly Format[] = ["text", "json"];

/** Reads argv (without node and the script). Options may come before or after paths; "--" ends them. */
export function parseArgs(argv: readonly string[]): Command {
  let config: string | null = null;
  let format: Format = "text";
  let base: string | null = null;
  const positionals: string[] = [];
  let help = false;
  let version = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? "";
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const takeValue = (): string | null => {
      if (eq !== -1) return arg.slice(eq + 1);
      const next = argv[i + 1];
      if (next === undefined) return null;
      i += 1;
      return next;
    };
    switch (name) {
      case "-h":
      case "--help":
        help = true;
        break;
      case "-V":
      case "--version":
        version = true;
        break;
      case "-c":
      case "--config": {
        const value = takeValue();
        if (value === null || value === "") return usageError(`${name} needs a value: the configuration file`);
        config = value;
        break;
      }
      case "-f":
      case "--format": {
        const value = takeValue();
        if (value === null) return usageError(`${name} needs a value: text or json`);
        if (!(FORMATS as readonly string[]).includes(value)) {
          return usageError(`${name} must be text or json, not ${JSON.stringify(value)}`);
        }
        format = value as Format;
        break;
      }
      case "-b":
      case "--base": {
        const value = takeValue();
        if (value === null || value === "") return usageError(`${name} needs a value: a git commit, branch or tag`);
        base = value;
        break;
      }
      default:
        return usageError(`unknown option ${JSON.stringify(name)}`);
    }
  }
  if (help) return { kind: "help" };
  if (version) return { kind: "version" };
  const [command, ...patterns] = positionals;
  if (command === undefined) return usageError("missing the command: check");
  if (command !== "check") return usageError(`unknown command ${JSON.stringify(command)}; the only command is check`);
  return { kind: "check", config, format, patterns, base };
}

function usageError(message: string): Command {
  return { kind: "usage-error", message };
}
