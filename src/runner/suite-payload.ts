// What the CLI hands to the vitest suite (through vitest's provide/inject): plain, serialisable data.
import type { BaselineEntry } from '../baseline/index.ts';
import type { ClientOptions } from '../client/types.ts';
import type { FixtureFile } from '../fixtures/types.ts';
import type { CheckName } from '../results/model.ts';

export interface SuitePayload {
  target: string;
  clientOptions: ClientOptions;
  fixtures: FixtureFile | null;
  /** null: unlimited (Infinity does not survive serialisation). */
  maxSends: number | null;
  seed: number;
  malformedRuns: number;
  baseline: BaselineEntry[];
  requireCodes: 'all' | number[];
  reportDir: string;
  secrets: string[];
  skipChecks: CheckName[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    lean: SuitePayload;
  }
}
