#!/usr/bin/env node
/**
 * Bundles the command (src/cli.ts and what it imports: the CLI, the config parser, the engine,
 * yaml, picomatch and remark-parse) into ESM files: lib/story-triage.js, the package's `bin`, and
 * the chunks it imports when it needs them, in lib/story-triage-chunks/. The engine and the
 * markdown parser are one such chunk (src/cli/check-files.ts imports them on the first story the
 * results cache does not hold), so a run answered from the cache never compiles them. A few files
 * mean a few modules to resolve, read and compile at start-up instead of a few hundred.
 * src/ stays the source; the bundle is rebuilt by `npm run build` from what `npm ci` installed.
 * lib/story-triage.meta.json lists every input that went in and which output holds it (test/cli
 * tests it: no app code, no parser in the bin itself).
 */
import { build } from "esbuild";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// Chunks are named by their content: old ones are removed, not left beside the new.
rmSync(path.join(ROOT, "lib", "story-triage-chunks"), { recursive: true, force: true });
const result = await build({
  absWorkingDir: ROOT,
  entryPoints: [{ in: "src/cli.ts", out: "story-triage" }],
  outdir: "lib",
  chunkNames: "story-triage-chunks/[name]-[hash]",
  splitting: true,
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
