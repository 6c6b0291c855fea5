// The entry points' exit codes (the first as `npm run pact:*` runs it, a tsx process): pact:verify exits 0 against
// the bundled provider it starts itself, 1 against a provider that breaks the contract, 2 on a configuration
// error; the broker commands exit 2, naming the variable, when the broker is not configured.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startReferenceProvider } from '../../src/sandbox/index.ts';
import type { ReferenceProvider } from '../../src/sandbox/types.ts';
import { FAULTS } from '../provider/faulty-providers.ts';
import type { CliMain } from '../../src/cli/io.ts';
import { runCli, runMain } from '../../test/support/spawn-cli.ts';

const CLI_DIR = dirname(fileURLToPath(import.meta.url));
/**
 * An entry point's main, in-process, with exactly `extra` as its environment and a fresh working directory (no
 * stray .env is read); with `process: true`, the script as `npm run` starts it, for the exit code the shell sees.
 */
async function run(script: string, extra: Record<string, string> = {}, args: string[] = [], process = false): Promise<{ code: number | null; out: string }> {
  if (process) {
    const child = await runCli(join(CLI_DIR, script), extra, args);
    return { code: child.code, out: `${child.stdout}${child.stderr}` };
  }
  const { main } = (await import(join(CLI_DIR, script))) as { main: CliMain };
  const result = await runMain(main, { PACT_DO_NOT_TRACK: 'true', ...extra }, args);
  return { code: result.code, out: `${result.stdout}${result.stderr}` };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

let provider: ReferenceProvider | undefined;
afterEach(async () => {
  await provider?.close();
  provider = undefined;
});

describe('npm run pact:verify', () => {
  it('exits 0 against the bundled reference provider it starts itself (no LEAN_BASE_URL)', async () => {
    const { code, out } = await run('verify.ts', {}, [], true);
    expect(out).toContain('result: passed');
    expect(code).toBe(0);
    // Its output is a pipe here, as in CI: plain text, and no warning from a dependency that no user can act on.
    expect(out).toContain('Verifying a pact between lean-otp-client and lean-disposable');
    expect(out).not.toMatch(/\u001b\[/);
    expect(out).not.toMatch(/DeprecationWarning|util\._extend|--trace-deprecation/);
  });

  it('exits 1 against a provider that breaks the contract, configured like the conformance run', async () => {
    const fault = FAULTS.find((f) => f.name === 'a non-JSON error body');
    if (!fault) throw new Error('fault "a non-JSON error body" is gone');
    provider = await startReferenceProvider({ mutate: fault.mutate });
    const fixtures = join(mkdtempSync(join(tmpdir(), 'lean-fixtures-')), 'fixtures.json');
    writeFileSync(fixtures, JSON.stringify(provider.fixtures()));
    const { code, out } = await run('verify.ts', {
      LEAN_BASE_URL: provider.url,
      LEAN_USERNAME: provider.credentials.username,
      LEAN_PASSWORD: provider.credentials.password,
      LEAN_FIXTURES: fixtures,
      LEAN_MAX_SENDS: '6',
      LEAN_RATE_LIMIT: '1000',
    });
    expect(out).toContain('result: FAILED');
    expect(out).not.toContain(provider.credentials.password);
    expect(code).toBe(1);
  });

  it('exits 2 with one sentence naming the variable on a configuration error, before sending anything', async () => {
    const { code, out } = await run('verify.ts', { LEAN_BASE_URL: `http://127.0.0.1:${await closedPort()}`, LEAN_MAX_SENDS: 'lots' });
    expect(out).toMatch(/LEAN_MAX_SENDS/);
    expect(code).toBe(2);
  });

  it('exits 2 when results should be published but the pacts are not from a broker', async () => {
    const { code, out } = await run('verify.ts', { PACT_PUBLISH_VERIFICATION_RESULTS: 'true', LEAN_BASE_URL: `http://127.0.0.1:${await closedPort()}`, LEAN_MAX_SENDS: '0' });
    expect(out).toMatch(/PACT_PUBLISH_VERIFICATION_RESULTS: .*not from a broker/);
    expect(code).toBe(2);
  });
});

describe('broker commands without a broker configured', () => {
  for (const [script, variable, extra] of [
    ['publish.ts', 'PACT_BROKER_BASE_URL', {}],
    ['can-i-deploy.ts', 'PACT_ENVIRONMENT', { PACT_PACTICIPANT_VERSION: 'v1' }],
    ['record-deployment.ts', 'PACT_BROKER_BASE_URL', { PACT_ENVIRONMENT: 'production', PACT_PACTICIPANT_VERSION: 'v1' }],
  ] as const) {
    it(`${script} exits 2 naming ${variable}`, async () => {
      const { code, out } = await run(script, extra);
      expect(out).toContain(variable);
      expect(code).toBe(2);
    });
  }
});
