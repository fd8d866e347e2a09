/** Triage records for the board's tests, built the way a triage builds them (recordOf). */
import { DEFAULT_BOARD } from "../../../src/config/index.js";
import type { BoardConfig } from "../../../src/config/types.js";
import type { Finding, StoryReport } from "../../../src/engine/index.js";
import { recordOf, type TriageRecord } from "../../../src/board/record.js";

export const NOW = Date.parse("2025-03-20T12:00:00Z");
const DAY = 86_400_000;

export interface RecordSpec {
  owner?: string;
  repo?: string;
  number: number;
  title?: string;
  author?: string;
  prDraft?: boolean;
  private?: boolean;
  /** Days since the last update. */
  ageDays?: number;
  labels?: string[];
  kind?: string;
  characters?: string[];
  storyDraft?: boolean;
  /** Questions the template asks, and those left open. */
  questions?: number;
  open?: string[];
  /** Error findings besides the open questions. */
  errors?: number;
  headSha?: string;
  board?: Partial<BoardConfig>;
  path?: string;
}

export function record(spec: RecordSpec): TriageRecord {
  const open = spec.open ?? [];
  const findings: Finding[] = [
    ...open.map((question): Finding => ({ rule: "faq-missing", severity: "error", message: `missing ${question}`, line: 1, column: 1, question })),
    ...Array.from({ length: spec.errors ?? 0 }, (): Finding => ({ rule: "section-missing", severity: "error", message: "missing", line: 1, column: 1 })),
  ];
  const report: StoryReport = {
    path: spec.path ?? `stories/${spec.kind ?? "status-quo"}/pr-${spec.number}.md`,
    kind: spec.kind ?? "status-quo",
    title: `Story of #${spec.number}`,
    draft: spec.storyDraft ?? false,
    characters: spec.characters ?? ["Alan"],
    labels: [],
    findings,
  };
  const updated = new Date(NOW - (spec.ageDays ?? 0) * DAY).toISOString();
  return recordOf({
    owner: spec.owner ?? "org",
    repo: spec.repo ?? "stories",
    pr: {
      number: spec.number,
      title: spec.title ?? `Pull request ${spec.number}`,
      author: spec.author ?? "writer",
      draft: spec.prDraft ?? false,
      headSha: spec.headSha ?? `sha-${spec.number}`,
      labels: spec.labels ?? [],
      privateRepo: spec.private ?? false,
      createdAt: updated,
      updatedAt: updated,
    },
    triagedAt: new Date(NOW - 60_000).toISOString(),
    stories: [{ report, questions: spec.questions ?? 4 }],
    conclusion: findings.length > 0 ? "failure" : "success",
    configProblems: 0,
    labelsAdded: [],
    labelsRemoved: [],
    board: { ...DEFAULT_BOARD, ...spec.board },
  });
}
