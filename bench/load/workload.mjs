/**
 * The load benchmark's workload: which repositories and pull requests the stand-in holds, what
 * each pull request's final state must be, and the webhooks sent for them. Plain data, built
 * from a seed so that every run sends the same deliveries in the same order.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..", "..");
const fixture = (...parts) => readFileSync(path.join(...parts), "utf8");

export const STORY_DIR = "stories/status_quo";
export const TEMPLATE = fixture(ROOT, "fixtures/demo/base/stories/status_quo/template.md");
export const CONFIG = fixture(HERE, "fixtures/story-triage.yml");

/**
 * The stories a pull request can add, each with what the app must make of it under
 * fixtures/story-triage.yml: its labels, how many review comments it gets, and whether it fails
 * the check run.
 */
export const STORIES = {
  grace: {
    text: fixture(ROOT, "fixtures/demo/head/stories/status_quo/grace_chases_a_stuck_future.md"),
    labels: ["status-quo", "draft", "character:Grace", "needs-faq"],
    reviewComments: 2, // faq-missing on the FAQ heading, faq-unanswered on its question
    fails: true,
  },
  alan: {
    text: fixture(HERE, "fixtures/alan_complete.md"),
    labels: ["status-quo", "character:Alan"],
    reviewComments: 0,
    fails: false,
  },
  niklaus: {
    text: fixture(HERE, "fixtures/niklaus_placeholder.md"),
    labels: ["status-quo", "character:Niklaus", "needs-faq"],
    reviewComments: 1, // faq-placeholder on its question
    fails: true,
  },
  barbara: {
    text: fixture(HERE, "fixtures/barbara_draft.md"),
    labels: ["status-quo", "draft", "character:Barbara"],
    reviewComments: 0,
    fails: false,
  },
};

/** What pull requests add, in turn: one story each, or three at once. */
const MIXES = [["grace"], ["alan"], ["niklaus"], ["barbara"], ["grace", "alan", "niklaus"]];

/** Labels every benchmark repository already has (with a color and a description), as after earlier use. */
export const REPO_LABELS = ["status-quo", "draft", "needs-faq", "character:Alan", "character:Grace", "character:Niklaus", "character:Barbara"];

/** mulberry32: a small seeded generator, so that the shuffle is the same on every run. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(items, rand) {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * The pull requests: `prs` spread round-robin over `installations` (so each gets the same mix),
 * and within an installation over its `reposPerInstallation` repositories. Each knows its
 * expected final state and the writes one triage of it needs: open the check run, add the
 * labels, post the review (when there are review comments), post the summary, complete the check
 * run. The repositories already have the labels, so none is created or recolored. Two of those
 * writes notify people (one when there is no review).
 */
export function pullRequests({ prs, installations, reposPerInstallation }) {
  return Array.from({ length: prs }, (_, k) => {
    const inst = k % installations;
    const nth = Math.floor(k / installations);
    const mix = MIXES[nth % MIXES.length];
    const stories = mix.map((name) => ({ name, path: `${STORY_DIR}/${name}_${k + 1}.md`, ...STORIES[name] }));
    const labels = [...new Set(stories.flatMap((s) => s.labels))].sort();
    const reviewComments = stories.reduce((n, s) => n + s.reviewComments, 0);
    return {
      key: k,
      installationId: 101 + inst,
      owner: `load-org-${inst + 1}`,
      repo: `stories-${String.fromCharCode(97 + (nth % reposPerInstallation))}`,
      number: 100 + k + 1,
      author: ["ferris-writes", "grace-h", "alan-t", "niklaus-w"][k % 4],
      title: `Status quo stories: ${mix.join(", ")} (${k + 1})`,
      stories,
      expected: {
        labels,
        reviewComments,
        conclusion: stories.some((s) => s.fails) ? "failure" : "success",
      },
      writesNeeded: 4 + (reviewComments > 0 ? 1 : 0),
      // Of those, the ones that notify people (the review, the summary comment): Octokit spaces them 3 s apart.
      notificationsNeeded: 1 + (reviewComments > 0 ? 1 : 0),
    };
  });
}

/** The kinds of delivery sent besides each pull request's `opened`. */
export const EXTRA_KINDS = ["redelivery", "synchronize", "reopened", "edited-title", "edited-base"];

/**
 * The deliveries: one `opened` per pull request, then `webhooks - prs` more spread evenly over the
 * pull requests (a redelivery of `opened` with the same delivery id, a `synchronize`, a
 * `reopened`, an edit of the title or of the base), all shuffled. Every delivery names the pull
 * request's current head, so the final state does not depend on their order.
 */
export function deliveries(pulls, webhooks, seed) {
  const rand = random(seed);
  const list = pulls.map((pull) => ({ pull, kind: "opened", id: `load-${pull.key + 1}-opened` }));
  for (let j = 0; j < webhooks - pulls.length; j += 1) {
    const pull = pulls[j % pulls.length];
    const kind = EXTRA_KINDS[Math.floor(rand() * EXTRA_KINDS.length)];
    list.push({ pull, kind, id: kind === "redelivery" ? `load-${pull.key + 1}-opened` : `load-${pull.key + 1}-${kind}-${j}` });
  }
  return shuffle(list, rand);
}
