// `npm run conformance:compare -- <before.json> <after.json> [more.json …]` (interface.md, "Command line"):
// compares the conformance.json files of two or more runs, prints the changes and the code × run matrix, and
// writes them as compare.md and compare.json into LEAN_REPORT_DIR. Exit 1 when a step fails in a later file and
// did not fail in the first (it passed, was skipped, or was not there), 0 otherwise, 2 on bad arguments or
// unreadable or mismatched files. A refused input file leaves no earlier comparison behind that an artifact upload
// or a person would take for this one's result: compare.md and compare.json of an earlier comparison are removed
// from LEAN_REPORT_DIR (those two only, and not while a run holds the directory), and the sentence says so.
import { join, resolve } from 'node:path';
import { compareRuns, loadReports, type LabelledReport } from '../compare/index.ts';
import { DEFAULTS } from '../config/index.ts';
import { ConfigError, loadDotEnv, makeDirectories, writeAtomically } from '../input/index.ts';
import { COMPARE_FILES, renderCompareJson, renderCompareMarkdown, renderComparisonText } from '../report/compare-view.ts';
import type { CommandSpec } from './args.ts';
import { defineCommand } from './command.ts';
import { removeEarlierReports } from './earlier-report.ts';
import { isEntryPoint, runAsProcess, type CliMain } from './io.ts';

export const COMPARE_SPEC: CommandSpec = {
  usage: 'npm run conformance:compare --',
  summary: 'Compares the conformance.json files of two or more runs (the first is the reference): every step whose\n' +
    'outcome changed, regressions first, and the code × run matrix. Writes compare.md and compare.json.',
  options: {},
  positionals: { text: '<before.json> <after.json> [more.json …]', min: 2 },
  variables: ['LEAN_REPORT_DIR'],
  epilogue: 'exit status: 0 no regression, 1 a step fails in a later file and did not fail in the first (passed,\n' +
    'skipped or absent there), 2 bad input.',
};

export { COMPARE_FILES };

function reportDir(env: Record<string, string | undefined>, cwd: string): string {
  const value = env['LEAN_REPORT_DIR'];
  if (value !== undefined && value.trim() === '') throw new ConfigError('LEAN_REPORT_DIR', 'is set but empty');
  return resolve(cwd, value ?? DEFAULTS.reportDir);
}

/** The reports to compare; when one is refused, an earlier comparison's files in `dir` go with the error. */
function loadRuns(paths: readonly string[], dir: string): LabelledReport[] {
  try {
    return loadReports(paths, 'arguments');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const removed = removeEarlierReports(dir, Object.values(COMPARE_FILES));
    if (removed.length === 0) throw error;
    const rule = error.message.slice(`${error.variable}: `.length).replace(/\.$/, '');
    throw new ConfigError(error.variable, `${rule}; the earlier comparison in ${dir} (${removed.join(', ')}) was removed ` +
      'so that it does not read as this comparison\'s result', { cause: error });
  }
}

export const main: CliMain = defineCommand('conformance:compare', COMPARE_SPEC, async (args, env, io) => {
  const merged = loadDotEnv(io.cwd, env);
  const dir = reportDir(merged, io.cwd);
  const runs = loadRuns(args.positionals.map((p) => resolve(io.cwd, p)), dir)
    .map((run, i) => ({ ...run, label: args.positionals[i]! }));
  const comparison = compareRuns(runs);
  try {
    makeDirectories(dir);
    await writeAtomically(join(dir, COMPARE_FILES.json), renderCompareJson(comparison));
    await writeAtomically(join(dir, COMPARE_FILES.markdown), renderCompareMarkdown(comparison));
  } catch (error) {
    throw new ConfigError('LEAN_REPORT_DIR', `cannot write into ${dir} (${(error as { code?: string }).code ?? String(error)})`);
  }
  io.out(`${renderComparisonText(comparison, { matrix: true })}\n\nwritten: ${join(dir, COMPARE_FILES.markdown)}, ${join(dir, COMPARE_FILES.json)}\n`);
  return comparison.regressions > 0 ? 1 : 0;
});

if (isEntryPoint(import.meta.url)) await runAsProcess('conformance:compare', main);
