import http from 'node:http';
const mode = process.argv[2];
const body = JSON.stringify({ code: 66, message: 'The OTP was not sent: the device is not active.' });
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (mode === 'endbody') { res.writeHead(500, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }); res.end(body); }
    else if (mode === 'writeend') { res.writeHead(500, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }); res.write(body); res.end(); }
    else if (mode === 'endempty') { res.writeHead(200, {}); res.end(''); }
    else { res.writeHead(200, { 'content-length': 0 }); res.end(); }
  });
});
server.listen(0, '127.0.0.1', () => {
  const a = server.address(); const port = typeof a === 'object' && a ? a.port : 0;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
