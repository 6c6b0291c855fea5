// Servers that fail below HTTP, or never finish: each call must end, within about its deadline, as exactly one
// outcome. Deadlines are short here so that the whole file stays fast.
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, type ClientOptions, type SendOutcome } from '../../src/client/index.ts';
import { closedPort, startHttp, startHttps, startRaw, type RunningServer } from '../support/servers.ts';
import { createCertificateAuthority } from '../../src/sandbox/pki.ts';

const DEADLINE_MS = 600;
/** How far past the deadline a call may end: timers, teardown and a loaded CI machine. */
const SLACK_MS = 1000;

interface Target {
  url: string;
  server?: RunningServer;
}

function drainThen(socket: Socket, answer: (socket: Socket) => void): void {
  let answered = false;
  socket.on('data', () => {
    if (answered) return;
    answered = true;
    answer(socket);
  });
  socket.on('error', () => undefined);
}

const cases: Array<[string, { given: () => Promise<Target>; options?: Partial<ClientOptions>; want: Partial<SendOutcome> }]> = [
  [
    'a closed port is refused',
    { given: async () => ({ url: await closedPort() }), want: { kind: 'transport-failure', errorClass: 'refused' } },
  ],
  [
    'a server that accepts and never speaks times out',
    {
      given: async () => {
        const server = await startRaw((socket) => socket.on('error', () => undefined));
        return { url: server.url, server };
      },
      want: { kind: 'transport-failure', errorClass: 'timeout' },
    },
  ],
  [
    'headers then silence times out',
    {
      given: async () => {
        const server = await startHttp((_req, res) => {
          res.writeHead(200, { 'content-length': '10' });
          res.flushHeaders();
        });
        return { url: server.url, server };
      },
      want: { kind: 'transport-failure', errorClass: 'timeout' },
    },
  ],
  [
    'a body that trickles below the cap forever times out',
    {
      given: async () => {
        const server = await startHttp((_req, res) => {
          res.writeHead(500);
          const timer = setInterval(() => res.write('x'), 50);
          res.on('close', () => clearInterval(timer));
        });
        return { url: server.url, server };
      },
      want: { kind: 'transport-failure', errorClass: 'timeout' },
    },
  ],
  [
    'a body that never ends stops at the cap',
    {
      given: async () => {
        const server = await startHttp((_req, res) => {
          res.writeHead(200);
          const chunk = Buffer.alloc(4096, 'a');
          const pump = (): void => {
            while (!res.destroyed && res.write(chunk));
            if (!res.destroyed) res.once('drain', pump);
          };
          pump();
        });
        return { url: server.url, server };
      },
      options: { maxBodyBytes: 16 * 1024 },
      want: { kind: 'protocol-violation', violation: 'body-too-large', status: 200, code: null },
    },
  ],
  [
    'a connection destroyed mid-body is a reset',
    {
      given: async () => {
        const server = await startHttp((req, res) => {
          res.writeHead(500, { 'content-length': '100' });
          res.write('{"code":');
          setTimeout(() => req.socket.destroy(), 20);
        });
        return { url: server.url, server };
      },
      want: { kind: 'transport-failure', errorClass: 'reset' },
    },
  ],
  [
    'a connection closed before any answer is a reset',
    {
      given: async () => {
        const server = await startRaw((socket) => drainThen(socket, (s) => s.destroy()));
        return { url: server.url, server };
      },
      want: { kind: 'transport-failure', errorClass: 'reset' },
    },
  ],
  [
    'a response that is not HTTP is some transport failure',
    {
      given: async () => {
        const server = await startRaw((socket) => drainThen(socket, (s) => s.end('SSH-2.0-OpenSSH_9.6\r\n')));
        return { url: server.url, server };
      },
      want: { kind: 'transport-failure' },
    },
  ],
  [
    'a huge header block is some transport failure',
    {
      given: async () => {
        const server = await startRaw((socket) =>
          drainThen(socket, (s) => {
            const filler = Array.from({ length: 2000 }, (_, i) => `X-Filler-${i}: ${'y'.repeat(100)}\r\n`).join('');
            s.end(`HTTP/1.1 200 OK\r\n${filler}Content-Length: 0\r\n\r\n`);
          }));
        return { url: server.url, server };
      },
      want: { kind: 'transport-failure' },
    },
  ],
  [
    'an untrusted server certificate is a TLS failure',
    {
      given: async () => {
        const untrusted = await createCertificateAuthority({ commonName: 'Untrusted CA' });
        const { cert, key } = await untrusted.issueServerCert();
        const server = await startHttps({ cert, key }, (_req, res) => res.end());
        return { url: server.url, server };
      },
      want: { kind: 'transport-failure', errorClass: 'tls' },
    },
  ],
  [
    'a plain-HTTP server behind an https URL is a TLS failure',
    {
      given: async () => {
        const server = await startHttp((_req, res) => res.end());
        return { url: server.url.replace('http:', 'https:'), server };
      },
      want: { kind: 'transport-failure', errorClass: 'tls' },
    },
  ],
];

describe('transport failures', () => {
  const servers: RunningServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it.each(cases)('%s', async (_name, { given, options, want }) => {
    // Arrange
    const target = await given();
    if (target.server) servers.push(target.server);
    const client = createClient({ baseUrl: target.url, timeoutMs: DEADLINE_MS, ...options });
    // Act
    const startedAt = performance.now();
    const outcome = await client.send('sendOtp', { body: { certIdOtp: 'c', deviceCode: 'd' } });
    const tookMs = performance.now() - startedAt;
    await client.close();
    // Assert
    expect(outcome).toMatchObject(want);
    expect(tookMs).toBeLessThan(DEADLINE_MS + SLACK_MS);
    if (outcome.kind === 'transport-failure') {
      expect(outcome.detail).toMatch(/[A-Z_]{4,}/);
      expect(outcome.detail).not.toContain('\n');
    }
  });

  it('a per-call deadline shorter than the client-wide one wins, even while connecting', async () => {
    const server = await startRaw((socket) => socket.on('error', () => undefined));
    servers.push(server);
    const client = createClient({ baseUrl: server.url.replace('http:', 'https:'), timeoutMs: 10_000 });
    const outcome = await client.send('sendOtp', { body: {} }, { timeoutMs: 300 });
    const closing = performance.now();
    await client.close();
    expect(outcome).toMatchObject({ kind: 'transport-failure', errorClass: 'timeout' });
    expect(outcome.durationMs).toBeLessThan(300 + SLACK_MS);
    expect(performance.now() - closing).toBeLessThan(SLACK_MS);
  });

  it('close() waits for calls in flight, then refuses new ones', async () => {
    const server = await startRaw((socket) => socket.on('error', () => undefined));
    servers.push(server);
    const client = createClient({ baseUrl: server.url, timeoutMs: 300 });
    const pending = client.send('sendOtp', { body: {} });
    await client.close();
    await expect(pending).resolves.toMatchObject({ kind: 'transport-failure', errorClass: 'timeout' });
    await expect(client.send('sendOtp', { body: {} })).rejects.toMatchObject({ code: 'LEAN_CLIENT_CLOSED' });
  });
});
