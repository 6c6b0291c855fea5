import { describe, expect, it } from 'vitest';
import {
  catalogOf, FIXTURE_STATES, INTERNAL_FAULT_CODE, OPERATIONS, readCatalog, type ErrorCode,
} from '../../src/catalog/index.ts';
import { readFileSync } from 'node:fs';
import { loadSpec, spec, SPEC_PATH, type SpecDocument } from '../../src/spec/document.ts';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Compile-time proof that the union generated from the spec is exactly the set below: adding or removing a
// code in the spec breaks `npm run typecheck` here until the table is updated.
const EVERY_CODE: Record<ErrorCode, true> = {
  2: true, 6: true, 62: true, 66: true, 71: true, 85: true, 99: true, 100: true, 101: true, 102: true,
  103: true, 138: true, 231: true, 240: true, 241: true, 11002: true, 15000: true,
};

describe('error catalog read from the spec', () => {
  it.each(OPERATIONS.map((op) => [op.id]))('%s: the catalog data matches the generated union', (op) => {
    expect(catalogOf(op).map((e) => e.code).sort((a, b) => a - b)).toEqual(
      Object.keys(EVERY_CODE).map(Number).sort((a, b) => a - b),
    );
  });

  it('both operations are declared, the twin deprecated', () => {
    expect(OPERATIONS.map((op) => [op.id, op.path, op.deprecated])).toEqual([
      ['sendOtp', '/sendOtp', false],
      ['sendOtpDisposable', '/sendOtpDisposable', true],
    ]);
  });

  it('only the internal fault has no way to be provoked', () => {
    for (const op of OPERATIONS) {
      expect(catalogOf(op.id).filter((e) => !e.provokedBy).map((e) => e.code)).toEqual([INTERNAL_FAULT_CODE]);
    }
  });

  it('every fixture state of interface.md is derived, with its outcome', () => {
    expect(Object.fromEntries(FIXTURE_STATES.map((s) => [s.name, s.outcome === 'sent' ? s.channel : s.code])))
      .toEqual({
        smsActive: 'SMS', emailActive: 'EMAIL', whatsappActive: 'WHATSAPP',
        deviceNotActive: 66, deviceDisabled: 71, notSmsDevice: 138, otpBlocked: 231,
        lraNotAuthorizedForOtpType: 241, noEmailTemplate: 240, invalidMobile: 100, watchlistedMobile: 101,
        invalidEmail: 102, otpServiceTimeout: 103, otpNotSent: 99,
      });
  });

  const broken = (mutate: (codes: Record<string, unknown>) => void): SpecDocument => {
    const doc = structuredClone(spec());
    mutate(doc.components.schemas['SendOtpErrorCode'] as Record<string, unknown>);
    return doc;
  };
  const cases: [string, (s: Record<string, unknown>) => void, RegExp][] = [
    ['an enum code without a description', (s) => { (s['enum'] as number[]).push(77); }, /undescribed: 77/],
    ['a described code missing from the enum', (s) => { s['enum'] = (s['enum'] as number[]).slice(1); }, /not in enum: 2/],
    ['a malformed provokedBy', (s) => {
      (s['x-error-codes'] as Record<string, unknown>[])[0]!['provokedBy'] = { state: 'x' };
    }, /x-error-codes\/0\/provokedBy/],
    ['a scenario name the spec does not declare', (s) => {
      (s['x-error-codes'] as Record<string, unknown>[])[0]!['provokedBy'] = { scenario: 'missingField' };
    }, /x-error-codes\/0\/provokedBy\/scenario: missingField is not a name of #\/components\/schemas\/ConformanceScenario/],
    ['an unknown field', (s) => {
      (s['x-error-codes'] as Record<string, unknown>[])[1]!['meening'] = 'typo';
    }, /x-error-codes\/1: unknown field\(s\) meening/],
  ];
  it.each(cases)('rejects %s, naming the place in the spec', (_name, mutate, message) => {
    expect(() => readCatalog(broken(mutate), 'SendOtpError')).toThrow(message);
  });
});

describe('the spec is portable: each operation states its own catalog', () => {
  it('holds no YAML anchor or alias (some OpenAPI parsers drop aliases and then accept any code)', () => {
    expect(readFileSync(SPEC_PATH, 'utf8')).not.toMatch(/:\s+[*&][A-Za-z_][A-Za-z0-9_]*/);
  });

  it('refuses a document that uses an alias', () => {
    const path = join(tmpdir(), `lean-alias-${process.pid}.yaml`);
    writeFileSync(path, 'openapi: 3.1.0\na: &x [1, 2]\nb: *x\n');
    expect(() => loadSpec(path)).toThrow(/alias/i);
  });

  it('the two catalogs are equal, code for code (the twin is documented to answer alike)', () => {
    const [standard, twin] = OPERATIONS.map((op) => catalogOf(op.id));
    expect(twin).toEqual(standard);
    expect(standard?.length).toBeGreaterThan(0);
  });
});
