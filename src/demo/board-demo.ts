/**
 * A board to look at: the app hosted in process against the stand-in, its store filled with
 * records of several kinds, characters and states (as triages write them), one of them titled
 * with markup. The browser tests look at it; `npm run screenshot:board` photographs it for the
 * README (board-screenshot.ts).
 */
import { DEFAULT_BOARD } from "../config/index.js";
import { recordOf, type TriageRecord } from "../board/record.js";
import type { Finding } from "../engine/index.js";
import { createStoryTriage, readSettings, type StoryTriage } from "../index.js";
import { hostApp } from "../standin/host.js";
import { Standin } from "../standin/server.js";

const DAY = 86_400_000;

export interface SeededBoard {
  url: string;
  triage: StoryTriage;
  close(): Promise<void>;
}

interface Spec {
  repo: string;
  number: number;
  title: string;
  author: string;
  kind: "status-quo" | "shiny-future";
  story: string;
  characters: string[];
  open: string[];
  ageDays: number;
  prDraft?: boolean;
  storyDraft?: boolean;
}

const QUESTIONS = ["What are the morals of the story?", "What are the sources for this story?", "Why did you choose *NAME* to tell this story?", "How would this story have played out differently for the other characters?"];

export const SPECS: Spec[] = [
  { repo: "wg-async", number: 311, title: "Status quo: Alan hates writing a stream", author: "nikomatsakis", kind: "status-quo", story: "😱 Status quo stories: Alan hates writing a Stream", characters: ["Alan"], open: [QUESTIONS[2] ?? ""], ageDays: 16 },
  { repo: "wg-async", number: 318, title: "Shiny future: Barbara makes a wish", author: "tmandry", kind: "shiny-future", story: "✨ Shiny future stories: Barbara makes a wish", characters: ["Barbara"], open: [], ageDays: 1 },
  { repo: "wg-async", number: 322, title: "Status quo: Grace debugs a deadlock", author: "eholk", kind: "status-quo", story: "😱 Status quo stories: Grace debugs a deadlock", characters: ["Grace", "Niklaus"], open: [], ageDays: 9, storyDraft: true },
  { repo: "wg-async", number: 330, title: "Status quo: Niklaus wants to share state", author: "yoshuawuyts", kind: "status-quo", story: "😱 Status quo stories: Niklaus wants to share state", characters: ["Niklaus"], open: [QUESTIONS[0] ?? "", QUESTIONS[1] ?? ""], ageDays: 3, prDraft: true },
  { repo: "vision-doc", number: 14, title: "<img src=x onerror=alert(1)>", author: "mallory", kind: "shiny-future", story: "✨ Shiny future stories: Alan's <b>bold</b> plan", characters: ["Alan"], open: [], ageDays: 0 },
];

export function seededRecord(spec: Spec, now: number): TriageRecord {
  const findings: Finding[] = spec.open.map((question) => ({ rule: "faq-missing", severity: "error", message: "missing", line: 20, column: 1, question }));
  const updated = new Date(now - spec.ageDays * DAY - 3_600_000).toISOString();
  const labels = [spec.kind, ...spec.characters.map((c) => `character:${c}`), ...(spec.storyDraft ? ["draft"] : []), ...(spec.open.length > 0 ? ["needs-faq"] : [])];
  return recordOf({
    owner: "rust-lang",
    repo: spec.repo,
    pr: { number: spec.number, title: spec.title, author: spec.author, draft: spec.prDraft ?? false, headSha: `${spec.number}`.padEnd(40, "a"), labels, privateRepo: false, createdAt: updated, updatedAt: updated },
    triagedAt: new Date(now - 120_000).toISOString(),
    stories: [{ report: { path: `src/vision/${spec.kind.replace("-", "_")}/${spec.title.toLowerCase().replace(/[^a-z]+/g, "_")}.md`, kind: spec.kind, title: spec.story, draft: spec.storyDraft ?? false, characters: spec.characters, labels, findings }, questions: 4 }],
    conclusion: spec.open.length > 0 ? "failure" : "success",
    configProblems: 0,
    labelsAdded: [],
    labelsRemoved: [],
    board: DEFAULT_BOARD,
  });
}

export async function startSeededBoard(): Promise<SeededBoard> {
  const standin = await Standin.start();
  const triage = createStoryTriage(readSettings({ STORY_TRIAGE_SWEEP_SECONDS: "0" }));
  const app = await hostApp(triage.app, standin, { logLevel: "fatal" });
  const store = triage.board?.store;
  if (!store) throw new Error("the board is off");
  const now = Date.now();
  for (const spec of SPECS) await store.put(seededRecord(spec, now));
  return {
    url: `${new URL(app.webhookUrl).origin}/board`,
    triage,
    close: async () => {
      await triage.close(1000);
      await app.close();
      await standin.close();
    },
  };
}
