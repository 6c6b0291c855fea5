// SIGINT or SIGTERM during a broker step stops the `pact` CLI it started: no process of the command outlives it.
// The broker here answers the index and then never answers the publish; the signal fires once that request is in.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.ts';
import { startHttp, type RunningServer } from '../../test/support/servers.ts';
import { main as publish } from '../cli/publish.ts';

describe('pact:publish interrupted while the broker is slow', () => {
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.close();
  });

  it('stops the pact CLI at the signal and ends with a non-zero exit', async () => {
    const controller = new AbortController();
    let base = '';
    let hung: (() => void) | undefined;
    const closed = new Promise<void>((resolve) => (hung = resolve));
    server = await startHttp((req, res) => {
      if (req.method === 'GET' && req.url === '/') {
        res.writeHead(200, { 'content-type': 'application/hal+json' }).end(JSON.stringify({ _links: { 'pb:publish-contracts': { href: `${base}/contracts/publish` } } }));
        return;
      }
      // Never answered: the CLI waits here until it is stopped, which closes its connection.
      req.socket.once('close', () => hung?.());
      controller.abort('SIGTERM');
    });
    base = server.url;
    const io = memoryIo({ cwd: mkdtempSync(join(tmpdir(), 'lean-publish-int-')), signal: controller.signal });
    const started = performance.now();
    const code = await publish([], { PACT_BROKER_BASE_URL: base, PACT_CONSUMER_VERSION: 'c1', PACT_BROKER_HTTP_RETRIES: '0' }, io);
    await closed;
    expect(controller.signal.aborted).toBe(true);
    expect(code).not.toBe(0);
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
