// The limiter spaces request starts; nothing else about a request changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/index.ts';
import { createRateLimiter } from '../../src/client/rate-limit.ts';
import { startHttp, type RunningServer } from '../support/servers.ts';

/** Timers and the event loop: the first and the last start are measured from outside the limiter. */
const TIMER_SLACK_MS = 5;

describe('rate limit', () => {
  let server: RunningServer;
  const arrivals: number[] = [];
  beforeAll(async () => {
    server = await startHttp((_req, res) => {
      arrivals.push(performance.now());
      res.end();
    });
  });
  afterAll(() => server.close());

  it.each([
    ['5 concurrent requests at 20/s', { given: { requests: 5, rate: 20 }, want: { minMs: 200 } }],
    ['3 concurrent requests at 10/s', { given: { requests: 3, rate: 10 }, want: { minMs: 200 } }],
  ])('%s take at least (N-1)/R seconds', async (_name, { given, want }) => {
    const client = createClient({ baseUrl: server.url, rateLimit: given.rate });
    arrivals.length = 0;
    const started = performance.now();
    const outcomes = await Promise.all(Array.from({ length: given.requests }, () => client.send('sendOtp', { body: {} })));
    const tookMs = performance.now() - started;
    await client.close();
    expect(outcomes.every((o) => o.kind === 'sent')).toBe(true);
    expect(tookMs).toBeGreaterThanOrEqual(want.minMs - TIMER_SLACK_MS);
    expect(tookMs).toBeLessThan(want.minMs + 1000);
    // The k-th request cannot arrive before its slot, k intervals after the start; it may arrive later on a
    // loaded machine (so the gap between two arrivals can shrink), never earlier.
    arrivals.forEach((at, k) => expect(at - started).toBeGreaterThanOrEqual(k * (1000 / given.rate) - TIMER_SLACK_MS));
  });

  it('without a rate, requests are not spaced', async () => {
    const client = createClient({ baseUrl: server.url });
    const started = performance.now();
    await Promise.all(Array.from({ length: 5 }, () => client.send('sendOtp', { body: {} })));
    await client.close();
    expect(performance.now() - started).toBeLessThan(200);
  });

  it.each([
    ['the first slot is immediate, the next ones spaced', { given: { rate: 4, calls: [0, 0, 0] }, want: [0, 250, 500] }],
    ['a caller arriving after its slot does not wait', { given: { rate: 4, calls: [0, 1000] }, want: [0, 0] }],
    ['a caller arriving mid-interval waits the rest', { given: { rate: 2, calls: [0, 100] }, want: [0, 400] }],
  ])('limiter: %s', (_name, { given, want }) => {
    let now = 0;
    const waits: number[] = [];
    const limiter = createRateLimiter(given.rate, {
      now: () => now,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    for (const at of given.calls) {
      now = at;
      const before = waits.length;
      void limiter.acquire();
      if (waits.length === before) waits.push(0);
    }
    expect(waits).toEqual(want);
  });
});
