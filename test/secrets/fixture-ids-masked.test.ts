// Fixture ids may identify people. A target that quotes them back (a text error page, a body on 200) puts
// them into the failure details that results carry; the session shows them masked there (`ab…yz`), in
// process, so the reports, the terminal and the in-process runner all get the masked form.
import { fixtureIds } from '../../src/fixtures/index.ts';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/index.ts';
import { maskId } from '../../src/secrets/index.ts';
import { startReferenceProvider } from '../../src/sandbox/index.ts';
import type { FixtureFile, ResponseMutator } from '../../src/provider/types.ts';
import { ConformanceSession } from '../../src/runner/session.ts';

describe('fixture ids quoted back by a target', () => {
  it('are masked in every failure message, whole or cut, as `ab…yz`', async () => {
    let fixtures: FixtureFile = { holders: {} };
    const quoteBack: ResponseMutator = (response, request) => {
      const holder = request.state === null ? undefined : fixtures.holders[request.state];
      if (!holder) return response;
      const body = `no such thing: certIdOtp=${holder.certIdOtp} deviceCode=${JSON.stringify(holder.deviceCode)}`;
      return { status: response.status, headers: { 'content-type': 'text/plain' }, body };
    };
    const provider = await startReferenceProvider({ mutate: quoteBack });
    fixtures = provider.fixtures();
    const client = createClient({ baseUrl: provider.url, credentials: provider.credentials, timeoutMs: 2_000, secrets: { ids: fixtureIds(fixtures) } });
    try {
      const session = new ConformanceSession({
        client, target: provider.url, fixtures, credentialsConfigured: true, clientCertificate: false,
        maxSends: Infinity, seed: 1, malformedRuns: 0, baseline: [], requireCodes: [],
      });
      for (const step of session.steps) await session.run(step);
      const messages = session.finish().results.flatMap((r) => (r.failures ?? []).map((f) => f.message)).join('\n');

      const ids = Object.values(fixtures.holders).flatMap((h) => (h ? [h.certIdOtp, h.deviceCode] : []));
      expect(ids.length).toBeGreaterThan(0);
      // No id, nor any 12 characters of one: the client cuts quoted bodies, and a cut id leaves a prefix.
      const windows = ids.flatMap((id) => Array.from({ length: id.length - 11 }, (_, i) => id.slice(i, i + 12)));
      expect(windows.filter((w) => messages.includes(w))).toEqual([]);
      // Quoted back, and shown masked: the bodies did reach the messages, so this is no vacuous pass.
      const certIds = Object.values(fixtures.holders).flatMap((h) => (h ? [h.certIdOtp] : []));
      expect(certIds.filter((id) => messages.includes(`certIdOtp=${maskId(id)}`)).length).toBeGreaterThan(certIds.length / 2);
    } finally {
      await client.close();
      await provider.close();
    }
  });
});
