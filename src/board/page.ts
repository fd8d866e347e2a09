/**
 * The board page as HTML, from a BoardView. Every value goes through the `html` template layer,
 * which escapes it; links are built from the canonical query string. The page works without
 * script: facets, the drafts toggle, views and sort orders are links, the text filter a GET form.
 * board.js only makes it quicker (filter as you type, facets without a reload).
 */
import { html, type Html } from "./html.js";
import { type BoardQuery, type BoardView, type Column, type Facet, queryString, type Row, type Sort, timeAgo } from "./view.js";

export interface PageContext {
  /** Where pull requests link to: https://github.com, or the GitHub Enterprise host. */
  webUrl: string;
  now: number;
  /** Sign-in state for the header; null when sign-in is not configured. */
  signIn: { login: string | null } | null;
}

export function boardPath(view: Pick<BoardView, "scope">): string {
  return view.scope === null ? "/board" : `/board/${encodeURIComponent(view.scope.owner)}/${encodeURIComponent(view.scope.repo)}`;
}

/** The page's URL with the query changed (page back to 1 unless given). */
function href(view: BoardView, change: Partial<BoardQuery>): string {
  const query = queryString({ ...view.query, page: 1, ...change });
  return query === "" ? boardPath(view) : `${boardPath(view)}?${query}`;
}

export function pullUrl(webUrl: string, row: Pick<Row, "owner" | "repo" | "number">): string {
  return `${webUrl}/${encodeURIComponent(row.owner)}/${encodeURIComponent(row.repo)}/pull/${row.number}`;
}

const COLUMN_TITLES: Record<Column, string> = { "needs-faq": "Needs FAQ", draft: "Draft", ready: "Ready for review" };
const SORT_TITLES: Record<Sort, string> = { age: "Oldest update first", newest: "Newest update first", number: "Newest pull request first", repo: "Repository" };
const CONCLUSION_TITLES: Record<string, string> = { success: "passed", neutral: "neutral", failure: "failed" };

export function renderPage(view: BoardView, ctx: PageContext): string {
  const scopeName = view.scope === null ? null : `${view.scope.owner}/${view.scope.repo}`;
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Story board${scopeName === null ? "" : ` · ${scopeName}`}</title>
<link rel="icon" href="/board/assets/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/board/assets/board.css">
<script src="/board/assets/board.js" defer></script>
</head>
<body>
<header class="top">
<h1><a href="/board">Story board</a>${scopeName === null ? "" : html` / <a href="${boardPath(view)}">${scopeName}</a>`}</h1>
${renderSignIn(ctx)}
</header>
<main id="board" data-path="${boardPath(view)}">
${renderFreshness(view, ctx.now)}
${renderPrivateNotice(view)}
${view.scope === null ? renderRepositories(view) : ""}
<div class="layout">
<aside class="facets" aria-label="Filters">
${renderFilterForm(view)}
${view.facets.map((facet) => renderFacet(view, facet))}
</aside>
<section class="results" aria-label="Pull requests">
${renderToolbar(view)}
${renderResults(view, ctx)}
</section>
</div>
${renderRecentlyClosed(view, ctx)}
</main>
${renderFooter(view)}
</body>
</html>
`;
  return page.markup;
}

/** Records the store holds but could not read are left out, and said here (the log names them). */
function renderFooter(view: BoardView): Html | string {
  if (view.unreadable === 0) return "";
  const count = view.unreadable === 1 ? "1 stored record" : `${view.unreadable} stored records`;
  return html`<footer class="unreadable"><p>${count} could not be read and ${view.unreadable === 1 ? "is" : "are"} left out; the app's log names ${view.unreadable === 1 ? "it" : "them"}. The next triage of ${view.unreadable === 1 ? "its pull request replaces it" : "their pull requests replaces them"}.</p></footer>`;
}

function renderSignIn(ctx: PageContext): Html | string {
  if (ctx.signIn === null) return "";
  if (ctx.signIn.login === null) return html`<p class="session"><a href="/board/auth/sign-in">Sign in with GitHub</a></p>`;
  return html`<form class="session" method="post" action="/board/auth/sign-out"><span>Signed in as ${ctx.signIn.login}</span> <button type="submit">Sign out</button></form>`;
}

function renderFreshness(view: BoardView, now: number): Html {
  const asOf = view.asOf === null ? html`No triage recorded yet.` : html`As of <time datetime="${view.asOf}">${timeAgo(view.asOf, now)}</time>.`;
  const sweep = view.sweep;
  const warning =
    sweep !== null && !sweep.ok
      ? html` <strong class="stale" role="alert">The last sweep failed <time datetime="${sweep.at}">${timeAgo(sweep.at, now)}</time>${sweep.error === null ? "" : html`: ${sweep.error}`}. Pull requests whose webhooks were lost may be missing or out of date.</strong>`
      : "";
  return html`<p class="freshness">${asOf}${warning}</p>`;
}

function renderPrivateNotice(view: BoardView): Html | string {
  if (view.privateNotice === "sign-in-unavailable") {
    return html`<p class="notice">Only public repositories are shown: sign-in with GitHub is not configured on this server, so private repositories are never shown.</p>`;
  }
  if (view.privateNotice === "sign-in") {
    return html`<p class="notice">Only public repositories are shown. <a href="/board/auth/sign-in">Sign in with GitHub</a> to see the private repositories you can access.</p>`;
  }
  return "";
}

function renderRepositories(view: BoardView): Html | string {
  if (view.repositories.length === 0) return "";
  return html`<nav class="repositories" aria-label="Repositories"><h2>Repositories</h2><ul>${view.repositories.map(
    (r) => html`<li><a href="/board/${encodeURIComponent(r.owner)}/${encodeURIComponent(r.repo)}">${r.owner}/${r.repo}</a> <span class="count">${r.open}</span></li>`,
  )}</ul></nav>`;
}

/** The text filter: a GET form that carries the other filters along as hidden fields. */
function renderFilterForm(view: BoardView): Html {
  const others = new URLSearchParams(queryString({ ...view.query, text: "", page: 1 }));
  return html`<form class="filter" method="get" action="${boardPath(view)}" role="search">
<label for="filter-text">Filter by words</label>
<input id="filter-text" name="q" type="search" value="${view.query.text}" placeholder="title, story or path" autocomplete="off">
${[...others].map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
<button type="submit">Filter</button>
</form>`;
}

function renderFacet(view: BoardView, facet: Facet): Html {
  const toggle = (value: string, selected: boolean): Partial<BoardQuery> => {
    switch (facet.name) {
      case "kind":
        return { kind: selected ? null : value };
      case "character":
        return { character: selected ? null : value };
      case "draft":
        return { draft: selected ? null : (value as "yes" | "no") };
      case "needs-faq":
        return { needsFaq: selected ? null : (value as "yes" | "no") };
      case "waiting":
        return { waiting: selected ? null : (value as "author" | "maintainers") };
      case "label":
        return { labels: selected ? view.query.labels.filter((l) => l.toLowerCase() !== value.toLowerCase()) : [...view.query.labels, value] };
    }
  };
  const items = facet.values.map(
    (v) =>
      html`<li><a class="facet-value${v.selected ? " selected" : ""}" href="${href(view, toggle(v.value, v.selected))}"${v.selected ? html` aria-current="true"` : ""} data-facet="${facet.name}" data-value="${v.value}">${v.value} <span class="count">${v.count}</span></a></li>`,
  );
  return html`<section class="facet" data-facet="${facet.name}"><h2>${facet.title}</h2>${facet.values.length === 0 ? html`<p class="none">none</p>` : html`<ul>${items}</ul>`}</section>`;
}

function renderToolbar(view: BoardView): Html {
  const q = view.query;
  const filtered = queryString({ ...q, sort: "age", layout: "table", page: 1, hideDrafts: false }) !== "";
  const views = (["table", "board"] as const).map((layout) =>
    layout === q.layout
      ? html`<span class="view current" aria-current="page">${layout === "table" ? "Table" : "Board"}</span>`
      : html`<a class="view" id="view-${layout}" href="${href(view, { layout })}">${layout === "table" ? "Table" : "Board"}</a>`,
  );
  const sorts = (Object.keys(SORT_TITLES) as Sort[]).map((sort) =>
    sort === q.sort ? html`<span class="current" aria-current="true">${SORT_TITLES[sort]}</span>` : html`<a href="${href(view, { sort })}">${SORT_TITLES[sort]}</a>`,
  );
  const s = view.stats;
  return html`<div class="toolbar">
<p class="summary"><strong id="matching">${view.matching}</strong> of ${view.open} open pull requests${view.matching === 0 ? "" : html`; FAQ: ${s.answered} of ${s.questions} questions answered; average age ${s.averageAgeDays} days; waiting on the author: ${s.waitingOnAuthor}, on maintainers: ${s.waitingOnMaintainers}`}.${filtered ? html` <a id="clear-filters" href="${boardPath(view)}">Clear filters</a>` : ""}</p>
<p class="controls"><span class="views">${views}</span>
<a id="toggle-drafts" href="${href(view, { hideDrafts: !q.hideDrafts })}">${q.hideDrafts ? "Show drafts" : "Hide drafts"}</a>
<button type="button" id="open-all" hidden>Open all in tabs</button></p>
<p class="sorts">Sort: ${sorts.map((s, i) => (i === 0 ? s : html` · ${s}`))}</p>
</div>`;
}

function renderResults(view: BoardView, ctx: PageContext): Html {
  if (view.open === 0) {
    return html`<div class="empty" id="empty"><h2>Nothing needs triage</h2><p>No open pull request touches a story${view.scope === null ? "" : " in this repository"}. New ones appear here as soon as they are triaged.</p></div>`;
  }
  if (view.matching === 0) {
    return html`<div class="empty" id="empty"><h2>No pull request matches these filters</h2><p><a href="${boardPath(view)}">Clear filters</a></p></div>`;
  }
  const body = view.query.layout === "board" ? renderColumns(view, ctx) : renderTable(view, ctx);
  return html`${body}${renderPager(view)}`;
}

function renderTable(view: BoardView, ctx: PageContext): Html {
  return html`<table class="pulls" id="pulls">
<thead><tr><th scope="col">Pull request</th><th scope="col">Stories</th><th scope="col">FAQ</th><th scope="col">Check</th><th scope="col">Age</th><th scope="col">Waiting on</th><th scope="col">Labels</th></tr></thead>
<tbody>
${view.rows.map((row) => renderRow(view, row, ctx))}
</tbody>
</table>`;
}

function rowAttributes(row: Row, ctx: PageContext): Html {
  const words = [row.title, ...row.stories.flatMap((s) => [s.title ?? "", s.path])].join(" ").toLowerCase();
  return html`data-url="${pullUrl(ctx.webUrl, row)}" data-text="${words}"${row.prDraft ? html` data-draft="true"` : ""}`;
}

function renderRow(view: BoardView, row: Row, ctx: PageContext): Html {
  return html`<tr class="pull${row.prDraft ? " pr-draft" : ""}" ${rowAttributes(row, ctx)}>
<td class="pr"><a class="pr-link" href="${pullUrl(ctx.webUrl, row)}">${row.owner}/${row.repo}#${row.number}</a>${row.prDraft ? html` <span class="badge">draft</span>` : ""}<br><span class="title">${row.title}</span><br><span class="by">by <a href="${href(view, { author: row.author })}">${row.author}</a></span></td>
<td class="stories">${renderStories(row)}<p class="story-facts">${row.kinds.map((k, i) => html`${i === 0 ? "" : ", "}<a href="${href(view, { kind: k })}">${k}</a>`)} · ${row.characters.map((c, i) => html`${i === 0 ? "" : ", "}<a href="${href(view, { character: c })}">${c}</a>`)}${row.storyDraft ? html` <span class="badge">draft story</span>` : ""}</p></td>
<td class="faq">${renderFaq(row)}</td>
<td class="check check-${row.conclusion ?? "none"}">${renderCheck(row)}</td>
<td class="age age-${row.age}"><time datetime="${row.updatedAt}">${ageText(row.ageDays)}</time></td>
<td class="waiting waiting-${row.waitingOn}">${row.waitingOn}</td>
<td class="labels">${renderLabels(view, row)}</td>
</tr>`;
}

function renderStories(row: Row): Html {
  return html`<ul>${row.stories.map((s) => html`<li><span class="story-title">${s.title ?? "(no title)"}</span> <code>${s.path}</code></li>`)}</ul>`;
}

function renderFaq(row: Row): Html | string {
  if (row.faq.questions === 0) return html`<span class="none">no questions</span>`;
  const state = html`<span class="faq-state">${row.faq.answered} of ${row.faq.questions} answered</span>`;
  if (row.faq.open.length === 0) return state;
  return html`${state}<ul class="open-questions" aria-label="Open questions">${row.faq.open.map((q) => html`<li>${q}</li>`)}</ul>`;
}

function renderCheck(row: Row): Html | string {
  if (row.configProblems > 0) return html`failed: configuration (${row.configProblems})`;
  return row.conclusion === null ? "none" : CONCLUSION_TITLES[row.conclusion] ?? row.conclusion;
}

function renderLabels(view: BoardView, row: Row): Html {
  return html`${row.labels.map((label) => html`<a class="label" href="${href(view, { labels: view.query.labels.some((l) => l.toLowerCase() === label.toLowerCase()) ? view.query.labels : [...view.query.labels, label] })}">${label}</a> `)}`;
}

function ageText(days: number): string {
  return days === 0 ? "today" : days === 1 ? "1 day" : `${days} days`;
}

function renderColumns(view: BoardView, ctx: PageContext): Html {
  return html`<div class="columns" id="columns">${view.columns.map(
    ({ column, rows }) => html`<section class="column" data-column="${column}" aria-label="${COLUMN_TITLES[column]}">
<h2>${COLUMN_TITLES[column]} <span class="count">${rows.length}</span></h2>
${rows.map(
  (row) => html`<article class="card pull${row.prDraft ? " pr-draft" : ""}" ${rowAttributes(row, ctx)}>
<h3><a class="pr-link" href="${pullUrl(ctx.webUrl, row)}">${row.owner}/${row.repo}#${row.number}</a> <span class="title">${row.title}</span></h3>
${renderStories(row)}
<p class="faq">${renderFaq(row)}</p>
<p><span class="age age-${row.age}">${ageText(row.ageDays)}</span> · waiting on ${row.waitingOn} · ${row.author}</p>
<p class="labels">${renderLabels(view, row)}</p>
</article>`,
)}
</section>`,
  )}</div>`;
}

function renderPager(view: BoardView): Html | string {
  if (view.pages === 1) return "";
  return html`<nav class="pager" aria-label="Pages">Page ${view.page} of ${view.pages}: ${view.page > 1 ? html`<a rel="prev" href="${href(view, { page: view.page - 1 })}">previous</a>` : ""} ${view.page < view.pages ? html`<a rel="next" href="${href(view, { page: view.page + 1 })}">next</a>` : ""}</nav>`;
}

function renderRecentlyClosed(view: BoardView, ctx: PageContext): Html | string {
  if (view.recentlyClosed.length === 0) return "";
  return html`<section class="closed" id="recently-closed"><h2>Recently merged or closed</h2><ul>${view.recentlyClosed.map(
    (row) =>
      html`<li><a href="${pullUrl(ctx.webUrl, row)}">${row.owner}/${row.repo}#${row.number}</a> <span class="title">${row.title}</span> · ${row.state} ${row.closedAt === null ? "" : html`<time datetime="${row.closedAt}">${timeAgo(row.closedAt, ctx.now)}</time>`}</li>`,
  )}</ul></section>`;
}
