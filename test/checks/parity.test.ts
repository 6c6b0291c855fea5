import { describe, expect, it } from 'vitest';
import { judgeParity, type ParitySide } from '../../src/checks/index.ts';
import type { Expected, Failure, Observed } from '../../src/results/model.ts';
import type { ScenarioKind } from '../../src/scenarios/index.ts';

const http = (status: number, code: number | null, bodyBytes = 0): Observed => ({ status, code, bodyBytes, transportError: null });
const none = (cls: 'timeout' | 'reset'): Observed => ({ status: null, code: null, bodyBytes: null, transportError: cls });
const fails = (...checks: Failure['check'][]): Failure[] => checks.map((check) => ({ check, title: check, message: '' }));
const side = (operation: string, observed: Observed, failures: Failure[] = []): ParitySide => ({ operation, observed, failures });
const std = (observed: Observed, failures: Failure[] = []) => side('sendOtp', observed, failures);
const twin = (observed: Observed, failures: Failure[] = []) => side('sendOtpDisposable', observed, failures);

const error = (code: number) => ({ kind: 'error' as ScenarioKind, expected: { status: 500, code } as Expected });
const MALFORMED = { kind: 'malformed' as ScenarioKind, expected: { status: 500, code: null } };
const SUCCESS = { kind: 'success' as ScenarioKind, expected: { status: 200, code: null } };
const TLS = { kind: 'tls-refusal' as ScenarioKind, expected: { status: null, code: null } };

describe('parity: alike answers are no failure', () => {
  const ALIKE: [string, { a: Observed; b: Observed }][] = [
    ['the same code', { a: http(500, 66), b: http(500, 66) }],
    ['both empty 200s', { a: http(200, null), b: http(200, null) }],
    ['the same transport failure', { a: none('timeout'), b: none('timeout') }],
  ];
  it.each(ALIKE)('%s', (_name, { a, b }) => {
    expect(judgeParity(std(a), twin(b), error(66))).toEqual({});
  });
});

interface Case {
  scenario: { kind: ScenarioKind; expected: Expected };
  reference: ParitySide;
  twin: ParitySide;
  /** Which side gets the parity failure, and its `Documented:` line. */
  lands: 'reference' | 'twin';
  received: string;
  documented: string;
}

// Each side's failures are what its own checks gave for that answer (run-checks), as the session passes them.
const CASES: [string, Case][] = [
  ['the twin answers a fault with code 6, sendOtp as documented: the twin fails', {
    scenario: error(11002), reference: std(http(500, 11002)), twin: twin(http(500, 6), fails('provider-fault')),
    lands: 'twin', received: 'HTTP 500 with code 6 from sendOtpDisposable',
    documented: 'the same answer as sendOtp, which gave HTTP 500 with code 11002, as the spec documents for this scenario',
  }],
  ['sendOtp answers 401, the twin as documented: sendOtp fails, the twin passes', {
    scenario: error(11002), reference: std(http(401, null), fails('status')), twin: twin(http(500, 11002)),
    lands: 'reference', received: 'HTTP 401 from sendOtp',
    documented: 'HTTP 500 with code 11002, which sendOtpDisposable answered (HTTP 500 with code 11002); sendOtp is the side that differs from the spec',
  }],
  ['malformed input: sendOtp 500/6, the twin 500/2 (the issue\'s first case)', {
    scenario: MALFORMED, reference: std(http(500, 6), fails('provider-fault')), twin: twin(http(500, 2)),
    lands: 'reference', received: 'HTTP 500 with code 6 from sendOtp',
    documented: 'HTTP 500 with a catalog code other than 6, which sendOtpDisposable answered (HTTP 500 with code 2); sendOtp is the side that differs from the spec',
  }],
  ['a body on sendOtp\'s 200, code 6 on the twin (the issue\'s second case): neither is documented', {
    scenario: SUCCESS, reference: std(http(200, null, 15), fails('empty-200')), twin: twin(http(500, 6), fails('status', 'provider-fault')),
    lands: 'twin', received: 'HTTP 500 with code 6 from sendOtpDisposable',
    documented: 'the same answer as sendOtp, which gave HTTP 200 with a body of 15 bytes. Neither answer is the documented one ' +
      '(HTTP 200 with an empty body (zero bytes)): each fails on its own checks (sendOtp: empty-200; sendOtpDisposable: status, provider-fault)',
  }],
  ['two wrong codes', {
    scenario: error(66), reference: std(http(500, 2), fails('expected-code')), twin: twin(http(500, 6), fails('provider-fault')),
    lands: 'twin', received: 'HTTP 500 with code 6 from sendOtpDisposable',
    documented: 'the same answer as sendOtp, which gave HTTP 500 with code 2. Neither answer is the documented one ' +
      '(HTTP 500 with code 66): each fails on its own checks (sendOtp: expected-code; sendOtpDisposable: provider-fault)',
  }],
  ['malformed input, two different catalog codes: both documented, still not alike', {
    scenario: MALFORMED, reference: std(http(500, 2)), twin: twin(http(500, 62)),
    lands: 'twin', received: 'HTTP 500 with code 62 from sendOtpDisposable',
    documented: 'the same answer as sendOtp, which gave HTTP 500 with code 2. Both answers pass this step\'s checks ' +
      '(HTTP 500 with a catalog code other than 6), but the two operations must answer alike',
  }],
  ['a TLS refusal expected, the twin answered', {
    scenario: TLS, reference: std(none('reset')), twin: twin(http(500, 2), fails('tls-refused')),
    lands: 'twin', received: 'HTTP 500 with code 2 from sendOtpDisposable',
    documented: 'the same answer as sendOtp, which gave no HTTP answer (reset), as the spec documents for this scenario',
  }],
  ['a transport failure on sendOtp only', {
    scenario: error(66), reference: std(none('timeout'), fails('transport')), twin: twin(http(500, 66)),
    lands: 'reference', received: 'no HTTP answer (timeout) from sendOtp',
    documented: 'HTTP 500 with code 66, which sendOtpDisposable answered (HTTP 500 with code 66); sendOtp is the side that differs from the spec',
  }],
];

describe('with checks switched off, a side that passed the others is not called documented', () => {
  it('the twin wrong: the reference answer passes the checks in effect', () => {
    const judgement = judgeParity(std(http(200, null, 13)), twin(http(500, 6), fails('status', 'provider-fault')), SUCCESS, ['empty-200']);
    expect(judgement.twin?.message).toBe('Received: HTTP 500 with code 6 from sendOtpDisposable\nDocumented: the same answer as ' +
      "sendOtp, which gave HTTP 200 with a body of 13 bytes, an answer that passes this step's checks (LEAN_SKIP_CHECKS switched off empty-200)");
  });
  it('the reference wrong: the twin answer passes the checks in effect', () => {
    const judgement = judgeParity(std(http(500, 6), fails('provider-fault')), twin(http(200, null, 13)), SUCCESS, ['empty-200']);
    expect(judgement.reference?.message).toBe('Received: HTTP 500 with code 6 from sendOtp\nDocumented: HTTP 200 with an empty ' +
      "body (zero bytes); sendOtpDisposable answered HTTP 200 with a body of 13 bytes, an answer that passes this step's checks " +
      '(LEAN_SKIP_CHECKS switched off empty-200); sendOtp is the side that differs from the spec');
  });
});

describe('parity lands on the side the spec does not document', () => {
  it.each(CASES)('%s', (_name, { scenario, reference, twin: other, lands, received, documented }) => {
    const judgement = judgeParity(reference, other, scenario);

    expect(Object.keys(judgement)).toEqual([lands]);
    const failure = judgement[lands]!;
    expect(failure.check).toBe('parity');
    expect(failure.title).toBe(`answers differently from ${lands === 'twin' ? reference.operation : other.operation}`);
    expect(failure.message).toBe(`Received: ${received}\nDocumented: ${documented}`);
  });

  it.each(CASES)('never calls a side documented that failed a check of its own: %s', (_name, { scenario, reference, twin: other }) => {
    const judgement = judgeParity(reference, other, scenario);
    const text = `${judgement.reference?.message ?? ''}${judgement.twin?.message ?? ''}`;
    for (const s of [reference, other]) {
      if (s.failures.length === 0) continue;
      expect(text).not.toMatch(new RegExp(`which ${s.operation} answered|as ${s.operation} does`));
      expect(text).not.toMatch(new RegExp(`the same answer as ${s.operation}, which gave [^.]*, as the spec documents`));
    }
  });
});
