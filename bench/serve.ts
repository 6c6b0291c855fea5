// A server for the throughput benchmark, in its own process so it does not share an event loop with the load
// generator: `provider` is the bundled reference provider, `bare` a node:http server answering an empty 200.
import http from 'node:http';
import { startReferenceProvider } from '../src/provider/index.ts';

const kind = process.argv[2];
if (kind === 'provider') {
  const provider = await startReferenceProvider();
  const holder = provider.fixtures().holders['deviceNotActive'];
  process.stdout.write(`${JSON.stringify({ url: provider.url, credentials: provider.credentials, holder })}\n`);
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
  process.stderr.write('usage: serve.ts provider|bare\n');
  process.exit(2);
}
