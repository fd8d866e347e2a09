/**
 * Replays every real pull request of the shared corpus through the app (in this process, over
 * HTTP, against the stand-in) and compares what it did with the hand-made annotations:
 *  - the labels equal those the annotations imply (kind, draft, character:<Name>, needs-faq);
 *  - every flagged FAQ question of an added story is named on the pull request (a review
 *    comment, the review body or the summary comment);
 *  - the check run's toc-missing and link-broken annotations are the hand-checked findings of
 *    test/corpus/repository-rules.table.ts (the stand-in holds the folder's book/head/ files and,
 *    empty, every path of its head-tree.txt);
 *  - the edit pull requests whose stories only carry problems they already had on the base
 *    conclude success or neutral and get no review, with those problems listed apart;
 *  - a pull request that breaks code fences (closing fences given `ignore`, built from a real
 *    edit pull request's stories) still fails and names every story it broke.
 * Prints the agreement. Skips, saying so, when the corpus is absent.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createStoryTriage, readSettings, type StoryTriage } from "../../src/index.js";
import { hostApp, type HostedApp } from "../../src/standin/host.js";
import { seedFromFolder } from "../../src/standin/seed.js";
import { Standin, type PullSnapshot, type RecordedRequest } from "../../src/standin/server.js";
import { pullRequestWebhook } from "../support/payloads.js";
import { specProblems } from "../support/spec.js";
import { CORPUS, WG_ASYNC_CONFIG } from "../support/corpus.js";
import { FINDINGS } from "../corpus/repository-rules.table.js";

/**
 * Edit pull requests (no story added) whose stories, judged at base and head, show no problem the
 * pull request introduces: typo fixes, links, formatting, FAQ entries added, code fences marked.
 */
const OLD_PROBLEMS_ONLY = [64, 103, 108, 110, 136, 159, 186, 206, 219, 224, 226];
/**
 * Of those, the ones whose stories had problems on the base, listed apart as already there (in
 * 159, 186, 206, 219 and 224 only broken links, most of them copied from the template).
 */
const WITH_OLD_PROBLEMS = [64, 108, 110, 136, 159, 186, 206, 219, 224, 226];

const KIND_LABELS: Record<string, string> = { status_quo: "status-quo", shiny_future: "shiny-future" };

/** Questions the templates mark optional: leaving them out does not make a story need its FAQ. */
const OPTIONAL = new Set(["figure_out", "alternative_to_other_shiny_future", "incremental_steps", "cooperation_between_projects"]);

/** How each annotated question is recognised in the app's words (case-insensitive). */
const QUESTION_TEXT: Record<string, RegExp> = {
  morals: /morals of the story/i,
  sources: /sources for this story/i,
  why_character: /to tell this story/i,
  other_characters: /played out differently/i,
  retelling: /retelling/i,
  key_attributes: /key attributes/i,
  most_shiny: /most shiny/i,
  pitfalls: /pitfalls/i,
  surprise: /surprise/i,
  variations: /variations/i,
  figure_out: /figure out/i,
  alan_excited: /Alan\]? most excited/i,
  grace_excited: /Grace\]? most excited/i,
  niklaus_excited: /Niklaus\]? most excited/i,
  barbara_excited: /Barbara\]? most excited/i,
  alternative_to_other_shiny_future: /alternative to another shiny future/i,
  projects_benefit_most: /benefit the most/i,
  projects_hindered: /hindered/i,
  incremental_steps: /incremental steps/i,
  cooperation_between_projects: /cooperation between/i,
};

interface Annotation {
  pr: number;
  file: string;
  kind: string;
  draft: boolean;
  characters: string[];
  faq: Record<string, string>;
}

function isAnnotation(value: unknown): value is Annotation {
  return typeof value === "object" && value !== null && "pr" in value && "file" in value && "kind" in value && "faq" in value;
}

function readAnnotations(): Annotation[] {
  return readFileSync(join(CORPUS, "annotations.jsonl"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, index) => {
      const row: unknown = JSON.parse(line);
      if (!isAnnotation(row)) throw new Error(`annotations.jsonl line ${index + 1} lacks pr, file, kind or faq`);
      return row;
    });
}

function flagged(row: Annotation): string[] {
  return Object.entries(row.faq)
    .filter(([key, verdict]) => verdict !== "answered" && !OPTIONAL.has(key))
    .map(([key]) => key);
}

/** The labels the annotations of one pull request imply. */
export function expectedLabels(rows: Annotation[]): string[] {
  const labels = new Set<string>();
  for (const row of rows) {
    const kind = KIND_LABELS[row.kind];
    if (kind === undefined) continue;
    labels.add(kind);
    if (row.draft) labels.add("draft");
    for (const character of row.characters) labels.add(`character:${character}`);
    if (flagged(row).length > 0) labels.add("needs-faq");
  }
  return [...labels].sort();
}

interface Replay {
  pr: number;
  status: number;
  snapshot: PullSnapshot;
  requests: RecordedRequest[];
  expected: string[];
  /** Flagged questions of added stories: `file#key`, and whether the app named them. */
  questions: Array<{ id: string; named: boolean }>;
}

const present = existsSync(join(CORPUS, "annotations.jsonl"));
const folders = present
  ? readdirSync(CORPUS)
      .filter((name) => /^pr-\d+$/.test(name))
      .sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)))
  : [];
const replays = new Map<number, Replay>();

if (!present) {
  // Said once, plainly, so a green run without the corpus is not mistaken for a check.
  console.log(`corpus replay skipped: no corpus at ${CORPUS}`);
}

(present ? describe : describe.skip)("corpus replay", () => {
  let standin: Standin;
  let app: HostedApp;
  let triage: StoryTriage;

  beforeAll(async () => {
    const annotations = readAnnotations();
    standin = await Standin.start();
    triage = createStoryTriage(readSettings({ STORY_TRIAGE_SWEEP_SECONDS: "0" }));
    app = await hostApp(triage.app, standin, { logLevel: "fatal" });
    for (const folder of folders) {
      const pr = Number(folder.slice(3));
      const { repo, pull } = await seedFromFolder(standin, join(CORPUS, folder), {
        owner: "wg-async",
        repo: folder,
        extraBaseFiles: { ".github/story-triage.yml": WG_ASYNC_CONFIG },
      });
      standin.clearRequests();
      const delivery = await app.deliver("pull_request", pullRequestWebhook(standin, repo, pull.number, "opened"));
      // The app answers at once and triages from its queue: wait for the queue, then for the echoes.
      await triage.idle();
      await standin.whenQuiet(50, 30000);
      const snapshot = standin.snapshot(repo, pull.number);
      const rows = annotations.filter((row) => row.pr === pr);
      const added = new Set(pull.files.filter((f) => f.status === "added").map((f) => f.filename));
      const said = [
        ...snapshot.reviews.flatMap((r) => [r.body, ...r.comments.map((c) => c.body)]),
        ...snapshot.issueComments.filter((c) => c.user === standin.botLogin).map((c) => c.body),
      ].join("\n");
      const questions = rows
        .filter((row) => added.has(row.file))
        .flatMap((row) => flagged(row).map((key) => ({ id: `${row.file}#${key}`, named: QUESTION_TEXT[key]?.test(said) ?? false })));
      replays.set(pr, { pr, status: delivery.status, snapshot, requests: [...standin.requests], expected: expectedLabels(rows), questions });
    }
    const agree = [...replays.values()].filter((r) => JSON.stringify([...r.snapshot.labels].sort()) === JSON.stringify(r.expected));
    const questions = [...replays.values()].flatMap((r) => r.questions);
    const lines = [
      `corpus replay: ${replays.size} pull requests from ${CORPUS}`,
      `  labels equal to the annotations: ${agree.length}/${replays.size} (${((100 * agree.length) / Math.max(1, replays.size)).toFixed(1)}%)`,
      `  flagged FAQ questions of added stories named on the pull request: ${questions.filter((q) => q.named).length}/${questions.length}`,
    ];
    for (const r of replays.values()) {
      const got = [...r.snapshot.labels].sort();
      const missing = r.expected.filter((l) => !got.includes(l));
      const extra = got.filter((l) => !r.expected.includes(l));
      if (missing.length > 0 || extra.length > 0) lines.push(`  pr-${r.pr}: missing [${missing.join(", ")}] extra [${extra.join(", ")}]`);
      for (const q of r.questions.filter((x) => !x.named)) lines.push(`  pr-${r.pr}: not named on the pull request: ${q.id}`);
    }
    console.log(lines.join("\n"));
  }, 300000);

  afterAll(async () => {
    await app?.close();
    await standin?.close();
  });

  // Without the corpus there are no folders, and describe.each refuses an empty table even when skipped.
  const table = folders.length > 0 ? folders.map((folder) => [folder, Number(folder.slice(3))] as const) : [["(no corpus)", 0] as const];
  describe.each(table)("%s", (_folder, pr) => {
    test("the app answered the webhook and every write it made was accepted", () => {
      const replay = replays.get(pr);
      expect(replay?.status).toBe(200);
      const refused = replay?.requests.filter((r) => r.status >= 400 && !(r.method === "GET" && r.status === 404)) ?? [];
      expect(refused.map((r) => `${r.method} ${r.path} -> ${r.status}`)).toEqual([]);
      expect(replay?.requests.filter((r) => r.unmatched).map((r) => `${r.method} ${r.path}`)).toEqual([]);
      expect(specProblems(replay?.requests ?? [])).toEqual([]);
    });

    test("labels equal those the annotations imply", () => {
      const replay = replays.get(pr);
      expect([...(replay?.snapshot.labels ?? [])].sort()).toEqual(replay?.expected);
    });

    test("every flagged FAQ question of an added story is named on the pull request", () => {
      const replay = replays.get(pr);
      expect(replay?.questions.filter((q) => !q.named).map((q) => q.id)).toEqual([]);
    });

    test("its toc-missing and link-broken annotations are the hand-checked findings", () => {
      const replay = replays.get(pr);
      const annotations = replay?.snapshot.checkRuns.at(-1)?.annotations ?? [];
      // An existing finding's annotation is titled "<rule> (already on <base>)".
      const rule = (a: { title?: string }) => (a.title ?? "").replace(/ \(already on .*\)$/, "");
      const got = annotations
        .filter((a) => rule(a) === "toc-missing" || rule(a) === "link-broken")
        .map((a) => `${a.path} ${a.startLine} ${rule(a)} ${a.message}`);
      const expected = Object.entries(FINDINGS)
        .filter(([story]) => story.startsWith(`pr-${pr} `))
        .flatMap(([story, findings]) => findings.map((f) => `${story.slice(story.indexOf(" ") + 1)} ${f.replace(/^(\d+):\d+ /, "$1 ")}`));
      expect(got.sort()).toEqual(expected.sort());
    });
  });

  const edits: Array<readonly [string, number]> = folders.length > 0 ? OLD_PROBLEMS_ONLY.map((pr) => [`pr-${pr}`, pr] as const) : [["(no corpus)", 0]];
  describe.each(edits)("%s, an edit with old problems only", (_folder, pr) => {
    test("concludes success or neutral and posts no review; old problems are listed apart, collapsed", () => {
      const replay = replays.get(pr);
      const [run] = replay?.snapshot.checkRuns ?? [];
      expect(["success", "neutral"]).toContain(run?.conclusion);
      expect(replay?.snapshot.reviews).toEqual([]);
      const summary = replay?.snapshot.issueComments.find((c) => c.user === standin.botLogin)?.body ?? "";
      expect(/<summary>Already on main: \d+<\/summary>/.test(summary)).toBe(WITH_OLD_PROBLEMS.includes(pr));
    });
  });

  describe("a pull request that breaks code fences", () => {
    const BROKEN = ["src/vision/status_quo/barbara_plays_with_async.md", "src/vision/status_quo/barbara_trims_a_stacktrace.md"];
    let snapshot: PullSnapshot;
    let dir = "";

    beforeAll(async () => {
      // pr-110's stories at its head are the base; the new head gives two of them closing fences that read ```ignore.
      dir = mkdtempSync(join(tmpdir(), "story-triage-fences-"));
      cpSync(join(CORPUS, "pr-110", "head"), join(dir, "base"), { recursive: true });
      cpSync(join(CORPUS, "pr-110", "base", "src/vision/status_quo/template.md"), join(dir, "base", "src/vision/status_quo/template.md"));
      for (const path of BROKEN) {
        const text = readFileSync(join(CORPUS, "pr-110", "head", path), "utf8");
        let open = false;
        const lines = text.split("\n").map((line) => {
          if (!/^```/.test(line)) return line;
          open = !open;
          return open ? line : "```ignore";
        });
        cpSync(join(dir, "base", path), join(dir, "head", path), { recursive: true });
        writeFileSync(join(dir, "head", path), lines.join("\n"));
      }
      writeFileSync(join(dir, "pr.json"), JSON.stringify({ number: 9110, title: "Mark closing fences ignore" }));
      const { repo, pull } = await seedFromFolder(standin, dir, { owner: "wg-async", repo: "fences", extraBaseFiles: { ".github/story-triage.yml": WG_ASYNC_CONFIG } });
      await app.deliver("pull_request", pullRequestWebhook(standin, repo, pull.number, "opened"));
      await triage.idle();
      await standin.whenQuiet(50, 30000);
      snapshot = standin.snapshot(repo, pull.number);
    }, 60000);

    afterAll(() => {
      if (dir !== "") rmSync(dir, { recursive: true, force: true });
    });

    test("fails, and its review names every story it broke with the unclosed fence", () => {
      expect(snapshot.checkRuns.map((r) => r.conclusion)).toEqual(["failure"]);
      const said = snapshot.reviews.flatMap((r) => [r.body, ...r.comments.map((c) => `${c.path} ${c.body}`)]).join("\n");
      for (const path of BROKEN) expect(said).toMatch(new RegExp(`${path.replaceAll(".", "\\.")}[^\n]*unclosed-code-fence`));
      const annotated = snapshot.checkRuns[0]?.annotations.filter((a) => a.title === "unclosed-code-fence" && a.level === "failure").map((a) => a.path);
      expect([...new Set(annotated)].sort()).toEqual(BROKEN);
    });
  });
});
