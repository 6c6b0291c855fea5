// The Verifier's only broker: a server on 127.0.0.1 that serves the planned pact documents under their broker
// paths, and passes every other call (publishing results: the provider resource, its branch version, the
// verification results) on to the configured broker, adding the credentials itself.
//  - A broker's pact URL is meant to be immutable, but a broker, a proxy or a cache may answer a second GET with
//    another document (or a redirect): handed the broker's URL, the Verifier verified whatever came back (6 real
//    OTPs at LEAN_MAX_SENDS=0). From here it gets exactly the bytes that were planned.
//  - The Verifier holds no broker credentials: the mirror sends them, and only to the origin of
//    PACT_BROKER_BASE_URL (the Verifier resolves the broker's links against the mirror's own URL).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { readCappedBody } from '../../src/client/read-capped-body.ts';
import { authFor, brokerAgent, BROKER_TIMEOUT_MS, MAX_BROKER_BODY_BYTES, type BrokerEndpoint } from '../shared/broker-http.ts';
import { basicAuthorization } from '../../src/net/basic-auth.ts';
import type { PactDocument } from '../shared/pact-file.ts';

export interface PactMirror {
  /** The mirror's URL of the pact planned from this broker URL. */
  urlOf(brokerUrl: string): string;
  close(): Promise<void>;
}

const PASSED_HEADERS = ['accept', 'content-type'] as const;

function readRequest(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BROKER_BODY_BYTES) {
        req.destroy();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function answer(res: ServerResponse, status: number, type: string, body: Buffer | string): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) }).end(body);
}

export async function startPactMirror(pacts: readonly { url: string; doc: PactDocument }[], broker: BrokerEndpoint): Promise<PactMirror> {
  const documents = new Map<string, string>();
  for (const { url, doc } of pacts) documents.set(new URL(url).pathname, JSON.stringify(doc));
  const origin = new URL(broker.url).origin;
  const agent = brokerAgent();

  async function forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = new URL(req.url ?? '/', origin);
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readRequest(req);
    if (body === null) return answer(res, 413, 'application/json', '{"error":"request too large"}');
    const auth = authFor(target.href, broker);
    const headers: Record<string, string> = {};
    for (const name of PASSED_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    if (auth) headers['authorization'] = 'token' in auth ? `Bearer ${auth.token}` : basicAuthorization(auth);
    const response = await request(target, {
      method: (req.method ?? 'GET') as 'GET',
      dispatcher: agent,
      headers,
      ...(body === undefined ? {} : { body }),
      headersTimeout: BROKER_TIMEOUT_MS,
      bodyTimeout: BROKER_TIMEOUT_MS,
      signal: AbortSignal.timeout(BROKER_TIMEOUT_MS),
    });
    const read = await readCappedBody(response.body, MAX_BROKER_BODY_BYTES);
    if (read.truncated) return answer(res, 502, 'application/json', '{"error":"the broker answer was too large"}');
    const type = response.headers['content-type'];
    answer(res, response.statusCode, typeof type === 'string' ? type : 'application/json', read.bytes);
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://mirror').pathname;
    const planned = req.method === 'GET' ? documents.get(path) : undefined;
    if (planned !== undefined) return answer(res, 200, 'application/hal+json;charset=utf-8', planned);
    forward(req, res).catch(() => answer(res, 502, 'application/json', '{"error":"the broker could not be reached"}'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    urlOf: (brokerUrl) => `${base}${new URL(brokerUrl).pathname}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await agent.destroy();
    },
  };
}
