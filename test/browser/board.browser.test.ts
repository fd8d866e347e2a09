/**
 * The board in a real browser (Debian's chromium through playwright-core), served by the app:
 * no console error (a CSP violation would be one), a facet click filters without a reload and
 * puts the filter in the URL, reloading that URL restores the view, the board view and the
 * drafts toggle, filtering from the keyboard alone, and markup in a title staying text.
 */
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, test } from "@jest/globals";
import type { Browser, Page } from "playwright-core";
import { chromiumAvailable, launchChromium, sayBrowserSkipped } from "./support/browser.js";
import { startSeededBoard, type SeededBoard } from "./support/seeded-board.js";

const run = chromiumAvailable() ? describe : describe.skip;
if (!chromiumAvailable()) sayBrowserSkipped("The board's browser tests");

let board: SeededBoard;
let browser: Browser;
let page: Page;
let problems: string[];

/** Evaluated in the page (as text: the tests are type-checked without the DOM's types). */
const ACTIVE_ID = 'document.activeElement ? document.activeElement.id : ""';
const ACTIVE_VALUE = 'document.activeElement && document.activeElement.dataset ? (document.activeElement.dataset.value || "") : ""';

async function rowNumbers(): Promise<string[]> {
  return page.locator("tr.pull .pr-link").allTextContents();
}

run("the board in chromium", () => {
  beforeAll(async () => {
    board = await startSeededBoard();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await board?.close();
  });

  beforeEach(async () => {
    page = await browser.newPage();
    problems = [];
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("dialog", (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
  });

  afterEach(async () => {
    await page?.close();
  });

  test("the page loads with no console error, and its script is running", async () => {
    await page.goto(board.url);
    await expect(page.locator("#open-all").isVisible()).resolves.toBe(true);
    expect(await rowNumbers()).toEqual(["rust-lang/wg-async#311", "rust-lang/wg-async#322", "rust-lang/wg-async#330", "rust-lang/wg-async#318", "rust-lang/vision-doc#14"]);
    expect(problems).toEqual([]);
  });

  test("a facet click filters without a reload and changes the URL; reloading that URL restores the view", async () => {
    await page.goto(board.url);
    await page.evaluate('window.marker = "same document"');
    await page.locator('a.facet-value[data-facet="kind"][data-value="shiny-future"]').click();
    await page.waitForURL(/\?kind=shiny-future$/);
    expect(await rowNumbers()).toEqual(["rust-lang/wg-async#318", "rust-lang/vision-doc#14"]);
    expect(await page.evaluate("window.marker")).toBe("same document");
    await page.reload();
    expect(await rowNumbers()).toEqual(["rust-lang/wg-async#318", "rust-lang/vision-doc#14"]);
    expect(await page.locator('a.facet-value.selected[data-facet="kind"]').textContent()).toBe("shiny-future 2");
    await page.goBack();
    await page.waitForURL(board.url);
    // (waitForFunction would evaluate a string in the page, which the page's CSP rightly forbids.)
    await page.locator("tr.pull").nth(4).waitFor({ state: "attached" });
    expect((await rowNumbers()).length).toBe(5);
    expect(problems).toEqual([]);
  });

  test("the board view has a column per state; the drafts toggle hides and shows pull request drafts", async () => {
    await page.goto(board.url);
    await page.locator("#view-board").click();
    await page.waitForURL(/\?view=board$/);
    const column = (name: string) => page.locator(`section.column[data-column="${name}"] .pr-link`).allTextContents();
    expect(await column("needs-faq")).toEqual(["rust-lang/wg-async#311", "rust-lang/wg-async#330"]);
    expect(await column("draft")).toEqual(["rust-lang/wg-async#322"]);
    expect(await column("ready")).toEqual(["rust-lang/wg-async#318", "rust-lang/vision-doc#14"]);
    expect(await page.locator("article.pr-draft .pr-link").allTextContents()).toEqual(["rust-lang/wg-async#330"]);
    await page.locator("#toggle-drafts").click();
    await page.waitForURL(/\?hide-drafts=1&view=board$/);
    expect(await column("needs-faq")).toEqual(["rust-lang/wg-async#311"]);
    await page.locator("#toggle-drafts").click();
    await page.waitForURL(/\?view=board$/);
    expect(await column("needs-faq")).toEqual(["rust-lang/wg-async#311", "rust-lang/wg-async#330"]);
    expect(problems).toEqual([]);
  });

  test("filters from the keyboard alone: type to filter, Tab to a facet, Enter to pick it", async () => {
    await page.goto(board.url);
    let guard = 0;
    while ((await page.evaluate(ACTIVE_ID)) !== "filter-text" && guard++ < 40) await page.keyboard.press("Tab");
    expect(await page.evaluate(ACTIVE_ID)).toBe("filter-text");
    await page.keyboard.type("status quo");
    await page.waitForURL(/\?q=status\+quo$/);
    expect(await rowNumbers()).toEqual(["rust-lang/wg-async#311", "rust-lang/wg-async#322", "rust-lang/wg-async#330"]);
    expect(await page.evaluate(ACTIVE_ID)).toBe("filter-text");
    guard = 0;
    while ((await page.evaluate(ACTIVE_VALUE)) !== "Grace" && guard++ < 40) await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.waitForURL(/character=Grace/);
    expect(await rowNumbers()).toEqual(["rust-lang/wg-async#322"]);
    expect(await page.evaluate(ACTIVE_VALUE)).toBe("Grace");
    expect(problems).toEqual([]);
  });

  test("a pull request titled <img src=x onerror=alert(1)> shows as text, and no dialog opens", async () => {
    await page.goto(`${board.url}?q=img`);
    const title = page.locator("tr.pull .title");
    expect(await title.allTextContents()).toEqual(["<img src=x onerror=alert(1)>"]);
    expect(await page.locator("tr.pull .story-title").allTextContents()).toEqual(["✨ Shiny future stories: Alan's <b>bold</b> plan"]);
    expect(await page.locator("main img, main b").count()).toBe(0);
    await page.waitForTimeout(300);
    expect(problems).toEqual([]);
  });
});
