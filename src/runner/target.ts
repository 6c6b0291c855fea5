// Turns a validated configuration into something to send to: the configured target, or the bundled
// reference provider, started here on 127.0.0.1 when no target is configured.
import type { ClientOptions } from '../client/types.ts';
import type { RunConfig } from '../config/index.ts';
import { describeTarget } from '../config/index.ts';
import { startReferenceProvider } from '../sandbox/index.ts';
import type { FixtureFile, RunningProvider } from '../provider/types.ts';

export interface ResolvedTarget {
  /** Printable, without credentials. */
  description: string;
  clientOptions: ClientOptions;
  fixtures: FixtureFile | null;
  /** The reference provider, when this run started it. */
  provider?: RunningProvider;
  close(): Promise<void>;
}

export async function resolveTarget(config: RunConfig): Promise<ResolvedTarget> {
  const common = {
    timeoutMs: config.timeoutMs,
    ...(config.rateLimit === undefined ? {} : { rateLimit: config.rateLimit }),
    ...(config.onBehalfOf === undefined ? {} : { onBehalfOf: config.onBehalfOf }),
    ...(config.tls ? { tls: config.tls } : {}),
  };
  if (config.target.kind === 'remote') {
    return {
      description: describeTarget(config),
      clientOptions: { baseUrl: config.target.baseUrl, ...common, ...(config.credentials ? { credentials: config.credentials } : {}) },
      fixtures: config.fixtures,
      close: async () => {},
    };
  }
  const provider = await startReferenceProvider(config.onBehalfOf ? { onBehalfOf: [config.onBehalfOf] } : {});
  return {
    description: `${provider.url} (bundled reference provider)`,
    clientOptions: { baseUrl: provider.url, ...common, credentials: config.credentials ?? provider.credentials },
    fixtures: config.fixtures ?? provider.fixtures(),
    provider,
    close: () => provider.close(),
  };
}
