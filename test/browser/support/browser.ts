/** Debian's chromium for the browser tests (.ci/run installs it); they skip, saying so, without it. */
import { existsSync } from "node:fs";
import { CHROMIUM } from "../../../src/demo/chromium.js";

export { launchChromium } from "../../../src/demo/chromium.js";

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export function sayBrowserSkipped(what: string): void {
  console.log(`${what} skipped: ${CHROMIUM} is not installed (.ci/run installs Debian's chromium)`);
}
