// The result model of a conformance run: the shape of `conformance.json` (interface.md) and the input of every
// reporter. Reporters read only this; they never re-run checks or re-read the spec's prose.
import type { OperationId } from '../catalog/index.ts';
import type { TransportErrorClass } from '../client/types.ts';

export type Verdict = 'pass' | 'fail' | 'skip' | 'known';

/** Stable names of the checks; a failed result names the check that failed in `failure.check`. */
export type CheckName =
  | 'empty-200' // success: status 200 and a zero-byte body
  | 'status' // a status other than the one expected (any status other than 200/500, or 200 vs 500)
  | 'error-body' // a 500 whose body is not JSON or not valid against the spec's error schema
  | 'expected-code' // a catalog code other than the one expected ("wrong code")
  | 'provider-fault' // code 6
  | 'uncatalogued-code' // a code outside the operation's catalog
  | 'transport' // no HTTP answer: timeout, tls, refused, reset, dns, other
  | 'stale-fixture' // a fixture holder answered with 62 or 85 where another code was expected
  | 'tls-refused' // a request without the client certificate got an HTTP answer
  | 'parity'; // sendOtpDisposable answered a scenario differently from sendOtp

export interface Failure {
  check: CheckName;
  /** Short, stable title, e.g. "wrong code". */
  title: string;
  /** `Received: … / Documented: …` text, one or two lines, free of secrets. */
  message: string;
}

export interface Expected {
  status: number | null; // null: no HTTP response is expected (TLS refusal)
  code: number | null;
}

export interface Observed {
  status: number | null;
  code: number | null;
  bodyBytes: number | null;
  transportError: TransportErrorClass | null;
}

export interface ScenarioResult {
  operation: OperationId;
  /** e.g. `fixture:deviceNotActive`, `missingFields:empty-object`, `malformed:#3`, `parity:…`. */
  scenario: string;
  expected: Expected;
  observed: Observed | null; // null when skipped before sending
  verdict: Verdict;
  /** Why it failed, was skipped, or is known; null for a plain pass. */
  reason: string | null;
  /** The failures behind a `fail` or `known` verdict (every failed check, not only the first). */
  failures?: Failure[];
  durationMs: number;
}

export type CoverageState = 'asserted' | 'observed' | 'unreached';

export interface BaselineNotice {
  operation: string;
  scenario: string;
  state: 'expired' | 'stale';
  until: string;
  reason: string;
}

export interface ConformanceReport {
  /** The target base URL (never with credentials in it). */
  target: string;
  startedAt: string;
  durationMs: number;
  summary: { passed: number; failed: number; skipped: number; known: number };
  results: ScenarioResult[];
  /** operation → code → state, for every code of the operation's catalog. */
  coverage: Record<string, Record<string, CoverageState>>;
  /** Requests made in success scenarios, whatever their outcome. */
  sends: number;
  /** Extensions of interface.md's shape (documented in the README). */
  seed?: number;
  baseline?: BaselineNotice[];
  /** Codes required by LEAN_REQUIRE_CODES that were left unasserted, per operation. */
  requiredCodesMissing?: Record<string, number[]>;
  /** Checks switched off for this run (LEAN_SKIP_CHECKS). */
  checksOff?: CheckName[];
  exitCode?: 0 | 1;
}
