import { describe, expect, it } from 'vitest';
import { catalogOf, FIXTURE_STATES } from '../../src/catalog/index.ts';
import { buildScenarios, type ScenarioContext } from '../../src/scenarios/index.ts';
import { drawMalformedBodies } from '../../src/scenarios/malformed-scenarios.ts';

const holders = Object.fromEntries(FIXTURE_STATES.map((s, i) => [s.name, { certIdOtp: `cert-${i}`, deviceCode: `dev-${i}` }]));
const ctx = (over: Partial<ScenarioContext> = {}): ScenarioContext => ({
  fixtures: { holders }, credentials: { username: 'u', password: 'p' }, clientCertificate: true, seed: 7, malformedRuns: 5, ...over,
});

describe('scenarios derived from the spec', () => {
  it('every provokable code of the catalog has a scenario that expects it', () => {
    const expected = new Set(buildScenarios(ctx()).map((s) => s.expected.code));
    const provokable = catalogOf('sendOtp').filter((e) => e.provokedBy).map((e) => e.code);
    expect(provokable.filter((code) => !expected.has(code))).toEqual([]);
  });

  it('no scenario expects code 6', () => {
    expect(buildScenarios(ctx()).filter((s) => s.expected.code === 6)).toEqual([]);
  });

  it.each([
    ['no fixture file', { fixtures: null }, ['fixture:smsActive', 'wrongDeviceCode'], /LEAN_FIXTURES/],
    ['a fixture file without that state', { fixtures: { holders: { deviceNotActive: holders['deviceNotActive']! } } }, ['fixture:otpBlocked'], /no holder for state otpBlocked/],
    ['no client certificate', { clientCertificate: false }, ['noClientCertificate'], /LEAN_CLIENT_CERT/],
  ] as const)('skips with a reason when there is %s', (_name, over, names, reason) => {
    const scenarios = buildScenarios(ctx(over as Partial<ScenarioContext>));
    for (const name of names) expect(scenarios.find((s) => s.name === name)?.skip).toMatch(reason);
  });

  it('requests that are wrong on purpose prefer a holder in an error state (never a success holder)', () => {
    const successIds = FIXTURE_STATES.filter((s) => s.outcome === 'sent').map((s) => holders[s.name]!.certIdOtp);
    const wrongOnPurpose = buildScenarios(ctx()).filter((s) => !s.name.startsWith('fixture:'));
    expect(wrongOnPurpose.filter((s) => successIds.includes((s.request.body as { certIdOtp?: string } | undefined)?.certIdOtp ?? ''))).toEqual([]);
  });

  it('malformed bodies are reproducible from the seed and cover every kind', () => {
    expect(drawMalformedBodies(42, 10)).toEqual(drawMalformedBodies(42, 10));
    expect(drawMalformedBodies(42, 10)).not.toEqual(drawMalformedBodies(43, 10));
    expect(new Set(drawMalformedBodies(1, 0).map((b) => b.kind))).toEqual(
      new Set(['not-json', 'not-object', 'wrong-types', 'oversized', 'unknown-fields', 'wrong-content-type', 'empty-body']),
    );
  });
});
