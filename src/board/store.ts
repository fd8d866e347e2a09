/**
 * Where triage records live: in this process's memory by default, in Redis with REDIS_URL so
 * that every replica serves the same board. One contract, two stores (test/board/store.test.ts
 * runs the same cases against both).
 *
 * Redis keys (under the prefix): `board:repos` is the set of repository keys; `board:repo:<key>`
 * a hash from pull request number to the record's JSON; `board:sweep` the last sweep's outcome;
 * `board:sweep-lock` the lock one sweep at a time holds.
 *
 * A closed or merged pull request keeps its record for `retentionMs` after it closed (the
 * board's "recently closed" list); reading the store drops the older ones.
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { parseRecord, RecordError, repoKey, type PullState, type TriageRecord } from "./record.js";

/** What the last reconcile sweep did, for the page's freshness line. */
export interface SweepStatus {
  /** When it finished (ISO time). */
  at: string;
  ok: boolean;
  /** What went wrong, when it failed; no secret is ever put here. */
  error: string | null;
  queued: number;
}

export interface BoardStore {
  readonly kind: "memory" | "redis";
  put(record: TriageRecord): Promise<void>;
  get(owner: string, repo: string, number: number): Promise<TriageRecord | null>;
  /** Marks a pull request closed or merged at `at` (ISO); a pull request without a record is left alone. */
  closePull(owner: string, repo: string, number: number, state: Exclude<PullState, "open">, at: string): Promise<void>;
  /** Every record (one repository's, when given), closed ones past their retention dropped. */
  list(only?: { owner: string; repo: string }): Promise<TriageRecord[]>;
  /** As list, and how many stored records could not be read (each logged through onBadRecord): a page counts them. */
  read(only?: { owner: string; repo: string }): Promise<{ records: TriageRecord[]; unreadable: number }>;
  sweepStatus(): Promise<SweepStatus | null>;
  setSweepStatus(status: SweepStatus): Promise<void>;
  /** Takes the sweep lock for `ttlMs`; null when another holder has it. */
  lock(ttlMs: number): Promise<{ release(): Promise<void> } | null>;
  /** A signed-in viewer's session, for `ttlMs`. */
  putSession(id: string, session: Session, ttlMs: number): Promise<void>;
  getSession(id: string): Promise<Session | null>;
  deleteSession(id: string): Promise<void>;
  /** True the first time an OAuth `state` is used (within `ttlMs`); false when it is replayed. */
  useState(state: string, ttlMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** Who signed in, and the repositories (`owner/repo`, lower-cased) their installations let them see. */
export interface Session {
  login: string;
  repos: string[];
}

/** Records a store could not read, for the log (the page shows the rest). */
export type OnBadRecord = (key: string, error: RecordError | SyntaxError) => void;

export const DEFAULT_RETENTION_DAYS = 14;

function pullKey(owner: string, repo: string, number: number): string {
  return `${repoKey(owner, repo)}#${number}`;
}

function expired(record: TriageRecord, now: number, retentionMs: number): boolean {
  return record.state !== "open" && record.closedAt !== null && now - Date.parse(record.closedAt) > retentionMs;
}

export class MemoryBoardStore implements BoardStore {
  readonly kind = "memory";
  readonly #records = new Map<string, TriageRecord>();
  readonly #retentionMs: number;
  readonly #now: () => number;
  #sweep: SweepStatus | null = null;
  #lockedUntil = 0;
  readonly #sessions = new Map<string, { session: Session; until: number }>();
  readonly #states = new Map<string, number>();

  constructor(options: { retentionMs: number; now?: () => number }) {
    this.#retentionMs = options.retentionMs;
    this.#now = options.now ?? Date.now;
  }

  /** Refuses (RecordError) a record it could not give back as one: it holds only readable records. */
  async put(record: TriageRecord): Promise<void> {
    this.#records.set(pullKey(record.owner, record.repo, record.number), parseRecord(JSON.parse(JSON.stringify(record))));
  }

  async get(owner: string, repo: string, number: number): Promise<TriageRecord | null> {
    return this.#records.get(pullKey(owner, repo, number)) ?? null;
  }

  async closePull(owner: string, repo: string, number: number, state: Exclude<PullState, "open">, at: string): Promise<void> {
    const key = pullKey(owner, repo, number);
    const record = this.#records.get(key);
    if (record) this.#records.set(key, { ...record, state, closedAt: at });
  }

  async list(only?: { owner: string; repo: string }): Promise<TriageRecord[]> {
    const now = this.#now();
    const wanted = only === undefined ? null : `${repoKey(only.owner, only.repo)}#`;
    const out: TriageRecord[] = [];
    for (const [key, record] of this.#records) {
      if (expired(record, now, this.#retentionMs)) this.#records.delete(key);
      else if (wanted === null || key.startsWith(wanted)) out.push(record);
    }
    return out;
  }

  async read(only?: { owner: string; repo: string }): Promise<{ records: TriageRecord[]; unreadable: number }> {
    return { records: await this.list(only), unreadable: 0 };
  }

  async sweepStatus(): Promise<SweepStatus | null> {
    return this.#sweep;
  }

  async setSweepStatus(status: SweepStatus): Promise<void> {
    this.#sweep = status;
  }

  async lock(ttlMs: number): Promise<{ release(): Promise<void> } | null> {
    const now = this.#now();
    if (this.#lockedUntil > now) return null;
    this.#lockedUntil = now + ttlMs;
    return {
      release: async () => {
        this.#lockedUntil = 0;
      },
    };
  }

  async putSession(id: string, session: Session, ttlMs: number): Promise<void> {
    this.#sessions.set(id, { session, until: this.#now() + ttlMs });
  }

  async getSession(id: string): Promise<Session | null> {
    const entry = this.#sessions.get(id);
    if (entry === undefined) return null;
    if (entry.until <= this.#now()) {
      this.#sessions.delete(id);
      return null;
    }
    return entry.session;
  }

  async deleteSession(id: string): Promise<void> {
    this.#sessions.delete(id);
  }

  async useState(state: string, ttlMs: number): Promise<boolean> {
    const now = this.#now();
    for (const [known, until] of this.#states) if (until <= now) this.#states.delete(known);
    if (this.#states.has(state)) return false;
    this.#states.set(state, now + ttlMs);
    return true;
  }

  async close(): Promise<void> {}
}

/** Deletes the lock only when it still holds this holder's token (it may have lapsed and been taken). */
const RELEASE_SCRIPT = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

export class RedisBoardStore implements BoardStore {
  readonly kind = "redis";
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #retentionMs: number;
  readonly #now: () => number;
  readonly #onBad: OnBadRecord;

  constructor(options: { url: string; prefix: string; retentionMs: number; now?: () => number; onBadRecord?: OnBadRecord }) {
    // One retry per command: a page view or a triage fails fast when Redis is away, and says so.
    this.#redis = new Redis(options.url, { maxRetriesPerRequest: 1, lazyConnect: false });
    this.#redis.on("error", () => {
      // Connection errors surface on the commands; ioredis keeps reconnecting by itself.
    });
    this.#prefix = options.prefix;
    this.#retentionMs = options.retentionMs;
    this.#now = options.now ?? Date.now;
    this.#onBad = options.onBadRecord ?? (() => {});
  }

  #key(...parts: string[]): string {
    return [this.#prefix, "board", ...parts].join(":");
  }

  /** Refuses (RecordError) a record it could not read back. */
  async put(record: TriageRecord): Promise<void> {
    const repo = repoKey(record.owner, record.repo);
    const json = JSON.stringify(record);
    parseRecord(JSON.parse(json));
    await this.#redis
      .multi()
      .sadd(this.#key("repos"), repo)
      .hset(this.#key("repo", repo), String(record.number), json)
      .exec();
  }

  async get(owner: string, repo: string, number: number): Promise<TriageRecord | null> {
    const key = repoKey(owner, repo);
    const raw = await this.#redis.hget(this.#key("repo", key), String(number));
    return raw === null ? null : this.#parse(`${key}#${number}`, raw);
  }

  async closePull(owner: string, repo: string, number: number, state: Exclude<PullState, "open">, at: string): Promise<void> {
    const record = await this.get(owner, repo, number);
    if (record) await this.put({ ...record, state, closedAt: at });
  }

  async list(only?: { owner: string; repo: string }): Promise<TriageRecord[]> {
    return (await this.read(only)).records;
  }

  async read(only?: { owner: string; repo: string }): Promise<{ records: TriageRecord[]; unreadable: number }> {
    const repos = only === undefined ? await this.#redis.smembers(this.#key("repos")) : [repoKey(only.owner, only.repo)];
    const now = this.#now();
    const out: TriageRecord[] = [];
    let unreadable = 0;
    for (const repo of repos) {
      const hash = await this.#redis.hgetall(this.#key("repo", repo));
      const stale: string[] = [];
      for (const [number, raw] of Object.entries(hash)) {
        const record = this.#parse(`${repo}#${number}`, raw);
        if (record === null) {
          unreadable += 1;
          continue;
        }
        if (expired(record, now, this.#retentionMs)) stale.push(number);
        else out.push(record);
      }
      if (stale.length > 0) await this.#redis.hdel(this.#key("repo", repo), ...stale);
    }
    return { records: out, unreadable };
  }

  #parse(key: string, raw: string): TriageRecord | null {
    try {
      return parseRecord(JSON.parse(raw));
    } catch (error) {
      if (error instanceof RecordError || error instanceof SyntaxError) {
        this.#onBad(key, error);
        return null;
      }
      throw error;
    }
  }

  async sweepStatus(): Promise<SweepStatus | null> {
    const raw = await this.#redis.get(this.#key("sweep"));
    if (raw === null) return null;
    try {
      const value: unknown = JSON.parse(raw);
      if (typeof value !== "object" || value === null) return null;
      const { at, ok, error, queued } = value as Record<string, unknown>;
      if (typeof at !== "string" || typeof ok !== "boolean" || typeof queued !== "number") return null;
      return { at, ok, error: typeof error === "string" ? error : null, queued };
    } catch {
      return null;
    }
  }

  async setSweepStatus(status: SweepStatus): Promise<void> {
    await this.#redis.set(this.#key("sweep"), JSON.stringify(status));
  }

  async lock(ttlMs: number): Promise<{ release(): Promise<void> } | null> {
    const token = randomUUID();
    const key = this.#key("sweep-lock");
    const taken = await this.#redis.set(key, token, "PX", ttlMs, "NX");
    if (taken !== "OK") return null;
    return {
      release: async () => {
        await this.#redis.eval(RELEASE_SCRIPT, 1, key, token);
      },
    };
  }

  async putSession(id: string, session: Session, ttlMs: number): Promise<void> {
    await this.#redis.set(this.#key("session", id), JSON.stringify(session), "PX", ttlMs);
  }

  async getSession(id: string): Promise<Session | null> {
    const raw = await this.#redis.get(this.#key("session", id));
    if (raw === null) return null;
    try {
      const value: unknown = JSON.parse(raw);
      if (typeof value !== "object" || value === null) return null;
      const { login, repos } = value as Record<string, unknown>;
      if (typeof login !== "string" || !Array.isArray(repos) || !repos.every((r) => typeof r === "string")) return null;
      return { login, repos: repos as string[] };
    } catch {
      return null;
    }
  }

  async deleteSession(id: string): Promise<void> {
    await this.#redis.del(this.#key("session", id));
  }

  async useState(state: string, ttlMs: number): Promise<boolean> {
    return (await this.#redis.set(this.#key("oauth-state", state), "1", "PX", ttlMs, "NX")) === "OK";
  }

  async close(): Promise<void> {
    await this.#redis.quit().catch(() => this.#redis.disconnect());
  }
}
