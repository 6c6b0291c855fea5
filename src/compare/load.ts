// Reading back a conformance.json (conformance:compare, LEAN_COMPARE_WITH): a file the run did not write is input,
// not truth. It is read with the bounded file read of every input (a regular file of at most 16 MiB), validated
// against schemas/conformance.schema.json (every string, list and object bounded, every operation from the spec,
// no key this suite does not write), then against what the schema cannot say: each scenario is one this suite
// can run (isScenarioName), each step appears once, and the summary counts the results. Anything else is one
// sentence and exit 2, naming the file and the first failing path, before any request. The schema is validated
// with its precompiled code (src/schemas/generated/, written by `npm run schemas`): compiling it would cost more
// than a hundred milliseconds in every process that reads a report.
import { join } from 'node:path';
import { ConfigError, describeType, parseJsonText, readConfiguredFile } from '../input/index.ts';
import { checkWith, type SchemaCheck, type SchemaProblem } from '../input/json-schema.ts';
import { PACKAGE_ROOT } from '../package-info.ts';
import { terminalText } from '../report/escape.ts';
import type { ConformanceReport, ScenarioResult } from '../results/model.ts';
import { isScenarioName } from '../scenarios/names.ts';
import { validate as validateReportSchema } from '../schemas/generated/conformance-validator.js';

/** Reports of earlier releases name malformed steps as they did then (`malformed:NN:<kind>`). */
const READ_BACK = { earlierReleases: true } as const;
import type { LabelledReport } from './compare.ts';

export const REPORT_SCHEMA_PATH = join(PACKAGE_ROOT, 'schemas', 'conformance.schema.json');

let check: SchemaCheck | undefined;

/** A key as a path shows it: `observed`, or `["a key"]` quoted, its control characters escaped and cut short. */
function step(key: string | number): string {
  if (typeof key === 'number') return `[${key}]`;
  if (/^[A-Za-z_$][\w$]*$/.test(key) && key.length <= 40) return `.${key}`;
  return `[${quoted(key)}]`;
}

function quoted(key: string): string {
  return terminalText(JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key));
}

/** `results[5].observed.code`; `the top level` for the root. */
export function pathText(path: readonly (string | number)[]): string {
  const text = path.map(step).join('');
  return text === '' ? 'the top level' : text.startsWith('.') ? text.slice(1) : text;
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let node = root;
  for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

const words = (values: readonly unknown[]): string => {
  const shown = values.map((v) => (v === null ? 'null' : String(v)));
  return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)}`;
};

/** What is wrong at the problem's path, in words; never the value itself (it may be anything, of any size). */
function rule(problem: SchemaProblem, value: unknown): string {
  const params = (problem.params ?? {}) as { type?: string | string[]; limit?: number; allowedValues?: unknown[]; format?: string };
  const limit = params.limit ?? 0;
  switch (problem.keyword) {
    case 'type': {
      const want = (Array.isArray(params.type) ? params.type : String(params.type ?? '').split(','));
      return `is ${describeType(value)}, not ${words(want.map((t) => (t === 'null' ? 'null' : `${/^[aeiou]/.test(t) ? 'an' : 'a'} ${t}`)))}`;
    }
    case 'required': return `has no ${quoted(problem.key ?? '')}`;
    case 'additionalProperties': return `has the key ${quoted(problem.key ?? '')}, which this suite never writes`;
    case 'propertyNames': return `has the key ${quoted(problem.key ?? '')}, which this suite never writes there`;
    case 'enum': {
      const allowed = params.allowedValues ?? [];
      return allowed.length <= 8 ? `is not ${words(allowed)}` : 'is not a value this suite writes';
    }
    case 'maxLength': return `is longer than ${limit} characters`;
    case 'maxItems': return `has more than ${limit} entries, more than a run of this suite can have`;
    case 'minItems': return `has fewer than ${limit} entries`;
    case 'maxProperties': return `has more than ${limit} keys`;
    case 'minimum': case 'maximum': return `is out of range (${problem.keyword} ${limit})`;
    case 'format': return `is not a ${params.format ?? 'valid'} value`;
    case 'uniqueItems': return 'repeats an entry';
    default: return `breaks the schema's ${problem.keyword} rule`;
  }
}

/** The first thing that keeps `value` from being a report of this suite that the schema cannot see; null: none. */
function suiteProblem(report: ConformanceReport): string | null {
  const steps = new Set<string>();
  for (const [i, r] of report.results.entries()) {
    if (!isScenarioName(r.scenario, READ_BACK)) return `results[${i}].scenario is not a scenario this suite runs`;
    const key = `${r.operation}\u0000${r.scenario}`;
    if (steps.has(key)) return `results[${i}] repeats a step already reported (${r.operation} ${r.scenario})`;
    steps.add(key);
  }
  const named: [string, readonly { scenario: string }[]][] = [
    ['unexpectedDeliveries', report.unexpectedDeliveries ?? []],
    ['baseline', report.baseline ?? []],
    ['comparison.changes', report.comparison?.changes ?? []],
  ];
  for (const [field, entries] of named) {
    const i = entries.findIndex((e) => !isScenarioName(e.scenario, READ_BACK));
    if (i >= 0) return `${field}[${i}].scenario is not a scenario this suite runs`;
  }
  // The verdict counts only: retried, recovered and intermittent count attempts, not verdicts.
  const counts: Partial<Record<keyof ConformanceReport['summary'] & string, ScenarioResult['verdict']>> = {
    passed: 'pass', failed: 'fail', skipped: 'skip', known: 'known',
  };
  for (const [field, verdict] of Object.entries(counts)) {
    const n = report.results.filter((r) => r.verdict === verdict).length;
    const said = (report.summary as unknown as Record<string, number>)[field];
    if (said !== n) return `summary.${field} is ${said}, but the results hold ${n}`;
  }
  return null;
}

/** A parsed report, validated; the sentence of its first problem otherwise (without the file's name). */
export function reportProblem(value: unknown): string | null {
  check ??= checkWith(validateReportSchema);
  const problem = check(value);
  if (problem !== null) {
    // For a missing or unknown key the path is its object; the key itself is named in the rule.
    const at = problem.path;
    return `${pathText(at)} ${rule(problem, valueAt(value, at))}`;
  }
  return suiteProblem(value as ConformanceReport);
}

/** Reads one report; `name` is what the error names (the option, a variable such as LEAN_COMPARE_WITH, or the path). */
export function loadReport(name: string, path: string): ConformanceReport {
  const value = parseJsonText(readConfiguredFile(name, path), name, path);
  const problem = reportProblem(value);
  if (problem !== null) throw new ConfigError(name, `${terminalText(path)} is not a valid conformance.json of this suite (at ${problem})`);
  return value as ConformanceReport;
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
