import { describe, expect, it } from 'vitest';
import { catalogOf, FIXTURE_STATES } from '../../src/catalog/index.ts';
import { buildScenarios, type ScenarioContext } from '../../src/scenarios/index.ts';
import { drawMalformedBodies } from '../../src/scenarios/malformed-scenarios.ts';

const holders = Object.fromEntries(FIXTURE_STATES.map((s, i) => [s.name, { certIdOtp: `cert-${i}`, deviceCode: `dev-${i}` }]));
const ctx = (over: Partial<ScenarioContext> = {}): ScenarioContext => ({
  fixtures: { holders }, clientCertificate: true, seed: 7, malformedRuns: 5, ...over,
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

  const onlySuccess = { holders: { smsActive: holders['smsActive']!, emailActive: holders['emailActive']! } };
  it('with only success holders, no request that is wrong on purpose carries their ids (a target ignoring the fault could deliver)', () => {
    const ids = Object.values(onlySuccess.holders).flatMap((h) => [h.certIdOtp, h.deviceCode]);
    const wrongOnPurpose = buildScenarios(ctx({ fixtures: onlySuccess })).filter((s) => !s.name.startsWith('fixture:'));
    const carrying = wrongOnPurpose.filter((s) => ids.some((id) => JSON.stringify(s.request.body ?? null).includes(JSON.stringify(id))));
    expect(carrying.map((s) => s.name)).toEqual([]);
    expect(wrongOnPurpose.find((s) => s.name === 'wrongDeviceCode')?.skip).toMatch(/error state/);
  });

  it('wrong credentials use a user name that cannot exist and a random password, never the configured user', () => {
    const [a, b] = [buildScenarios(ctx()), buildScenarios(ctx())].map((all) => all.find((s) => s.name === 'wrongCredentials')?.overrides?.credentials);
    expect(a?.username).toMatch(/^lean-conformance-no-such-user-[0-9a-f]{24}$/);
    expect(a?.password).not.toBe(b?.password);
  });

  it('fixture ids in a request map to placeholders naming their state, for reproducers', () => {
    const sms = buildScenarios(ctx()).find((s) => s.name === 'fixture:smsActive');
    expect(sms?.placeholders).toEqual({ [holders['smsActive']!.certIdOtp]: '${fixture.smsActive.certIdOtp}', [holders['smsActive']!.deviceCode]: '${fixture.smsActive.deviceCode}' });
    const wrongDevice = buildScenarios(ctx()).find((s) => s.name === 'wrongDeviceCode');
    expect(Object.values(wrongDevice?.placeholders ?? {})).toEqual(['${fixture.deviceNotActive.certIdOtp}']);
  });

  it('malformed bodies are reproducible from the seed and cover every kind', () => {
    expect(drawMalformedBodies(42, 10)).toEqual(drawMalformedBodies(42, 10));
    expect(drawMalformedBodies(42, 10)).not.toEqual(drawMalformedBodies(43, 10));
    expect(new Set(drawMalformedBodies(1, 0).map((b) => b.kind))).toEqual(
      new Set(['not-json', 'not-object', 'wrong-types', 'oversized', 'unknown-fields', 'wrong-content-type', 'empty-body']),
    );
  });
});
