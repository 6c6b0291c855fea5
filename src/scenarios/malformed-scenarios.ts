// Malformed input: bodies no server can use. One fixed body per kind, then `malformedRuns` bodies drawn by
// fast-check from a seeded generator, so a failing body can be reproduced from the printed seed. No body ever
// carries a holder's ids, so none can make a target deliver a message.
import fc from 'fast-check';
import { MAX_REQUEST_BODY_BYTES } from '../catalog/index.ts';
import type { SendRequest } from '../client/types.ts';
import type { ScenarioContext } from './context.ts';
import type { MalformedKind } from './names.ts';
import type { Scenario } from './scenario.ts';


interface MalformedBody {
  kind: MalformedKind;
  request: SendRequest;
}

/** About 1 MiB (interface.md), and always beyond the spec's body limit, so no spec-valid body is called oversized. */
const OVERSIZED_BYTES = Math.max(1024 * 1024, MAX_REQUEST_BODY_BYTES + 1024);
// Serialised once per process: a megabyte built for every run or stringified on every send would be garbage the
// harness pays for, not the target.
const OVERSIZED_BODIES = [
  JSON.stringify({ certIdOtp: 'unknown-oversized', deviceCode: 'unknown-oversized', padding: 'x'.repeat(OVERSIZED_BYTES) }),
  JSON.stringify({ certIdOtp: 'x'.repeat(OVERSIZED_BYTES), deviceCode: 'unknown-oversized' }),
];
const unknownId = fc.string({ minLength: 1, maxLength: 24 }).map((s) => `unknown-${s}`);
const notAString = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }));

const ARBITRARIES: Record<MalformedKind, fc.Arbitrary<SendRequest>> = {
  'not-json': fc.string({ minLength: 1, maxLength: 64 })
    .filter((text) => { try { JSON.parse(text); return false; } catch { return true; } })
    .map((raw) => ({ raw })),
  'not-object': fc.oneof(fc.array(fc.jsonValue(), { maxLength: 3 }), fc.integer(), fc.string({ maxLength: 16 }), fc.constant(null), fc.boolean())
    .map((value) => ({ raw: JSON.stringify(value) })),
  'wrong-types': fc.record({ certIdOtp: fc.oneof(notAString, unknownId), deviceCode: notAString })
    .map((body) => ({ body })),
  oversized: fc.constantFrom(...OVERSIZED_BODIES).map((raw) => ({ raw })),
  'unknown-fields': fc.record({
    certIdOtp: unknownId,
    deviceCode: unknownId,
    extra: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }).filter((k) => k !== 'certIdOtp' && k !== 'deviceCode' && k !== '__proto__'), fc.jsonValue({ maxDepth: 1 }), { minKeys: 1, maxKeys: 3 }),
  }).map(({ extra, ...ids }) => ({ body: { ...extra, ...ids } })),
  'wrong-content-type': fc.record({
    contentType: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml', null),
    certIdOtp: unknownId,
    deviceCode: unknownId,
  }).map(({ contentType, ...ids }) => ({ body: ids, contentType })),
  'empty-body': fc.constant({ raw: '' }),
};

const KINDS = Object.keys(ARBITRARIES) as MalformedKind[];
const anyMalformed: fc.Arbitrary<MalformedBody> = fc.oneof(
  ...KINDS.map((kind) => ARBITRARIES[kind].map((request) => ({ kind, request }))),
);

function describeRequest(body: MalformedBody): string {
  const { request } = body;
  const payload = request.raw !== undefined ? String(request.raw) : JSON.stringify(request.body);
  const shown = payload.length > 60 ? `${payload.slice(0, 60)}… (${payload.length} chars)` : payload;
  const type = request.contentType === undefined ? '' : ` as ${request.contentType ?? 'no content type'}`;
  return `${body.kind}: ${shown}${type}`;
}

/** Draws the malformed bodies of a run; the same seed always gives the same bodies. */
export function drawMalformedBodies(seed: number, runs: number): MalformedBody[] {
  const fixed = KINDS.map((kind) => ({ kind, request: fc.sample(ARBITRARIES[kind], { seed, numRuns: 1 })[0]! }));
  const drawn = runs > 0 ? fc.sample(anyMalformed, { seed: seed + 1, numRuns: runs }) : [];
  return [...fixed, ...drawn];
}

export function malformedScenarios(ctx: ScenarioContext): Scenario[] {
  return drawMalformedBodies(ctx.seed, ctx.malformedRuns).map((body, i): Scenario => ({
    name: `malformed:${String(i + 1).padStart(2, '0')}:${body.kind}`,
    kind: 'malformed',
    expected: { status: 500, code: null },
    request: body.request,
    usesFixtureHolder: false,
    describe: describeRequest(body),
  }));
}
