// Runs a whole conformance session in-process against a reference provider (faulty or not), through the same
// session the vitest suite drives. Faster than spawning the CLI, so every faulty variant can have its own run.
import { createClient } from '../../src/client/index.ts';
import { startReferenceProvider, type StartOptions } from '../../src/sandbox/index.ts';
import type { FixtureFile, OutboxEntry } from '../../src/provider/types.ts';
import type { ReferenceProvider } from '../../src/sandbox/types.ts';
import type { ConformanceReport } from '../../src/results/model.ts';
import { fixtureIds } from '../../src/fixtures/index.ts';
import { ConformanceSession, type SessionOptions } from '../../src/runner/session.ts';

export interface SessionRun {
  report: ConformanceReport;
  outbox: readonly OutboxEntry[];
}

export async function runSession(
  provider: StartOptions = {},
  session: Partial<Omit<SessionOptions, 'client' | 'fixtures'>> & {
    fixtures?: (own: FixtureFile) => FixtureFile;
    timeoutMs?: number;
    /** Runs on the started provider before the first request: faults injected through its admin API, say. */
    arrange?: (provider: ReferenceProvider) => Promise<unknown>;
  } = {},
): Promise<SessionRun> {
  const running = await startReferenceProvider(provider);
  const { fixtures, timeoutMs, arrange, ...rest } = session;
  const own = fixtures ? fixtures(running.fixtures()) : running.fixtures();
  const client = createClient({ baseUrl: running.url, credentials: running.credentials, timeoutMs: timeoutMs ?? 2_000, secrets: { ids: fixtureIds(own) } });
  try {
    await arrange?.(running);
    const run = new ConformanceSession({
      client,
      target: running.url,
      credentialsConfigured: true,
      clientCertificate: false,
      maxSends: Infinity,
      seed: 20261125,
      malformedRuns: 4,
      baseline: [],
      requireCodes: [],
      ...rest,
      fixtures: own,
    });
    for (const step of run.steps) await run.run(step);
    return { report: run.finish(), outbox: [...running.outbox()] };
  } finally {
    await client.close();
    await running.close();
  }
}
