/** Small fixture repositories in temporary folders, for the CLI tests. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const made: string[] = [];

/** Writes `files` (repository path -> content) under a new temporary folder and returns it. */
export function makeRepo(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "story-triage-cli-"));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}

export function removeRepos(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export const TEMPLATE = `# 😱 Status quo stories: Template

*Copy this file and replace the italic text.*

## 🚧 Warning: Draft status 🚧

This is a draft story.

## The story

*Write your story here!*

## 🤔 Frequently Asked Questions

### What are the morals of the story?

*Talk about the major takeaways.*

### Why did you choose *NAME* to tell this story?

*Talk about the character you used.*
`;

/** A story that answers everything. */
export const COMPLETE = `# 😱 Status quo stories: Alan learns to wait

## 🚧 Warning: Draft status 🚧

This is a draft story.

## The story

Alan writes a server and learns that a blocking call stalls every task on the thread.

## 🤔 Frequently Asked Questions

### What are the morals of the story?

Blocking in async code is easy to do by accident.

### Why did you choose Alan to tell this story?

Alan has a background in garbage-collected languages where threads are cheap.
`;

/** A story whose FAQ lacks one question and leaves the other unanswered. */
export const INCOMPLETE = `# 😱 Status quo stories: Grace ports a driver

## The story

Grace ports a network driver to async Rust.

## 🤔 Frequently Asked Questions

### What are the morals of the story?

*Talk about the major takeaways.*
`;

export const CONFIG = `stories:
  status-quo:
    paths: ["stories/status_quo/*.md"]
characters: [Alan, Grace]
`;

export const ALAN_PATH = "stories/status_quo/alan_learns_to_wait.md";

/** The fixture repository most tests use. */
export function sampleRepo(extra: Record<string, string | Uint8Array> = {}): string {
  return makeRepo({
    ".github/story-triage.yml": CONFIG,
    "stories/status_quo/template.md": TEMPLATE,
    "stories/status_quo/alan_learns_to_wait.md": COMPLETE,
    "stories/status_quo/grace_ports_a_driver.md": INCOMPLETE,
    "docs/notes.md": "# Notes\n",
    ...extra,
  });
}
