/** The command's own version, from the package.json of story-triage above this module (bundled or not). */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

export function version(): string {
  cached ??= findVersion(path.dirname(fileURLToPath(import.meta.url)));
  return cached;
}

function findVersion(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const v = versionIn(path.join(dir, "package.json"));
    if (v !== null) return v;
    if (path.dirname(dir) === dir) return "unknown";
  }
}

function versionIn(file: string): string | null {
  let pkg: unknown;
  try {
    pkg = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
  if (typeof pkg !== "object" || pkg === null || !("name" in pkg) || pkg.name !== "story-triage") return null;
  return "version" in pkg && typeof pkg.version === "string" ? pkg.version : "unknown";
}
