/** The command line read into data: every accepted form and every refusal, exactly. */
import { describe, expect, test } from "@jest/globals";
import { parseArgs, type Command } from "../../src/cli/args.js";

const check = (over: Partial<Extract<Command, { kind: "check" }>> = {}): Command => ({
  kind: "check",
  config: null,
  format: "text",
  patterns: [],
  base: null,
  cache: null,
  threads: null,
  ...over,
});

describe("parseArgs", () => {
  const cases: [string[], Command][] = [
    [["check"], check()],
    [["check", "a.md", "stories/**/*.md"], check({ patterns: ["a.md", "stories/**/*.md"] })],
    [["check", "--config", "cfg.yml"], check({ config: "cfg.yml" })],
    [["check", "--config=cfg.yml"], check({ config: "cfg.yml" })],
    [["check", "-c", "cfg.yml"], check({ config: "cfg.yml" })],
    [["check", "--format", "json"], check({ format: "json" })],
    [["check", "--format=text"], check({ format: "text" })],
    [["check", "-f", "json", "x.md"], check({ format: "json", patterns: ["x.md"] })],
    [["--format", "json", "check", "x.md"], check({ format: "json", patterns: ["x.md"] })],
    [["check", "x.md", "-f", "json"], check({ format: "json", patterns: ["x.md"] })],
    [["check", "--", "--odd-name.md", "-f"], check({ patterns: ["--odd-name.md", "-f"] })],
    [["check", "-"], check({ patterns: ["-"] })],
    [["check", "--base", "origin/master"], check({ base: "origin/master" })],
    [["check", "--base=v1.0", "x.md"], check({ base: "v1.0", patterns: ["x.md"] })],
    [["check", "-b", "HEAD~1", "-f", "json"], check({ base: "HEAD~1", format: "json" })],
    [["check", "--cache"], check({ cache: { location: "node_modules/.cache/story-triage" } })],
    [["check", "--cache", "--cache-location", ".cache/st"], check({ cache: { location: ".cache/st" } })],
    [["check", "--cache-location=/tmp/st", "x.md", "--cache"], check({ cache: { location: "/tmp/st" }, patterns: ["x.md"] })],
    [["check", "--cache-location", "dir"], { kind: "usage-error", message: "--cache-location needs --cache" }],
    [["check", "--cache", "--cache-location"], { kind: "usage-error", message: "--cache-location needs a value: the folder to keep results in" }],
    [["check", "--cache=yes"], { kind: "usage-error", message: "--cache takes no value; give the folder with --cache-location" }],
    [["check", "--threads", "1"], check({ threads: 1 })],
    [["check", "--threads=256", "x.md"], check({ threads: 256, patterns: ["x.md"] })],
    [["check", "--threads", "0"], { kind: "usage-error", message: '--threads needs a whole number of threads from 1 to 256, not "0"' }],
    [["check", "--threads=2.5"], { kind: "usage-error", message: '--threads needs a whole number of threads from 1 to 256, not "2.5"' }],
    [["check", "--threads", "257"], { kind: "usage-error", message: '--threads needs a whole number of threads from 1 to 256, not "257"' }],
    [["check", "--threads"], { kind: "usage-error", message: "--threads needs a whole number of threads from 1 to 256" }],
    [["--help"], { kind: "help" }],
    [["-h"], { kind: "help" }],
    [["check", "--help"], { kind: "help" }],
    [["lint", "--help"], { kind: "help" }],
    [["--version"], { kind: "version" }],
    [["-V"], { kind: "version" }],
    [["--help", "--version"], { kind: "help" }],
    [[], { kind: "usage-error", message: "missing the command: check or init" }],
    [["lint"], { kind: "usage-error", message: 'unknown command "lint"; expected check or init' }],
    [["init"], { kind: "init", force: false }],
    [["init", "--force"], { kind: "init", force: true }],
    [["init", "docs"], { kind: "usage-error", message: "init takes no paths and no option but --force" }],
    [["init", "-c", "x.yml"], { kind: "usage-error", message: "init takes no paths and no option but --force" }],
    [["check", "--force"], { kind: "usage-error", message: "--force is for init" }],
    [["check", "--fix"], { kind: "usage-error", message: 'unknown option "--fix"' }],
    [["check", "-x"], { kind: "usage-error", message: 'unknown option "-x"' }],
    [["check", "--config"], { kind: "usage-error", message: "--config needs a value: the configuration file" }],
    [["check", "--config="], { kind: "usage-error", message: "--config needs a value: the configuration file" }],
    [["check", "-f"], { kind: "usage-error", message: "-f needs a value: text or json" }],
    [["check", "--base"], { kind: "usage-error", message: "--base needs a value: a git commit, branch or tag" }],
    [["check", "--base="], { kind: "usage-error", message: "--base needs a value: a git commit, branch or tag" }],
    [["check", "--format", "sarif"], { kind: "usage-error", message: '--format must be text or json, not "sarif"' }],
    [["check", "--format=JSON"], { kind: "usage-error", message: '--format must be text or json, not "JSON"' }],
  ];
  test.each(cases)("%j", (argv, expected) => {
    expect(parseArgs(argv)).toEqual(expected);
  });
});
