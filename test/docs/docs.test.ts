/**
 * Keeps the docs honest: every relative link in README.md and docs/ resolves (files and #anchors);
 * docs/configuration.md documents exactly the keys the configuration parser accepts, with the
 * parser's defaults; every configuration example parses; every environment variable the app or
 * `probot run` reads is in docs/deploying.md.
 */
import { parse as parseYaml } from "yaml";
import { describe, expect, test } from "@jest/globals";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { CONFIG_KEYS, ConfigError, defaultConfig, parseConfig, parseConfigYaml } from "../../src/config/index.js";
import { SETTING_VARIABLES } from "../../src/app/queue/settings.js";
import { RULES } from "../../src/engine/index.js";
import { ROOT } from "../engine/support.js";
import { codeBlocks, githubSlug, keyColumn, parseMarkdown, readMarkdown, sections, textOf, type Markdown } from "./markdown.js";

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(full);
    return entry.name.endsWith(".md") ? [full] : [];
  });
}

const DOCS = [path.join(ROOT, "README.md"), ...markdownFiles(path.join(ROOT, "docs"))].sort();
const parsed = new Map<string, Markdown>(DOCS.map((file) => [file, readMarkdown(file)]));
const rel = (file: string): string => path.relative(ROOT, file);

describe("GitHub's heading anchors", () => {
  test.each([
    ["Load: how much the app keeps up with", "load-how-much-the-app-keeps-up-with"],
    ["Several replicas behind a load balancer, with Redis", "several-replicas-behind-a-load-balancer-with-redis"],
    ["max-file-bytes", "max-file-bytes"],
    ["What it does, and when", "what-it-does-and-when"],
    ["🤔 Frequently Asked Questions", "-frequently-asked-questions"],
    ["1. Register the GitHub App", "1-register-the-github-app"],
    ["The `story_triage` command", "the-story_triage-command"],
  ])("%s -> #%s", (text, slug) => {
    expect(githubSlug(text)).toBe(slug);
  });

  test("a repeated heading gets -1, and inline code counts as its text", () => {
    const md = parseMarkdown("x.md", "# `labels`\n\n## Limits\n\n## Limits\n");
    expect([...md.anchors]).toEqual(["labels", "limits", "limits-1"]);
  });
});

describe("links", () => {
  test("the pages exist, and the README links every page under docs/", () => {
    const pages = ["configuration.md", "app.md", "deploying.md", "operating.md", "development.md", "cli.md", "rules/README.md"];
    for (const page of pages) expect(existsSync(path.join(ROOT, "docs", page))).toBe(true);
    const readmeTargets = parsed.get(path.join(ROOT, "README.md"))!.links.map((l) => l.url.split("#")[0]);
    for (const page of pages) expect(readmeTargets).toContain(`docs/${page}`);
  });

  test.each(DOCS.map((file) => [rel(file), file]))("every relative link in %s resolves", (_name, file) => {
    const broken: string[] = [];
    for (const { url, line } of parsed.get(file)!.links) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("//")) continue; // absolute: not checked
      const hash = url.indexOf("#");
      const target = decodeURIComponent(hash === -1 ? url : url.slice(0, hash));
      const anchor = hash === -1 ? null : decodeURIComponent(url.slice(hash + 1));
      const resolved = target === "" ? file : path.resolve(path.dirname(file), target);
      const where = `line ${line}: ${url}`;
      if (!resolved.startsWith(ROOT + path.sep) && resolved !== ROOT) broken.push(`${where} (outside the repository)`);
      else if (!existsSync(resolved)) broken.push(`${where} (no such file)`);
      else if (anchor !== null) {
        if (statSync(resolved).isDirectory() || !resolved.endsWith(".md")) broken.push(`${where} (an anchor on a non-markdown target)`);
        else if (!(parsed.get(resolved) ?? readMarkdown(resolved)).anchors.has(anchor)) broken.push(`${where} (no heading with that anchor)`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe("docs/configuration.md", () => {
  const md = parsed.get(path.join(ROOT, "docs/configuration.md"))!;
  const bySection = sections(md.tree);
  /** `## \`key\`` headings: one per top-level key. */
  const keySections = md.tree.children.flatMap((node) =>
    node.type === "heading" && node.depth === 2 && node.children.length === 1 && node.children[0]!.type === "inlineCode"
      ? [node.children[0]!.value]
      : [],
  );

  /** CONFIG_KEYS maps where keys sit ("" for the top level, "stories.<kind>", "labels", ...) to the keys. */
  const nested = Object.entries(CONFIG_KEYS).filter(([where]) => where !== "");

  test("the parser's key list is the parser's: each listed key is accepted where it sits, and others are not", () => {
    const at = (where: string, key: string): unknown => {
      if (where === "") return { [key]: null };
      // "stories.<kind>", "tables.<table>.<row or column>": a name stands for each <placeholder>.
      const [top, ...names] = where.split(".");
      let value: unknown = { [key]: null };
      for (const name of names.reverse()) value = { [name.startsWith("<") ? "k" : name]: value };
      return { [top!]: value };
    };
    const unknownKey = (raw: unknown): boolean => {
      try {
        parseConfig(raw);
        return false;
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        return err.problems.some((p) => p.includes("unknown key"));
      }
    };
    for (const [where, keys] of Object.entries(CONFIG_KEYS)) {
      for (const key of keys) expect([where, key, unknownKey(at(where, key))]).toEqual([where, key, false]);
      expect([where, unknownKey(at(where, "no-such-key"))]).toEqual([where, true]);
    }
  });

  test("a section per top-level key, and no section for a key the parser does not accept", () => {
    expect(keySections.sort()).toEqual([...CONFIG_KEYS[""]].sort());
  });

  test.each(CONFIG_KEYS[""].map((key) => [key]))("`%s`: its nested keys are exactly the parser's", (key) => {
    const nodes = bySection.get(key)!;
    const column = key === "rules" ? "rule" : "key";
    const documented = keyColumn(nodes, md.text, column).flatMap((t) => t.keys);
    const accepted = nested.filter(([where]) => where.split(".")[0] === key).flatMap(([, keys]) => [...keys]);
    expect(documented.sort()).toEqual(accepted.sort());
  });

  test("the defaults in the tables are the parser's and the rules'", () => {
    const defaults = defaultConfig();
    const column = (key: string, name: string): Record<string, string> => {
      const [table] = keyColumn(bySection.get(key)!, md.text, key === "rules" ? "rule" : "key");
      const index = table!.header.indexOf(name);
      return Object.fromEntries(table!.rows.map((row) => [row[0], row[index]]));
    };
    expect(column("labels", "default")).toEqual(defaults.labels);
    expect(column("review", "default")).toEqual({ event: defaults.review.event, "max-comments": String(defaults.review.maxComments) });
    expect(column("rules", "default")).toEqual(Object.fromEntries(RULES.map((r) => [r.id, r.defaultSeverity])));
    const text = (key: string): string => bySection.get(key)!.map(textOf).join("\n");
    expect(text("max-file-bytes")).toContain(`Default: ${defaults.maxFileBytes} (1 MiB).`);
    expect(text("characters")).toContain(`Default: [${defaults.characters.join(", ")}].`);
    const kind = defaults.kinds[0]!;
    expect(text("stories")).toContain(`Default: one kind, ${kind.name}, with paths: ${JSON.stringify(kind.paths)}.`);
  });

  test.each(["README.md", "docs/configuration.md"])("every YAML example in %s is a valid configuration (a workflow file aside)", (name) => {
    const blocks = codeBlocks(parsed.get(path.join(ROOT, name))!.tree, "yaml").filter((block) => block.meta !== "workflow");
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) expect(() => parseConfigYaml(block.value, `${name}, line ${block.line}`)).not.toThrow();
  });
});

describe("the README's workflow file", () => {
  const blocks = codeBlocks(parsed.get(path.join(ROOT, "README.md"))!.tree, "yaml").filter((block) => block.meta === "workflow");

  test("asks for the least permissions, triggers as docs/action.md says, and checks out nothing", () => {
    expect(blocks).toHaveLength(1);
    const workflow = parseYaml(blocks[0]!.value) as {
      on: Record<string, { types?: string[] } | null>;
      permissions: Record<string, string>;
      concurrency: { group: string };
      jobs: Record<string, { steps: Array<{ uses?: string }> }>;
    };
    expect(workflow.permissions).toEqual({ contents: "read", "pull-requests": "write", issues: "write", checks: "write" });
    expect(Object.keys(workflow.on)).toEqual(["pull_request_target", "issue_comment", "schedule", "workflow_dispatch", "issues"]);
    expect(workflow.on["pull_request_target"]?.types).toEqual(["opened", "synchronize", "reopened", "edited", "ready_for_review"]);
    expect(workflow.concurrency.group).toContain("github.event.pull_request.number");
    // The job is not named like the check run the action writes.
    expect(Object.keys(workflow.jobs)).not.toContain("story-triage");
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    expect(steps.map((step) => step.uses ?? "")).toEqual(["story-triage/story-triage@v1"]);
  });
});

describe("docs/deploying.md", () => {
  const deploying = readFileSync(path.join(ROOT, "docs/deploying.md"), "utf8");
  const documented = (name: string): boolean => deploying.includes(`\`${name}\``);

  /** `process.env.NAME` and `process.env["NAME"]` anywhere in the app's sources. */
  function readInSources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return readInSources(full);
      if (!entry.name.endsWith(".ts")) return [];
      const text = readFileSync(full, "utf8");
      return [...text.matchAll(/process\.env(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*["'`]([^"'`]+)["'`]\s*\])/g)].map((m) => m[1] ?? m[2]!);
    });
  }

  /**
   * What `probot run` reads: its environment options, the private key, production mode, and the
   * registration (setup) flow. `probot receive` is not how the app runs, so its variables are not.
   */
  function readByProbot(): string[] {
    const files = [
      "probot/lib/bin/read-env-options.js",
      "probot/lib/bin/read-cli-options.js",
      "probot/lib/helpers/is-production.js",
      "probot/lib/apps/setup.js",
      "probot/lib/manifest-creation.js",
      "@probot/get-private-key/dist-src/index.js",
    ];
    return files.flatMap((file) => {
      const text = readFileSync(path.join(ROOT, "node_modules", file), "utf8");
      return [...text.matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!);
    });
  }

  test("the app's own settings are all there", () => {
    expect(SETTING_VARIABLES.filter((name) => !documented(name))).toEqual([]);
  });

  test("every variable the sources read directly is there", () => {
    expect(readInSources(path.join(ROOT, "src")).filter((name) => !documented(name))).toEqual([]);
  });

  test("every variable `probot run` reads is there", () => {
    const names = [...new Set(readByProbot())];
    expect(names).toEqual(expect.arrayContaining(["APP_ID", "PRIVATE_KEY", "WEBHOOK_SECRET", "GHE_HOST", "LOG_LEVEL"]));
    expect(names.filter((name) => !documented(name))).toEqual([]);
  });
});
