// A target whose answer never ends must not grow the verification without bound (it used to reach 20+ GiB):
// every body the pact path reads is capped as the conformance client caps it (64 KiB), plain http included,
// and the interaction fails. The server stops by itself after 256 MiB, so a regression fails, not hangs.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BODY_BYTES } from '../../src/client/index.ts';
import { startHttp, type RunningServer } from '../../test/support/servers.ts';
import { NO_HOLDER_STATE, PACT_FILE_NAME, PACTS_DIR } from '../shared/names.ts';
import { readPact } from '../shared/pact-file.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { verifyPacts } from './verify.ts';

const CHUNK = Buffer.alloc(64 * 1024, 'x');
const STOP_AFTER_BYTES = 256 * 1024 * 1024;

describe('a target with an endless response body', () => {
  let server: RunningServer;
  let served = 0;

  beforeAll(async () => {
    server = await startHttp((_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      const more = (): void => {
        while (served < STOP_AFTER_BYTES && !res.destroyed) {
          served += CHUNK.length;
          if (!res.write(CHUNK)) return void res.once('drain', more);
        }
        res.end();
      };
      res.once('close', () => res.destroy());
      more();
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('fails the interaction once the body passes the cap; the relay stops reading', async () => {
    const pact = readPact(join(PACTS_DIR, PACT_FILE_NAME));
    const one = pact.interactions.filter((i) => i.providerStates?.[0]?.name === NO_HOLDER_STATE).slice(0, 1);
    const file = join(mkdtempSync(join(tmpdir(), 'lean-endless-')), PACT_FILE_NAME);
    writeFileSync(file, JSON.stringify({ ...pact, interactions: one }));

    const report = await verifyPacts({
      target: { baseUrl: server.url, name: 'endless', credentials: { username: 'u', password: 'p' }, fixtures: null, maxSends: 0, timeoutMs: 5_000 },
      source: { kind: 'files', files: [file] },
      log: () => {},
    });
    expect(report.status).toBe('failed');
    expect(report.failedInteractions).toEqual(one.map((i) => i.description));
    // What was written before the relay hung up: the cap plus what the sockets buffer, far from the 256 MiB.
    expect(served).toBeGreaterThan(DEFAULT_MAX_BODY_BYTES);
    expect(served).toBeLessThan(16 * 1024 * 1024);
  });
});
