// The precompiled validator of conformance.json (src/schemas/generated/, ajv's standalone code) must judge a report
// exactly as the schema compiled at run time does, the formats of ajv-formats included: the module reaches them
// through `require`, which an ES module has only because the generated code makes one.
import { describe, expect, it } from 'vitest';
import { REPORT_SCHEMA_PATH, reportProblem } from '../../src/compare/load.ts';
import { checkWith, schemaCheck } from '../../src/input/json-schema.ts';
import { validate } from '../../src/schemas/generated/conformance-validator.js';
import { renderJson } from '../../src/report/json.ts';
import { passingSample } from '../report/sample-report.ts';

type Report = Record<string, unknown> & { results: Record<string, unknown>[]; baseline?: unknown[] };

const sample = (): Report => JSON.parse(renderJson(passingSample().build())) as Report;
const notice = { operation: 'sendOtp', scenario: 'fixture:otpBlocked', state: 'expired', reason: 'ticket 12' };

const REPORTS: [string, (r: Report) => void, string | null][] = [
  ['a valid report', () => {}, null],
  ['a start that is no date-time (format)', (r) => { r['startedAt'] = 'yesterday'; }, 'startedAt is not a date-time value'],
  ['a date-time with no time zone (format)', (r) => { r['startedAt'] = '2026-12-03T09:00:00'; }, 'startedAt is not a date-time value'],
  ['a baseline date that is no day (format date)', (r) => { r.baseline = [{ ...notice, until: '2026-02-30' }]; }, 'baseline[0].until is not a date value'],
  ['a valid baseline date', (r) => { r.baseline = [{ ...notice, until: '2026-02-28' }]; }, null],
  ['a text longer than its bound, counted in characters', (r) => { r['target'] = '😀'.repeat(4097); }, 'target is longer than 4096 characters'],
  ['an unknown key', (r) => { r['extra'] = 1; }, 'the top level has the key "extra", which this suite never writes'],
  ['a wrong type deep down', (r) => { r.results[2]!['durationMs'] = '3'; }, 'results[2].durationMs is a string, not a number'],
];

describe('the precompiled validator of conformance.json', () => {
  const compiled = schemaCheck(REPORT_SCHEMA_PATH, { firstOnly: true });
  const precompiled = checkWith(validate);

  it.each(REPORTS)('judges %s as the compiled schema does, and the loader words it the same', (_name, spoil, want) => {
    const report = sample();
    spoil(report);
    expect(precompiled(report)).toEqual(compiled(report));
    expect(reportProblem(report)).toBe(want);
  });
});
