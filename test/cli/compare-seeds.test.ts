// Runs with different seeds line up step by step: two passing runs of the real command against the bundled
// provider, seeds 1 and 2, compare with no change at all; a later run whose one new failure is a malformed body
// (seed 3, a body neither earlier run sent) is a regression, exit 1. Every run is the real entry point.
import { readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest, createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as compare } from '../../src/cli/compare.ts';
import { main as conformance } from '../../src/cli/conformance.ts';
import { startReferenceProvider } from '../../src/sandbox/index.ts';
import type { ReferenceProvider } from '../../src/sandbox/types.ts';
import type { Comparison, ConformanceReport } from '../../src/results/model.ts';
import { drawMalformedBodies } from '../../src/scenarios/malformed-scenarios.ts';
import { freshDir, runMain } from '../support/spawn-cli.ts';

const dir = freshDir('lean-compare-seeds-');
const reportOf = (run: string): ConformanceReport => JSON.parse(readFileSync(join(dir, run, 'conformance.json'), 'utf8')) as ConformanceReport;

async function conformanceRun(run: string, env: Record<string, string>): Promise<number | null> {
  const result = await runMain(conformance, { LEAN_REPORT_DIR: join(dir, run), ...env });
  return result.code;
}

/** The raw body of `malformed:not-json:2` under a seed: what the faulty target below answers with code 6. */
function notJson2(seed: number): string {
  const body = drawMalformedBodies(seed, 12).find((b) => b.kind === 'not-json' && b.index === 2);
  return String(body?.request.raw);
}

describe('comparing runs with different seeds', () => {
  let provider: ReferenceProvider;
  let faulty: Server;
  let faultyUrl: string;
  beforeAll(async () => {
    // A target that is the reference provider, except that sendOtp answers one body with the internal fault 6.
    provider = await startReferenceProvider();
    const target = new URL(provider.url);
    const poisoned = notJson2(3);
    faulty = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        if (req.url === '/sendOtp' && body.toString('utf8') === poisoned) {
          res.writeHead(500, { 'content-type': 'application/json' }).end('{"code":6,"message":"internal"}');
          return;
        }
        const upstream = httpRequest({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        upstream.end(body);
      });
    });
    await new Promise<void>((resolve) => faulty.listen(0, '127.0.0.1', resolve));
    const address = faulty.address();
    faultyUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => faulty?.close(() => resolve()));
    await provider?.close();
  });

  it('two passing runs, seeds 1 and 2: 0 changes, exit 0; a malformed regression under seed 3: exit 1', async () => {
    expect(await conformanceRun('seed-1', { LEAN_SEED: '1' })).toBe(0);
    expect(await conformanceRun('seed-2', { LEAN_SEED: '2' })).toBe(0);

    const same = await runMain(compare, { LEAN_REPORT_DIR: join(dir, 'compare-1-2') }, [join(dir, 'seed-1', 'conformance.json'), join(dir, 'seed-2', 'conformance.json')]);
    expect(same.code).toBe(0);
    const sameJson = JSON.parse(readFileSync(join(dir, 'compare-1-2', 'compare.json'), 'utf8')) as Comparison;
    expect(sameJson.changes).toEqual([]);
    expect(sameJson.unchanged).toBe(reportOf('seed-1').results.length);
    // Other bodies went out: the seed decided them, and only them.
    const body = (run: string) => reportOf(run).results.find((r) => r.scenario === 'malformed:not-json:2')?.request?.body;
    expect(body('seed-1')).not.toBe(body('seed-2'));

    // Arrange: the faulty target, with the fixtures and credentials of the provider behind it.
    const fixtures = join(dir, 'fixtures.json');
    writeFileSync(fixtures, JSON.stringify(provider.fixtures()));
    const code = await conformanceRun('seed-3', {
      LEAN_SEED: '3', LEAN_BASE_URL: faultyUrl, LEAN_FIXTURES: fixtures, LEAN_USERNAME: provider.credentials.username,
      LEAN_PASSWORD: provider.credentials.password, LEAN_ON_BEHALF_OF: provider.onBehalfOf, LEAN_MAX_SENDS: '100', LEAN_RATE_LIMIT: '1000',
    });
    expect(code).toBe(1);

    const regression = await runMain(compare, { LEAN_REPORT_DIR: join(dir, 'compare-1-3') }, [join(dir, 'seed-1', 'conformance.json'), join(dir, 'seed-3', 'conformance.json')]);
    expect(regression.code).toBe(1);
    const json = JSON.parse(readFileSync(join(dir, 'compare-1-3', 'compare.json'), 'utf8')) as Comparison;
    expect(json.regressions).toBe(1);
    expect(json.changes).toEqual([expect.objectContaining({ operation: 'sendOtp', scenario: 'malformed:not-json:2', kind: 'regression' })]);
    expect(regression.stdout).toContain('✗ regression: now fails: sendOtp malformed:not-json:2: pass: 500, code 2 → fail: 500, code 6');
  }, 60_000);
});
