// The loopback relay between the Pact Verifier and every target, plain http included. The Verifier's proxy
// (pact-js, http-proxy) streams a target's body to the native verifier, which buffers it whole: an endless body
// grew the process to 20+ GiB. Its TLS options cannot add a CA, and certificate checks are off unless asked
// for (pact-js `validateSSL`), so it cannot be trusted with a Lean environment either. The Verifier therefore
// talks plain HTTP to this relay on 127.0.0.1, and the relay forwards each request with the project's own
// agent (certificate verification always on, the client certificate for mutual TLS) and reads the answer the
// way the conformance client does: at most 64 KiB, within LEAN_TIMEOUT_MS from the first byte sent to the last
// byte read. Bytes pass through unchanged both ways; a body over the cap becomes a 502 that no interaction
// expects, so the interaction fails instead of the process.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { DEFAULT_MAX_BODY_BYTES } from '../../src/client/index.ts';
import { readCappedBody } from '../../src/client/read-capped-body.ts';
import { createAgents } from '../../src/client/tls-agent.ts';
import type { ClientOptions } from '../../src/client/types.ts';

export interface Relay {
  url: string;
  close(): Promise<void>;
}

export interface RelayTarget {
  baseUrl: string;
  tls?: ClientOptions['tls'];
  timeoutMs: number;
  /** Largest response body read from the target; default the conformance client's (64 KiB). */
  maxBodyBytes?: number;
}

/** The Verifier's requests come from the pact: a few hundred bytes. Anything larger is not ours to forward. */
const MAX_REQUEST_BYTES = 1024 * 1024;

/** Hop-by-hop headers (RFC 9110 §7.6.1) plus the ones the relay recomputes. */
const NOT_FORWARDED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer', 'host', 'content-length']);

function forwardable(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !NOT_FORWARDED.has(name.toLowerCase())) out[name] = value;
  }
  return out;
}

class RelayRefusal extends Error {}

async function requestBody(req: IncomingMessage): Promise<Buffer> {
  const body = await readCappedBody(req, MAX_REQUEST_BYTES);
  if (body.truncated) throw new RelayRefusal(`the request body exceeded ${MAX_REQUEST_BYTES} bytes`);
  return body.bytes;
}

export async function startRelay(target: RelayTarget): Promise<Relay> {
  const maxBodyBytes = target.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const agents = createAgents(target.tls ?? null, target.timeoutMs);
  const base = new URL(target.baseUrl);
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const body = await requestBody(req);
        const url = new URL(base);
        url.pathname = `${base.pathname.replace(/\/+$/, '')}${(req.url ?? '/').split('?')[0]}`;
        const answer = await request(url, {
          method: (req.method ?? 'GET') as 'POST',
          headers: forwardable(req.headers),
          body: body.length > 0 ? body : null,
          dispatcher: agents.withCertificate,
          headersTimeout: target.timeoutMs,
          bodyTimeout: target.timeoutMs,
          signal: AbortSignal.timeout(target.timeoutMs),
        });
        const read = await readCappedBody(answer.body, maxBodyBytes);
        if (read.truncated) throw new RelayRefusal(`the target's body exceeded ${maxBodyBytes} bytes; reading stopped`);
        res.writeHead(answer.statusCode, { ...forwardable(answer.headers), 'content-length': String(read.bytes.length) });
        res.end(read.bytes);
      } catch (error) {
        // No usable HTTP answer (TLS refused, timeout, an endless body…): 502, which no interaction expects, so
        // the Verifier reports the interaction as failed with this line as the body.
        const code = (error as { code?: unknown }).code;
        const why = error instanceof RelayRefusal ? error.message : `no response from the target (${typeof code === 'string' ? code : 'transport error'})`;
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`relay: ${why}`);
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await agents.destroy();
    },
  };
}
