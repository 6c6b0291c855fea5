// SIGINT or SIGTERM during a broker step stops the `pact` CLI it started: no process of the command outlives it.
// The broker here answers the index and then never answers the publish; the signal fires once that request is in.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { memoryIo } from '../../src/cli/io.ts';
import { startHangingBroker, type HangingBroker } from '../../test/support/hanging-broker.ts';
import { main as publish } from '../cli/publish.ts';

describe('pact:publish interrupted while the broker is slow', () => {
  let broker: HangingBroker | undefined;
  afterAll(async () => {
    await broker?.server.close();
  });

  it('stops the pact CLI at the signal and ends with a non-zero exit', async () => {
    const controller = new AbortController();
    broker = await startHangingBroker(() => controller.abort('SIGTERM'));
    const io = memoryIo({ cwd: mkdtempSync(join(tmpdir(), 'lean-publish-int-')), signal: controller.signal });
    const started = performance.now();
    const code = await publish([], { PACT_BROKER_BASE_URL: broker.server.url, PACT_CONSUMER_VERSION: 'c1', PACT_BROKER_HTTP_RETRIES: '0' }, io);
    await vi.waitFor(() => expect(broker!.connectionClosed).toBe(true), { timeout: 20_000 });
    expect(controller.signal.aborted).toBe(true);
    expect(code).not.toBe(0);
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
