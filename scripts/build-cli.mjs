#!/usr/bin/env node
/**
 * Bundles the command (src/cli.ts and what it imports: the CLI, the config parser, the engine,
 * yaml, picomatch and remark-parse) into one ESM file, lib/story-triage.js, the package's `bin`.
 * One file means one module to resolve, read and compile at start-up instead of a few hundred.
 * src/ stays the source; the bundle is rebuilt by `npm run build` from what `npm ci` installed.
 * lib/story-triage.meta.json lists every input that went in (test/cli tests it: no app code).
 */
import { build } from "esbuild";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const result = await build({
  absWorkingDir: ROOT,
  entryPoints: ["src/cli.ts"],
  outfile: "lib/story-triage.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20.18",
  minify: true,
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
  // Some dependencies are CommonJS and call require() for Node's own modules.
  banner: { js: 'import { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);' },
});
writeFileSync(path.join(ROOT, "lib", "story-triage.meta.json"), `${JSON.stringify(result.metafile, null, 1)}\n`);
