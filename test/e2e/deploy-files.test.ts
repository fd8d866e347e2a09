/**
 * No Docker engine runs here, so the Dockerfile is checked by reading it: its stages, base
 * images, user, health check and command. The health check's script is run for real against a
 * local server. app.yml is checked against the permissions and events the app needs.
 */
import { describe, expect, test } from "@jest/globals";
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { REPO_ROOT } from "../support/app-process.js";

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

interface Stage {
  image: string;
  name: string | null;
  instructions: Instruction[];
}

/** Reads a Dockerfile into stages: continuation lines joined, comments dropped, ARG defaults substituted in FROM. */
function parseDockerfile(text: string): { stages: Stage[]; globalArgs: Record<string, string> } {
  const instructions: Instruction[] = [];
  let pending = "";
  let start = 0;
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (pending === "" && (line === "" || line.startsWith("#"))) return;
    if (pending !== "" && line.startsWith("#")) return;
    if (pending === "") start = index + 1;
    if (line.endsWith("\\")) {
      pending += `${line.slice(0, -1)} `;
      return;
    }
    const full = `${pending}${line}`.trim();
    pending = "";
    const [keyword = "", ...rest] = full.split(/\s+/);
    instructions.push({ keyword: keyword.toUpperCase(), args: full.slice(keyword.length).trim(), line: start });
  });
  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === "ARG" && stages.length === 0) {
      const [name = "", value = ""] = instruction.args.split("=");
      globalArgs[name] = value;
    } else if (instruction.keyword === "FROM") {
      const [image = "", as, name] = instruction.args.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a: string, b: string) => globalArgs[a ?? b] ?? "").split(/\s+/);
      stages.push({ image, name: as?.toUpperCase() === "AS" ? (name ?? null) : null, instructions: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1]?.instructions.push(instruction);
    }
  }
  return { stages, globalArgs };
}

/** The JSON exec form of CMD/ENTRYPOINT/HEALTHCHECK CMD, or null for the shell form. */
function execForm(args: string): string[] | null {
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((p) => typeof p === "string") ? parsed : null;
  } catch {
    return null;
  }
}

/** Node release lines with long-term support that are not past their end of life (2026). */
const LTS_MAJORS = [22, 24];

const dockerfile = readFile(join(REPO_ROOT, "Dockerfile"), "utf8").then(parseDockerfile);

describe("Dockerfile", () => {
  test("builds in one stage and runs from another, both on a Node LTS image", async () => {
    const { stages } = await dockerfile;
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) {
      const match = /^node:(\d+)(?:[.-]|$)/.exec(stage.image);
      expect(match).not.toBeNull();
      expect(LTS_MAJORS).toContain(Number(match?.[1]));
    }
    const build = stages[0];
    const runs = build?.instructions.filter((i) => i.keyword === "RUN").map((i) => i.args) ?? [];
    expect(runs).toContain("npm ci");
    expect(runs).toContain("npm run build");
  });

  test("the runtime stage installs production dependencies only and copies the compiled app", async () => {
    const { stages } = await dockerfile;
    const runtime = stages[stages.length - 1];
    const runs = runtime?.instructions.filter((i) => i.keyword === "RUN").map((i) => i.args) ?? [];
    const installs = runs.filter((r) => /\bnpm (ci|install|i)\b/.test(r));
    expect(installs.length).toBe(1);
    expect(installs[0]).toMatch(/\bnpm ci --omit=dev\b/);
    const copies = runtime?.instructions.filter((i) => i.keyword === "COPY").map((i) => i.args) ?? [];
    expect(copies).toContain(`--from=${stages[0]?.name ?? "0"} /app/lib ./lib`);
    expect(copies.some((c) => /\bsrc\b/.test(c))).toBe(false);
  });

  test("the runtime stage runs as a user other than root, set before the command", async () => {
    const { stages } = await dockerfile;
    const runtime = stages[stages.length - 1]?.instructions ?? [];
    const users = runtime.filter((i) => i.keyword === "USER");
    expect(users.length).toBeGreaterThan(0);
    const last = users[users.length - 1];
    expect(last?.args).not.toMatch(/^(root|0)(:|$)/);
    const cmd = runtime.find((i) => i.keyword === "CMD");
    expect(last && cmd && last.line < cmd.line).toBe(true);
    expect(runtime.filter((i) => i.keyword === "RUN" && (last?.line ?? 0) < i.line)).toEqual([]);
  });

  test("the command is the README's start command, in exec form behind an init", async () => {
    const { stages } = await dockerfile;
    const runtime = stages[stages.length - 1]?.instructions ?? [];
    const cmd = execForm(runtime.find((i) => i.keyword === "CMD")?.args ?? "");
    expect(cmd).toEqual(["node", "node_modules/.bin/probot", "run", "./lib/index.js"]);
    const pkg: unknown = JSON.parse(await readFile(join(REPO_ROOT, "package.json"), "utf8"));
    const start = typeof pkg === "object" && pkg !== null && "scripts" in pkg && typeof pkg.scripts === "object" && pkg.scripts !== null && "start" in pkg.scripts ? pkg.scripts.start : null;
    expect(start).toBe("probot run ./lib/index.js");
    expect(execForm(runtime.find((i) => i.keyword === "ENTRYPOINT")?.args ?? "")).toEqual(["/usr/bin/tini", "--"]);
  });

  describe("HEALTHCHECK", () => {
    async function healthcheckScript(): Promise<string> {
      const { stages } = await dockerfile;
      const health = stages[stages.length - 1]?.instructions.find((i) => i.keyword === "HEALTHCHECK");
      expect(health).toBeDefined();
      const command = execForm(health?.args.replace(/^(--\S+\s+)*CMD\s+/, "") ?? "");
      expect(command?.slice(0, 2)).toEqual(["node", "-e"]);
      expect(health?.args).not.toMatch(/\b(curl|wget)\b/);
      return command?.[2] ?? "";
    }

    async function runAgainst(status: number): Promise<{ code: number | null; paths: string[] }> {
      const paths: string[] = [];
      const server: Server = createServer((req, res) => {
        paths.push(req.url ?? "");
        res.writeHead(status).end(status === 200 ? "PONG" : "");
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const { port } = server.address() as AddressInfo;
      try {
        const script = await healthcheckScript();
        const code = await new Promise<number | null>((resolve) => {
          execFile(process.execPath, ["-e", script], { env: { PORT: String(port) }, timeout: 10000 }, (error) => {
            resolve(error ? (typeof error.code === "number" ? error.code : null) : 0);
          });
        });
        return { code, paths };
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    }

    test("succeeds when /ping answers 200", async () => {
      expect(await runAgainst(200)).toEqual({ code: 0, paths: ["/ping"] });
    });

    test("fails when /ping answers an error", async () => {
      expect(await runAgainst(500)).toEqual({ code: 1, paths: ["/ping"] });
    });
  });
});

describe(".dockerignore", () => {
  test("keeps dependencies, build output and secrets out of the build context", async () => {
    const lines = (await readFile(join(REPO_ROOT, ".dockerignore"), "utf8")).split("\n").map((l) => l.trim());
    for (const entry of ["node_modules", "lib", ".git", ".env", "*.pem"]) expect(lines).toContain(entry);
  });
});

describe("app.yml", () => {
  test("asks for the events the app handles and the least permissions, each explained", async () => {
    const text = await readFile(join(REPO_ROOT, "app.yml"), "utf8");
    const manifest: unknown = parseYaml(text);
    expect(manifest).toMatchObject({
      name: "story-triage",
      default_events: ["pull_request", "issue_comment", "check_run"],
      default_permissions: { pull_requests: "write", issues: "write", checks: "write", contents: "read", metadata: "read" },
    });
    const permissions = typeof manifest === "object" && manifest !== null && "default_permissions" in manifest ? manifest.default_permissions : {};
    expect(Object.keys(permissions ?? {}).sort()).toEqual(["checks", "contents", "issues", "metadata", "pull_requests"]);
    // Each permission line follows a comment saying why it is needed.
    const lines = text.split("\n");
    for (const key of Object.keys(permissions ?? {})) {
      const index = lines.findIndex((l) => l.trim().startsWith(`${key}:`));
      expect(lines[index - 1]?.trim().startsWith("#")).toBe(true);
    }
    // Probot fills in the webhook URL and redirect URL at registration; values here would override them.
    expect(manifest).not.toHaveProperty("hook_attributes");
    expect(manifest).not.toHaveProperty("redirect_url");
  });
});
