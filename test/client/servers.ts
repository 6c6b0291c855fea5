// Small misbehaving servers for the client tests. Each listens on 127.0.0.1, port 0, keeps track of its
// sockets so that closing it never waits on a connection a test left hanging, and records what it received.
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
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

async function listen(server: Server, scheme: 'http' | 'https', requests: ReceivedRequest[]): Promise<RunningServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
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
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function withBody(handler: Handler, requests: ReceivedRequest[]) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  };
}

export function startHttp(handler: Handler): Promise<RunningServer> {
  const requests: ReceivedRequest[] = [];
  return listen(createHttpServer(withBody(handler, requests)), 'http', requests);
}

export function startHttps(options: HttpsOptions, handler: Handler): Promise<RunningServer> {
  const requests: ReceivedRequest[] = [];
  return listen(createHttpsServer(options, withBody(handler, requests)), 'https', requests);
}

/** A TCP server that hands each connection to `onConnection`: for answers node:http would refuse to write. */
export function startRaw(onConnection: (socket: Socket) => void): Promise<RunningServer> {
  return listen(createNetServer(onConnection), 'http', []);
}

/** A port that was open a moment ago and is now closed: connecting to it is refused. */
export async function closedPort(): Promise<string> {
  const server = await startRaw(() => undefined);
  await server.close();
  return server.url;
}
