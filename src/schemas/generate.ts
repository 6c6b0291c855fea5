// The JSON Schemas of the two files a user writes (interface.md: the fixture file and the known-divergences
// file), and of the report the suite reads back (conformance.json, in conformance.ts), built from the catalog so a state or operation added to the spec reaches them. They are committed in
// schemas/ (editors read them through `$schema`), a test fails when they are stale (`npm run schemas` rewrites
// them), and the loaders validate with them, so the schema an editor checks and the parser cannot disagree.
// Rules JSON Schema cannot say (one holder in two states, one divergence listed twice) stay in the parsers.
import { FIXTURE_STATE_NAMES, OPERATION_IDS } from '../catalog/index.ts';
import { conformanceReportSchema } from './conformance.ts';

const DIALECT = 'https://json-schema.org/draft/2020-12/schema';
/** Text with something in it: whitespace alone is the trace of a template left unfilled. */
const NON_BLANK = { type: 'string', pattern: '\\S' } as const;

export type JsonSchema = Readonly<Record<string, unknown>>;

export function fixtureFileSchema(): JsonSchema {
  const holder = {
    type: 'object',
    description: 'A holder that is in this state on the target; both values come from the enrollment result.',
    properties: {
      certIdOtp: { ...NON_BLANK, description: 'certIdOtp of the holder (may identify a person: keep the file private)' },
      deviceCode: { ...NON_BLANK, description: 'deviceCode of the holder' },
    },
    required: ['certIdOtp', 'deviceCode'],
    additionalProperties: false,
  };
  return {
    $schema: DIALECT,
    $id: 'urn:lean-send-otp-conformance:fixtures.schema.json',
    title: 'lean-send-otp-conformance fixture file (LEAN_FIXTURES)',
    description: 'Holders on the target, keyed by the state they are in. Every key is optional; unknown keys are errors.',
    type: 'object',
    properties: {
      $schema: { type: 'string', description: 'This schema, for editors; ignored by the suite.' },
      holders: {
        type: 'object',
        properties: Object.fromEntries(FIXTURE_STATE_NAMES.map((state) => [state, { $ref: '#/$defs/holder' }])),
        additionalProperties: false,
      },
    },
    additionalProperties: false,
    $defs: { holder },
  };
}

export function baselineFileSchema(): JsonSchema {
  return {
    $schema: DIALECT,
    $id: 'urn:lean-send-otp-conformance:baseline.schema.json',
    title: 'lean-send-otp-conformance known-divergences file (LEAN_BASELINE)',
    description: 'A list of divergences reported as known instead of failing, each until its date.',
    type: 'array',
    items: {
      type: 'object',
      properties: {
        operation: { ...NON_BLANK, enum: [...OPERATION_IDS] },
        scenario: { ...NON_BLANK, description: 'scenario name as the reports give it: fixture:otpBlocked, missingFields:empty…' },
        observed: {
          type: 'object',
          properties: {
            status: { type: ['integer', 'null'], minimum: 100, maximum: 599, description: 'null: no HTTP answer' },
            code: { type: ['integer', 'null'], description: 'null: no code read' },
          },
          required: ['status', 'code'],
          additionalProperties: false,
        },
        reason: { ...NON_BLANK, description: 'why the divergence is accepted (a ticket, say)' },
        until: { type: 'string', pattern: '\\S', format: 'date', description: 'YYYY-MM-DD: from the day after, it fails again' },
      },
      required: ['operation', 'scenario', 'observed', 'reason', 'until'],
      additionalProperties: false,
    },
  };
}

/** The committed files, by name in schemas/. */
export const SCHEMA_FILES = {
  'fixtures.schema.json': fixtureFileSchema,
  'baseline.schema.json': baselineFileSchema,
  'conformance.schema.json': conformanceReportSchema,
} as const;
