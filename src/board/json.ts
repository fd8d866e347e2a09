/**
 * The board as JSON, for other dashboards: the same view as the page, in the schema documented
 * in docs/board-json.md. A change that removes or renames a field raises SCHEMA_VERSION.
 */
import { pullUrl } from "./page.js";
import { type BoardView, queryString, type Row } from "./view.js";

export const SCHEMA = "story-triage/board";
export const SCHEMA_VERSION = 1;

function pullJson(row: Row, webUrl: string): Record<string, unknown> {
  return {
    repository: `${row.owner}/${row.repo}`,
    number: row.number,
    url: pullUrl(webUrl, row),
    title: row.title,
    author: row.author,
    draft: row.prDraft,
    state: row.state,
    closedAt: row.closedAt,
    labels: row.labels,
    updatedAt: row.updatedAt,
    triagedAt: row.triagedAt,
    ageDays: row.ageDays,
    age: row.age,
    waitingOn: row.waitingOn,
    column: row.column,
    check: { conclusion: row.conclusion, configProblems: row.configProblems },
    faq: row.faq,
    stories: row.stories.map((s) => ({
      path: s.path,
      title: s.title,
      kind: s.kind,
      draft: s.draft,
      characters: s.characters,
      questions: s.questions,
      answered: s.answered,
      openQuestions: s.openQuestions,
      errors: s.errors,
    })),
  };
}

export function renderJson(view: BoardView, webUrl: string, now: number): string {
  return JSON.stringify({
    schema: SCHEMA,
    version: SCHEMA_VERSION,
    generatedAt: new Date(now).toISOString(),
    asOf: view.asOf,
    sweep: view.sweep,
    unreadableRecords: view.unreadable,
    scope: view.scope === null ? null : `${view.scope.owner}/${view.scope.repo}`,
    query: queryString(view.query),
    privateRepositories: view.privateNotice === null ? "shown" : view.privateNotice === "sign-in" ? "sign-in-to-see" : "never-shown",
    open: view.open,
    matching: view.matching,
    page: view.page,
    pages: view.pages,
    stats: view.stats,
    facets: Object.fromEntries(view.facets.map((facet) => [facet.name, facet.values])),
    repositories: view.repositories.map((r) => ({ repository: `${r.owner}/${r.repo}`, open: r.open })),
    pulls: view.rows.map((row) => pullJson(row, webUrl)),
    recentlyClosed: view.recentlyClosed.map((row) => pullJson(row, webUrl)),
  });
}
