// The resolved configuration of a run: every variable of interface.md ("Target configuration") read once,
// validated, with its default made explicit, then passed down (style-anchors.md §1).
import type { BaselineEntry } from '../baseline/types.ts';
import type { FixtureFile } from '../fixtures/types.ts';
import type { CheckName } from '../results/model.ts';
import type { SecretSet } from '../secrets/index.ts';

export type Target = { kind: 'reference' } | { kind: 'remote'; baseUrl: string };

export interface RunConfig {
  /** `reference` when LEAN_BASE_URL is unset: the CLI starts the bundled provider. */
  target: Target;
  /** Absent: none configured (for the reference target, the CLI uses the provider's own user). */
  credentials?: { username: string; password: string };
  /** PEM contents, loaded and checked (the key matches the certificate and decrypts with the passphrase). */
  tls?: { cert?: string; key?: string; passphrase?: string; ca?: string };
  onBehalfOf?: string;
  /** null: no LEAN_FIXTURES (for the reference target, the CLI uses the provider's own fixtures). */
  fixtures: FixtureFile | null;
  /** Absolute path of the fixture file, when there is one. */
  fixturesPath?: string;
  /** Infinity for the reference target unless LEAN_MAX_SENDS says otherwise. */
  maxSends: number;
  timeoutMs: number;
  /** LEAN_RETRIES: extra attempts of a step that cannot deliver after a transient outcome (0 to 5). */
  retries: number;
  /** Requests per second; undefined means unlimited. */
  rateLimit?: number;
  baseline: BaselineEntry[];
  /** Absolute path of the known-divergences file, when there is one. */
  baselinePath?: string;
  /** `all`, or the listed codes (empty when LEAN_REQUIRE_CODES is unset); 200 means a zero-byte 200 on each operation. */
  requireCodes: 'all' | number[];
  /** Absolute path. */
  reportDir: string;
  /** The secrets of the run (password and Basic credentials, key, passphrase), for the one redactor (src/secrets). */
  secrets: SecretSet;
  /** LEAN_SEED; absent: the run draws one and reports it. */
  seed?: number;
  /** LEAN_MALFORMED_RUNS. */
  malformedRuns: number;
  /** LEAN_SKIP_CHECKS. */
  skipChecks: CheckName[];
  /** LEAN_COMPARE_WITH: absolute path of an earlier conformance.json. */
  compareWith?: string;
  /**
   * Extension of the brief's shape: remarks about a configuration that is valid but probably not what was meant
   * (a remote target without credentials, an unknown LEAN_* variable…). The CLI prints them; they never change
   * the exit code.
   */
  warnings: string[];
  /** Where LEAN_MAX_SENDS and LEAN_RATE_LIMIT came from (set by loadRunConfig; see budget-source.ts). */
  budgetSources?: { readonly maxSends: 'environment' | '.env' | 'default'; readonly rateLimit: 'environment' | '.env' | 'default' };
}
