// A server for the throughput benchmark, in its own process so it does not share an event loop with the load
// generator: `provider` is the bundled reference provider, `bare` a node:http server answering an empty 200.
// The provider prints two holders: one whose request is a send (the 200 path, the same answer as the bare
// server's) and one whose request is answered 500 with a code (the error path).
import http from 'node:http';
import { createInterface } from 'node:readline';
import { startReferenceProvider } from '../src/sandbox/index.ts';

const kind = process.argv[2];
if (kind === 'provider' || kind === 'provider-no-journal') {
  // The request journal is on by default; `provider-no-journal` measures what it costs.
  const provider = await startReferenceProvider({ journal: kind === 'provider' });
  const { holders } = provider.fixtures();
  const info = { url: provider.url, credentials: provider.credentials, holders: { sent: holders['smsActive'], error: holders['deviceNotActive'] } };
  process.stdout.write(`${JSON.stringify(info)}\n`);
} else if (kind === 'bare') {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => { res.writeHead(200, { 'content-length': 0 }); res.end(); });
  });
  server.keepAliveTimeout = 5_000;
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
  });
} else {
  process.stderr.write('usage: serve.ts provider|provider-no-journal|bare\n');
  process.exit(2);
}

// `cpu` on stdin answers with the CPU time (user + system, µs) this process has used, so the bench can charge
// each server its own cost per request.
// `memory` answers with the RSS and, after a full collection when node runs with --expose-gc, the heap in use (bytes).
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'memory') {
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    process.stdout.write(`${JSON.stringify({ rss, heapUsed })}\n`);
    return;
  }
  if (line.trim() !== 'cpu') return;
  const { user, system } = process.cpuUsage();
  process.stdout.write(`${user + system}\n`);
});
