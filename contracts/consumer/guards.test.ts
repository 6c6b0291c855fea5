// The guards themselves, and the committed pact under them. A guard that never fails proves nothing, so each
// one is shown failing on a copy of the pact broken the way it is meant to catch; the committed pact in
// contracts/pacts/ (what `npm run pact:publish` sends) must satisfy all of them and match the catalog.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SPEC_PATH } from '../../src/spec/document.ts';
import { PACT_FILE_NAME, PACTS_DIR } from '../shared/names.ts';
import { readPact, type PactDocument, type PactInteraction } from '../shared/pact-file.ts';
import { checkAgainstOpenApi, checkPact, type GuardName } from './guards.ts';

const committedFile = join(PACTS_DIR, PACT_FILE_NAME);

function copyOf(pact: PactDocument): PactDocument {
  return structuredClone(pact);
}

function firstWith(pact: PactDocument, status: number): PactInteraction {
  const found = pact.interactions.find((i) => i.response.status === status);
  if (!found) throw new Error(`the pact has no ${status} interaction`);
  return found;
}

describe('the committed pact (contracts/pacts/)', () => {
  it('exists: `npm run pact:consumer` wrote it and it was committed', () => {
    expect(() => readPact(committedFile)).not.toThrow();
  });

  it('matches the catalog and satisfies every guard (else it is stale: run `npm run pact:consumer`)', () => {
    expect(checkPact(readPact(committedFile))).toEqual([]);
  });

  it('is compatible with the OpenAPI spec (swagger-mock-validator)', async () => {
    const result = await checkAgainstOpenApi(committedFile, SPEC_PATH);
    expect(result.errors).toEqual([]);
    expect(result.compatible).toBe(true);
  });
});

describe('each guard fails on the fault it is for', () => {
  const cases: [string, { breakIt: (pact: PactDocument) => void; want: GuardName }][] = [
    ['a 200 that records no body (any body would pass)', { breakIt: (p) => void delete firstWith(p, 200).response.body, want: 'empty-success-body' }],
    ['a 200 that records a non-empty body', { breakIt: (p) => void (firstWith(p, 200).response.body = { content: { ok: true } }), want: 'empty-success-body' }],
    ['a 500 with another code', {
      breakIt: (p) => void ((firstWith(p, 500).response.body!.content as { code: number }).code = 6),
      want: 'pinned-code',
    }],
    ['a 500 whose code is matched by type only', {
      breakIt: (p) => {
        const r = firstWith(p, 500).response;
        r.matchingRules = { ...r.matchingRules, body: { ...r.matchingRules?.body, '$.code': { combine: 'AND', matchers: [{ match: 'integer' }] } } };
      },
      want: 'pinned-code',
    }],
    ['a 500 whose message is pinned', { breakIt: (p) => void delete firstWith(p, 500).response.matchingRules, want: 'message-by-type' }],
    ['a 500 without a JSON content type', { breakIt: (p) => void (firstWith(p, 500).response.headers = {}), want: 'json-error' }],
    ['a certIdOtp written into the pact instead of taken from the provider state', {
      breakIt: (p) => void delete firstWith(p, 200).request.generators,
      want: 'state-values',
    }],
    ['a provider state nobody knows', { breakIt: (p) => void (firstWith(p, 200).providerStates = [{ name: 'a happy holder' }]), want: 'known-state' }],
    ['a missing interaction', { breakIt: (p) => void p.interactions.pop(), want: 'complete' }],
    ['an extra, stale interaction', {
      breakIt: (p) => void p.interactions.push({ ...copyOf(p).interactions[0]!, description: 'a request nobody generates' }),
      want: 'complete',
    }],
  ];

  for (const [name, { breakIt, want }] of cases) {
    it(`${want}: ${name}`, () => {
      const pact = copyOf(readPact(committedFile));
      breakIt(pact);
      expect(checkPact(pact).map((f) => f.guard)).toContain(want);
    });
  }

  it('swagger-mock-validator: a body on the 200 and an uncatalogued code are incompatible with the spec', async () => {
    const pact = copyOf(readPact(committedFile));
    firstWith(pact, 200).response.body = { content: { sent: true }, contentType: 'application/json', encoded: false };
    (firstWith(pact, 500).response.body!.content as { code: number }).code = 999;
    const file = join(mkdtempSync(join(tmpdir(), 'lean-bad-pact-')), PACT_FILE_NAME);
    writeFileSync(file, JSON.stringify(pact));
    const result = await checkAgainstOpenApi(file, SPEC_PATH);
    expect(result.compatible).toBe(false);
    expect(result.errors.map((e) => e.split(':')[0])).toEqual(expect.arrayContaining(['response.body.unknown', 'response.body.incompatible']));
  });
});
