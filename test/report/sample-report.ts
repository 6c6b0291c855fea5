// A small builder of `ConformanceReport`s for the reporter tests: results are added one by one and the
// summary is counted from them, so every sample is internally consistent unless a test says otherwise.
import { catalogOf, OPERATION_IDS, type OperationId } from '../../src/catalog/index.ts';
import type {
  BaselineNotice, ConformanceReport, CoverageState, Failure, RequestRecord, ScenarioResult,
} from '../../src/results/model.ts';

/** A request record as the runner writes it for a fixture scenario: ids as placeholders, secrets as variables. */
export function fixtureRequest(state: string, operation: OperationId = 'sendOtp'): RequestRecord {
  const body = JSON.stringify({ certIdOtp: `\${fixture.${state}.certIdOtp}`, deviceCode: `\${fixture.${state}.deviceCode}` });
  return {
    method: 'POST', path: `/${operation}`, contentType: 'application/json', body, bodyBytes: Buffer.byteLength(body),
    credentials: 'configured', onBehalfOf: 'none', clientCertificate: true, caCertificate: true,
  };
}

export const SECRET = 'S3cr3t-Pa55';
export const USERNAME = 'lra-operator';

const STATES: readonly CoverageState[] = ['asserted', 'observed', 'unreached'];

export class SampleReport {
  private readonly results: ScenarioResult[] = [];
  private readonly extensions: Partial<ConformanceReport> = {};
  private target = 'https://lean.example.test/api';

  withTarget(target: string): this {
    this.target = target;
    return this;
  }

  pass(operation: OperationId, scenario: string, expected: { status: number; code: number | null }): this {
    return this.add({
      operation, scenario, expected, verdict: 'pass', reason: null,
      observed: { status: expected.status, code: expected.code, bodyBytes: expected.code === null ? 0 : 40, transportError: null },
    });
  }

  fail(operation: OperationId, scenario: string, failures: Failure[], observed?: ScenarioResult['observed'],
    expected: ScenarioResult['expected'] = { status: 500, code: 66 }): this {
    const state = scenario.startsWith('fixture:') ? scenario.slice('fixture:'.length) : null;
    return this.add({
      operation, scenario, expected, verdict: 'fail', reason: failures[0]?.title ?? null,
      observed: observed ?? { status: 500, code: 6, bodyBytes: 38, transportError: null }, failures,
      ...(state ? { request: fixtureRequest(state, operation) } : {}),
    });
  }

  skip(operation: OperationId, scenario: string, reason: string): this {
    return this.add({ operation, scenario, expected: { status: 200, code: null }, observed: null, verdict: 'skip', reason });
  }

  known(operation: OperationId, scenario: string, reason: string, failures: Failure[] = []): this {
    return this.add({
      operation, scenario, expected: { status: 500, code: 241 }, verdict: 'known', reason,
      observed: { status: 500, code: 11002, bodyBytes: 52, transportError: null }, failures,
    });
  }

  add(result: Omit<ScenarioResult, 'durationMs'> & { durationMs?: number }): this {
    this.results.push({ ...result, durationMs: result.durationMs ?? 10 + this.results.length });
    return this;
  }

  extend(extensions: Partial<ConformanceReport>): this {
    Object.assign(this.extensions, extensions);
    return this;
  }

  build(): ConformanceReport {
    const count = (v: ScenarioResult['verdict']): number => this.results.filter((r) => r.verdict === v).length;
    // Every code of both catalogs, cycling through the three states so the matrix shows each symbol.
    const coverage = Object.fromEntries(OPERATION_IDS.map((op, shift) => [
      op,
      Object.fromEntries(catalogOf(op).map((e, i) => [String(e.code), STATES[(i + shift) % STATES.length]!])),
    ]));
    // Code 6 is never asserted: observed where a result saw it, else unreached, as the runner's coverage says.
    for (const op of OPERATION_IDS) {
      coverage[op]!['6'] = this.results.some((r) => r.operation === op && r.observed?.code === 6) ? 'observed' : 'unreached';
    }
    return {
      target: this.target,
      startedAt: '2025-01-02T03:04:05.678Z',
      durationMs: 1234,
      summary: { passed: count('pass'), failed: count('fail'), skipped: count('skip'), known: count('known') },
      results: [...this.results],
      coverage,
      sends: 3,
      // The catalog as the spec said at run time: reporters read meanings from here, never from today's spec.
      catalog: Object.fromEntries(OPERATION_IDS.map((op) => [op, catalogOf(op).map((e) => ({ code: e.code, meaning: e.meaning }))])),
      ...this.extensions,
    };
  }
}

const wrongCode: Failure = {
  check: 'expected-code', title: 'wrong code', message: 'Received: code 99\nDocumented: code 66 (device OTP not active)',
};
const providerFault: Failure = { check: 'provider-fault', title: 'provider fault', message: 'Received: code 6' };
const parity: Failure = {
  check: 'parity', title: 'parity', message: 'Received: 500, code 71 from sendOtpDisposable\nDocumented: as sendOtp, 500, code 66',
};

export const EXPIRED: BaselineNotice = {
  operation: 'sendOtpDisposable', scenario: 'fixture:otpBlocked', state: 'expired', until: '2024-12-31',
  reason: 'ticket LEAN-42 fixed in 4.2',
};
export const STALE: BaselineNotice = {
  operation: 'sendOtp', scenario: 'fixture:noEmailTemplate', state: 'stale', until: '2026-06-30',
  reason: 'template rollout pending',
};

/** Every verdict, several failures in one result, skips sharing reasons, known divergences and notices. */
export function fullSample(): SampleReport {
  const b = new SampleReport();
  for (const op of OPERATION_IDS) {
    b.pass(op, 'fixture:smsActive', { status: 200, code: null })
      .pass(op, 'missingFields:empty-object', { status: 500, code: 2 })
      .fail(op, 'fixture:deviceNotActive', [wrongCode, providerFault])
      .skip(op, 'fixture:emailActive', 'LEAN_MAX_SENDS budget exhausted')
      .skip(op, 'fixture:whatsappActive', 'LEAN_MAX_SENDS budget exhausted')
      .skip(op, 'wrongDeviceCode', 'no fixture holder for this scenario')
      .known(op, 'fixture:lraNotAuthorizedForOtpType', 'LEAN-17: answers 11002 until the LRA is migrated', [
        { check: 'expected-code', title: 'wrong code', message: 'Received: code 11002\nDocumented: code 241' },
      ]);
  }
  // A parity failure is recorded on the twin's own step, as the runner does.
  b.fail('sendOtpDisposable', 'fixture:deviceDisabled', [parity]);
  b.fail('sendOtp', 'noClientCertificate', [
    { check: 'transport', title: 'transport failure', message: 'Received: no HTTP response (tls)' },
  ], { status: null, code: null, bodyBytes: null, transportError: 'tls' }, { status: null, code: null });
  return b.extend({
    seed: 424242,
    baseline: [EXPIRED, STALE],
    requiredCodesMissing: { sendOtp: [103], sendOtpDisposable: [103, 240] },
    exitCode: 1,
  });
}

/** A clean run: passes and skips only. */
export function passingSample(): SampleReport {
  const b = new SampleReport();
  for (const op of OPERATION_IDS) {
    b.pass(op, 'fixture:smsActive', { status: 200, code: null })
      .pass(op, 'unknownCertIdOtp', { status: 500, code: 62 })
      .skip(op, 'noClientCertificate', 'no client certificate configured');
  }
  return b.extend({ seed: 7, exitCode: 0 });
}

/** Replaces what changes from run to run (durations, timestamps) with placeholders, for snapshots. */
export function normalise(text: string): string {
  return text
    .replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z\b/g, '<timestamp>')
    .replace(/(time=")[\d.]+(")/g, '$1<seconds>$2')
    .replace(/\b\d+(?:\.\d+)? (ms|s)\b/g, '<duration>')
    .replace(/("durationMs": )\d+/g, '$1<ms>');
}
