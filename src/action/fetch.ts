/**
 * The fetch the action's Octokit sends its requests with: Node's own http and https modules, one
 * kept-alive connection per host, and the part of a fetch Response that Octokit reads (status,
 * url, headers, text, arrayBuffer, body). Node's global fetch (undici) costs a process that makes
 * a dozen requests more CPU time than the whole triage's parsing: it is loaded, and it parses
 * answers, in WebAssembly, on first use. The action is a short process; the app keeps fetch.
 *
 * Redirects are followed as fetch follows them (301, 302 and 303 turn a POST into a GET), up to
 * MAX_REDIRECTS. A connection that fails is a TypeError("fetch failed") with the cause, as
 * fetch throws, so Octokit reports it (and retries it) the same way.
 */
import http from "node:http";
import https from "node:https";

const MAX_REDIRECTS = 10;

export interface FetchInit {
  method?: string;
  body?: string | Uint8Array | null;
  headers?: Record<string, string>;
  redirect?: "follow" | "manual" | "error";
  signal?: AbortSignal | null;
}

/** A response's headers: read by name, or iterated as `[name, value]` pairs (names lower-case). */
export class FetchHeaders {
  readonly #values: Map<string, string>;

  constructor(raw: http.IncomingHttpHeaders) {
    this.#values = new Map(
      Object.entries(raw).flatMap(([name, value]) => (value === undefined ? [] : [[name.toLowerCase(), Array.isArray(value) ? value.join(", ") : value] as const])),
    );
  }

  get(name: string): string | null {
    return this.#values.get(name.toLowerCase()) ?? null;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.#values.entries();
  }
}

export interface FetchResponse {
  status: number;
  statusText: string;
  url: string;
  headers: FetchHeaders;
  /** The whole body, read before the response is handed over. */
  body: Uint8Array;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
  json(): Promise<unknown>;
}

/** A fetch over node:http and node:https with kept-alive connections (idle ones do not keep the process alive). */
export function nodeFetch(): (url: string, init?: FetchInit) => Promise<FetchResponse> {
  const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  const fetch = async (url: string, init: FetchInit = {}, redirects = 0): Promise<FetchResponse> => {
    const response = await send(url, init, agents);
    const location = response.headers.get("location");
    const redirected = [301, 302, 303, 307, 308].includes(response.status) && location !== null && (init.redirect ?? "follow") !== "manual";
    if (!redirected) return response;
    if (init.redirect === "error" || redirects >= MAX_REDIRECTS) throw new TypeError("fetch failed", { cause: new Error(`too many redirects, or a redirect refused, at ${url}`) });
    const method = (init.method ?? "GET").toUpperCase();
    const asGet = response.status === 303 || ((response.status === 301 || response.status === 302) && method === "POST");
    const next: FetchInit = asGet ? { ...init, method: "GET", body: null } : init;
    return fetch(new URL(location, url).toString(), next, redirects + 1);
  };
  return (url, init) => fetch(url, init);
}

function send(url: string, init: FetchInit, agents: { http: http.Agent; https: https.Agent }): Promise<FetchResponse> {
  const target = new URL(url);
  const secure = target.protocol === "https:";
  if (!secure && target.protocol !== "http:") return Promise.reject(new TypeError("fetch failed", { cause: new Error(`unsupported protocol ${target.protocol}`) }));
  const body = init.body === undefined || init.body === null ? null : typeof init.body === "string" ? Buffer.from(init.body, "utf8") : init.body;
  const headers: Record<string, string | number> = { ...init.headers };
  if (body !== null) headers["content-length"] = body.byteLength;
  return new Promise((resolve, reject) => {
    const request = (secure ? https : http).request(
      target,
      { method: init.method ?? "GET", headers, agent: secure ? agents.https : agents.http, ...(init.signal ? { signal: init.signal } : {}) },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("error", (error) => reject(new TypeError("fetch failed", { cause: error })));
        answer.on("end", () => {
          const bytes = Buffer.concat(chunks);
          resolve({
            status: answer.statusCode ?? 0,
            statusText: answer.statusMessage ?? "",
            url,
            headers: new FetchHeaders(answer.headers),
            body: bytes,
            text: () => Promise.resolve(bytes.toString("utf8")),
            arrayBuffer: () => Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer),
            json: () => Promise.resolve(JSON.parse(bytes.toString("utf8")) as unknown),
          });
        });
      },
    );
    request.on("error", (error) => reject(error.name === "AbortError" ? error : new TypeError("fetch failed", { cause: error })));
    request.end(body ?? undefined);
  });
}
