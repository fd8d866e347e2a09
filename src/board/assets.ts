/**
 * The page's stylesheet, script and icon, served from /board/assets/ (the Content-Security-Policy
 * allows scripts and styles from the app itself only: nothing inline). The script enhances a page
 * that works without it: it follows the board's own links and its filter form by fetching the
 * next view and swapping it in (no reload; the address bar keeps the state), filters as you type,
 * and offers "open all in tabs".
 */

export const BOARD_CSS = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #fff; --line: #d1d9e0; --warn: #9a6700; --late: #cf222e; --ok: #1a7f37; --chip: #eef1f4; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --line: #3d444d; --warn: #d29922; --late: #f85149; --ok: #3fb950; --chip: #262c36; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
a { color: inherit; }
a:focus-visible, button:focus-visible, input:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
.top { display: flex; justify-content: space-between; align-items: baseline; padding: 12px 20px; border-bottom: 1px solid var(--line); }
.top h1 { margin: 0; font-size: 20px; }
.top h1 a { text-decoration: none; }
main { padding: 12px 20px 40px; }
.freshness { color: var(--muted); margin: 0 0 8px; }
.unreadable { color: var(--muted); margin: 16px; }
.stale { display: block; margin-top: 6px; padding: 6px 10px; color: var(--late); border: 1px solid var(--late); border-radius: 6px; }
.notice { padding: 6px 10px; background: var(--chip); border-radius: 6px; }
.repositories ul { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; padding: 0; }
.repositories h2, .facet h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 12px 0 4px; }
.layout { display: grid; grid-template-columns: 220px 1fr; gap: 20px; }
@media (max-width: 800px) { .layout { grid-template-columns: 1fr; } }
.facets ul { list-style: none; padding: 0; margin: 0; }
.facet-value { display: flex; justify-content: space-between; padding: 2px 6px; border-radius: 6px; text-decoration: none; }
.facet-value:hover { background: var(--chip); }
.facet-value.selected { background: #0969da; color: #fff; }
.count { color: var(--muted); font-variant-numeric: tabular-nums; }
.selected .count { color: inherit; }
.filter label { display: block; font-weight: 600; margin-bottom: 4px; }
.filter input[type=search] { width: 100%; padding: 4px 6px; }
.toolbar p { margin: 4px 0; }
.controls { display: flex; gap: 16px; align-items: center; }
.view.current, .sorts .current { font-weight: 600; }
.views { display: inline-flex; gap: 8px; }
table.pulls { width: 100%; border-collapse: collapse; margin-top: 8px; }
.pulls th, .pulls td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
.pulls th { font-size: 12px; color: var(--muted); }
.pull ul { margin: 0; padding-left: 16px; }
.pr-draft { opacity: .55; }
.badge, .label { display: inline-block; padding: 0 6px; border-radius: 10px; background: var(--chip); font-size: 12px; text-decoration: none; margin: 1px 0; }
.title { font-weight: 600; }
code { font-size: 12px; color: var(--muted); word-break: break-all; }
.pulls .pr { min-width: 200px; max-width: 320px; }
.pulls .stories { min-width: 260px; }
.pulls .faq { min-width: 200px; }
.pulls .age, .pulls .check, .pulls .waiting { white-space: nowrap; }
.story-facts, .by { margin: 2px 0 0; color: var(--muted); font-size: 12px; }
.open-questions { color: var(--muted); font-size: 12px; }
.age-warn { color: var(--warn); font-weight: 600; }
.age-late { color: var(--late); font-weight: 700; }
.check-success { color: var(--ok); }
.check-failure { color: var(--late); }
.none { color: var(--muted); }
.columns { display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; margin-top: 8px; }
.column { background: var(--chip); border-radius: 8px; padding: 8px; min-height: 80px; }
.column h2 { font-size: 14px; margin: 4px 0 8px; }
.card { background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 8px; margin-bottom: 8px; }
.card h3 { font-size: 14px; margin: 0 0 4px; }
.card p { margin: 4px 0; }
.empty { padding: 40px 0; text-align: center; color: var(--muted); }
.closed { margin-top: 24px; color: var(--muted); }
.pager { margin-top: 12px; }
[hidden] { display: none !important; }
`;

export const BOARD_JS = String.raw`
"use strict";
(function () {
  var main = document.getElementById("board");
  if (!main || !window.fetch || !window.history || !window.DOMParser) return;
  var pending = null;

  function isBoardLink(a) {
    return a && a.origin === location.origin && /^\/board(\/|$)/.test(a.pathname) && !/^\/board\/(auth|assets)\//.test(a.pathname) && !a.hasAttribute("download") && a.target === "";
  }

  function focusKey(el) {
    if (!el) return null;
    if (el.id) return "#" + el.id;
    if (el.dataset && el.dataset.facet && el.dataset.value !== undefined) return { facet: el.dataset.facet, value: el.dataset.value };
    return null;
  }

  function restoreFocus(key) {
    var target = null;
    if (typeof key === "string") target = document.querySelector(key);
    else if (key) {
      var links = document.querySelectorAll("a.facet-value");
      for (var i = 0; i < links.length; i++) if (links[i].dataset.facet === key.facet && links[i].dataset.value === key.value) target = links[i];
    }
    if (!target) { target = document.getElementById("matching") || main; target.setAttribute("tabindex", "-1"); }
    target.focus();
    if (target.id === "filter-text") { var n = target.value.length; target.setSelectionRange(n, n); }
  }

  function show(url, push, key) {
    if (pending) pending.abort();
    var controller = new AbortController();
    pending = controller;
    return fetch(url, { headers: { Accept: "text/html" }, signal: controller.signal, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (text) {
        var next = new DOMParser().parseFromString(text, "text/html");
        var fresh = next.getElementById("board");
        if (!fresh) throw new Error("no board in the answer");
        main.replaceWith(fresh);
        main = fresh;
        document.title = next.title;
        if (push) history.pushState(null, "", url);
        enhance();
        restoreFocus(key);
      })
      .catch(function (error) {
        if (error && error.name === "AbortError") return;
        location.href = url;
      });
  }

  function enhance() {
    var input = document.getElementById("filter-text");
    var form = input && input.form;
    var timer = null;
    if (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        show(formUrl(form), true, "#filter-text");
      });
      input.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () { show(formUrl(form), false, "#filter-text").then(function () { history.replaceState(null, "", formUrl(document.getElementById("filter-text").form)); }); }, 250);
      });
    }
    var openAll = document.getElementById("open-all");
    if (openAll) {
      openAll.hidden = false;
      openAll.addEventListener("click", function () {
        var rows = document.querySelectorAll("[data-url]");
        for (var i = 0; i < rows.length; i++) window.open(rows[i].getAttribute("data-url"), "_blank", "noopener");
      });
    }
  }

  function formUrl(form) {
    var params = new URLSearchParams();
    var fields = form.elements;
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      if (!f.name || f.value === "") continue;
      params.append(f.name, f.value);
    }
    var query = params.toString();
    return form.getAttribute("action") + (query ? "?" + query : "");
  }

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var a = event.target.closest && event.target.closest("a");
    if (!isBoardLink(a) || !main.contains(a)) return;
    event.preventDefault();
    show(a.href, true, focusKey(a));
  });

  window.addEventListener("popstate", function () { show(location.href, false, null); });
  enhance();
})();
`;

export const BOARD_ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect x="1" y="2" width="4" height="12" rx="1" fill="#0969da"/><rect x="6" y="2" width="4" height="8" rx="1" fill="#9a6700"/><rect x="11" y="2" width="4" height="5" rx="1" fill="#1a7f37"/></svg>`;
