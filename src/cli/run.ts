/** The `story-triage` command, testable in-process: argv and streams in, exit status out. */
import path from "node:path";
import { CONFIG_PATH, ConfigError, defaultConfig, LIMITS, parseConfigYaml, type Config } from "../config/index.js";
import { parseArgs, USAGE } from "./args.js";
import { digest, ResultCache } from "./cache.js";
import { checkFiles, selectFiles } from "./check-files.js";
import { isFile, readBounded, totalSize, UsageError } from "./files.js";
import { formatJson, formatText } from "./format.js";
import { noMatchMessage } from "./no-match.js";
import { version } from "./version.js";

export interface Io {
  /** The repository root: paths, the default configuration and templates are found from here. */
  cwd: string;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Told how many bytes the selected files hold, before they are checked (the command tunes V8 with it). */
  sizing?: (bytes: number) => void;
  /** The command's own file, which a worker thread runs to check stories (pool.ts); without it, one thread. */
  worker?: URL;
  /** Told what a `--cache` run without `--base` checked, once it printed (the command records such runs: replay.ts). */
  checked?: (run: { config: Config; files: readonly string[]; cacheFolder: string }) => void;
}

/** 0: no error findings; 1: error findings; 2: usage, configuration or read error. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const command = parseArgs(argv);
  switch (command.kind) {
    case "help":
      io.stdout.write(USAGE);
      return 0;
    case "version":
      io.stdout.write(`${version()}\n`);
      return 0;
    case "usage-error":
      io.stderr.write(`story-triage: ${command.message}\nRun "story-triage --help" for usage.\n`);
      return 2;
    case "init":
    case "check":
      break;
  }
  try {
    // init is loaded only when asked for.
    if (command.kind === "init") return (await import("./init.js")).runInit(io, command.force);
    const { config, id, source } = loadConfig(io.cwd, command.config);
    const files = selectFiles(io.cwd, config, command.patterns);
    if (command.patterns.length === 0 && files.length === 0) throw new UsageError(noMatchMessage(source, config));
    io.sizing?.(totalSize(io.cwd, files));
    const cache =
      command.cache === null
        ? null
        : {
            results: new ResultCache(path.resolve(io.cwd, command.cache.location), (m) => io.stderr.write(`story-triage: ${m}\n`)),
            configId: id,
            folder: path.resolve(io.cwd, command.cache.location),
          };
    const threads = io.worker === undefined ? null : { script: io.worker, count: command.threads };
    const { reports, errors } = await checkFiles(io.cwd, config, files, cache, threads);
    // --base checks old versions with the engine: loaded only then (see checkFiles).
    const origins = command.base === null ? null : (await import("./base.js")).originsAgainstBase(io.cwd, config, command.base, reports);
    io.stdout.write(command.format === "json" ? formatJson(reports, origins) : formatText(reports, origins));
    for (const error of errors) io.stderr.write(`story-triage: ${error}\n`);
    if (cache !== null && command.base === null) io.checked?.({ config, files, cacheFolder: cache.folder });
    if (errors.length > 0) return 2;
    const decides = (report: number, finding: number) => origins === null || config.failOn === "all" || origins[report]?.[finding] !== "existing";
    return reports.some((r, i) => r.findings.some((f, j) => f.severity === "error" && decides(i, j))) ? 1 : 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError) {
      io.stderr.write(`story-triage: ${err.message}\n`);
      return 2;
    }
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    io.stderr.write(`story-triage: internal error (a bug; please report it):\n${detail}\n`);
    return 2;
  }
}

/**
 * The given file (it must exist), else `.github/story-triage.yml` when it exists, else the
 * defaults; with what identifies it (a digest of its text) for the results cache, and the file
 * read (null for the defaults).
 */
function loadConfig(cwd: string, given: string | null): { config: Config; id: string; source: string | null } {
  const shown = given ?? CONFIG_PATH;
  const absolute = path.resolve(cwd, shown);
  if (given === null && !isFile(absolute)) return { config: defaultConfig(), id: "defaults", source: null };
  const { bytes, size } = readBounded(absolute, LIMITS.yamlBytes, `the configuration ${shown}`);
  if (size > LIMITS.yamlBytes) {
    throw new ConfigError([`the file has ${size} bytes; expected at most ${LIMITS.yamlBytes} (1 MiB)`], shown);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ConfigError(["the file is not valid UTF-8 text"], shown);
  }
  return { config: parseConfigYaml(text, shown), id: digest(text), source: shown };
}

