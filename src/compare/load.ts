// Reading the conformance.json files to compare: each must be a report this suite wrote (any release of it),
// judged by the fields the comparison reads; anything else is one sentence and exit 2, naming the file.
import { ConfigError, describeType, isPlainObject, parseJsonText, readConfiguredFile } from '../input/index.ts';
import type { ConformanceReport } from '../results/model.ts';
import type { LabelledReport } from './compare.ts';

const VERDICTS = new Set(['pass', 'fail', 'skip', 'known']);

/** `"target" is missing`, `"summary" is an array, not an object`. */
function wrong(path: string, value: unknown, want: string): string {
  return value === undefined ? `"${path}" is missing` : `"${path}" is ${describeType(value)}, not ${want}`;
}

/** The first field that keeps `value` from being a conformance report, as a JSON path; null when it is one. */
function firstProblem(value: unknown): string | null {
  if (!isPlainObject(value)) return `the top level is ${describeType(value)}, not an object`;
  for (const key of ['target', 'startedAt'] as const) {
    if (typeof value[key] !== 'string') return wrong(key, value[key], 'a string');
  }
  const summary = value['summary'];
  if (!isPlainObject(summary)) return wrong('summary', summary, 'an object');
  for (const key of ['passed', 'failed', 'skipped', 'known']) {
    if (typeof summary[key] !== 'number') return wrong(`summary.${key}`, summary[key], 'a number');
  }
  if (!isPlainObject(value['coverage'])) return wrong('coverage', value['coverage'], 'an object');
  const results = value['results'];
  if (!Array.isArray(results)) return wrong('results', results, 'an array');
  for (const [i, r] of results.entries()) {
    if (!isPlainObject(r)) return wrong(`results[${i}]`, r, 'an object');
    if (typeof r['operation'] !== 'string' || typeof r['scenario'] !== 'string') {
      return `"results[${i}]" has no operation or scenario name`;
    }
    if (typeof r['verdict'] !== 'string' || !VERDICTS.has(r['verdict'])) return `"results[${i}].verdict" is not pass, fail, skip or known`;
    const observed = r['observed'];
    if (observed !== null && !isPlainObject(observed)) return wrong(`results[${i}].observed`, observed, 'an object or null');
    if (!isPlainObject(r['expected'])) return wrong(`results[${i}].expected`, r['expected'], 'an object');
  }
  return null;
}

/** Reads one report; `name` is what the error names (the option, a variable such as LEAN_COMPARE_WITH, or the path). */
export function loadReport(name: string, path: string): ConformanceReport {
  const value = parseJsonText(readConfiguredFile(name, path), name, path);
  const problem = firstProblem(value);
  if (problem !== null) throw new ConfigError(name, `${path} is not a conformance.json of this suite (${problem})`);
  return value as unknown as ConformanceReport;
}

const operations = (report: ConformanceReport): Set<string> =>
  new Set([...report.results.map((r) => r.operation), ...Object.keys(report.coverage)]);

/** Reads every file and proves they can be compared: runs of the same operations. */
export function loadReports(paths: readonly string[], name = 'arguments'): LabelledReport[] {
  if (paths.length < 2) throw new ConfigError(name, `expected at least two conformance.json files, got ${paths.length}`);
  const runs = paths.map((path) => ({ label: path, report: loadReport(name, path) }));
  const [first, ...later] = runs;
  for (const run of later) assertComparable(first!, run, name);
  return runs;
}

/** Two reports compare when they share an operation; otherwise every step would read as new, which hides nothing but tells nothing. */
export function assertComparable(before: LabelledReport, after: LabelledReport, name: string): void {
  const shared = [...operations(before.report)].filter((op) => operations(after.report).has(op));
  if (shared.length === 0) {
    throw new ConfigError(name, `${after.label} shares no operation with ${before.label}, so the two runs cannot be compared`);
  }
}
