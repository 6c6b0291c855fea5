// The cap is exact: a body of exactly maxBytes is whole, one byte more is truncated, and the stream is destroyed.
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readCappedBody } from '../../src/client/read-capped-body.ts';

const chunks = (...sizes: number[]): Buffer[] => sizes.map((n) => Buffer.alloc(n, 'a'));

describe('readCappedBody', () => {
  it.each([
    ['an empty body', { given: { chunks: chunks(), max: 8 }, want: { length: 0, received: 0, truncated: false } }],
    ['exactly the cap', { given: { chunks: chunks(4, 4), max: 8 }, want: { length: 8, received: 8, truncated: false } }],
    ['one byte over the cap', { given: { chunks: chunks(4, 5), max: 8 }, want: { length: 8, received: 9, truncated: true } }],
    ['one chunk far over the cap', { given: { chunks: chunks(1000), max: 8 }, want: { length: 8, received: 1000, truncated: true } }],
  ])('%s', async (_name, { given, want }) => {
    const stream = Readable.from(given.chunks);
    const read = await readCappedBody(stream, given.max);
    expect({ length: read.bytes.length, received: read.received, truncated: read.truncated }).toEqual(want);
    if (want.truncated) expect(stream.destroyed).toBe(true);
  });

  it.each([
    ['a stream error rejects with it', { given: (s: PassThrough) => s.destroy(Object.assign(new Error('x'), { code: 'ECONNRESET' })), want: 'ECONNRESET' }],
    ['a close before the end rejects as premature', { given: (s: PassThrough) => s.destroy(), want: 'ERR_STREAM_PREMATURE_CLOSE' }],
  ])('%s', async (_name, { given, want }) => {
    const stream = new PassThrough();
    const reading = readCappedBody(stream, 64);
    stream.write('partial');
    setImmediate(() => given(stream));
    await expect(reading).rejects.toMatchObject({ code: want });
  });
});
