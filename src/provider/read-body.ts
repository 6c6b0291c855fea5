// Bounded body reading: a request can neither make the provider buffer without limit nor hold it forever.
// The result says how reading ended; the caller decides what to answer (see decide.ts).
import type { IncomingMessage } from 'node:http';

export type BodyResult =
  | { readonly kind: 'complete'; readonly bytes: Buffer }
  /**
   * More than `maxBytes` were announced or sent. `drained`: the rest was read and discarded to its end (within
   * `drainBytes`), so the connection can carry the answer and further requests; otherwise reading stopped.
   */
  | { readonly kind: 'tooLarge'; readonly maxBytes: number; readonly drained: boolean }
  /** The body did not end within `timeoutMs` (a slow or endless sender). */
  | { readonly kind: 'timeout'; readonly timeoutMs: number }
  /** The client went away mid-body: there is nobody left to answer. */
  | { readonly kind: 'aborted' };

export interface BodyLimits {
  maxBytes: number;
  timeoutMs: number;
  /**
   * Bytes past `maxBytes` read and thrown away rather than cutting the connection: a client still writing an
   * oversized body would otherwise see a reset instead of the documented answer. Default 4 MiB.
   */
  drainBytes?: number;
}

const DEFAULT_DRAIN_BYTES = 4 * 1024 * 1024;

export async function readBody(req: IncomingMessage, limits: BodyLimits): Promise<BodyResult> {
  // A declared length over the limit is refused before a byte is read.
  const drainBytes = limits.drainBytes ?? DEFAULT_DRAIN_BYTES;
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBytes + drainBytes) {
    return { kind: 'tooLarge', maxBytes: limits.maxBytes, drained: false };
  }
  if (req.complete) return { kind: 'complete', bytes: Buffer.alloc(0) };

  // node hands the request over as soon as its headers are parsed and pushes the body bytes that came in the
  // same read right after, before any promise job runs. Waiting for one job lets such a body (the usual case)
  // be taken at once, without the timer and listeners of the stream path.
  await Promise.resolve();
  const arrived = bufferedBody(req, declared, limits.maxBytes);
  if (arrived) return { kind: 'complete', bytes: arrived };
  // The client went away before we listened: 'close' may already be behind us, so it would never be heard.
  if (req.destroyed) return { kind: 'aborted' };
  return readStream(req, limits, drainBytes);
}

/**
 * The whole body when it is already buffered: a declared length within the limit, all of it there. Otherwise
 * null, and the stream path reads it (chunked bodies, bodies still on their way, anything unusual).
 */
function bufferedBody(req: IncomingMessage, declared: number, maxBytes: number): Buffer | null {
  if (!Number.isInteger(declared) || declared > maxBytes || req.readableLength !== declared || req.destroyed) return null;
  // read(n) gives exactly n bytes, or null and consumes nothing, so a miss leaves the stream path intact.
  const bytes: unknown = declared === 0 ? Buffer.alloc(0) : req.read(declared);
  if (!Buffer.isBuffer(bytes)) return null;
  // Let the rest of the stream (its end) flow by, so the connection is left as the stream path leaves it.
  req.resume();
  return bytes;
}

/** Reads the body as it streams in, within the size limit and the time limit. */
function readStream(req: IncomingMessage, limits: BodyLimits, drainBytes: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => finish({ kind: 'timeout', timeoutMs: limits.timeoutMs }), limits.timeoutMs);

    function finish(result: BodyResult): void {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      // Stop pulling bytes: whatever still arrives is not ours to buffer. The answer closes the connection.
      if (result.kind !== 'complete') req.pause();
      resolve(result);
    }
    function onData(chunk: Buffer): void {
      size += chunk.length;
      if (size > limits.maxBytes + drainBytes) return finish({ kind: 'tooLarge', maxBytes: limits.maxBytes, drained: false });
      if (size > limits.maxBytes) {
        chunks.length = 0; // past the limit the bytes are only counted, never kept
        return;
      }
      chunks.push(chunk);
    }
    function onEnd(): void {
      if (size > limits.maxBytes) return finish({ kind: 'tooLarge', maxBytes: limits.maxBytes, drained: true });
      finish({ kind: 'complete', bytes: Buffer.concat(chunks, size) });
    }
    function onClose(): void {
      // 'close' before 'end' means the client aborted; after a normal 'end', finish() already ran.
      finish({ kind: 'aborted' });
    }

    req.on('data', onData);
    req.once('end', onEnd);
    req.once('close', onClose);
    // Keeps an abort's 'error' from being unhandled; 'close' reports it.
    req.on('error', () => undefined);
  });
}
