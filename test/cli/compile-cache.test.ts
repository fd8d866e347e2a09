/**
 * Node's compile cache, feature-tested: used where `node:module` has enableCompileCache (Node 22.1
 * and later), in the user's own cache folder; nothing on Node 20, where the command still runs.
 */
import { afterAll, describe, expect, test } from "@jest/globals";
import { spawnSync } from "node:child_process";
import * as nodeModule from "node:module";
import path from "node:path";
import { enableCompileCache, type CompileCacheApi } from "../../src/cli/compile-cache.js";
import { removeRepos, ROOT, sampleRepo } from "./support.js";

afterAll(removeRepos);

describe("the compile cache", () => {
  test("a runtime without it (Node 20): nothing is enabled, nothing fails", () => {
    expect(enableCompileCache({}, { HOME: "/home/someone" })).toBeNull();
  });

  test("a runtime with it: enabled in $XDG_CACHE_HOME, else ~/.cache, never without a home", () => {
    const asked: (string | undefined)[] = [];
    const api: CompileCacheApi = {
      enableCompileCache: (directory) => {
        asked.push(directory);
        return { status: 1, ...(directory === undefined ? {} : { directory }) };
      },
    };
    expect(enableCompileCache(api, { XDG_CACHE_HOME: "/x/cache", HOME: "/home/someone" })).toBe(path.join("/x/cache", "story-triage", "node-compile-cache"));
    expect(enableCompileCache(api, { HOME: "/home/someone" })).toBe(path.join("/home/someone", ".cache", "story-triage", "node-compile-cache"));
    expect(enableCompileCache(api, {})).toBeNull();
    expect(enableCompileCache(api, { HOME: "relative" })).toBeNull();
    expect(asked).toEqual([path.join("/x/cache", "story-triage", "node-compile-cache"), path.join("/home/someone", ".cache", "story-triage", "node-compile-cache")]);
  });

  test("Node declining (a folder it cannot write, NODE_DISABLE_COMPILE_CACHE) or throwing: not enabled", () => {
    expect(enableCompileCache({ enableCompileCache: () => ({ status: 0 }) }, { HOME: "/h" })).toBeNull();
    const throwing: CompileCacheApi = {
      enableCompileCache: () => {
        throw new Error("no");
      },
    };
    expect(enableCompileCache(throwing, { HOME: "/h" })).toBeNull();
  });

  test("this runtime: the built command checks a story whether or not it has the cache", () => {
    const has = typeof (nodeModule as CompileCacheApi).enableCompileCache === "function";
    expect(has).toBe(Number(process.versions.node.split(".")[0]) >= 23 || (process.versions.node.startsWith("22.") && Number(process.versions.node.split(".")[1]) >= 1));
    const r = spawnSync(process.execPath, [path.join(ROOT, "lib", "story-triage.js"), "check"], { cwd: sampleRepo(), encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("✖ 2 problems (2 errors, 0 warnings, 0 infos)");
  });
});
