// The sandbox's outbox carries each message's destination (a holder's mobile number or email address). Its own
// admin API shows them as they are (the holders are made up), but the suite never prints one: a target that
// quotes them back has them masked as `[phone]` and `[email]` in every failure message the reports carry.
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/index.ts';
import { fixtureIds } from '../../src/fixtures/index.ts';
import type { ResponseMutator } from '../../src/provider/types.ts';
import { ConformanceSession } from '../../src/runner/session.ts';
import { EMAIL_MASK, PHONE_MASK } from '../../src/secrets/redactor.ts';
import { startSandbox, type HolderRecord } from '../../src/sandbox/index.ts';

describe('destinations quoted back by a target', () => {
  it('are masked in every failure message, the sandbox-made ones and ones a team gave', async () => {
    let byState = new Map<string, HolderRecord>();
    const quoteBack: ResponseMutator = (response, request) => {
      const holder = request.state === null ? undefined : byState.get(request.state);
      if (!holder) return response;
      const body = `delivered to ${holder.mobile} and ${holder.email}: your code is 123456`;
      return { status: response.status, headers: { 'content-type': 'text/plain' }, body };
    };
    const sandbox = await startSandbox({ mutate: quoteBack });
    await sandbox.admin.addHolder({ state: 'smsActive', mobile: '+393471234567', email: 'mario.rossi@team.example' });
    byState = new Map((await sandbox.admin.holders()).map((h) => [h.state, h]));
    const fixtures = await sandbox.admin.fixtures();
    const client = createClient({ baseUrl: sandbox.url, credentials: sandbox.credentials, timeoutMs: 2_000, secrets: { ids: fixtureIds(fixtures) } });
    try {
      const session = new ConformanceSession({
        client, target: sandbox.url, fixtures, credentialsConfigured: true, clientCertificate: false,
        maxSends: Infinity, seed: 1, malformedRuns: 0, baseline: [], requireCodes: [],
      });
      for (const step of session.steps) await session.run(step);
      const messages = session.finish().results.flatMap((r) => (r.failures ?? []).map((f) => f.message)).join('\n');

      const destinations = [...byState.values()].flatMap((h) => [h.mobile, h.email]);
      expect(destinations).toContain('+393471234567');
      expect(destinations.filter((d) => messages.includes(d) || messages.includes(d.slice(-7)))).toEqual([]);
      // Quoted back and masked: no vacuous pass.
      expect(messages).toContain(`delivered to ${PHONE_MASK} and ${EMAIL_MASK}`);
    } finally {
      await client.close();
      await sandbox.close();
    }
  });
});
