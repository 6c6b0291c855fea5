// The faults a bad day needs (interface.md, "Sandbox faults"): answer headers (a Retry-After on a 429 or 503), a
// probability whose draws follow a seed (the same requests hit on every start), `refuse` (connections closed
// before an answer), and the `sends` scope that keeps a fault off the requests that would deliver.
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type FaultSpec, type Sandbox } from '../../src/sandbox/index.ts';
import { SandboxRequestError } from '../../src/sandbox/index.ts';
import { holder, request, SEND_OTP } from '../provider/helpers.ts';

const started: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

async function sandbox(options: { faultSeed?: number } = {}): Promise<Sandbox> {
  const s = await startSandbox(options);
  started.push(s);
  return s;
}

const post = (s: Sandbox, state: string) =>
  request(`${s.url}${SEND_OTP.path}`, { body: holder(s, state), credentialsDefault: s.credentials, timeoutMs: 2_000 });

/** Which of `n` requests for `state` the faults hit (by status), in order. */
async function hitPattern(s: Sandbox, n: number, state = 'deviceNotActive'): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i += 1) statuses.push((await post(s, state)).status);
  return statuses.flatMap((status, i) => (status === 502 ? [i] : []));
}

describe('headers', () => {
  it('a 503 and a 429 carry the Retry-After given; a code fault carries it on its on-spec 500', async () => {
    const s = await sandbox();
    await s.admin.injectFault({ kind: 'status', status: 503, headers: { 'Retry-After': '1' } });
    await s.admin.injectFault({ kind: 'status', status: 429, headers: { 'retry-after': 'Thu, 03 Dec 2026 10:00:00 GMT' } });
    await s.admin.injectFault({ kind: 'code', code: 103, headers: { 'x-fault': 'yes' } });
    const [a, b, c] = [await post(s, 'deviceNotActive'), await post(s, 'deviceNotActive'), await post(s, 'deviceNotActive')];
    expect([a.status, a.headers['retry-after']]).toEqual([503, '1']);
    expect([b.status, b.headers['retry-after']]).toEqual([429, 'Thu, 03 Dec 2026 10:00:00 GMT']);
    expect([c.status, c.headers['x-fault'], JSON.parse(c.body.toString()).code]).toEqual([500, 'yes', 103]);
  });

  const REFUSED: [string, unknown, RegExp][] = [
    ['a framing header', { kind: 'status', status: 503, headers: { 'Content-Length': '5' } }, /frames the answer/],
    ['a name that is no token', { kind: 'status', status: 503, headers: { 'retry after': '1' } }, /not a header name/],
    ['a value with a line break', { kind: 'status', status: 503, headers: { 'Retry-After': '1\r\nx: y' } }, /printable text/],
    ['headers on a fault without an answer', { kind: 'drop', headers: { 'Retry-After': '1' } }, /unknown field "headers"/],
    ['a probability above 1', { kind: 'status', status: 502, probability: 1.5 }, /probability must be a number from 0 to 1/],
    ['a seed without probability', { kind: 'status', status: 502, seed: 3 }, /seed needs probability/],
    ['refuse chosen by holder', { kind: 'refuse', certIdOtp: 'x' }, /unknown field "certIdOtp"/],
  ];
  it.each(REFUSED)('refuses %s in one sentence', async (_name, fault, message) => {
    const s = await sandbox();
    await expect(s.admin.injectFault(fault as FaultSpec)).rejects.toThrow(SandboxRequestError);
    await expect(s.admin.injectFault(fault as FaultSpec)).rejects.toThrow(message);
  });
});

describe('probability and seed', () => {
  const FAULT: FaultSpec = { kind: 'status', status: 502, probability: 0.3, forMs: 60_000 };

  it('hits about that share of the requests, the same ones on every start with the same --seed', async () => {
    const first = await sandbox({ faultSeed: 42 });
    await first.admin.injectFault(FAULT);
    const again = await sandbox({ faultSeed: 42 });
    await again.admin.injectFault(FAULT);
    const other = await sandbox({ faultSeed: 43 });
    await other.admin.injectFault(FAULT);
    const [a, b, c] = [await hitPattern(first, 60), await hitPattern(again, 60), await hitPattern(other, 60)];
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.length).toBeGreaterThan(6);
    expect(a.length).toBeLessThan(30);
  });

  it('a fault\'s own seed wins, and the seed in use is listed with the fault', async () => {
    const one = await sandbox({ faultSeed: 1 });
    const listed = await one.admin.injectFault({ ...FAULT, seed: 7 });
    const two = await sandbox({ faultSeed: 2 });
    await two.admin.injectFault({ ...FAULT, seed: 7 });
    expect(listed.seed).toBe(7);
    expect(await hitPattern(one, 40)).toEqual(await hitPattern(two, 40));
    const unseeded = await sandbox();
    expect(typeof (await unseeded.admin.injectFault(FAULT)).seed).toBe('number');
  });

  it('a request a fault misses is matched against the next fault', async () => {
    const s = await sandbox({ faultSeed: 5 });
    await s.admin.injectFault({ kind: 'status', status: 502, probability: 0, count: 1 });
    await s.admin.injectFault({ kind: 'code', code: 103 });
    const answer = await post(s, 'deviceNotActive');
    expect(JSON.parse(answer.body.toString()).code).toBe(103);
    expect((await s.admin.faults()).map((f) => f.kind)).toEqual(['status']);
  });
});

describe('refuse', () => {
  it('closes the connection of the next `count` requests before any answer, handling nothing', async () => {
    const s = await sandbox();
    await s.admin.injectFault({ kind: 'refuse', count: 2 });
    await expect(post(s, 'smsActive')).rejects.toThrow(/socket hang up|ECONNRESET|EPIPE/);
    await expect(post(s, 'smsActive')).rejects.toThrow(/socket hang up|ECONNRESET|EPIPE/);
    expect(s.outbox()).toEqual([]);
    expect((await post(s, 'smsActive')).status).toBe(200);
    expect(s.outbox()).toHaveLength(1);
  });

  it('refuses every request for forMs, while the admin API still answers', async () => {
    const s = await sandbox();
    await s.admin.injectFault({ kind: 'refuse', forMs: 300 });
    await expect(post(s, 'deviceNotActive')).rejects.toThrow(/socket hang up|ECONNRESET|EPIPE/);
    const adminAnswer = await request(`${s.adminUrl}/faults`, { credentials: null, headers: { authorization: `Bearer ${s.adminToken}` }, method: 'GET' });
    expect(adminAnswer.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await post(s, 'deviceNotActive')).status).toBe(500);
  });
});

describe('sends scope', () => {
  it('sends: false keeps a fault off the requests that would deliver', async () => {
    const s = await sandbox();
    await s.admin.injectFault({ kind: 'status', status: 502, sends: false, forMs: 60_000 });
    expect((await post(s, 'smsActive')).status).toBe(200);
    expect((await post(s, 'deviceNotActive')).status).toBe(502);
  });
});
