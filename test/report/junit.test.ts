import { describe, expect, it } from 'vitest';
import { OPERATION_IDS } from '../../src/catalog/index.ts';
import { renderJunit } from '../../src/report/junit.ts';
import type { ConformanceReport } from '../../src/results/model.ts';
import { fullSample, normalise, passingSample, SampleReport } from './sample-report.ts';
import { childrenNamed, parseXml, type XmlNode } from './tiny-xml.ts';

const cases = (root: XmlNode): XmlNode[] => childrenNamed(root, 'testsuite').flatMap((s) => childrenNamed(s, 'testcase'));
const caseOf = (root: XmlNode, classname: string, name: string): XmlNode => {
  const found = cases(root).find((c) => c.attributes.classname === classname && c.attributes.name === name);
  if (!found) throw new Error(`no testcase ${classname} ${name}`);
  return found;
};
const properties = (node: XmlNode): Record<string, string> => Object.fromEntries(
  childrenNamed(node, 'properties').flatMap((p) => childrenNamed(p, 'property'))
    .map((p) => [p.attributes.name ?? '', p.attributes.value ?? p.text]),
);

describe('junit.xml', () => {
  const samples: [string, ConformanceReport][] = [
    ['failing run', fullSample().build()],
    ['passing run', passingSample().build()],
  ];

  it.each(samples)('%s: well-formed, one suite per operation and one case per result, one per missing required code', (_name, report) => {
    const root = parseXml(renderJunit(report));
    const missing = Object.entries(report.requiredCodesMissing ?? {}).flatMap(([op, codes]) => codes.map((c) => [op, `required code ${c}`]));
    expect(root.name).toBe('testsuites');
    expect(childrenNamed(root, 'testsuite').map((s) => s.attributes.name))
      .toEqual(['sendOtp', 'sendOtpDisposable', ...(missing.length ? ['required codes'] : [])]);
    expect(cases(root).map((c) => [c.attributes.classname, c.attributes.name]))
      .toEqual([...OPERATION_IDS.flatMap((op) => report.results.filter((r) => r.operation === op).map((r) => [op, r.scenario])), ...missing]);
    expect(Number(root.attributes.tests)).toBe(report.results.length + missing.length);
    expect(Number(root.attributes.failures)).toBe(report.summary.failed + missing.length);
    expect(Number(root.attributes.skipped)).toBe(report.summary.skipped);
  });

  it('a required code left unasserted is a failing case, so CI tabs never show green (issue 9 §6)', () => {
    const report = passingSample().extend({ exitCode: 1, requiredCodesMissing: { sendOtp: [66], sendOtpDisposable: [] } }).build();
    const root = parseXml(renderJunit(report));
    expect(Number(root.attributes.failures)).toBe(1);
    const [failure] = childrenNamed(caseOf(root, 'sendOtp', 'required code 66'), 'failure');
    expect(failure?.attributes).toMatchObject({ type: 'required-code', message: 'LEAN_REQUIRE_CODES: code 66 was not asserted on sendOtp' });
  });

  type Want = { failure?: RegExp; skipped?: string; systemOut?: RegExp; verdict: string };
  const perVerdict: [string, { scenario: string; want: Want }][] = [
    ['pass: a bare case', { scenario: 'fixture:smsActive', want: { verdict: 'pass' } }],
    ['fail: a failure with every failed check', {
      scenario: 'fixture:deviceNotActive',
      want: { verdict: 'fail', failure: /^\[expected-code\] wrong code: Received: code 99\n {2}Documented: code 66.*\n\[provider-fault\]/ },
    }],
    ['skip: skipped with the reason as its message', {
      scenario: 'fixture:emailActive', want: { verdict: 'skip', skipped: 'LEAN_MAX_SENDS budget exhausted' },
    }],
    ['known: passing, the reason in system-out', {
      scenario: 'fixture:lraNotAuthorizedForOtpType',
      want: { verdict: 'known', systemOut: /^known divergence: LEAN-17: .*\n\[expected-code\] wrong code/ },
    }],
  ];
  it.each(perVerdict)('%s', (_name, { scenario, want }) => {
    const testCase = caseOf(parseXml(renderJunit(fullSample().build())), 'sendOtp', scenario);
    expect(properties(testCase).verdict).toBe(want.verdict);
    const [failure] = childrenNamed(testCase, 'failure');
    const [skipped] = childrenNamed(testCase, 'skipped');
    const [systemOut] = childrenNamed(testCase, 'system-out');
    if (want.failure) {
      expect(failure?.text).toMatch(want.failure);
      expect(failure?.attributes.type).toBe('expected-code,provider-fault');
      expect(failure?.attributes.message).toBe('[expected-code] wrong code: Received: code 99');
    } else expect(failure).toBeUndefined();
    if (want.skipped) {
      expect(skipped?.attributes.message).toBe(want.skipped);
      expect(properties(testCase).reason).toBe(want.skipped);
    } else expect(skipped).toBeUndefined();
    if (want.systemOut) expect(systemOut?.text).toMatch(want.systemOut);
    else expect(systemOut).toBeUndefined();
  });

  it("uses the report's durations, in seconds, never the wall clock", () => {
    const report = new SampleReport().add({
      operation: 'sendOtp', scenario: 's', expected: { status: 200, code: null }, verdict: 'pass', reason: null,
      observed: { status: 200, code: null, bodyBytes: 0, transportError: null }, durationMs: 1500,
    }).build();
    const root = parseXml(renderJunit(report));
    const [suite] = childrenNamed(root, 'testsuite');
    expect(suite?.attributes.timestamp).toBe(report.startedAt);
    expect(suite?.attributes.time).toBe('1.5');
    expect(cases(root)[0]?.attributes.time).toBe('1.5');
    expect(renderJunit(report)).toBe(renderJunit(report));
  });

  it('an operation without results is a failing case, never an empty green suite', () => {
    const root = parseXml(renderJunit(new SampleReport().pass('sendOtp', 'x', { status: 500, code: 2 }).build()));
    const placeholder = caseOf(root, 'sendOtpDisposable', '(no results)');
    expect(childrenNamed(placeholder, 'failure')[0]?.attributes.message).toMatch(/No scenario result/);
  });

  it('hostile text (markup, CDATA terminators, control characters) stays inside its element', () => {
    const hostile = 'got <failure/> ]]> & "quotes" ]]><x>\u0007';
    const report = new SampleReport()
      .fail('sendOtp', `scenario <${hostile}>`, [{ check: 'status', title: 'wrong status', message: hostile }])
      .skip('sendOtpDisposable', 'skipped', hostile)
      .build();
    const root = parseXml(renderJunit(report));
    const [failing] = cases(root);
    expect(failing?.attributes.name).toBe(`scenario <got <failure/> ]]> & "quotes" ]]><x>>`);
    expect(childrenNamed(failing!, 'failure')).toHaveLength(1);
    expect(childrenNamed(failing!, 'failure')[0]?.text).toBe('[status] wrong status: got <failure/> ]] > & "quotes" ]] ><x>');
    expect(childrenNamed(cases(root)[1]!, 'skipped')[0]?.attributes.message).toBe('got <failure/> ]]> & "quotes" ]]><x>');
  });

  it('matches the snapshot, durations and timestamps normalised', () => {
    expect(normalise(renderJunit(fullSample().build()))).toMatchSnapshot();
  });
});
