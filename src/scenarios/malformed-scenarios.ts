// Malformed input: bodies no server can use. One fixed body per kind (`malformed:<kind>`), then `malformedRuns`
// bodies drawn by fast-check from a seeded generator, dealt to the kinds in turn (`malformed:<kind>:<n>`), so the
// names of a run depend on LEAN_MALFORMED_RUNS alone and runs with any seeds line up step by step; the seed decides
// only the bodies, which every result carries. No body ever carries a holder's ids, so none can make a target
// deliver a message.
import fc from 'fast-check';
import { MAX_REQUEST_BODY_BYTES } from '../catalog/index.ts';
import type { SendRequest } from '../client/types.ts';
import type { ScenarioContext } from './context.ts';
import { DRAWN_MALFORMED_KINDS, MALFORMED_KINDS, malformedScenarioName, type MalformedKind } from './names.ts';
import type { Scenario } from './scenario.ts';

interface MalformedBody {
  kind: MalformedKind;
  /** 0: the kind's fixed body; 1, 2…: the bodies drawn for the kind, in order. */
  index: number;
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

function describeRequest(body: MalformedBody): string {
  const { request } = body;
  const payload = request.raw !== undefined ? String(request.raw) : JSON.stringify(request.body);
  const shown = payload.length > 60 ? `${payload.slice(0, 60)}… (${payload.length} chars)` : payload;
  const type = request.contentType === undefined ? '' : ` as ${request.contentType ?? 'no content type'}`;
  return `${body.kind}: ${shown}${type}`;
}

/**
 * Draws the malformed bodies of a run; the same seed always gives the same bodies, and any seed the same kinds and
 * indexes: drawn body i goes to the i-th kind in turn (a kind with a single possible body, `empty-body`, gets no
 * drawn ones: they would repeat its fixed one).
 */
export function drawMalformedBodies(seed: number, runs: number): MalformedBody[] {
  const fixed = MALFORMED_KINDS.map((kind) => ({ kind, index: 0, request: fc.sample(ARBITRARIES[kind], { seed, numRuns: 1 })[0]! }));
  const perKind = DRAWN_MALFORMED_KINDS.map((kind, k) => {
    const count = Math.floor(runs / DRAWN_MALFORMED_KINDS.length) + (k < runs % DRAWN_MALFORMED_KINDS.length ? 1 : 0);
    // Each kind its own stream (seed + 1 + k), so the bodies of one kind do not shift when LEAN_MALFORMED_RUNS changes.
    return count > 0 ? fc.sample(ARBITRARIES[kind], { seed: seed + 1 + k, numRuns: count }) : [];
  });
  const drawn: MalformedBody[] = [];
  for (let i = 0; i < runs; i += 1) {
    const k = i % DRAWN_MALFORMED_KINDS.length;
    const index = Math.floor(i / DRAWN_MALFORMED_KINDS.length);
    drawn.push({ kind: DRAWN_MALFORMED_KINDS[k]!, index: index + 1, request: perKind[k]![index]! });
  }
  return [...fixed, ...drawn];
}

export function malformedScenarios(ctx: ScenarioContext): Scenario[] {
  return drawMalformedBodies(ctx.seed, ctx.malformedRuns).map((body): Scenario => ({
    name: malformedScenarioName(body.kind, body.index),
    kind: 'malformed',
    expected: { status: 500, code: null },
    request: body.request,
    usesFixtureHolder: false,
    describe: describeRequest(body),
  }));
}
