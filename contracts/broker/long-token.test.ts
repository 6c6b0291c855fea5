// A 4,000-character PACT_BROKER_TOKEN (an OAuth access token with group claims is that long) on the broker
// commands: the redactor of their output used to overflow, and an uncaught stack trace printed the token's hex and
// base64 forms. Now the command runs against the broker, says its result in one line, and shows no part of it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.ts';
import { main as canIDeploy } from '../cli/can-i-deploy.ts';
import { startHalBroker, type RunningHalBroker } from './hal-broker.ts';

const TOKEN = Array.from({ length: 4_000 }, (_, i) => 'eyJhbGciOiJSUzI1NiIs-_x9'[i % 24]).join('');

describe('a 4,000-character broker token', () => {
  let broker: RunningHalBroker;
  beforeAll(async () => {
    broker = await startHalBroker({ auth: { token: TOKEN } });
  });
  afterAll(() => broker?.close());

  it('pact:can-i-deploy talks to the broker and shows no part of the token in any form', async () => {
    const io = memoryIo({ cwd: mkdtempSync(join(tmpdir(), 'lean-long-token-')) });
    const code = await canIDeploy([], {
      PACT_BROKER_BASE_URL: broker.url, PACT_BROKER_TOKEN: TOKEN, PACT_DO_NOT_TRACK: 'true',
      PACT_PACTICIPANT: 'lean-otp-client', PACT_PACTICIPANT_VERSION: 'c1', PACT_ENVIRONMENT: 'test',
    }, io);
    const output = io.stdout() + io.stderr();
    expect([0, 1]).toContain(code);
    expect(output).toMatch(/^pact:can-i-deploy: .*: (ok|exit \d+)$/m);
    expect(output.length).toBeLessThan(20_000);
    for (const form of [TOKEN, Buffer.from(TOKEN).toString('base64'), Buffer.from(TOKEN).toString('hex')]) {
      for (let at = 0; at + 16 <= form.length; at += 101) expect(output).not.toContain(form.slice(at, at + 16));
    }
    // The CLI's own words came through the redactor: it ran, and said so.
    expect(output).toContain('Computer says yes');
    expect(broker.unhandled()).toEqual([]);
  }, 60_000);
});
