// Mounts the handler on node:http, or on node:https with mutual TLS, listening on loopback port 0 by default
// and reading the port back. Server timeouts bound every phase no handler code sees (headers, the whole
// request, idle keep-alive, the TLS handshake); close() destroys every socket, hung ones included.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { OPERATION_IDS } from '../catalog/index.ts';
import { createProviderHandler, type HandlerOptions } from './handler.ts';
import { createPki, type Pki } from './pki.ts';
import type { ReferenceProvider, TlsMaterial } from './types.ts';

/** Server-level bounds. The request deadline stays above the body timeout, so the handler answers first. */
export const SERVER_TIMEOUTS = Object.freeze({
  headersTimeoutMs: 10_000,
  /** At least this; raised to bodyTimeoutMs + 5 s when the body timeout is set higher. */
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  handshakeTimeoutMs: 10_000,
  /** How often node checks the two deadlines above (its default, 30 s, would let them overrun by that much). */
  checkIntervalMs: 1_000,
  maxHeaderSize: 16 * 1024,
});

export interface StartOptions extends HandlerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port, read back into `url`. */
  port?: number;
  /** With `tls: true`, serve with this PKI instead of a fresh one (to share a CA with a test). */
  pki?: Pki;
  /** With `tls: true` and no `pki`: serve with these PEMs (kept from an earlier start) instead of a fresh PKI. */
  tlsMaterial?: TlsMaterial;
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export async function startReferenceProvider(options: StartOptions = {}): Promise<ReferenceProvider> {
  const handler = createProviderHandler(options);
  const host = options.host ?? '127.0.0.1';
  // The default user is the first one allowed every operation.
  const main = handler.users.find((u) => OPERATION_IDS.every((op) => u.operations.includes(op))) ?? handler.users[0];
  if (!main) throw new Error('options.users must list at least one user.');
  const pki = options.tls && !options.tlsMaterial ? (options.pki ?? (await createPki())) : undefined;
  const material: TlsMaterial | undefined = !options.tls
    ? undefined
    : pki
      ? { ca: pki.ca.cert, server: pki.server, client: pki.client }
      : options.tlsMaterial;

  const timeouts: http.ServerOptions = {
    headersTimeout: SERVER_TIMEOUTS.headersTimeoutMs,
    requestTimeout: Math.max(SERVER_TIMEOUTS.requestTimeoutMs, handler.limits.bodyTimeoutMs + 5_000),
    keepAliveTimeout: SERVER_TIMEOUTS.keepAliveTimeoutMs,
    connectionsCheckingInterval: SERVER_TIMEOUTS.checkIntervalMs,
    maxHeaderSize: SERVER_TIMEOUTS.maxHeaderSize,
  };
  const server: http.Server = material
    ? https.createServer(
        {
          ...timeouts,
          key: material.server.key,
          cert: material.server.cert,
          ca: [material.ca],
          requestCert: true,
          rejectUnauthorized: true,
          minVersion: 'TLSv1.2',
          handshakeTimeout: SERVER_TIMEOUTS.handshakeTimeoutMs,
        },
        handler.listener,
      )
    : http.createServer(timeouts, handler.listener);
  // Some node versions take keepAliveTimeout only as a property.
  server.keepAliveTimeout = SERVER_TIMEOUTS.keepAliveTimeoutMs;

  // Every raw socket, so close() can destroy those node's own tracking misses (mid-handshake TLS sockets).
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // After listening, a server error (EMFILE on accept, say) must not crash the process that hosts us.
  server.on('error', (error) => console.error(`reference provider: server error: ${String(error)}`));

  const { port } = server.address() as AddressInfo;
  const url = `${material ? 'https' : 'http'}://${urlHost(host)}:${port}`;

  let closing: Promise<void> | undefined;
  const provider: ReferenceProvider = {
    url,
    credentials: { username: main.username, password: main.password },
    onBehalfOf: handler.onBehalfOf[0] ?? '',
    users: [main, ...handler.users.filter((u) => u !== main)],
    limits: handler.limits,
    fixtures: () => handler.store.fixtures(),
    outbox: () => handler.store.outbox(),
    reset() {
      handler.store.reset();
      handler.faults.clear();
      handler.journal.clear();
    },
    admin: handler.admin,
    close() {
      closing ??= new Promise<void>((resolve) => {
        handler.shutdown();
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
  if (pki) provider.pki = pki;
  if (material) provider.tls = { ca: material.ca, clientCert: material.client.cert, clientKey: material.client.key };
  return provider;
}
