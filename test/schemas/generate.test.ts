// The JSON Schemas in schemas/ are what editors check a fixture or baseline file with, and what the loaders
// validate with: they must be the ones the catalog gives today (`npm run schemas` rewrites them), and a file
// that names its schema (`$schema`) is accepted with it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_STATE_NAMES } from '../../src/catalog/index.ts';
import { parseFixtureFile } from '../../src/fixtures/index.ts';
import { FIXTURES_SCHEMA_PATH } from '../../src/fixtures/parse.ts';
import { BASELINE_SCHEMA_PATH } from '../../src/baseline/parse.ts';
import { schemaCheck } from '../../src/input/json-schema.ts';
import { PACKAGE_ROOT } from '../../src/package-info.ts';
import { SCHEMA_FILES } from '../../src/schemas/generate.ts';
import { VALIDATOR_FILES } from '../../src/schemas/validator-module.ts';

describe('schemas/', () => {
  it.each(Object.entries(SCHEMA_FILES))('%s is what the catalog gives today (npm run schemas)', (name, build) => {
    expect(readFileSync(join(PACKAGE_ROOT, 'schemas', name), 'utf8')).toBe(`${JSON.stringify(build(), null, 2)}\n`);
  });

  it.each(Object.entries(VALIDATOR_FILES))('%s, the precompiled validator, is what the schema gives today (npm run schemas)', (path, build) => {
    expect(readFileSync(join(PACKAGE_ROOT, path), 'utf8')).toBe(build());
  });

  it('lists every fixture state of the spec, and only those', () => {
    const schema = JSON.parse(readFileSync(FIXTURES_SCHEMA_PATH, 'utf8')) as { properties: { holders: { properties: object } } };
    expect(Object.keys(schema.properties.holders.properties)).toEqual([...FIXTURE_STATE_NAMES]);
  });

  it('accepts a fixture file that names its schema, and ignores that key', () => {
    const text = JSON.stringify({ $schema: './node_modules/lean-send-otp-conformance/schemas/fixtures.schema.json', holders: { otpBlocked: { certIdOtp: 'c', deviceCode: 'd' } } });
    expect(parseFixtureFile(text, 'f.json')).toEqual({ holders: { otpBlocked: { certIdOtp: 'c', deviceCode: 'd' } } });
  });

  const problems: [string, { schema: string; given: unknown; want: object }][] = [
    ['the first problem in file order', { schema: BASELINE_SCHEMA_PATH, given: [{}, 'x'], want: { path: [0], keyword: 'required', key: 'operation' } }],
    ['an unknown key before a missing one at one place', {
      schema: FIXTURES_SCHEMA_PATH, given: { holders: { smsActive: { certIdOTP: 'c', deviceCode: 'd' } } },
      want: { path: ['holders', 'smsActive'], keyword: 'additionalProperties', key: 'certIdOTP' },
    }],
    ['a list index as a number', { schema: BASELINE_SCHEMA_PATH, given: [7], want: { path: [0], keyword: 'type' } }],
  ];
  it.each(problems)('schemaCheck reports %s', (_name, { schema, given, want }) => {
    expect(schemaCheck(schema)(given)).toMatchObject(want);
  });
});
