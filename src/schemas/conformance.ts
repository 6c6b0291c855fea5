// The JSON Schema of `conformance.json` (interface.md, "Reports"; third release: "Reports read back are
// input"), built from the result model: each object's properties are keyed by the model's own keys (the
// compiler fails when the model gains a key this schema does not describe), and each enumeration is a list the
// compiler proves complete. A report read back (conformance:compare, LEAN_COMPARE_WITH) is validated with it
// before anything of it is used, so every bound here is a bound on what a hostile file can make the suite do:
// every string, array and object is limited, every operation comes from the spec, and no key is left unchecked.
// Rules JSON Schema cannot say (scenario names, one result per step, a summary that counts the results) are
// checked by the loader (src/compare/load.ts) with the suite's own functions.
import { catalogOf, OPERATION_IDS } from '../catalog/index.ts';
import { CHECK_NAMES } from '../checks/index.ts';
import type { TransportErrorClass } from '../client/types.ts';
import { VARIABLES } from '../config/variables.ts';
import type {
  BaselineNotice, ChangeKind, CompareCell, CompareMatrixRow, ComparedRun, Comparison, ConformanceReport, CoverageState,
  Expected, Failure, Observed, RequestRecord, RunOutcome, ScenarioChange, ScenarioResult, Verdict,
} from '../results/model.ts';
import { MALFORMED_KINDS, STATIC_SCENARIO_NAMES } from '../scenarios/names.ts';

type JsonSchema = Readonly<Record<string, unknown>>;

/** The members of the union `T`, all of them: a missing member is a compile error, so a new verdict reaches the schema. */
const every = <T extends string>() => <const L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : never)): L => list;

/** One schema per key of the model's type, no key left out (extra keys: the third-release fields, below). */
type PropertiesOf<T> = { readonly [K in keyof Required<T>]-?: JsonSchema } & Readonly<Record<string, JsonSchema>>;

const VERDICTS = every<Verdict>()(['pass', 'fail', 'skip', 'known']);
const COVERAGE_STATES = every<CoverageState>()(['asserted', 'observed', 'unreached']);
const TRANSPORT_CLASSES = every<TransportErrorClass>()(['timeout', 'tls', 'refused', 'reset', 'dns', 'other']);
const CHANGE_KINDS = every<ChangeKind>()(['regression', 'changed-verdict', 'newly-skipped', 'changed-outcome', 'newly-run', 'not-reported']);
const COMPARE_CELLS = every<CompareCell>()(['asserted', 'failed', 'observed', 'unreached', 'absent']);
const NOTICE_STATES = every<BaselineNotice['state']>()(['expired', 'stale']);
const PARTIES = every<RequestRecord['credentials']>()(['configured', 'invalid', 'none']);

/** The most malformed-input steps a run can draw (LEAN_MALFORMED_RUNS's upper bound), on top of one per kind. */
const MAX_MALFORMED_RUNS = VARIABLES.find((v) => v.name === 'LEAN_MALFORMED_RUNS')?.range?.max ?? 0;
/** Every step a run of this suite can have: each scenario on each operation. More is not a report of this suite. */
export const MAX_RESULTS = OPERATION_IDS.length * (STATIC_SCENARIO_NAMES.length + MALFORMED_KINDS.length + MAX_MALFORMED_RUNS);
/** The most codes a catalog could grow to before a report of it stops being plausible; today's have about 20. */
const MAX_CODES = 4 * Math.max(...OPERATION_IDS.map((op) => catalogOf(op).length));
/** Attempts of one step: the first, LEAN_RETRIES (at most 5) and the confirmation; generous for later releases. */
const MAX_ATTEMPTS = 16;
/** Runs in one comparison (conformance:compare arguments). */
const MAX_RUNS = 100;

// Lengths: names are short, free text (a failure message quoting a target's answer) is bounded by the client's
// own cut of what it quotes; the bounds leave room for that and nothing like the megabytes a hostile file holds.
const SCENARIO = { type: 'string', minLength: 1, maxLength: 200 } as const;
const SHORT_TEXT = { type: 'string', maxLength: 1024 } as const;
const TEXT = { type: 'string', maxLength: 16_384 } as const;
const PATH_TEXT = { type: 'string', maxLength: 4096 } as const;
const TIMESTAMP = { type: 'string', maxLength: 64, format: 'date-time' } as const;
const COUNT = { type: 'integer', minimum: 0, maximum: MAX_RESULTS } as const;
const REQUESTS = { type: 'integer', minimum: 0, maximum: 1_000_000_000 } as const;
const MILLISECONDS = { type: 'number', minimum: 0, maximum: 1e12 } as const;
const STATUS = { type: ['integer', 'null'], minimum: 100, maximum: 599 } as const;
const CODE = { type: ['integer', 'null'], minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER } as const;
const OPERATION = { type: 'string', enum: [...OPERATION_IDS] } as const;
const TRANSPORT = { type: ['string', 'null'], enum: [...TRANSPORT_CLASSES, null] } as const;
const CODE_KEY = { type: 'string', pattern: '^(0|-?[1-9][0-9]{0,15})$' } as const;

function object(properties: Readonly<Record<string, JsonSchema>>, required: readonly string[], description?: string): JsonSchema {
  return { type: 'object', ...(description ? { description } : {}), properties, required: [...required], additionalProperties: false };
}

function list(items: JsonSchema, maxItems: number, extra: JsonSchema = {}): JsonSchema {
  return { type: 'array', items, maxItems, ...extra };
}

/** An object keyed by operation id: no key beyond the spec's operations (so no more keys than operations). */
function perOperation(value: JsonSchema): JsonSchema {
  return { type: 'object', propertyNames: OPERATION, additionalProperties: value };
}

const summary = object({
  passed: COUNT, failed: COUNT, skipped: COUNT, known: COUNT,
  // Third release (issue 16): steps with more than one attempt, passed after a transient attempt, intermittent.
  retried: COUNT, recovered: COUNT, intermittent: COUNT,
} satisfies PropertiesOf<ConformanceReport['summary']>, ['passed', 'failed', 'skipped', 'known']);

const expected = object({ status: STATUS, code: CODE } satisfies PropertiesOf<Expected>, ['status', 'code']);

// `null` or the object: `properties` and `required` bind only objects, so one schema says both without a oneOf,
// and the first problem named is the field's own, not "matches no alternative".
const observed = {
  ...object({
    status: STATUS, code: CODE,
    bodyBytes: { type: ['integer', 'null'], minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
    transportError: TRANSPORT,
  } satisfies PropertiesOf<Observed>, ['status', 'code', 'bodyBytes', 'transportError']),
  type: ['object', 'null'],
} as const;

const failure = object({
  check: { type: 'string', enum: [...CHECK_NAMES] }, title: SHORT_TEXT, message: TEXT,
} satisfies PropertiesOf<Failure>, ['check', 'title', 'message']);

const request = object({
  method: { type: 'string', enum: ['POST'] },
  path: { type: 'string', maxLength: 256 },
  contentType: { type: ['string', 'null'], maxLength: 256 },
  body: { type: ['string', 'null'], maxLength: 8192 },
  bodyBytes: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
  credentials: { type: 'string', enum: [...PARTIES] },
  onBehalfOf: { type: 'string', enum: [...PARTIES] },
  clientCertificate: { type: 'boolean' },
  caCertificate: { type: 'boolean' },
} satisfies PropertiesOf<RequestRecord>, ['method', 'path', 'contentType', 'body', 'bodyBytes', 'credentials', 'onBehalfOf', 'clientCertificate']);

// Third release (interface.md, "Attempts in every report"): only when a step made more than one attempt.
const attempt = object({
  status: STATUS, code: CODE, transportError: TRANSPORT, durationMs: MILLISECONDS, waitedMs: MILLISECONDS,
}, ['status', 'code', 'transportError', 'durationMs', 'waitedMs']);

const result = object({
  operation: OPERATION,
  scenario: { ...SCENARIO, description: 'a scenario name of this suite (the loader checks it with isScenarioName)' },
  expected,
  observed,
  verdict: { type: 'string', enum: [...VERDICTS] },
  reason: { type: ['string', 'null'], maxLength: TEXT.maxLength },
  failures: list(failure, CHECK_NAMES.length),
  durationMs: MILLISECONDS,
  request,
  attempts: list(attempt, MAX_ATTEMPTS, { minItems: 2 }),
  confirmation: { type: 'string', enum: ['confirmed', 'intermittent'] },
} satisfies PropertiesOf<ScenarioResult>, ['operation', 'scenario', 'expected', 'observed', 'verdict', 'reason', 'durationMs']);

const step = object({ operation: OPERATION, scenario: SCENARIO }, ['operation', 'scenario']);

const notice = object({
  operation: OPERATION, scenario: SCENARIO, state: { type: 'string', enum: [...NOTICE_STATES] },
  until: { type: 'string', maxLength: 10, format: 'date' }, reason: TEXT,
} satisfies PropertiesOf<BaselineNotice>, ['operation', 'scenario', 'state', 'until', 'reason']);

const outcome = {
  ...object({ verdict: { type: 'string', enum: [...VERDICTS] }, observed: SHORT_TEXT } satisfies PropertiesOf<RunOutcome>, ['verdict', 'observed']),
  type: ['object', 'null'],
} as const;

const comparison = object({
  runs: list(object({
    label: PATH_TEXT, target: PATH_TEXT, startedAt: TIMESTAMP, summary,
  } satisfies PropertiesOf<ComparedRun>, ['label', 'target', 'startedAt', 'summary']), MAX_RUNS, { minItems: 2 }),
  changes: list(object({
    operation: OPERATION, scenario: SCENARIO, kind: { type: 'string', enum: [...CHANGE_KINDS] }, outcomes: list(outcome, MAX_RUNS),
  } satisfies PropertiesOf<ScenarioChange>, ['operation', 'scenario', 'kind', 'outcomes']), MAX_RESULTS),
  unchanged: COUNT,
  regressions: COUNT,
  matrix: list(object({
    operation: OPERATION, code: CODE, meaning: SHORT_TEXT, cells: list({ type: 'string', enum: [...COMPARE_CELLS] }, MAX_RUNS),
  } satisfies PropertiesOf<CompareMatrixRow>, ['operation', 'code', 'meaning', 'cells']), OPERATION_IDS.length * (MAX_CODES + 1)),
  // Third release (issue 16): steps whose verdict changed more than once across three or more runs.
  flaky: list(object({ operation: OPERATION, scenario: SCENARIO, flips: COUNT }, ['operation', 'scenario', 'flips']), MAX_RESULTS),
} satisfies PropertiesOf<Comparison>, ['runs', 'changes', 'unchanged', 'regressions', 'matrix']);

const report = {
  target: { ...PATH_TEXT, description: 'the target base URL, never with credentials' },
  startedAt: TIMESTAMP,
  durationMs: MILLISECONDS,
  summary,
  results: list(result, MAX_RESULTS),
  coverage: perOperation({
    type: 'object', propertyNames: CODE_KEY, maxProperties: MAX_CODES, additionalProperties: { type: 'string', enum: [...COVERAGE_STATES] },
  }),
  sends: REQUESTS,
  seed: { type: 'integer', minimum: 0, maximum: 2 ** 31 - 1 },
  baseline: list(notice, MAX_RESULTS),
  requiredCodesMissing: perOperation(list(CODE, MAX_CODES + 1)),
  checksOff: list({ type: 'string', enum: [...CHECK_NAMES] }, CHECK_NAMES.length, { uniqueItems: true }),
  // 3 is the third release's inconclusive run (issue 16).
  exitCode: { type: 'integer', enum: [0, 1, 3] },
  catalog: perOperation(list(object({ code: { type: 'integer', minimum: CODE.minimum, maximum: CODE.maximum }, meaning: SHORT_TEXT }, ['code', 'meaning']), MAX_CODES)),
  unexpectedDeliveries: list(step, MAX_RESULTS),
  interrupted: { type: 'boolean' },
  targetUnreachable: object({ errorClass: { type: 'string', maxLength: 64 }, requests: REQUESTS }, ['errorClass', 'requests']),
  successAsserted: perOperation({ type: 'boolean' }),
  comparison,
  // Third release (interface.md, "Inconclusive runs" and "Diagnosis of wrong assumptions"), added by issue 16.
  verdict: { type: 'string', enum: ['pass', 'fail', 'inconclusive'] },
  diagnosis: object({ pattern: { type: 'string', maxLength: 64 }, assumption: TEXT, advice: TEXT }, ['pattern', 'assumption', 'advice']),
} satisfies PropertiesOf<ConformanceReport>;

export function conformanceReportSchema(): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'urn:lean-send-otp-conformance:conformance.schema.json',
    title: 'lean-send-otp-conformance report (conformance.json)',
    description: 'A report this suite writes, as conformance:compare and LEAN_COMPARE_WITH accept it back. ' +
      'Scenario names, one result per step and a summary that counts the results are checked by the suite itself.',
    ...object(report, ['target', 'startedAt', 'durationMs', 'summary', 'results', 'coverage', 'sends']),
  };
}
