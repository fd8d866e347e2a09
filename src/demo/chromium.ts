/**
 * Debian's chromium driven by playwright-core (a development dependency; no browser download),
 * for the README screenshot and the board's browser tests. `apt-get install chromium`.
 */
import type { Browser } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
