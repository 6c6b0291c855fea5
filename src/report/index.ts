// The reporters: a name → reporter map (vitest: `ReportersMap` in `reporters/index.ts`), the name type
// derived from it, and the two entry points: `writeReports` for the runner, `renderReport` for tests.
// Reports render the model as it is: secrets were redacted by value where foreign text entered the model
// (client, error texts), never here by rewriting rendered text, which would corrupt the formats' own words.
import { join } from 'node:path';
import { makeDirectories, writeAtomically } from '../input/index.ts';
import type { ConformanceReport } from '../results/model.ts';
import { renderCtrf } from './ctrf.ts';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';

export interface Reporter {
  /** The file name interface.md gives this format inside `LEAN_REPORT_DIR`. */
  readonly fileName: string;
  render(report: ConformanceReport): string;
}

// conformance.json first: it is the one format that must always hold every result and the sends made.
export const REPORTERS = {
  json: { fileName: 'conformance.json', render: renderJson },
  junit: { fileName: 'junit.xml', render: renderJunit },
  markdown: { fileName: 'summary.md', render: renderMarkdown },
  html: { fileName: 'index.html', render: renderHtml },
  ctrf: { fileName: 'ctrf.json', render: renderCtrf },
} as const satisfies Record<string, Reporter>;

export type ReporterName = keyof typeof REPORTERS;
export const REPORTER_NAMES = Object.keys(REPORTERS) as ReporterName[];

export function renderReport(name: ReporterName, report: ConformanceReport): string {
  return REPORTERS[name].render(report);
}

export interface WriteReportsOptions {
  dir: string;
  /** Default: every format. */
  formats?: ReporterName[];
}

/** Thrown after every other format was written; `written` lists the files that did make it. */
export class ReportWriteError extends AggregateError {
  override readonly name = 'ReportWriteError';
  constructor(errors: readonly { format: ReporterName; error: unknown }[], readonly written: readonly string[]) {
    super(
      errors.map((e) => e.error),
      `Could not write ${errors.length} report(s): ${errors
        .map((e) => `${e.format} (${e.error instanceof Error ? e.error.message : String(e.error)})`)
        .join('; ')}.`,
    );
  }
}

/**
 * Writes the reports into `dir` (created if needed) and returns their paths, in format order. conformance.json
 * is written first whatever order `formats` gives; a format that fails to render or write does not stop the
 * others, and the failures are thrown together at the end.
 */
export async function writeReports(report: ConformanceReport, options: WriteReportsOptions): Promise<string[]> {
  makeDirectories(options.dir);
  const asked = options.formats ?? REPORTER_NAMES;
  const formats = asked.includes('json') ? ['json' as const, ...asked.filter((f) => f !== 'json')] : asked;
  const written: string[] = [];
  const errors: { format: ReporterName; error: unknown }[] = [];
  for (const format of formats) {
    try {
      const path = join(options.dir, REPORTERS[format].fileName);
      await writeAtomically(path, renderReport(format, report));
      written.push(path);
    } catch (error) {
      errors.push({ format, error });
    }
  }
  if (errors.length > 0) throw new ReportWriteError(errors, written);
  return written;
}

export { formatFailure, formatFailureText } from './format-failure.ts';
export type { ConformanceJson } from './json.ts';
