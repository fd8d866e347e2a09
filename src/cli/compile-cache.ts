/**
 * Node's on-disk cache of compiled modules (`module.enableCompileCache()`, Node 22.1 and later;
 * the Docker image runs Node 24): the chunks a run imports after this call (the configuration
 * parser, the engine and the markdown parser) are compiled once and read back on later runs.
 * Feature-tested: on Node 20 there is no such function and nothing happens.
 *
 * The folder is the user's own cache (`$XDG_CACHE_HOME`, else `~/.cache`), not the shared
 * temporary folder: V8 runs what such a cache holds, so it must be a folder only its user writes.
 */
import path from "node:path";

/** The part of `node:module` used here; absent on runtimes without the cache. */
export interface CompileCacheApi {
  /** Node sets `directory` only when the cache is on (enabled now, or already by NODE_COMPILE_CACHE). */
  enableCompileCache?: (directory?: string) => { status: number; directory?: string };
}

/** The folder the cache was enabled in, or null (no such feature, no home folder, or Node declined). */
export function enableCompileCache(api: CompileCacheApi, env: NodeJS.ProcessEnv): string | null {
  if (typeof api.enableCompileCache !== "function") return null;
  const base = env.XDG_CACHE_HOME || (env.HOME ? path.join(env.HOME, ".cache") : "");
  if (!path.isAbsolute(base)) return null;
  const directory = path.join(base, "story-triage", "node-compile-cache");
  try {
    return api.enableCompileCache(directory).directory ?? null;
  } catch {
    return null;
  }
}
