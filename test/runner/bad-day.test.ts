// Self-tests of a gate that neither lies nor cries wolf, against the sandbox playing a bad day (its faults, or a
// response hook): a 502, a dropped or refused connection, a 429 with Retry-After are retried where a retry
// cannot send and the run stays green; a wrong answer is asked again (confirmed or intermittent, both fail); a
// target that stops answering makes the run inconclusive (exit 3) unless a definitive failure came first; a
// step that hangs while the target answers others is a failure; failures sharing a wrong assumption are
// diagnosed. Throughout: no retry carries a success holder's ids, and sends never exceed LEAN_MAX_SENDS.
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/index.ts';
import type { ClientOptions, OtpClient, SendRequest } from '../../src/client/types.ts';
import { FIXTURE_STATES } from '../../src/catalog/index.ts';
import { fixtureIds } from '../../src/fixtures/index.ts';
import { startReferenceProvider, type FaultSpec, type StartOptions } from '../../src/sandbox/index.ts';
import type { ReferenceProvider } from '../../src/sandbox/types.ts';
import type { OutboxEntry, ProviderResponse } from '../../src/provider/types.ts';
import { renderHtml } from '../../src/report/html.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { terminalSummary } from '../../src/report/terminal.ts';
import type { ConformanceReport } from '../../src/results/model.ts';
import { ConformanceSession, type SessionOptions, type Step } from '../../src/runner/session.ts';

const SUCCESS_STATES = FIXTURE_STATES.filter((s) => s.outcome === 'sent').map((s) => s.name);

interface BadDay {
  provider?: StartOptions;
  /** Changes the sandbox's holders before the run reads its fixtures. */
  setup?: (provider: ReferenceProvider) => Promise<unknown>;
  faults?: (provider: ReferenceProvider) => FaultSpec[];
  session?: Partial<SessionOptions>;
  client?: Partial<ClientOptions>;
  /** Aborts the run's signal this long after the start. */
  abortAfterMs?: number;
  /** The one test whose holders share ids on purpose skips the safety check every other run gets. */
  sharedIdsOnPurpose?: true;
}

interface BadDayRun {
  report: ConformanceReport;
  outbox: readonly OutboxEntry[];
  /** Every request the client sent, in order, and whether it carried a success holder's id. */
  requests: { scenario: string; delivering: boolean; at: number }[];
  waits: number[];
  elapsedMs: number;
}

/** Records every request the session's client makes. */
function recording(client: OtpClient, successIds: readonly string[], log: BadDayRun['requests'], scenarioOf: () => string): OtpClient {
  return {
    async send(op, request: SendRequest, overrides) {
      const text = request.raw !== undefined ? String(request.raw) : JSON.stringify(request.body ?? null);
      log.push({ scenario: scenarioOf(), delivering: successIds.some((id) => text.includes(id)), at: performance.now() });
      return client.send(op, request, overrides);
    },
    close: () => client.close(),
  };
}

async function badDay(options: BadDay = {}): Promise<BadDayRun> {
  const provider = await startReferenceProvider({ faultSeed: 20261203, ...options.provider });
  await options.setup?.(provider);
  const fixtures = provider.fixtures();
  const successIds = SUCCESS_STATES.flatMap((s) => {
    const h = fixtures.holders[s as keyof typeof fixtures.holders];
    return h ? [h.certIdOtp, h.deviceCode] : [];
  });
  const controller = new AbortController();
  const real = createClient({
    baseUrl: provider.url, credentials: provider.credentials, timeoutMs: 1_000, secrets: { ids: fixtureIds(fixtures) },
    signal: controller.signal, ...options.client,
  });
  const requests: BadDayRun['requests'] = [];
  const waits: number[] = [];
  let current = '';
  const client = recording(real, successIds, requests, () => current);
  for (const fault of options.faults?.(provider) ?? []) await provider.admin.injectFault(fault);
  const started = performance.now();
  const timer = options.abortAfterMs === undefined ? undefined : setTimeout(() => controller.abort(), options.abortAfterMs);
  try {
    const session = new ConformanceSession({
      client, target: provider.url, fixtures, credentialsConfigured: true, clientCertificate: false,
      maxSends: Infinity, seed: 20261203, malformedRuns: 2, baseline: [], requireCodes: [], signal: controller.signal,
      // Waits are recorded, not slept, unless a test wants real time.
      sleep: async (ms) => void waits.push(ms),
      ...options.session,
    });
    for (const step of session.steps) {
      if (controller.signal.aborted) session.interrupt();
      current = step.scenario.name;
      await session.run(step);
    }
    const run = { report: session.finish(), outbox: [...provider.outbox()], requests, waits, elapsedMs: performance.now() - started };
    // In every run: no retry delivered, and deliveries stayed within the budget.
    if (!options.sharedIdsOnPurpose) expectSafe(run, options.session?.maxSends ?? Infinity);
    return run;
  } finally {
    clearTimeout(timer);
    await client.close();
    await provider.close();
  }
}

const json = (status: number, body: unknown): ProviderResponse => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const codeIn = (r: ProviderResponse): number | null => (r.status === 500 ? (JSON.parse(String(r.body)) as { code: number }).code : null);
const only = (...patterns: string[]) => (step: Step): boolean => patterns.some((p) => step.scenario.name.startsWith(p));

/** What holds in every run here: nothing a retry sent could deliver, and the deliveries stay within the budget. */
function expectSafe(run: BadDayRun, maxSends = Infinity): void {
  const delivering = run.requests.filter((r) => r.delivering);
  const steps = new Set(run.report.results.filter((r) => r.observed !== null || r.reason === 'interrupted in flight').map((r) => `${r.operation} ${r.scenario}`));
  // Each delivering request belongs to a success step, and each success step made one request: no retry delivered.
  expect(delivering.every((r) => SUCCESS_STATES.some((s) => r.scenario === `fixture:${s}`))).toBe(true);
  const successSteps = run.report.results.filter((r) => r.expected.status === 200 && r.observed !== null);
  expect(delivering).toHaveLength(successSteps.length);
  expect(successSteps.every((r) => (r.attempts?.length ?? 1) === 1)).toBe(true);
  expect(delivering.length).toBeLessThanOrEqual(maxSends);
  expect(run.report.sends).toBeGreaterThanOrEqual(delivering.length);
  expect(steps.size).toBeGreaterThan(0);
}

describe('transient faults are retried where a retry cannot send, and the run stays green', () => {
  it.each<[string, FaultSpec]>([
    ['one 502', { kind: 'status', status: 502, body: '<html>Bad Gateway</html>', sends: false }],
    ['one dropped connection', { kind: 'drop', sends: false }],
    ['one 503 from a gateway, with Retry-After', { kind: 'status', status: 503, headers: { 'Retry-After': '2' }, sends: false }],
  ])('%s', async (_name, fault) => {
    const run = await badDay({ faults: () => [fault] });
    expect(run.report.exitCode).toBe(0);
    expect(run.report.verdict).toBe('pass');
    expect(run.report.summary).toMatchObject({ failed: 0, retried: 1, recovered: 1, intermittent: 0 });
    const retried = run.report.results.find((r) => r.attempts)!;
    expect(retried.attempts).toHaveLength(2);
    expect(retried.attempts![0]!.status === 502 || retried.attempts![0]!.status === 503 || retried.attempts![0]!.transportError === 'reset').toBe(true);
    expect(run.waits).toEqual([fault.headers?.['Retry-After'] ? 2_000 : expect.any(Number)]);
    expect(retried.attempts![1]!.waitedMs).toBe(run.waits[0]);
    expectSafe(run);
  });

  it('a 429 with Retry-After is honoured, with a real wait', async () => {
    const run = await badDay({
      faults: () => [{ kind: 'status', status: 429, headers: { 'Retry-After': '1' }, sends: false, count: 2 }],
      session: { filter: only('missingFields:empty-object'), sleep: undefined },
    });
    expect(run.report.exitCode).toBe(0);
    const step = run.report.results.find((r) => r.attempts)!;
    expect(step.attempts!.map((a) => [a.status, a.waitedMs])).toEqual([[429, 0], [429, 1_000], [500, 1_000]]);
    expect(run.elapsedMs).toBeGreaterThanOrEqual(2_000);
  });

  it('the rate limit spaces every attempt: retries and the confirmation alike', async () => {
    const arrived: number[] = [];
    const run = await badDay({
      // Waits are recorded, not slept: only the rate limit (10 per second) spaces the attempts here.
      provider: { mutate: (r) => (arrived.push(performance.now()), r) },
      faults: (p) => [
        { kind: 'status', status: 503, sends: false, count: 2 },
        { kind: 'code', code: 71, count: 2, certIdOtp: p.fixtures().holders.deviceNotActive!.certIdOtp },
      ],
      client: { rateLimit: 10 },
      session: { filter: only('missingFields:empty-object', 'fixture:deviceNotActive') },
    });
    // fixture:deviceNotActive runs first: two 503s retried, then the wrong code, confirmed.
    const step = run.report.results.find((r) => r.attempts)!;
    expect(step.attempts!.map((a) => [a.status, a.code])).toEqual([[503, null], [503, null], [500, 71], [500, 71]]);
    expect(step.confirmation).toBe('confirmed');
    expect(arrived).toHaveLength(run.requests.length);
    const gaps = arrived.slice(1).map((at, i) => at - arrived[i]!);
    // Starts are 100 ms apart; arrival, taken after the body is read, jitters on a loaded machine.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(60);
    expect(arrived.at(-1)! - arrived[0]!).toBeGreaterThanOrEqual((arrived.length - 1) * 100 - 60);
  });

  it('a seeded 10 % of 502 on the requests that cannot deliver: green, and retries added no delivering request', async () => {
    const clean = await badDay();
    const flaky = await badDay({ faults: () => [{ kind: 'status', status: 502, probability: 0.1, sends: false, forMs: 600_000 }] });
    expect(flaky.report.exitCode).toBe(0);
    expect(flaky.report.summary.retried).toBeGreaterThan(0);
    expect(flaky.report.summary.recovered).toBe(flaky.report.summary.retried);
    expect(flaky.report.sends).toBe(clean.report.sends);
    expect(flaky.outbox).toHaveLength(clean.outbox.length);
    expect(flaky.requests.filter((r) => r.delivering)).toHaveLength(clean.requests.filter((r) => r.delivering).length);
    expectSafe(flaky);
  });

  it('a window of refused connections is waited out', async () => {
    const run = await badDay({ faults: () => [{ kind: 'refuse', count: 2 }], session: { filter: only('missingFields:') } });
    expect(run.report.exitCode).toBe(0);
    const first = run.report.results.find((r) => r.attempts)!;
    expect(first.attempts!.map((a) => a.transportError)).toEqual(['reset', 'reset', null]);
  });

  it('LEAN_RETRIES=0: one 502 fails its step, nothing is asked again', async () => {
    const run = await badDay({ faults: () => [{ kind: 'status', status: 502, sends: false }], session: { retries: 0 } });
    expect(run.report.exitCode).toBe(1);
    expect(run.report.summary.retried).toBe(0);
    // The 502 itself, and its twin's parity with it.
    expect(run.report.results.filter((r) => r.verdict === 'fail').map((r) => r.observed?.status)).toContain(502);
    expect(run.report.results.some((r) => r.attempts || r.confirmation)).toBe(false);
  });
});

describe('a step that may deliver is never retried', () => {
  it('a target answering 503 to everything: one request per send, never more than LEAN_MAX_SENDS, run inconclusive', async () => {
    const run = await badDay({
      faults: () => [{ kind: 'status', status: 503, forMs: 600_000 }],
      session: { maxSends: 2 },
    });
    expectSafe(run, 2);
    expect(run.outbox).toEqual([]);
    expect(run.report.verdict).toBe('inconclusive');
    expect(run.report.exitCode).toBe(3);
    // The first steps are the two budgeted sends (one attempt each), then a step that cannot deliver (three).
    expect(run.requests.map((r) => r.delivering)).toEqual([true, true, false, false, false]);
  });

  it('with sends unlimited too: each success step one request, whatever it got', async () => {
    const run = await badDay({ faults: () => [{ kind: 'status', status: 503, forMs: 600_000 }] });
    expectSafe(run);
    expect(run.requests.filter((r) => r.delivering)).toHaveLength(3);
    expect(run.report.sends).toBe(3);
  });

  it('a request that would carry a success holder\'s ids is sent once, whatever its scenario', async () => {
    // An error-state holder sharing its deviceCode with the SMS holder: missingFields:only-deviceCode then carries it.
    const run = await badDay({
      setup: async (p) => p.admin.changeHolder(p.fixtures().holders.deviceNotActive!.certIdOtp, { deviceCode: p.fixtures().holders.smsActive!.deviceCode }),
      faults: () => [{ kind: 'status', status: 503, forMs: 600_000 }],
      session: { filter: only('missingFields:only-deviceCode') },
      sharedIdsOnPurpose: true,
    });
    expect(run.requests.map((r) => r.delivering)).toEqual([true, true]);
    expect(run.report.results.filter((r) => r.observed !== null).map((r) => r.attempts?.length ?? 1)).toEqual([1, 1]);
  });
});

describe('confirmed or intermittent', () => {
  const wrongCode = (count: number) => (p: ReferenceProvider): FaultSpec[] => [{
    kind: 'code', code: 71, count, operation: 'sendOtp', certIdOtp: p.fixtures().holders.deviceNotActive!.certIdOtp,
  }];

  it('the same wrong answer twice: confirmed, fail', async () => {
    const run = await badDay({ faults: wrongCode(2) });
    const r = run.report.results.find((x) => x.operation === 'sendOtp' && x.scenario === 'fixture:deviceNotActive')!;
    expect([r.verdict, r.confirmation, r.observed?.code]).toEqual(['fail', 'confirmed', 71]);
    expect(r.attempts?.map((a) => a.code)).toEqual([71, 71]);
    expect(run.report.exitCode).toBe(1);
    expect(run.report.summary.intermittent).toBe(0);
  });

  it('a wrong answer once, then the right one: intermittent, still fail, both answers shown', async () => {
    const run = await badDay({ faults: wrongCode(1) });
    const r = run.report.results.find((x) => x.operation === 'sendOtp' && x.scenario === 'fixture:deviceNotActive')!;
    expect([r.verdict, r.confirmation, r.observed?.code]).toEqual(['fail', 'intermittent', 71]);
    expect(r.attempts?.map((a) => a.code)).toEqual([71, 66]);
    expect(run.report.summary.intermittent).toBe(1);
    expect(run.report.exitCode).toBe(1);
    expect(terminalSummary(run.report)).toMatch(/1 intermittent failure/);
    expect(renderMarkdown(run.report)).toContain('2 attempts: HTTP 500, code 71 → HTTP 500, code 66 after 0 ms; intermittent');
  });
});

describe('inconclusive, or a failure', () => {
  it('a step that hangs while the target answers the others is a failure (exit 1), with every attempt', async () => {
    const run = await badDay({
      provider: { mutate: (r) => (codeIn(r) === 240 ? 'hang' : r) },
      client: { timeoutMs: 200 },
    });
    expect(run.report.verdict).toBe('fail');
    expect(run.report.exitCode).toBe(1);
    const hung = run.report.results.filter((r) => r.scenario === 'fixture:noEmailTemplate');
    expect(hung.map((r) => [r.verdict, r.attempts?.length])).toEqual([['fail', 3], ['fail', 3]]);
    expect(run.report.results.filter((r) => r.reason === 'not run: target unavailable')).toEqual([]);
  });

  it('a definitive failure before the target went down: exit 1, the rest not run', async () => {
    let answered = 0;
    const run = await badDay({
      provider: { mutate: (r) => (++answered > 12 ? 'destroy' : codeIn(r) === 66 ? json(500, { code: 71, message: 'x' }) : r) },
    });
    expect(run.report.verdict).toBe('fail');
    expect(run.report.exitCode).toBe(1);
    expect(run.report.results.filter((r) => r.reason === 'not run: target unavailable').length).toBeGreaterThan(10);
    expect(run.report.results.find((r) => r.scenario === 'fixture:deviceNotActive')?.confirmation).toBe('confirmed');
  });

  it('a signal ends a wait at once', async () => {
    const run = await badDay({
      faults: () => [{ kind: 'status', status: 503, headers: { 'Retry-After': '30' }, sends: false }],
      session: { sleep: undefined, filter: only('missingFields:') },
      abortAfterMs: 300,
    });
    expect(run.elapsedMs).toBeLessThan(2_000);
    expect(run.report.interrupted).toBe(true);
    expect(run.report.exitCode).toBe(1);
    expect(run.requests).toHaveLength(1);
  });
});

describe('a diagnosis of wrong assumptions', () => {
  it.each<[string, (r: ProviderResponse) => ProviderResponse, string]>([
    ['every request answered 404', () => ({ status: 404, headers: {}, body: '' }), 'method-and-paths'],
    ['every error a 500 with an HTML page', (r) => (r.status === 500 ? { status: 500, headers: {}, body: '<h1>Error</h1>' } : r), 'error-body'],
    ['every request answered 401', () => ({ status: 401, headers: {}, body: '' }), 'authentication'],
  ])('%s', async (_name, mutate, pattern) => {
    const run = await badDay({ provider: { mutate } });
    const { diagnosis } = run.report;
    expect(diagnosis?.pattern).toBe(pattern);
    expect(run.report.exitCode).toBe(1);
    expect(run.report.summary.failed).toBeGreaterThan(1);
    const quoted = `"${diagnosis!.assumption}"`;
    const verdictLine = terminalSummary(run.report).split('\n')[1]!;
    expect(verdictLine).toContain(quoted);
    expect(verdictLine).toMatch(/Likely a wrong assumption/);
    expect(renderMarkdown(run.report).split('\n')[2]).toContain('Likely a wrong assumption');
    expect(renderHtml(run.report)).toContain('Likely a wrong assumption');
  });
});
