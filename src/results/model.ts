// The result model of a conformance run: the shape of `conformance.json` (interface.md) and the input of every
// reporter. Reporters read only this; they never re-run checks or re-read the spec's prose.
import type { OperationId } from '../catalog/index.ts';
import type { TransportErrorClass } from '../client/types.ts';
import type { Comparison } from './comparison.ts';
import type { Verdict } from './verdict.ts';

export type {
  ChangeKind, CompareCell, CompareMatrixRow, ComparedRun, Comparison, FlakyStep, RunOutcome, ScenarioChange,
} from './comparison.ts';

export type { Verdict } from './verdict.ts';

/** The verdict of a whole run: `inconclusive` when the target became unavailable before any definitive failure. */
export type RunVerdict = 'pass' | 'fail' | 'inconclusive';

/** The reason of a step not sent because the target had become unavailable (interface.md). */
export const TARGET_UNAVAILABLE = 'not run: target unavailable';

/** The exit code a run ends with: 0 pass, 1 a conformance failure, 3 inconclusive. */
export type RunExitCode = 0 | 1 | 3;

/**
 * One attempt of a step, oldest first (interface.md, "Attempts in every report"). `waitedMs` is the backoff or
 * `Retry-After` wait before this attempt (0 for the first); the rate limit's own spacing is not in it.
 */
export interface Attempt {
  status: number | null;
  code: number | null;
  transportError: TransportErrorClass | null;
  durationMs: number;
  waitedMs: number;
}

/** A definitive failing answer asked once more: the same failure again, or another answer. Both fail. */
export type Confirmation = 'confirmed' | 'intermittent';

/** Which assumption of the spec most failures point at (interface.md, "Diagnosis of wrong assumptions"). */
export type DiagnosisPattern = 'method-and-paths' | 'error-body' | 'authentication';

export interface Diagnosis {
  pattern: DiagnosisPattern;
  /** The spec's own `x-assumption` text for it, quoted (whitespace folded to single spaces). */
  assumption: string;
  /** What to check, one sentence. */
  advice: string;
}

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
  | 'parity'; // the two operations answered a scenario differently: on the side whose answer the spec does not document

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
  /** e.g. `fixture:deviceNotActive`, `missingFields:empty-object`, `malformed:not-json:2` (src/scenarios/names.ts). */
  scenario: string;
  expected: Expected;
  observed: Observed | null; // null when skipped before sending
  verdict: Verdict;
  /** Why it failed, was skipped, or is known; null for a plain pass. */
  reason: string | null;
  /** The failures behind a `fail` or `known` verdict (every failed check, not only the first). */
  failures?: Failure[];
  durationMs: number;
  /** How the request was made, for a reproducer (curl, re-run command); never a secret or a fixture id. */
  request?: RequestRecord;
  /** Every attempt, oldest first, when there was more than one; the last is the one judged (see README). */
  attempts?: Attempt[];
  /** Set when a definitive failing answer was asked once more. */
  confirmation?: Confirmation;
}

/**
 * The request of a step as a reproducer needs it: secrets are named by the variable that holds them, fixture
 * ids by placeholders naming their fixture state (`${fixture.smsActive.certIdOtp}`).
 */
export interface RequestRecord {
  method: 'POST';
  /** The operation's path, appended to the target's base URL. */
  path: string;
  /** Content-Type sent; null: none. */
  contentType: string | null;
  /** The body as sent, fixture ids replaced by placeholders; cut at 2 KiB (see bodyBytes); null: no body. */
  body: string | null;
  bodyBytes: number;
  /** `configured`: LEAN_USERNAME/LEAN_PASSWORD; `invalid`: a user that cannot exist, a random password. */
  credentials: 'configured' | 'invalid' | 'none';
  /** `configured`: LEAN_ON_BEHALF_OF; `invalid`: a random value. */
  onBehalfOf: 'configured' | 'invalid' | 'none';
  /** Whether the client certificate (LEAN_CLIENT_CERT) was presented. */
  clientCertificate: boolean;
  /** Whether LEAN_CA_CERT was trusted for this request (the reproducer then passes `--cacert`). */
  caCertificate?: boolean;
}

export type CoverageState = 'asserted' | 'observed' | 'unreached';

export interface BaselineNotice {
  operation: string;
  scenario: string;
  state: 'expired' | 'stale';
  until: string;
  reason: string;
}

export interface RunSummary {
  passed: number;
  failed: number;
  skipped: number;
  known: number;
  /** Steps with more than one attempt (third release; absent from older reports). */
  retried?: number;
  /** Steps that passed after a transient attempt. */
  recovered?: number;
  /** Steps whose failing answer was not the same when asked again. */
  intermittent?: number;
}

export interface ConformanceReport {
  /** pass, fail or inconclusive (third release; absent from older reports, where exitCode says it). */
  verdict?: RunVerdict;
  /** The target base URL (never with credentials in it). */
  target: string;
  startedAt: string;
  durationMs: number;
  summary: RunSummary;
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
  exitCode?: RunExitCode;
  /** The catalog as the spec said at run time, per operation, so a report re-rendered later shows those meanings. */
  catalog?: Record<string, { code: number; meaning: string }[]>;
  /** Every 200 received outside a success scenario: each may have delivered a message (counted in `sends`). */
  unexpectedDeliveries?: { operation: string; scenario: string }[];
  /** The run was stopped by SIGINT or SIGTERM: the steps not run are reported as not run. */
  interrupted?: boolean;
  /** Set when no request got an HTTP answer at all (every one refused, timed out…): said once, on top. */
  targetUnreachable?: { errorClass: string; requests: number };
  /** Whether a zero-byte 200 was asserted on each operation: a passing run without one did not check the success path. */
  successAsserted?: Record<string, boolean>;
  /** The comparison with an earlier report (LEAN_COMPARE_WITH); a regression in it fails the run. */
  comparison?: Comparison;
  /** Set when the failures share one pattern that a wrong assumption of the spec explains. */
  diagnosis?: Diagnosis;
}
