// Provider verification of the committed pact: it passes against the bundled reference provider (over plain
// HTTP and over mutual TLS through the relay), fails against each faulty provider on exactly the interactions
// its fault touches, and reports what a target cannot verify (no fixture, no send budget) without passing it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startReferenceProvider } from '../../src/sandbox/index.ts';
import type { FixtureFile } from '../../src/provider/types.ts';
import type { ReferenceProvider } from '../../src/sandbox/types.ts';
import { contractInteractions } from '../consumer/interactions.ts';
import { PACT_FILE_NAME, PACTS_DIR } from '../shared/names.ts';
import { FAULTS } from './faulty-providers.ts';
import { readPact } from '../shared/pact-file.ts';
import { verifyPacts, type PactSource, type VerifyTarget } from './verify.ts';

const pactFile = join(PACTS_DIR, PACT_FILE_NAME);
const files: PactSource = { kind: 'files', files: [pactFile] };
const descriptions = contractInteractions().map((i) => i.description);

let running: ReferenceProvider[] = [];
afterEach(async () => {
  await Promise.all(running.map((p) => p.close()));
  running = [];
});

async function provider(options: Parameters<typeof startReferenceProvider>[0] = {}): Promise<ReferenceProvider> {
  const started = await startReferenceProvider(options);
  running.push(started);
  return started;
}

function targetOf(p: ReferenceProvider, overrides: Partial<VerifyTarget> = {}): VerifyTarget {
  return { baseUrl: p.url, name: 'reference', credentials: p.credentials, fixtures: p.fixtures(), maxSends: Infinity, timeoutMs: 5_000, ...overrides };
}

describe('verification against the bundled reference provider', () => {
  it('passes every interaction, and each success interaction really sent one OTP', async () => {
    const p = await provider();
    const report = await verifyPacts({ target: targetOf(p), source: files });
    expect(report.failure).toBeUndefined();
    expect(report.status).toBe('passed');
    expect(report.verified.map((v) => v.description).sort()).toEqual([...descriptions].sort());
    expect(report.notVerifiable).toEqual([]);
    expect(p.outbox()).toHaveLength(contractInteractions().filter((i) => i.isSend).length);
  });

  it('passes over mutual TLS, through the relay, with the provider\'s CA and client certificate', async () => {
    const p = await provider({ tls: true });
    const tls = p.tls;
    if (!tls) throw new Error('the provider started without TLS material');
    const report = await verifyPacts({ target: targetOf(p, { tls: { ca: tls.ca, cert: tls.clientCert, key: tls.clientKey } }), source: files });
    expect(report.failure).toBeUndefined();
    expect(report.status).toBe('passed');
  });
});

describe('verification fails against a faulty provider', () => {
  for (const fault of FAULTS) {
    it(`${fault.name}: fails exactly the interactions the fault touches`, async () => {
      const p = await provider({ mutate: fault.mutate });
      const report = await verifyPacts({ target: targetOf(p), source: files });
      expect(report.status).toBe('failed');
      expect(report.failedInteractions.sort()).toEqual(descriptions.filter(fault.fails).sort());
    });
  }

  it('an interaction whose provider state nobody knows fails instead of being verified without setup', async () => {
    const p = await provider();
    const pact = readPact(pactFile);
    const first = pact.interactions.find((i) => i.providerStates?.[0]?.name === 'no holder');
    if (!first) throw new Error('the pact has no "no holder" interaction');
    first.providerStates = [{ name: 'a holder nobody defined' }];
    const file = join(mkdtempSync(join(tmpdir(), 'lean-unknown-state-')), PACT_FILE_NAME);
    writeFileSync(file, JSON.stringify({ ...pact, interactions: [first] }));
    const report = await verifyPacts({ target: targetOf(p), source: { kind: 'files', files: [file] } });
    expect(report.status).toBe('failed');
    expect(report.failedInteractions).toEqual([first.description]);
  });
});

describe('what a target cannot verify is reported, never passed', () => {
  it('leaves out states without a fixture and success interactions beyond LEAN_MAX_SENDS', async () => {
    const p = await provider();
    const all = p.fixtures();
    const fixtures: FixtureFile = { holders: { smsActive: all.holders['smsActive'], deviceNotActive: all.holders['deviceNotActive'] } };
    const report = await verifyPacts({ target: targetOf(p, { fixtures, maxSends: 1 }), source: files });

    expect(report.status).toBe('passed');
    const verified = report.verified.map((v) => v.description);
    const interactions = contractInteractions();
    const wantVerified = interactions.filter((i) => ['no holder', 'deviceNotActive'].includes(i.state)).map((i) => i.description);
    // One send allowed: the first smsActive interaction in the pact is verified, the other is skipped.
    expect(verified.filter((d) => d.includes('(smsActive)'))).toHaveLength(1);
    expect(verified.filter((d) => !d.includes('(smsActive)')).sort()).toEqual(wantVerified.sort());
    expect(report.skippedBudget.map((s) => s.description)).toHaveLength(1);
    expect(report.skippedBudget[0]?.description).toContain('(smsActive)');
    const notVerifiable = report.notVerifiable.map((n) => n.description);
    expect(notVerifiable.sort()).toEqual(
      interactions.filter((i) => !['no holder', 'deviceNotActive', 'smsActive'].includes(i.state)).map((i) => i.description).sort(),
    );
    expect(report.notVerifiable.every((n) => n.reason.includes('no fixture holder'))).toBe(true);
    // The budget held: exactly one OTP went out.
    expect(p.outbox()).toHaveLength(1);
  });

  it('fails when nothing at all could be verified', async () => {
    const p = await provider();
    const pact = readPact(pactFile);
    const onlySends = pact.interactions.filter((i) => i.response.status === 200);
    const file = join(mkdtempSync(join(tmpdir(), 'lean-only-sends-')), PACT_FILE_NAME);
    writeFileSync(file, JSON.stringify({ ...pact, interactions: onlySends }));
    const report = await verifyPacts({ target: targetOf(p, { maxSends: 0 }), source: { kind: 'files', files: [file] } });
    expect(report.status).toBe('failed');
    expect(report.verified).toEqual([]);
    expect(report.skippedBudget).toHaveLength(onlySends.length);
    expect(p.outbox()).toEqual([]);
  });
});
