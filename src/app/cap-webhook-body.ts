/**
 * Webhook bodies over GitHub's own cap (25 MB) are refused before they are read whole: a body
 * that says it is larger (Content-Length) is answered 413 at once, none of it kept; a body
 * without a length is counted as it arrives and refused at the first byte over. The rest of a
 * refused body is discarded as it arrives (so the sender reads the 413), for 5 s at most.
 * Probot's webhook middleware would otherwise buffer any body, signed or not, before checking
 * its signature.
 *
 * It wraps Probot's own node middleware (`probot.getNodeMiddleware`, which `probot run` asks for
 * when it starts the server), so /ping, the webhook path and its answers stay Probot's.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger, Probot } from "probot";

/** GitHub caps webhook payloads at 25 MB and does not deliver larger ones. */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next?: () => void) => Promise<boolean>;

/** Makes `probot.getNodeMiddleware()` hand out a middleware that caps webhook bodies at `maxBytes`. */
export function capWebhookBodies(probot: Probot, maxBytes = MAX_WEBHOOK_BYTES): void {
  const original = probot.getNodeMiddleware.bind(probot);
  probot.getNodeMiddleware = async (options) => {
    const middleware = (await original(options)) as NodeMiddleware;
    const path = options?.path ?? probot.webhookPath;
    return (async (req: IncomingMessage, res: ServerResponse, next?: () => void) => {
      if (req.method !== "POST" || pathOf(req) !== path) return middleware(req, res, next);
      const body = await readCapped(req, maxBytes);
      if (body === null) {
        refuse(req, res, maxBytes, probot.log);
        return true;
      }
      // Probot's middleware takes a body read already from `request.body` (a string).
      (req as IncomingMessage & { body?: string }).body = body;
      return middleware(req, res, next);
    }) as unknown as Awaited<ReturnType<Probot["getNodeMiddleware"]>>;
  };
}

function pathOf(req: IncomingMessage): string {
  try {
    return new URL(req.url ?? "/", "http://webhook.invalid").pathname.replace(/\/+$/, "") || "/";
  } catch {
    return "";
  }
}

/** The body as text, or null as soon as it is known to be over `maxBytes`. */
function readCapped(req: IncomingMessage, maxBytes: number): Promise<string | null> {
  const declared = Number(req.headers["content-length"] ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    const onData = (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > maxBytes) {
        over = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => {
      if (!over) resolve(new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks)));
    });
    req.once("error", reject);
  });
}

function refuse(req: IncomingMessage, res: ServerResponse, maxBytes: number, log: Logger): void {
  log.warn(
    { deliveryId: req.headers["x-github-delivery"], event: req.headers["x-github-event"], contentLength: req.headers["content-length"] ?? null },
    "story-triage: refused a webhook body over the size GitHub sends",
  );
  const body = JSON.stringify({ error: `Webhook bodies over ${maxBytes} bytes are refused (GitHub sends at most 25 MB)` });
  res.writeHead(413, { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) });
  res.end(body);
  // The rest of the body is thrown away as it arrives (never kept), so the sender can read the
  // answer; a sender that keeps sending is cut off.
  req.resume();
  const cutOff = setTimeout(() => req.socket.destroy(), DRAIN_MS);
  cutOff.unref();
  req.once("end", () => clearTimeout(cutOff));
}

/** How long a refused body may keep arriving (discarded) before its connection is closed. */
const DRAIN_MS = 5000;
