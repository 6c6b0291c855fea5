// The reporters: a name → reporter map (vitest: `ReportersMap` in `reporters/index.ts`), the name type
// derived from it, and the two entry points: `writeReports` for the runner, `renderReport` for tests.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConformanceReport } from '../results/model.ts';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';
import { createRedactor, type Redactor } from './redact.ts';

export interface Reporter {
  /** The file name interface.md gives this format inside `LEAN_REPORT_DIR`. */
  readonly fileName: string;
  render(report: ConformanceReport): string;
}

export const REPORTERS = {
  json: { fileName: 'conformance.json', render: renderJson },
  junit: { fileName: 'junit.xml', render: renderJunit },
  markdown: { fileName: 'summary.md', render: renderMarkdown },
  html: { fileName: 'index.html', render: renderHtml },
} as const satisfies Record<string, Reporter>;

export type ReporterName = keyof typeof REPORTERS;
export const REPORTER_NAMES = Object.keys(REPORTERS) as ReporterName[];

/**
 * Renders one format, redacted twice: every string of the model before rendering (so escaping can never
 * turn a secret into a form the final pass misses) and the final text after (defence in depth).
 */
export function renderReport(name: ReporterName, report: ConformanceReport, secrets: readonly string[]): string {
  const redactor = createRedactor(secrets);
  return renderRedacted(name, redactor.deep(report), redactor);
}

/** Renders a model already redacted by `redactor`, then redacts the final text with it. */
function renderRedacted(name: ReporterName, redacted: ConformanceReport, redactor: Redactor): string {
  return redactor.text(REPORTERS[name].render(redacted));
}

export interface WriteReportsOptions {
  dir: string;
  secrets: readonly string[];
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

/** Writes through a temporary file in the same directory, then renames: a reader never sees half a report. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Writes the reports into `dir` (created if needed) and returns their paths, in format order. A format
 * that fails to render or write does not stop the others; the failures are thrown together at the end.
 */
export async function writeReports(report: ConformanceReport, options: WriteReportsOptions): Promise<string[]> {
  await mkdir(options.dir, { recursive: true });
  // Redacted once for every format: the model and the pattern are the same for all four.
  const redactor = createRedactor(options.secrets);
  const redacted = redactor.deep(report);
  const written: string[] = [];
  const errors: { format: ReporterName; error: unknown }[] = [];
  for (const format of options.formats ?? REPORTER_NAMES) {
    try {
      const path = join(options.dir, REPORTERS[format].fileName);
      await writeAtomically(path, renderRedacted(format, redacted, redactor));
      written.push(path);
    } catch (error) {
      errors.push({ format, error });
    }
  }
  if (errors.length > 0) throw new ReportWriteError(errors, written);
  return written;
}

export { formatFailure, formatFailureText } from './format-failure.ts';
export { createRedactor, redact, REDACTED, type Redactor } from './redact.ts';
export type { ConformanceJson } from './json.ts';
