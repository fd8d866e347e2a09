/**
 * Getting every line a Probot logger was given onto its file descriptor before the process exits.
 *
 * Probot's logger is pino writing into a Transform stream (its formatter) that is piped into a
 * SonicBoom on fd 1. A line logged just before `process.exit()` can still sit in the Transform's
 * buffers, waiting for a later turn of the event loop, and is then lost. SonicBoom, in turn, may
 * have a write out with the kernel that `process.exit()` would cut short. So: let the Transform
 * hand over what it holds, then flush each stream it pipes into and wait until none has a write
 * outstanding.
 */

/** What this module needs of a Node stream; the rest is not read. */
interface StreamLike {
  writableLength?: number;
  readableLength?: number;
  /** SonicBoom's: a write handed to the kernel that has not come back yet, and what it buffers. */
  _writing?: boolean;
  _len?: number;
  flush?: (callback: (error?: Error | null) => void) => void;
  _readableState?: { pipes?: unknown };
}

/** pino keeps its destination under a symbol described "pino.stream", on the logger or a parent. */
function pinoStream(log: object): StreamLike | undefined {
  for (let at: object | null = log; at !== null; at = Object.getPrototypeOf(at) as object | null) {
    for (const symbol of Object.getOwnPropertySymbols(at)) {
      if (symbol.description !== "pino.stream") continue;
      const stream: unknown = (at as Record<symbol, unknown>)[symbol];
      if (typeof stream === "object" && stream !== null) return stream as StreamLike;
    }
  }
  return undefined;
}

/** The streams a stream pipes into (Node's readable state keeps them in an array). */
function pipesOf(stream: StreamLike): StreamLike[] {
  const pipes = stream._readableState?.pipes;
  if (Array.isArray(pipes)) return pipes.filter((p): p is StreamLike => typeof p === "object" && p !== null);
  return typeof pipes === "object" && pipes !== null ? [pipes as StreamLike] : [];
}

const held = (stream: StreamLike): number =>
  (stream.writableLength ?? 0) + (stream.readableLength ?? 0) + (stream._writing === true ? 1 : 0) + (stream._len ?? 0);

const settled = async (stream: StreamLike, until: number): Promise<void> => {
  while (held(stream) > 0 && Date.now() < until) await new Promise<void>((resolve) => setImmediate(resolve));
};

/** Flushes one stream, then the ones it pipes into; gives up on a stream once `until` has passed. */
async function flushStream(stream: StreamLike, until: number): Promise<void> {
  await settled(stream, until);
  if (typeof stream.flush === "function") {
    const flush = stream.flush.bind(stream);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.max(0, until - Date.now()));
      try {
        flush(() => {
          clearTimeout(timer);
          resolve();
        });
      } catch {
        // A stream that cannot flush now (e.g. already closed) has nothing more to give.
        clearTimeout(timer);
        resolve();
      }
    });
    await settled(stream, until);
  }
  for (const next of pipesOf(stream)) await flushStream(next, until);
}

/**
 * Resolves once everything `log` was given has been handed to its file descriptor (or `withinMs`
 * has passed). A logger that is not pino resolves at once.
 */
export async function flushLog(log: object, withinMs = 2000): Promise<void> {
  const stream = pinoStream(log);
  if (stream !== undefined) await flushStream(stream, Date.now() + withinMs);
}
