/**
 * Debian's chromium driven by playwright-core (no browser download): .ci/run installs the
 * `chromium` package. Tests skip, saying so, when it is not there.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export function sayBrowserSkipped(what: string): void {
  console.log(`${what} skipped: ${CHROMIUM} is not installed (.ci/run installs Debian's chromium)`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
