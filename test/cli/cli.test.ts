/**
 * The built command (the package's `bin`, lib/story-triage.js, bundled by `npm run build`) as a
 * whole process, in temporary repositories: exact output and exit status, hostile files, and what
 * it imports.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { USAGE } from "../../src/cli/args.js";
import { ALAN_PATH, COMPLETE, makeRepo, removeRepos, ROOT, sampleRepo } from "./support.js";

const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string> };
const CLI = path.join(ROOT, PACKAGE.bin["story-triage"] ?? "");

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build before these tests (npm test does).`);
});
afterAll(removeRepos);

function cli(cwd: string, ...argv: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...argv], { cwd, encoding: "utf8", timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the built command", () => {
  test("--help and --version", () => {
    expect(cli(ROOT, "--help")).toEqual({ code: 0, stdout: USAGE, stderr: "" });
    const { version } = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
    expect(cli(ROOT, "-V")).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  test("exit 1 with error findings, stylish text on stdout", () => {
    const r = cli(sampleRepo(), "check");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n")).toEqual([
      "stories/status_quo/grace_ports_a_driver.md",
      expect.stringMatching(/^ {2}7:1 {2}error {2}Question `Why did you choose \*NAME\* to tell this story\?` is missing .* {2}faq-missing$/),
      expect.stringMatching(/^ {2}9:1 {2}error {2}Question `What are the morals of the story\?` is answered only .* {2}faq-placeholder$/),
      "",
      "✖ 2 problems (2 errors, 0 warnings, 0 infos)",
      "",
    ]);
  });

  test("exit 0 when clean: only the summary line", () => {
    expect(cli(sampleRepo(), "check", ALAN_PATH)).toEqual({ code: 0, stdout: "✔ No problems in 1 story\n", stderr: "" });
  });

  test("JSON: version 1 and one entry per file", () => {
    const r = cli(sampleRepo(), "check", "--format=json", ALAN_PATH, "docs/notes.md");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      version: 1,
      files: [
        {
          path: ALAN_PATH,
          kind: "status-quo",
          title: "😱 Status quo stories: Alan learns to wait",
          draft: true,
          characters: ["Alan"],
          labels: ["status-quo", "draft", "character:Alan"],
          findings: [],
        },
        { path: "docs/notes.md", kind: null, title: null, draft: false, characters: [], labels: [], findings: [] },
      ],
    });
  });

  test("exit 2: usage, configuration and read errors, on stderr", () => {
    expect(cli(ROOT, "check", "--frmat", "json")).toEqual({
      code: 2,
      stdout: "",
      stderr: 'story-triage: unknown option "--frmat"\nRun "story-triage --help" for usage.\n',
    });
    const broken = makeRepo({ ".github/story-triage.yml": "stories: [x]\n" });
    expect(cli(broken, "check")).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "story-triage: Invalid configuration in .github/story-triage.yml (1 problem):\n" +
        "  - stories (line 1): expected a mapping from story kind name to {paths, exclude, template}, found a list\n",
    });
    expect(cli(sampleRepo(), "check", "stories/status_quo/nope.md")).toEqual({
      code: 2,
      stdout: "",
      stderr: "story-triage: stories/status_quo/nope.md: no such file or directory\n",
    });
    expect(cli(sampleRepo(), "check", "/dev/null")).toEqual({
      code: 2,
      stdout: "",
      stderr: "story-triage: /dev/null is neither a file nor a directory\n",
    });
  });

  test("a large JSON answer reaches a pipe whole", () => {
    const files = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`stories/status_quo/alan_${i}.md`, COMPLETE]));
    const r = cli(sampleRepo(files), "check", "-f", "json");
    expect(JSON.parse(r.stdout).files).toHaveLength(302);
    expect(r.code).toBe(1);
  });
});

describe("hostile story files get a finding, in bounded time and memory", () => {
  type Row = [string, string, number, number];
  const unreadable = (file: string, column: number, message: string): Row[] => [[file, `file-unreadable: ${message}`, 1, column]];
  const cases: { name: string; content: string | Uint8Array; rows: Row[] }[] = [
    {
      name: "empty.md",
      content: "",
      rows: [
        ["empty.md", "title-placeholder", 1, 1],
        ["empty.md", "section-missing", 1, 1],
        ["empty.md", "section-missing", 1, 1],
        ["empty.md", "faq-missing", 1, 1],
        ["empty.md", "faq-missing", 1, 1],
        ["empty.md", "faq-missing", 1, 1],
        ["empty.md", "faq-missing", 1, 1],
        ["empty.md", "character-unknown", 1, 1],
      ],
    },
    {
      name: "binary.md",
      content: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]),
      rows: unreadable("binary.md", 5, "File looks binary (a NUL byte at byte 4), not markdown text; it was not checked."),
    },
    {
      name: "latin1.md",
      content: Buffer.from("# Caf\xe9\n", "latin1"),
      rows: unreadable("latin1.md", 6, "File is not valid UTF-8 (first bad byte at offset 5, line 1); it was not checked."),
    },
    {
      name: "big.md",
      content: Buffer.alloc(20 * 1024 * 1024, 0x61),
      rows: unreadable("big.md", 1, "File is 20,971,520 bytes, over the limit of 1,048,576 (max-file-bytes); it was not checked."),
    },
    {
      name: "lists.md",
      content: "- ".repeat(10_000),
      rows: unreadable("lists.md", 1, "Lists or block quotes are nested 10000 levels deep at line 1 (the limit is 64); the file was not checked."),
    },
    {
      name: "indented-lists.md",
      content: Array.from({ length: 1000 }, (_, i) => `${"  ".repeat(i)}- x`).join("\n"),
      rows: [
        [
          "indented-lists.md",
          "file-unreadable: Lists or block quotes are nested too deeply across the file (500,500 levels in all, the limit is 150,000); the file was not checked.",
          1000,
          1,
        ],
      ],
    },
    {
      name: "quotes.md",
      content: `${">".repeat(10_000)} deep\n`,
      rows: unreadable("quotes.md", 1, "Lists or block quotes are nested 10000 levels deep at line 1 (the limit is 64); the file was not checked."),
    },
    {
      name: "headings.md",
      content: Array.from({ length: 10_000 }, (_, i) => `## Heading ${i}\n\ntext\n`).join("\n"),
      rows: [
        ["headings.md", "title-placeholder", 1, 1],
        ["headings.md", "character-unknown", 1, 1],
        ["headings.md", "section-missing", 39_999, 1],
        ["headings.md", "section-missing", 39_999, 1],
        ["headings.md", "faq-missing", 39_999, 1],
        ["headings.md", "faq-missing", 39_999, 1],
        ["headings.md", "faq-missing", 39_999, 1],
        ["headings.md", "faq-missing", 39_999, 1],
      ],
    },
  ];
  test.each(cases)("$name", ({ name, content, rows }) => {
    const cwd = makeRepo({ [`stories/${name}`]: content });
    const r = cli(cwd, "check", "--format", "json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const [file] = JSON.parse(r.stdout).files as { path: string; findings: { rule: string; message: string; line: number; column: number }[] }[];
    expect(file?.path).toBe(`stories/${name}`);
    expect(
      file?.findings.map((f): Row => [name, f.rule === "file-unreadable" ? `${f.rule}: ${f.message}` : f.rule, f.line, f.column]),
    ).toEqual(rows);
  });
});

describe("the CLI loads only the config and the engine", () => {
  /** Bare module names reached from a compiled module through static and dynamic imports, and the files visited. */
  function importGraph(entry: string): { packages: Set<string>; files: Set<string> } {
    const packages = new Set<string>();
    const files = new Set<string>();
    const pending = [entry];
    while (pending.length > 0) {
      const file = pending.pop() as string;
      if (files.has(file)) continue;
      files.add(file);
      const source = readFileSync(file, "utf8");
      for (const m of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)) {
        const spec = m[1] as string;
        if (spec.startsWith(".")) pending.push(path.resolve(path.dirname(file), spec));
        else packages.add(spec.startsWith("node:") ? "node:" : spec.split("/").slice(0, spec.startsWith("@") ? 2 : 1).join("/"));
      }
    }
    return { packages, files };
  }

  test("the bin is a bundle: it imports nothing but Node's own modules and its chunks beside it", () => {
    expect(CLI).toBe(path.join(ROOT, "lib", "story-triage.js"));
    const { packages, files } = importGraph(CLI);
    expect([...packages]).toEqual(["node:"]);
    const chunks = path.join(ROOT, "lib", "story-triage-chunks");
    expect([...files].filter((f) => f !== CLI && path.dirname(f) !== chunks)).toEqual([]);
    expect(readFileSync(CLI, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
  });

  interface Meta {
    inputs: Record<string, unknown>;
    outputs: Record<string, { entryPoint?: string; inputs: Record<string, unknown>; imports: { path: string; kind: string; external?: boolean }[] }>;
  }
  const meta = (): Meta => JSON.parse(readFileSync(path.join(ROOT, "lib", "story-triage.meta.json"), "utf8")) as Meta;
  const packageOf = (input: string) => {
    const parts = input.slice("node_modules/".length).split("/");
    return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
  };

  test("the bundle holds the CLI, the config parser, the engine and their packages, nothing else", () => {
    const inputs = Object.keys(meta().inputs);
    const ours = new Set(inputs.filter((i) => i.startsWith("src/")).map((i) => (i.split("/").length > 2 ? path.posix.dirname(i).split("/").slice(0, 2).join("/") : i)));
    expect([...ours].sort()).toEqual(["src/cli", "src/cli.ts", "src/config", "src/engine", "src/init"]);
    const packages = new Set(inputs.filter((i) => i.startsWith("node_modules/")).map(packageOf));
    expect(inputs.every((i) => i.startsWith("src/") || i.startsWith("node_modules/"))).toBe(true);
    const forbidden = [...packages].filter((p) => /probot|octokit|bullmq|ioredis|pino|express|jest|^@swc|esbuild/.test(p));
    expect(forbidden).toEqual([]);
    // The parser's own packages (micromark, mdast-util-*, unist-util-*...) come in through remark-parse.
    for (const p of ["yaml", "picomatch", "unified", "remark-parse", "micromark", "mdast-util-from-markdown"]) expect(packages).toContain(p);
  });

  test("what a run loads before it knows it must check: the argument parser and the cache's record, no package, no engine", () => {
    const { outputs } = meta();
    const entry = Object.keys(outputs).find((o) => outputs[o]!.entryPoint === "src/cli.ts");
    expect(entry).toBe("lib/story-triage.js");
    // Outputs reached from the bin by static imports only: what Node loads and compiles at start.
    const loaded = new Set<string>();
    const pending = [entry!];
    while (pending.length > 0) {
      const output = pending.pop()!;
      if (loaded.has(output)) continue;
      loaded.add(output);
      for (const i of outputs[output]!.imports) if (i.kind === "import-statement" && i.external !== true) pending.push(i.path);
    }
    const inputs = [...loaded].flatMap((o) => Object.keys(outputs[o]!.inputs));
    expect(inputs.filter((i) => i.startsWith("node_modules/"))).toEqual([]);
    expect(inputs.filter((i) => i.startsWith("src/")).sort()).toEqual(["src/cli.ts", "src/cli/args.ts", "src/cli/compile-cache.ts", "src/cli/replay.ts", "src/cli/threads.ts"]);
    // The engine proper is there, behind a dynamic import.
    const dynamic = Object.values(outputs).flatMap((o) => o.imports.filter((i) => i.kind === "dynamic-import" && i.external !== true).map((i) => i.path));
    const behind = dynamic.flatMap((o) => [o, ...outputs[o]!.imports.filter((i) => i.kind === "import-statement" && i.external !== true).map((i) => i.path)]);
    expect(behind.some((o) => "src/engine/markdown.ts" in outputs[o]!.inputs && !loaded.has(o))).toBe(true);
  });

  test("the compiled source tree: no probot, no app code: only yaml, picomatch and the markdown parser", () => {
    const { packages, files } = importGraph(path.join(ROOT, "lib", "cli.js"));
    expect([...packages].filter((p) => !["node:", "yaml", "picomatch", "unified", "remark-parse", "micromark-extension-gfm-table", "mdast-util-gfm-table"].includes(p))).toEqual([]);
    const dirs = new Set([...files].map((f) => path.relative(path.join(ROOT, "lib"), path.dirname(f)).split(path.sep)[0] || "."));
    expect([...dirs].sort()).toEqual([".", "cli", "config", "engine", "init"]);
  });
});
