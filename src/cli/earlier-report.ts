// LEAN_COMPARE_WITH: the earlier report is read and validated before anything is sent (`--plan` too), so a file
// that is not a report of this suite is exit 2 with nothing sent. A failed run must not look like a passing one
// either: the report directory may still hold an earlier run's files (a CI job that downloads the last run's
// artifact into reports/, or a developer's last local run), and after an exit 2 an artifact upload or a person
// opening index.html would take them for this run's. So when the file is refused, this suite's own report files
// are removed from LEAN_REPORT_DIR (only those names, only when no other run holds the directory), and the
// sentence says so. `--plan` writes nothing, so it removes nothing.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadReport, type LabelledReport } from '../compare/index.ts';
import type { RunConfig } from '../config/index.ts';
import { ConfigError } from '../input/index.ts';
import { COMPARE_FILES } from '../report/compare-view.ts';
import { REPORTERS } from '../report/index.ts';
import { claimReportDir } from '../runner/report-dir.ts';

const VARIABLE = 'LEAN_COMPARE_WITH';

/** Every file a run or a comparison of this suite writes into LEAN_REPORT_DIR. */
export const REPORT_FILE_NAMES: readonly string[] = [...Object.values(REPORTERS).map((r) => r.fileName), ...Object.values(COMPARE_FILES)];

/**
 * Removes this suite's report files from `dir` (all of them, or the `names` given: a refused comparison removes
 * only an earlier comparison's); the names removed. Nothing when another run holds the directory.
 */
export function removeEarlierReports(dir: string, names: readonly string[] = REPORT_FILE_NAMES): string[] {
  if (!names.some((name) => existsSync(join(dir, name)))) return [];
  let claim;
  try {
    claim = claimReportDir(dir);
  } catch {
    return [];
  }
  try {
    const present = names.filter((name) => existsSync(join(dir, name)));
    for (const name of present) rmSync(join(dir, name), { force: true });
    return present;
  } finally {
    claim.release();
  }
}

export function loadEarlierReport(config: Pick<RunConfig, 'compareWith' | 'reportDir'>, options: { plan: boolean }): LabelledReport | undefined {
  if (config.compareWith === undefined) return undefined;
  try {
    return { label: config.compareWith, report: loadReport(VARIABLE, config.compareWith) };
  } catch (error) {
    if (!(error instanceof ConfigError) || options.plan) throw error;
    const removed = removeEarlierReports(config.reportDir);
    if (removed.length === 0) throw error;
    const rule = error.message.slice(`${VARIABLE}: `.length).replace(/\.$/, '');
    throw new ConfigError(VARIABLE, `${rule}; nothing was sent, and the earlier reports in ${config.reportDir} ` +
      `(${removed.join(', ')}) were removed so that none of them reads as this run's result`, { cause: error });
  }
}
