#!/usr/bin/env node
/**
 * Bundles the GitHub Action (src/action/main.ts and everything it imports: the flow, the engine,
 * the config parser, Octokit, yaml, picomatch, remark-parse) into ONE file, dist/action.js, which
 * action.yml's `runs.main` names. Actions are not installed, so the bundle is committed; the test
 * test/action/bundle.test.ts builds it again (`--out <file>`) and fails when the committed file
 * differs, so src/ stays the source. Rebuilt by `npm run build`.
 */
import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const at = process.argv.indexOf("--out");
const outfile = at === -1 ? path.join(ROOT, "dist", "action.js") : path.resolve(process.argv[at + 1] ?? "");

await build({
  absWorkingDir: ROOT,
  entryPoints: ["src/action/main.ts"],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20.18",
  minify: true,
  // The licences of the bundled packages stay with their code, at the end of the file.
  legalComments: "eof",
  logLevel: "warning",
  // Some dependencies are CommonJS and call require() for Node's own modules.
  banner: { js: 'import { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);' },
});
