import { describe, expect, it } from 'vitest';
import { catalogOf, FIXTURE_STATES } from '../../src/catalog/index.ts';
import { buildScenarios, type ScenarioContext } from '../../src/scenarios/index.ts';
import { drawMalformedBodies } from '../../src/scenarios/malformed-scenarios.ts';
import { isScenarioName } from '../../src/scenarios/names.ts';

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

describe('malformed step names do not depend on the seed', () => {
  const names = (seed: number, malformedRuns = 12) =>
    buildScenarios(ctx({ seed, malformedRuns })).map((s) => s.name).filter((n) => n.startsWith('malformed:'));

  it('two runs with any seeds have the same steps, in the same order, with other bodies', () => {
    for (const seed of [0, 1, 7, 20261125, 2 ** 31 - 1]) expect(names(seed)).toEqual(names(42));
    const bodies = (seed: number) => buildScenarios(ctx({ seed, malformedRuns: 12 })).filter((s) => s.kind === 'malformed').map((s) => s.request);
    expect(bodies(1)).not.toEqual(bodies(2));
  });

  it('names each body by its kind and its index within the kind; the fixed body per kind has its own name', () => {
    expect(names(3, 7)).toEqual([
      'malformed:not-json', 'malformed:not-object', 'malformed:wrong-types', 'malformed:oversized', 'malformed:unknown-fields',
      'malformed:wrong-content-type', 'malformed:empty-body',
      'malformed:not-json:1', 'malformed:not-object:1', 'malformed:wrong-types:1', 'malformed:oversized:1',
      'malformed:unknown-fields:1', 'malformed:wrong-content-type:1', 'malformed:not-json:2',
    ]);
  });

  it('a body keeps its name and its content when LEAN_MALFORMED_RUNS grows', () => {
    const small = drawMalformedBodies(9, 6);
    const large = drawMalformedBodies(9, 30);
    for (const body of small) expect(large.find((b) => b.kind === body.kind && b.index === body.index)).toEqual(body);
  });

  it('every name a run can have is a scenario name', () => {
    const all = buildScenarios(ctx({ malformedRuns: 1000 })).map((s) => s.name);
    expect(all.filter((name) => !isScenarioName(name))).toEqual([]);
  });

  const NAMES: [string, { name: string; now: boolean; inEarlierReports: boolean }][] = [
    ['a fixed body', { name: 'malformed:not-json', now: true, inEarlierReports: true }],
    ['a drawn body', { name: 'malformed:wrong-types:12', now: true, inEarlierReports: true }],
    ['the highest index LEAN_MALFORMED_RUNS=1000 gives', { name: 'malformed:not-json:167', now: true, inEarlierReports: true }],
    ['an index no run reaches', { name: 'malformed:not-json:168', now: false, inEarlierReports: false }],
    ['index 0 (the fixed body has no index)', { name: 'malformed:not-json:0', now: false, inEarlierReports: false }],
    ['a drawn empty body (there is only one)', { name: 'malformed:empty-body:1', now: false, inEarlierReports: false }],
    ['an unknown kind', { name: 'malformed:not-xml', now: false, inEarlierReports: false }],
    ["the second release's seed-dependent name", { name: 'malformed:03:not-json', now: false, inEarlierReports: true }],
    ['a static name', { name: 'fixture:otpBlocked', now: true, inEarlierReports: true }],
  ];
  it.each(NAMES)('%s', (_case, { name, now, inEarlierReports }) => {
    expect(isScenarioName(name)).toBe(now);
    expect(isScenarioName(name, { earlierReleases: true })).toBe(inEarlierReports);
  });
});
