import http from 'node:http';
import net from 'node:net';
const server = http.createServer((req, res) => {
  queueMicrotask(() => { const b = [req.readableLength, req.complete, req.readableEnded, (req as unknown as {_readableState: {ended: boolean}})._readableState.ended];
  setImmediate(() => { console.log('micro', b, 'immediate', req.readableLength, req.complete); req.resume(); res.end(); }); });
});
server.listen(0, '127.0.0.1', async () => {
  const a = server.address(); const port = typeof a === 'object' && a ? a.port : 0;
  await fetch(`http://127.0.0.1:${port}/x`, { method: 'POST', body: '{"a":"bcdef"}', headers: { 'content-type': 'application/json' } });
  const s = net.connect(port, '127.0.0.1', () => s.write('POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 13\r\n\r\n{"a":"bcdef"}'));
  s.on('data', () => { s.destroy(); server.close(); });
});
