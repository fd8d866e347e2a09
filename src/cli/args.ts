/** The command line, read into data: what to do, or what is wrong with how it was asked. */

export type Format = "text" | "json";

/** `--cache`: keep results between runs, in `location` (relative to the current directory). */
export interface CacheOption {
  location: string;
}

/** Where `--cache` keeps results when `--cache-location` is not given. */
export const DEFAULT_CACHE_LOCATION = "node_modules/.cache/story-triage";

export type Command =
  | { kind: "help" }
  | { kind: "version" }
  | { kind: "check"; config: string | null; format: Format; patterns: string[]; base: string | null; cache: CacheOption | null; threads: number | null }
  | { kind: "init"; force: boolean }
  | { kind: "usage-error"; message: string };

export const USAGE = `Usage: story-triage check [options] [PATH|GLOB ...]
       story-triage init [--force]
       story-triage --help | --version

Checks markdown stories against their template: the FAQ answers, the sections,
placeholders left in, the characters. Without paths it checks every story the
configuration matches under the current directory (node_modules and .git are
skipped). A directory checks the stories under it; a glob (quote it) checks
every file it matches.

init finds the templates (template.md, TEMPLATE.md, *_TEMPLATE.md) and the
documents written from them, says what it found and left out, and writes a
commented .github/story-triage.yml to edit.

Options:
  -c, --config FILE     the configuration (default: .github/story-triage.yml
                        when it exists, else the built-in defaults)
  -f, --format FORMAT   text (default) or json
  -b, --base REF        mark each finding introduced or existing by checking
                        the story as it was at the git commit REF; only
                        introduced errors fail (unless fail-on: all)
      --cache           keep each story's results and reuse them while the
                        story, its template, the configuration, the files
                        the rules read around it and this version are
                        unchanged
      --cache-location DIR
                        where --cache keeps them (default:
                        node_modules/.cache/story-triage)
      --force           init: replace an existing .github/story-triage.yml
      --threads N       check on at most N threads (default: one a core;
                        more than one only when there is enough to check);
                        1 checks everything on the main thread
  -h, --help            show this help
  -V, --version         show the version

Exit status: 0 no error findings, 1 error findings (with --base: introduced ones),
             2 a usage, configuration or read error.
`;

const FORMATS: readonly Format[] = ["text", "json"];

/** `--threads` above this is a typo, not a machine. */
const MAX_THREADS = 256;

/** Reads argv (without node and the script). Options may come before or after paths; "--" ends them. */
export function parseArgs(argv: readonly string[]): Command {
  let config: string | null = null;
  let format: Format = "text";
  let base: string | null = null;
  const positionals: string[] = [];
  let help = false;
  let version = false;
  let cache = false;
  let cacheLocation: string | null = null;
  let force = false;
  let threads: number | null = null;
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
      case "--cache":
        if (eq !== -1) return usageError("--cache takes no value; give the folder with --cache-location");
        cache = true;
        break;
      case "--cache-location": {
        const value = takeValue();
        if (value === null || value === "") return usageError(`${name} needs a value: the folder to keep results in`);
        cacheLocation = value;
        break;
      }
      case "--force":
        force = true;
        break;
      case "--threads": {
        const value = takeValue();
        if (value === null || !/^[1-9][0-9]{0,2}$/.test(value) || Number(value) > MAX_THREADS) {
          return usageError(`${name} needs a whole number of threads from 1 to ${MAX_THREADS}${value === null ? "" : `, not ${JSON.stringify(value)}`}`);
        }
        threads = Number(value);
        break;
      }
      default:
        return usageError(`unknown option ${JSON.stringify(name)}`);
    }
  }
  if (help) return { kind: "help" };
  if (version) return { kind: "version" };
  const [command, ...patterns] = positionals;
  if (command === undefined) return usageError("missing the command: check or init");
  if (command === "init") {
    if (patterns.length > 0 || config !== null || base !== null || cache || threads !== null || format !== "text") return usageError("init takes no paths and no option but --force");
    return { kind: "init", force };
  }
  if (command !== "check") return usageError(`unknown command ${JSON.stringify(command)}; expected check or init`);
  if (force) return usageError("--force is for init");
  if (cacheLocation !== null && !cache) return usageError("--cache-location needs --cache");
  return { kind: "check", config, format, patterns, base, cache: cache ? { location: cacheLocation ?? DEFAULT_CACHE_LOCATION } : null, threads };
}

function usageError(message: string): Command {
  return { kind: "usage-error", message };
}
