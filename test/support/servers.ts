// Small misbehaving servers for the client and hostile-target tests. Each listens on 127.0.0.1, port 0, destroys
// every socket on close (these servers keep connections open on purpose), and records what reached it.
import { createServer as createHttpServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions as HttpsOptions } from 'node:https';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface RunningServer {
  /** `http://127.0.0.1:<port>` (or https). */
  url: string;
  port: number;
  /** HTTP requests read to their end, with their bodies (a raw server records none). */
  requests: ReceivedRequest[];
  /** TCP connections accepted. */
  readonly connections: number;
  /**
   * Requests that reached the server: HTTP requests it parsed, or for a raw server the connections on which the
   * client wrote anything (undici may open a spare connection after an abort and never use it).
   */
  readonly received: number;
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

type Counters = { connections: number; received: number };

async function listen(server: Server, scheme: 'http' | 'https', requests: ReceivedRequest[], counters: Counters): Promise<RunningServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    counters.connections += 1;
    sockets.add(socket);
    // The client hangs up on these servers by design; a reset is expected, not a test failure.
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
  });
  // Handshakes the client aborts show up here; they are expected in these tests.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no port');
  return {
    url: `${scheme}://127.0.0.1:${address.port}`,
    port: address.port,
    requests,
    get connections() { return counters.connections; },
    get received() { return counters.received; },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Reads the whole request body first, so the answer is what the client waits on, not its own upload. */
function withBody(handler: Handler, requests: ReceivedRequest[], counters: Counters) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    counters.received += 1;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  };
}

const newCounters = (): Counters => ({ connections: 0, received: 0 });

export function startHttp(handler: Handler): Promise<RunningServer> {
  const requests: ReceivedRequest[] = [];
  const counters = newCounters();
  return listen(createHttpServer(withBody(handler, requests, counters)), 'http', requests, counters);
}

export function startHttps(options: HttpsOptions, handler: Handler): Promise<RunningServer> {
  const requests: ReceivedRequest[] = [];
  const counters = newCounters();
  return listen(createHttpsServer(options, withBody(handler, requests, counters)), 'https', requests, counters);
}

/** A TCP server that hands each connection to `onConnection`: for answers node:http would refuse to write. */
export function startRaw(onConnection: (socket: Socket) => void): Promise<RunningServer> {
  const counters = newCounters();
  const server = createNetServer((socket) => {
    socket.once('data', () => { counters.received += 1; });
    onConnection(socket);
  });
  return listen(server, 'http', [], counters);
}

/** A port that was open a moment ago and is now closed: connecting to it is refused. */
export async function closedPort(): Promise<string> {
  const server = await startRaw(() => undefined);
  await server.close();
  return server.url;
}
