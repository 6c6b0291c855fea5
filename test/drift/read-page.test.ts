import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkUrlAllowed, PageReadError, readPage } from '../../src/drift/read-page.ts';
import { isLoopbackHost } from '../../src/net/loopback.ts';

const PAGES = fileURLToPath(new URL('./pages/', import.meta.url));

describe('which URLs may be fetched', () => {
  const cases: [string, boolean][] = [
    ['https://docs.example.test/page', true],
    ['http://127.0.0.1:8080/page', true],
    ['http://127.10.0.2/page', true],
    ['http://localhost/page', true],
    ['http://[::1]:9/page', true],
    ['http://docs.example.test/page', false],
    ['http://127.0.0.1.example.test/page', false],
    ['ftp://docs.example.test/page', false],
  ];
  it.each(cases)('%s → %s', (url, allowed) => {
    const check = () => checkUrlAllowed(new URL(url));
    if (allowed) expect(check).not.toThrow();
    else expect(check).toThrow(PageReadError);
  });

  it('knows loopback hosts', () => {
    expect(['localhost', '127.0.0.1', '[::1]', '::1'].every(isLoopbackHost)).toBe(true);
    expect(['10.0.0.1', 'example.test', '0.0.0.0'].some(isLoopbackHost)).toBe(false);
  });
});

describe('reading a file', () => {
  it('reads a path and a file URL, with the format from the extension', async () => {
    await expect(readPage(`${PAGES}matching.html`)).resolves.toMatchObject({ formatHint: 'html' });
    const url = pathToFileURL(`${PAGES}matching.md`).href;
    await expect(readPage(url)).resolves.toMatchObject({ source: url, formatHint: 'markdown' });
  });

  const failures: [string, string, RegExp][] = [
    ['a missing file', `${PAGES}absent.md`, /^Cannot read .*absent\.md: no such file\.$/],
    ['a directory', PAGES, /: it is a directory\.$/],
    ['an empty argument', ' ', /^The page argument is empty\.$/],
    ['a malformed URL', 'https://', /not a valid URL/],
  ];
  it.each(failures)('refuses %s in one sentence', async (_name, source, message) => {
    await expect(readPage(source)).rejects.toThrow(message);
  });
});

describe('reading a URL from a loopback server', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      switch (req.url) {
        case '/page.md':
          res.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8' }).end('| Code | Description |\n|-|-|\n| 2 | é |');
          break;
        case '/page':
          res.writeHead(200, { 'content-type': 'text/html' }).end('<table><tr><th>Code</th></tr></table>');
          break;
        case '/moved':
          res.writeHead(302, { location: '/page.md' }).end();
          break;
        case '/away':
          res.writeHead(301, { location: 'http://docs.example.test/page' }).end();
          break;
        case '/loop':
          res.writeHead(307, { location: '/loop' }).end();
          break;
        case '/big':
          res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(2048));
          break;
        case '/hang':
          // Never answers: the reader's deadline must end the wait.
          break;
        default:
          res.writeHead(404).end('not here');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('reads the body with the format from the Content-Type', async () => {
    await expect(readPage(`${base}/page.md`)).resolves.toEqual({
      source: `${base}/page.md`, text: '| Code | Description |\n|-|-|\n| 2 | é |', formatHint: 'markdown',
    });
    await expect(readPage(`${base}/page`)).resolves.toMatchObject({ formatHint: 'html' });
  });

  it('follows a redirect that stays allowed', async () => {
    await expect(readPage(`${base}/moved`)).resolves.toMatchObject({ source: `${base}/moved`, formatHint: 'markdown' });
  });

  const failures: [string, string, RegExp][] = [
    ['a 404', '/nothing', /^Cannot fetch .*\/nothing: the server answered HTTP 404\.$/],
    ['a redirect to plain http elsewhere', '/away', /^Refusing http:\/\/docs\.example\.test\/page: plain http/],
    ['a redirect loop', '/loop', /more than 5 redirects/],
    ['a page over the size cap', '/big', /larger than 1024 bytes/],
    ['a server that never answers', '/hang', /no complete answer within 0\.3 s/],
  ];
  it.each(failures)('refuses %s in one sentence', async (_name, path, message) => {
    await expect(readPage(`${base}${path}`, { maxBytes: 1024, timeoutMs: 300 })).rejects.toThrow(message);
  });

  it('reports a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(readPage(`http://127.0.0.1:${port}/page`)).rejects.toThrow(/^Cannot fetch .*: .*ECONNREFUSED.*\.$/);
  });
});
