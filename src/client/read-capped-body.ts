// Reads a response body up to a cap. A server that streams without end must not hang the run nor fill the
// memory: past the cap the stream is destroyed (which makes undici drop the connection) and the caller is told.
import type { Readable } from 'node:stream';

export interface CappedBody {
  /** At most `maxBytes` bytes. */
  bytes: Buffer;
  /** Bytes received, including those of the chunk that crossed the cap. */
  received: number;
  truncated: boolean;
}

export class PrematureCloseError extends Error {
  override readonly name = 'PrematureCloseError';
  readonly code = 'ERR_STREAM_PREMATURE_CLOSE';

  constructor() {
    super('the body stream closed before its end');
  }
}

function noop(): void {}

export function readCappedBody(body: Readable, maxBytes: number): Promise<CappedBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      body.off('data', onData);
      // A destroy after settling may still emit 'error'; it must not become an uncaught exception.
      body.on('error', noop);
      return true;
    };
    const onData = (chunk: Buffer): void => {
      const room = maxBytes - received;
      received += chunk.length;
      if (chunk.length <= room) {
        chunks.push(chunk);
        return;
      }
      chunks.push(chunk.subarray(0, room));
      if (settle()) {
        body.destroy();
        resolve({ bytes: Buffer.concat(chunks), received, truncated: true });
      }
    };
    body.on('data', onData);
    body.once('end', () => {
      if (settle()) resolve({ bytes: Buffer.concat(chunks), received, truncated: false });
    });
    body.once('error', (error) => {
      if (settle()) reject(error);
    });
    body.once('close', () => {
      if (settle()) reject(new PrematureCloseError());
    });
  });
}
