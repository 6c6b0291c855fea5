// The drift check end to end: read the page, extract its facts, compare them with the spec.
import { compareCatalog, type DriftReport, type PageFacts } from './compare-catalog.ts';
import { readStatements } from './page-statements.ts';
import { detectFormat } from './page-text.ts';
import { parseErrorTable } from './parse-error-table.ts';
import { readPage, type Page, type ReadPageOptions } from './read-page.ts';
import { specExpectations, type OperationExpectation } from './spec-expectations.ts';

/** The page has no table with an error-code column and a description column. */
export class NoErrorTableError extends Error {
  override readonly name = 'NoErrorTableError';
}

export function readPageFacts(page: Page): PageFacts {
  const format = detectFormat(page.text, page.formatHint);
  const table = parseErrorTable(page.text, format);
  if (!table) {
    throw new NoErrorTableError(
      `No error table found in ${page.source}: expected a ${format === 'html' ? 'HTML' : 'Markdown'} table ` +
        'whose header has an error-code column and a description column.',
    );
  }
  const statements = readStatements(page.text, format, table);
  const warnings = [
    ...table.skippedRows.map((row) => `row without a readable error code, ignored: ${row}`),
    ...table.duplicateCodes.map((code) => `code ${code} is listed more than once; its first row is compared`),
  ];
  return {
    source: page.source,
    entries: table.entries,
    errorStatuses: statements.errorStatuses,
    successBody: statements.successBody,
    warnings,
  };
}

export interface CheckOptions extends ReadPageOptions {
  readonly threshold?: number;
  /** Defaults to the project's spec. */
  readonly expectations?: readonly OperationExpectation[];
}

export async function checkDocsPage(source: string, options: CheckOptions = {}): Promise<DriftReport> {
  const facts = readPageFacts(await readPage(source, options));
  const threshold = options.threshold === undefined ? {} : { threshold: options.threshold };
  return compareCatalog(facts, options.expectations ?? specExpectations(), threshold);
}
