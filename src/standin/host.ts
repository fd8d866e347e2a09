/**
 * Runs a Probot app in this process against a stand-in: the app's webhook endpoint on a real
 * HTTP server on 127.0.0.1, its Octokit pointed at the stand-in. The demo and the corpus replay
 * use it; the end-to-end test starts the app as its own process instead.
 */
import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Probot, ProbotOctokit, createNodeMiddleware, type ApplicationFunction } from "probot";
import type { Standin } from "./server.js";
import { deliverWebhook, type DeliveryResult } from "./webhooks.js";

export interface HostOptions {
  secret?: string;
  /** PEM; a fresh RSA key when absent (the stand-in accepts any JWT). */
  privateKey?: string;
  logLevel?: "trace" | "debug" | "info" | "warn" | "error" | "fatal";
  /** Octokit's request throttling waits a second between writes; off unless asked for. */
  throttle?: boolean;
  /** Octokit's retries of failed requests; on unless turned off. */
  retry?: boolean;
  /**
   * Octokit's retry waits (n + 1)² times this many milliseconds before the n-th retry; 1000 (as in
   * production) unless set. Fault tests shorten it so three retries take milliseconds.
   */
  retryBaseMs?: number;
}

export interface HostedApp {
  probot: Probot;
  webhookUrl: string;
  secret: string;
  /** Signs and posts one webhook to the app; `id` repeats a delivery, `signature` forges one. */
  deliver(event: string, payload: unknown, options?: { id?: string; signature?: string }): Promise<DeliveryResult>;
  close(): Promise<void>;
}

/** An RSA private key in the PKCS#1 PEM form GitHub hands out for an app. */
export function generatePrivateKey(): string {
  return generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
  }).privateKey;
}

export async function hostApp(appFn: ApplicationFunction, standin: Standin, options: HostOptions = {}): Promise<HostedApp> {
  const secret = options.secret ?? "standin-webhook-secret";
  const throttle = options.throttle ?? false;
  const retry = options.retry ?? true;
  const Octokit = ProbotOctokit.defaults((defaults: Record<string, unknown>) => {
    const previous = defaults.throttle;
    return {
      ...defaults,
      ...(retry ? (options.retryBaseMs === undefined ? {} : { retry: { retryAfterBaseValue: options.retryBaseMs } }) : { retry: { enabled: false } }),
      throttle: { ...(typeof previous === "object" && previous !== null ? previous : {}), enabled: throttle },
    };
  });
  const probot = new Probot({
    appId: standin.world.app.id,
    privateKey: options.privateKey ?? generatePrivateKey(),
    secret,
    baseUrl: standin.apiUrl,
    Octokit,
    logLevel: options.logLevel ?? "warn",
  });
  const middleware = await createNodeMiddleware(appFn, { probot });
  const server = createServer((req, res) => {
    void middleware(req, res, () => {
      if (!res.headersSent) res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const webhookUrl = `http://127.0.0.1:${port}/api/github/webhooks`;
  return {
    probot,
    webhookUrl,
    secret,
    deliver: (event, payload, extra = {}) => deliverWebhook({ url: webhookUrl, secret, event, payload, ...extra }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
