// A loopback relay between the Pact Verifier and an HTTPS target. The Verifier's proxy cannot present a client
// certificate or trust an extra CA, and the Lean API needs both (mutual TLS), so the Verifier talks plain HTTP
// to this relay on 127.0.0.1, and the relay forwards each request over TLS with the project's own agent (which
// never switches certificate verification off). Bytes pass through unchanged both ways.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { createAgents } from '../../src/client/tls-agent.ts';
import type { ClientOptions } from '../../src/client/types.ts';

export interface Relay {
  url: string;
  close(): Promise<void>;
}

/** Hop-by-hop headers (RFC 9110 §7.6.1) plus the ones the relay recomputes. */
const NOT_FORWARDED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer', 'host', 'content-length']);

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function forwardable(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !NOT_FORWARDED.has(name.toLowerCase())) out[name] = value;
  }
  return out;
}

export async function startRelay(target: { baseUrl: string; tls?: ClientOptions['tls']; timeoutMs: number }): Promise<Relay> {
  const agents = createAgents(target.tls ?? null, target.timeoutMs);
  const base = new URL(target.baseUrl);
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const body = await readAll(req);
        const url = new URL(base);
        url.pathname = `${base.pathname.replace(/\/+$/, '')}${(req.url ?? '/').split('?')[0]}`;
        const answer = await request(url, {
          method: (req.method ?? 'GET') as 'POST',
          headers: forwardable(req.headers),
          body: body.length > 0 ? body : null,
          dispatcher: agents.withCertificate,
          headersTimeout: target.timeoutMs,
          bodyTimeout: target.timeoutMs,
        });
        const bytes = Buffer.from(await answer.body.arrayBuffer());
        res.writeHead(answer.statusCode, { ...forwardable(answer.headers), 'content-length': String(bytes.length) });
        res.end(bytes);
      } catch (error) {
        // No HTTP answer from the target (TLS refused, timeout…): 502, which no interaction expects, so the
        // Verifier reports the interaction as failed with this line as the body.
        const code = (error as { code?: unknown }).code;
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`relay: no response from the target (${typeof code === 'string' ? code : 'transport error'})`);
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
