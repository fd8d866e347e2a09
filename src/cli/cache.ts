/**
 * `--cache`: each story's report kept on disk and reused while nothing it depends on changed.
 *
 * One entry file a story path (so the folder stays as big as the set of stories), holding the
 * key the report was made under, a digest of the report and the report. The key is a digest of
 * the story's bytes, its template's text, the configuration's text, the repository files the
 * rules read around it (the paths, the tables of contents) and the tool (its version, the
 * code of the running command and Node's version): any change to one of them is a miss. An entry is used only
 * when its key matches and its digest checks out; anything else (a torn, edited or foreign file)
 * is a miss, and the story is checked again. Entries are written to a temporary file and renamed
 * into place, so a reader (another process running at the same time) sees a whole old entry or a
 * whole new one, never half of one. A cache that cannot be read or written is ignored after one
 * warning: results never depend on it.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { RULE_IDS, type Finding, type StoryReport } from "../engine/types.js";
import { codeOf } from "./files.js";
import { version } from "./version.js";

/** Bump when the entry format or the meaning of a report changes. */
const FORMAT = "story-triage cache 1";

export function digest(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** What a story's report depends on besides its own bytes. */
export interface CacheKeyParts {
  path: string;
  /** The story's bytes as read (at most max-file-bytes + 1 of them) and its real size. */
  content: Uint8Array;
  size: number;
  /** digest() of the template's text, or a name for the built-in one. */
  template: string;
  /** digest() of the configuration's text, or a name for the defaults. */
  config: string;
  /** digest() of the repository around the story that rules read (paths, tables of contents), or "none". */
  repository: string;
}

export class ResultCache {
  private readonly folder: string;
  private readonly tool: string;
  private warned = false;
  private madeFolder = false;

  constructor(
    location: string,
    private readonly warn: (message: string) => void,
  ) {
    this.folder = path.join(location, "v1");
    this.tool = toolIdentity();
  }

  key(parts: CacheKeyParts): string {
    return digest([FORMAT, this.tool, parts.config, parts.template, parts.repository, parts.path, String(parts.size), digest(parts.content)].join("\0"));
  }

  /** The report kept for `file` under `key`, or null (never a report made under another key). */
  get(file: string, key: string): StoryReport | null {
    let text: string;
    try {
      text = readFileSync(this.entry(file), "utf8");
    } catch (err) {
      if (codeOf(err) !== "ENOENT" && codeOf(err) !== "ENOTDIR") this.problem(`cannot read ${this.entry(file)}`, err);
      return null;
    }
    const [storedKey = "", sum, body, rest] = text.split("\n");
    if (!/^[0-9a-f]{64}$/.test(storedKey)) {
      this.problem(`${this.entry(file)} is damaged`, null);
      return null;
    }
    if (storedKey !== key) return null;
    if (body === undefined || rest !== "" || sum !== digest(`${key}\n${body}`)) {
      this.problem(`${this.entry(file)} is damaged`, null);
      return null;
    }
    const report = asReport(parseJson(body), file);
    if (report === null) this.problem(`${this.entry(file)} is damaged`, null);
    return report;
  }

  set(file: string, key: string, report: StoryReport): void {
    const body = JSON.stringify(report);
    const target = this.entry(file);
    const temporary = `${target}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      if (!this.madeFolder) mkdirSync(this.folder, { recursive: true });
      this.madeFolder = true;
      writeFileSync(temporary, `${key}\n${digest(`${key}\n${body}`)}\n${body}\n`);
      renameSync(temporary, target);
    } catch (err) {
      this.problem(`cannot write to ${this.folder}`, err);
      try {
        rmSync(temporary, { force: true });
      } catch {
        // Nothing was written where nothing can be.
      }
    }
  }

  private entry(file: string): string {
    return path.join(this.folder, `${digest(file).slice(0, 40)}.entry`);
  }

  /** One warning a run: the cache is a convenience, and the results are right without it. */
  private problem(what: string, err: unknown): void {
    if (this.warned) return;
    this.warned = true;
    const code = codeOf(err);
    this.warn(`warning: the cache is not used where it fails: ${what}${code === null ? "" : ` (${code})`}; results are checked afresh.`);
  }
}

/**
 * The version, a digest of the running command's code, and Node's version: text normalisation and
 * Unicode classes in the engine's regular expressions come with the runtime. Run as the bundle, this
 * file is a chunk, and the chunks it imports (the engine among them) are named by digests of their
 * content and of what they import (scripts/build-cli.mjs): a changed chunk is a changed import in
 * this file, so this file's digest covers them.
 */
function toolIdentity(): string {
  let code = "";
  try {
    code = digest(readFileSync(fileURLToPath(import.meta.url)));
  } catch {
    code = "unknown";
  }
  return `${version()} ${code} ${process.version}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const SEVERITIES: readonly string[] = ["error", "warning", "info"];
const RULES: readonly string[] = RULE_IDS;

/** A StoryReport for `file`, checked field by field, or null. */
function asReport(value: unknown, file: string): StoryReport | null {
  if (!isRecord(value) || value.path !== file) return null;
  const { kind, title, draft, characters, labels, findings } = value;
  if (!(kind === null || typeof kind === "string") || !(title === null || typeof title === "string") || typeof draft !== "boolean") return null;
  if (!isStrings(characters) || !isStrings(labels) || !Array.isArray(findings) || !findings.every(isFinding)) return null;
  return { path: file, kind, title, draft, characters, labels, findings };
}

function isFinding(value: unknown): value is Finding {
  if (!isRecord(value)) return false;
  const { rule, severity, message, line, column, question, section, link, fix } = value;
  return (
    typeof rule === "string" &&
    RULES.includes(rule) &&
    typeof severity === "string" &&
    SEVERITIES.includes(severity) &&
    typeof message === "string" &&
    Number.isInteger(line) &&
    Number.isInteger(column) &&
    (question === undefined || typeof question === "string") &&
    (section === undefined || typeof section === "string") &&
    (link === undefined || typeof link === "string") &&
    (fix === undefined || (isRecord(fix) && typeof fix.path === "string" && Number.isInteger(fix.line) && typeof fix.text === "string"))
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}
