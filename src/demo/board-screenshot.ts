/**
 * `npm run screenshot:board [file]`: photographs the seeded board (board-demo.ts) in Debian's
 * chromium through playwright-core, for the README (docs/images/board.png by default).
 */
import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { startSeededBoard } from "./board-demo.js";
import { launchChromium } from "./chromium.js";

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? "docs/images/board.png");
  const board = await startSeededBoard();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 820 }, deviceScaleFactor: 1, colorScheme: "light" });
    await page.goto(board.url);
    await mkdir(dirname(out), { recursive: true });
    await page.screenshot({ path: out, fullPage: false });
    console.log(`board screenshot written to ${out}`);
  } finally {
    await browser.close();
    await board.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
