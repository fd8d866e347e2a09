#!/usr/bin/env node
/**
 * Bundles the GitHub Action (src/action/main.ts and everything it imports: the flow, the engine,
 * the config parser, Octokit, yaml, picomatch, remark-parse) into ONE file, dist/action.cjs, which
 * action.yml's `runs.main` names. CommonJS, though the sources are ES modules: Node runs a
 * CommonJS file without starting its ES module loader, which is about 10 ms of the CPU time of a
 * run (docs/action.md, "What a run costs"); the bundle imports nothing at run time but Node's own
 * modules, so nothing is lost. Actions are not installed, so the bundle is committed; the test
 * test/action/bundle.test.ts builds it again (`--out <file>`) and fails when the committed file
 * differs, so src/ stays the source. Rebuilt by `npm run build`.
 */
import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const at = process.argv.indexOf("--out");
const outfile = at === -1 ? path.join(ROOT, "dist", "action.cjs") : path.resolve(process.argv[at + 1] ?? "");

const result = await build({
  absWorkingDir: ROOT,
  entryPoints: ["src/action/main.ts"],
  outfile,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20.18",
  minify: true,
  // The licences of the bundled packages stay with their code, at the end of the file.
  legalComments: "eof",
  logLevel: "warning",
});
// A warning (import.meta in a CommonJS bundle, say) would be a bundle that breaks at run time.
if (result.warnings.length > 0) throw new Error(`the action's bundle built with ${result.warnings.length} warning(s), printed above`);
