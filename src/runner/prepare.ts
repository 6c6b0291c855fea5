// A validated configuration turned into a session ready to run: the target (the bundled reference provider is
// started here when none is configured), the client (with every secret of the run and every fixture id to hide
// in what the target sends back), and the session with its scenarios. The CLI and the vitest suite both start
// here, so they run the same steps against the same target in the same way.
import { randomInt } from 'node:crypto';
import { createClient } from '../client/index.ts';
import type { OtpClient } from '../client/types.ts';
import type { RunConfig } from '../config/index.ts';
import { fixtureIds } from '../fixtures/index.ts';
import type { SecretSet } from '../secrets/index.ts';
import { ConformanceSession, type Step } from './session.ts';
import { resolveTarget, type ResolvedTarget } from './target.ts';

export interface PrepareOptions {
  /** Aborted on SIGINT/SIGTERM: the client sends nothing more. */
  signal?: AbortSignal;
  /** Builds the step filter once the scenario names are known (see filters.ts). */
  filter?: (scenarioNames: readonly string[]) => ((step: Step) => boolean) | undefined;
  now?: () => Date;
}

export interface PreparedRun {
  readonly session: ConformanceSession;
  readonly target: ResolvedTarget;
  readonly client: OtpClient;
  readonly seed: number;
  /** Every secret and fixture id of the run: for the terminal and anything else quoting foreign text. */
  readonly secrets: SecretSet;
  close(): Promise<void>;
}


export async function prepareRun(config: RunConfig, options: PrepareOptions = {}): Promise<PreparedRun> {
  const target = await resolveTarget(config);
  try {
    const { clientOptions } = target;
    const secrets: SecretSet = {
      values: [...(config.secrets.values ?? [])],
      credentials: [...(config.secrets.credentials ?? []), clientOptions.credentials],
      ids: fixtureIds(target.fixtures),
    };
    const client = createClient({ ...clientOptions, secrets, ...(options.signal ? { signal: options.signal } : {}) });
    const seed = config.seed ?? randomInt(2 ** 31 - 1);
    const sessionOptions = {
      client,
      target: target.description,
      fixtures: target.fixtures,
      credentialsConfigured: clientOptions.credentials !== undefined,
      onBehalfOfConfigured: clientOptions.onBehalfOf !== undefined,
      clientCertificate: clientOptions.tls?.cert !== undefined,
      caCertificate: clientOptions.tls?.ca !== undefined,
      maxSends: config.maxSends,
      seed,
      malformedRuns: config.malformedRuns,
      baseline: config.baseline,
      requireCodes: config.requireCodes,
      skipChecks: config.skipChecks,
      retries: config.retries,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.now ? { now: options.now } : {}),
    };
    // The filter is built from the scenario names, which exist once the session has built its scenarios.
    let filter: ((step: Step) => boolean) | undefined;
    const session = new ConformanceSession(options.filter ? { ...sessionOptions, filter: (step) => filter?.(step) ?? true } : sessionOptions);
    filter = options.filter?.(session.scenarios.map((s) => s.name));
    return {
      session,
      target,
      client,
      seed,
      secrets,
      async close() {
        await client.close();
        await target.close();
      },
    };
  } catch (error) {
    await target.close();
    throw error;
  }
}
