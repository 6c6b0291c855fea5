// The comparison itself: a pure function from what the page says and what the spec says to a typed drift
// report, so every rule can be tested with literal tables and no file, network or process.
import type { OperationId } from '../catalog/index.ts';
import { compareMeanings, DEFAULT_SIMILARITY_THRESHOLD } from './normalise-meaning.ts';
import type { PageErrorEntry } from './parse-error-table.ts';
import type { SuccessBodyStatement } from './page-statements.ts';
import type { OperationExpectation } from './spec-expectations.ts';

/** Everything read from the page that the comparison uses. */
export interface PageFacts {
  /** File path or URL, as given. */
  readonly source: string;
  readonly entries: readonly PageErrorEntry[];
  readonly errorStatuses: readonly number[];
  readonly successBody: SuccessBodyStatement;
  /** Things the reader noticed but could not use (unreadable rows, repeated codes). Not drift by themselves. */
  readonly warnings: readonly string[];
}

export interface CodeOnlyOnPage {
  readonly code: number;
  readonly pageDescription: string;
}

export interface CodeOnlyInSpec {
  readonly code: number;
  readonly specMeaning: string;
}

export interface ChangedMeaning {
  readonly code: number;
  readonly pageDescription: string;
  readonly specMeaning: string;
  readonly similarity: number;
  readonly negationDiffers: boolean;
}

export interface StatusCheck {
  /** Statuses the page gives for errors; empty when it states none (then nothing is compared). */
  readonly page: readonly number[];
  readonly spec: readonly number[];
  readonly drift: boolean;
}

export interface SuccessBodyCheck {
  readonly page: SuccessBodyStatement;
  readonly specEmpty: boolean;
  readonly drift: boolean;
}

export interface OperationDrift {
  readonly operation: OperationId;
  readonly deprecated: boolean;
  /** On the page, not in the operation's catalog. */
  readonly missingFromSpec: readonly CodeOnlyOnPage[];
  /** In the catalog with source `operation`, not on the page. */
  readonly missingFromPage: readonly CodeOnlyInSpec[];
  readonly changedMeanings: readonly ChangedMeaning[];
  /** Codes on both sides whose meanings agree. */
  readonly agreeing: readonly number[];
  /** Authentication codes of the catalog absent from the page: documented on another vendor page. */
  readonly documentedElsewhere: readonly number[];
  readonly errorStatus: StatusCheck;
  readonly successBody: SuccessBodyCheck;
  /** Number of differences in this operation; 0 means no drift. */
  readonly differences: number;
}

export interface DriftReport {
  readonly source: string;
  readonly threshold: number;
  readonly pageCodes: readonly number[];
  readonly warnings: readonly string[];
  readonly operations: readonly OperationDrift[];
  readonly differences: number;
  readonly drift: boolean;
}

export interface CompareOptions {
  /** Jaccard similarity at or above which two meanings agree. */
  readonly threshold?: number;
}

function compareOperation(page: PageFacts, expected: OperationExpectation, threshold: number): OperationDrift {
  const onPage = new Map(page.entries.map((e) => [e.code, e]));
  const inSpec = new Map(expected.catalog.map((e) => [e.code as number, e]));
  const missingFromSpec: CodeOnlyOnPage[] = [];
  const changedMeanings: ChangedMeaning[] = [];
  const agreeing: number[] = [];
  for (const entry of page.entries) {
    const specEntry = inSpec.get(entry.code);
    // A code the spec knows as an authentication code is not new even if this page lists it; its meaning
    // is still compared, since the page then documents it too.
    if (!specEntry) {
      missingFromSpec.push({ code: entry.code, pageDescription: entry.description });
      continue;
    }
    const verdict = compareMeanings(entry.description, specEntry.meaning, threshold);
    if (verdict.same) agreeing.push(entry.code);
    else {
      changedMeanings.push({
        code: entry.code,
        pageDescription: entry.description,
        specMeaning: specEntry.meaning,
        similarity: Math.round(verdict.similarity * 100) / 100,
        negationDiffers: verdict.negationDiffers,
      });
    }
  }
  const absent = expected.catalog.filter((e) => !onPage.has(e.code));
  const missingFromPage = absent
    .filter((e) => e.source === 'operation')
    .map((e) => ({ code: e.code as number, specMeaning: e.meaning }));
  const documentedElsewhere = absent.filter((e) => e.source === 'authentication').map((e) => e.code as number);

  const statusDrift = page.errorStatuses.some((s) => !expected.errorStatuses.includes(s));
  const errorStatus = { page: page.errorStatuses, spec: expected.errorStatuses, drift: statusDrift };
  // Only a page that describes its success response and no longer calls it empty contradicts the spec.
  const bodyDrift = expected.successBodyEmpty && page.successBody === 'not-stated';
  const successBody = { page: page.successBody, specEmpty: expected.successBodyEmpty, drift: bodyDrift };

  const differences = missingFromSpec.length + missingFromPage.length + changedMeanings.length +
    (statusDrift ? 1 : 0) + (bodyDrift ? 1 : 0);
  return {
    operation: expected.operation,
    deprecated: expected.deprecated,
    missingFromSpec,
    missingFromPage,
    changedMeanings,
    agreeing,
    documentedElsewhere,
    errorStatus,
    successBody,
    differences,
  };
}

/**
 * Compares one page with every operation of the spec: a send-OTP page documents both methods at once, so
 * each operation's catalog must agree with the same table.
 */
export function compareCatalog(
  page: PageFacts,
  expectations: readonly OperationExpectation[],
  options: CompareOptions = {},
): DriftReport {
  const threshold = options.threshold ?? DEFAULT_SIMILARITY_THRESHOLD;
  const operations = expectations.map((expected) => compareOperation(page, expected, threshold));
  const differences = operations.reduce((sum, op) => sum + op.differences, 0);
  return {
    source: page.source,
    threshold,
    pageCodes: page.entries.map((e) => e.code),
    warnings: page.warnings,
    operations,
    differences,
    drift: differences > 0,
  };
}
