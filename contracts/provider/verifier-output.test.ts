// The Verifier's output, at every log level, goes through the secrets module before it is shown: at debug level
// pact prints requests with their Authorization headers and bodies (fixture ids), and the native core writes to
// its process's stdout itself, so the verification runs it in a child and redacts each line it prints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicToken } from '../../src/net/basic-auth.ts';
import { startReferenceProvider } from '../../src/sandbox/index.ts';
import type { ReferenceProvider } from '../../src/sandbox/types.ts';
import { maskId, REDACTED } from '../../src/secrets/index.ts';
import { PACT_FILE_NAME, PACTS_DIR } from '../shared/names.ts';
import { join } from 'node:path';
import { verifyPacts } from './verify.ts';
import type { PactLogLevel } from '../shared/log-level.ts';

describe('the Verifier\'s output', () => {
  let provider: ReferenceProvider;
  beforeAll(async () => {
    provider = await startReferenceProvider();
  });
  afterAll(async () => {
    await provider?.close();
  });

  const levels: PactLogLevel[] = ['debug', 'warn'];
  for (const logLevel of levels) {
    it(`at ${logLevel} level, is captured and shows no password, Basic token or fixture id`, async () => {
      let output = '';
      const fixtures = provider.fixtures();
      const report = await verifyPacts({
        target: { baseUrl: provider.url, name: 'reference', credentials: provider.credentials, fixtures, maxSends: Infinity, timeoutMs: 5_000 },
        source: { kind: 'files', files: [join(PACTS_DIR, PACT_FILE_NAME)] },
        logLevel,
        log: (text) => void (output += text),
      });
      expect(report.status).toBe('passed');
      // Captured, not written past the filter: the Verifier's own summary is in it.
      expect(output).toContain('Verifying a pact between');
      // Captured text is plain: no ANSI colour code, and no deprecation warning of a dependency (http-proxy's util._extend).
      expect(output).not.toMatch(/\u001b\[/);
      expect(output).not.toMatch(/DeprecationWarning|util\._extend/);
      const { password } = provider.credentials;
      expect(output).not.toContain(password);
      expect(output).not.toContain(basicToken(provider.credentials));
      const ids = Object.values(fixtures.holders).flatMap((h) => (h ? [h.certIdOtp, h.deviceCode] : []));
      for (const id of ids) expect(output).not.toContain(id);
      if (logLevel === 'debug') {
        // The requests are logged at debug: their credentials and holder ids appear, masked.
        expect(output).toContain(REDACTED);
        expect(ids.some((id) => output.includes(maskId(id)))).toBe(true);
      }
    });
  }

  it('keeps the Verifier\'s colours only when asked to (its output goes to a terminal)', async () => {
    let output = '';
    await verifyPacts({
      target: { baseUrl: provider.url, name: 'reference', credentials: provider.credentials, fixtures: provider.fixtures(), maxSends: Infinity, timeoutMs: 5_000 },
      source: { kind: 'files', files: [join(PACTS_DIR, PACT_FILE_NAME)] },
      logLevel: 'warn',
      log: (text) => void (output += text),
      colour: true,
    });
    expect(output).toMatch(/Verifying a pact between \u001b\[1mlean-otp-client\u001b\[0m/);
  });
});
