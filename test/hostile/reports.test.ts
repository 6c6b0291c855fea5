// The red team's hostile conformance.json files (issue 19), each kept as a file under test/hostile/reports/ and
// read back the two ways a report is read back: as an argument of conformance:compare and as LEAN_COMPARE_WITH.
// Each one was accepted, compared and rendered before the reports read back were validated; each is now exit 2,
// one sentence naming the file and the first failing path, nothing sent and nothing written. The large ones are
// made here rather than committed.
import { closeSync, existsSync, openSync, readdirSync, writeSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main as compareMain } from '../../src/cli/compare.ts';
import { main as conformanceMain } from '../../src/cli/conformance.ts';
import { memoryIo } from '../../src/cli/io.ts';

const HOSTILE = join(import.meta.dirname, 'reports');
const EARLIER = join(HOSTILE, 'earlier-run.json');

let cwd: string;
beforeEach(async () => { cwd = await mkdtemp(join(tmpdir(), 'lean-hostile-report-')); });
afterEach(async () => { await rm(cwd, { recursive: true, force: true }); });

/** file → the first failing path and its rule, as the sentence says them. */
const FILES: readonly (readonly [string, string])[] = [
  ['forged-pass-in-a-number.json', 'results[5].observed.code is a string, not an integer or null'],
  ['ci-command-in-operation.json', 'results[1].operation is not sendOtp or sendOtpDisposable'],
  ['html-in-catalog.json', 'catalog has the key "<b>html</b>", which this suite never writes there'],
  ['coverage-not-words.json', 'coverage.sendOtp["2"] is not asserted, observed or unreached'],
  ['deliveries-as-object.json', 'unexpectedDeliveries is an object, not an array'],
  ['failures-as-string.json', 'results[6].failures is a string, not an array'],
  ['proto-keys.json', 'the top level has the key "__proto__", which this suite never writes'],
  ['scenario-not-of-this-suite.json', 'results[0].scenario is not a scenario this suite runs'],
  ['summary-not-counting.json', 'summary.passed is 58, but the results hold 42'],
];

/** Nothing that drives a terminal, and no line a CI runner would take for a command. */
function expectInert(text: string): void {
  expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  for (const line of text.split('\n')) expect(line).not.toMatch(/^\s*::|##[A-Za-z]*\[/);
}

async function compare(args: string[]) {
  const io = memoryIo({ cwd });
  const code = await compareMain(args, { LEAN_REPORT_DIR: 'out' }, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe('a hostile conformance.json given to conformance:compare', () => {
  it('the earlier run they are all made from is a valid report (control)', async () => {
    const { code, stderr } = await compare([EARLIER, EARLIER]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it.each(FILES)('%s: exit 2, one sentence naming the file and "%s", nothing written', async (name, problem) => {
    const path = join(HOSTILE, name);
    const { code, stdout, stderr } = await compare([path, EARLIER]);
    expect(stderr).toBe(`conformance:compare: arguments: ${path} is not a valid conformance.json of this suite (at ${problem}).\n`);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(existsSync(join(cwd, 'out'))).toBe(false);
    expectInert(stderr);
  });
});

/** A run with LEAN_COMPARE_WITH; the report directory holds an earlier run's passing reports. */
async function runComparedWith(file: string, extraArgs: string[] = []) {
  const reports = join(cwd, 'reports');
  await mkdir(reports, { recursive: true });
  await copyFile(EARLIER, join(reports, 'conformance.json'));
  await writeFile(join(reports, 'index.html'), '<h1>✓ Send OTP conformance: PASS (exit 0)</h1>');
  await writeFile(join(reports, 'notes.txt'), 'not a report of the suite');
  const io = memoryIo({ cwd });
  // An unreachable target: had anything been sent, the run would have ended 1 with a transport failure, not 2.
  const env = { LEAN_BASE_URL: 'http://127.0.0.1:9', LEAN_COMPARE_WITH: file, LEAN_REPORT_DIR: reports, LEAN_TIMEOUT_MS: '500' };
  const code = await conformanceMain(extraArgs, env, io);
  return { code, stdout: io.stdout(), stderr: io.stderr(), left: readdirSync(reports).sort() };
}

describe('a hostile conformance.json given as LEAN_COMPARE_WITH', () => {
  it.each(FILES)('%s: exit 2 before any request, and no earlier PASS report left to read as this run\'s', async (name, problem) => {
    const path = join(HOSTILE, name);
    const { code, stdout, stderr, left } = await runComparedWith(path);
    expect(stderr).toBe(`configuration error: LEAN_COMPARE_WITH: ${path} is not a valid conformance.json of this suite (at ${problem}); ` +
      `nothing was sent, and the earlier reports in ${join(cwd, 'reports')} (conformance.json, index.html) were removed so that none of ` +
      'them reads as this run\'s result.\n');
    expect(code).toBe(2);
    expect(stdout).not.toMatch(/conformance run against/);
    // Only the suite's own report names go; a file of the user's stays.
    expect(left).toEqual(['notes.txt']);
    expectInert(stderr);
  });

  it('--plan validates it too (exit 2, nothing sent), and writes nothing, so removes nothing', async () => {
    const path = join(HOSTILE, 'forged-pass-in-a-number.json');
    const { code, stderr, left } = await runComparedWith(path, ['--plan']);
    expect(stderr).toBe(`configuration error: LEAN_COMPARE_WITH: ${path} is not a valid conformance.json of this suite ` +
      '(at results[5].observed.code is a string, not an integer or null).\n');
    expect(code).toBe(2);
    expect(left).toEqual(['conformance.json', 'index.html', 'notes.txt']);
  });
});

describe('hostile by size and depth: bounded, exit 2', () => {
  const header = async (): Promise<Record<string, unknown>> => JSON.parse(await readFile(EARLIER, 'utf8')) as Record<string, unknown>;

  it('a 200 000-deep array in a field the suite never reads', async () => {
    const report = await header();
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const text = JSON.stringify(report).replace('"sends":', `"extra":${deep},"sends":`);
    const path = join(cwd, 'deep.json');
    await writeFile(path, text);
    const { code, stderr } = await compare([path, EARLIER]);
    expect(stderr).toMatch(/\(at the top level has the key "extra", which this suite never writes\)\.\n$/);
    expect(code).toBe(2);
  });

  it('40 000 results (15 MiB): more than a run of this suite can have', async () => {
    const report = await header();
    const results = report['results'] as unknown[];
    const many = Array.from({ length: 40_000 }, (_, i) => results[i % results.length]);
    const path = join(cwd, 'many.json');
    await writeFile(path, JSON.stringify({ ...report, results: many }));
    const started = performance.now();
    const { code, stderr } = await compare([path, EARLIER]);
    expect(stderr).toMatch(/\(at results has more than \d+ entries, more than a run of this suite can have\)\.\n$/);
    expect(code).toBe(2);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('a file over 16 MiB is refused before a byte of it is read', async () => {
    const path = join(cwd, 'huge.json');
    closeSync(openSync(path, 'w'));
    await truncate(path, 16 * 1024 * 1024 + 1);
    const { code, stderr } = await compare([path, EARLIER]);
    expect(stderr).toBe(`conformance:compare: arguments: ${path} is larger than 16 MiB.\n`);
    expect(code).toBe(2);
  });

  it('a 16 MiB file of whitespace and one value is read whole and refused in one sentence', async () => {
    const path = join(cwd, 'padded.json');
    const fd = openSync(path, 'w');
    writeSync(fd, ' '.repeat(16 * 1024 * 1024 - 8));
    writeSync(fd, '[1,2,3]');
    closeSync(fd);
    const { code, stderr } = await compare([path, EARLIER]);
    expect(stderr).toMatch(/\(at the top level is an array, not an object\)\.\n$/);
    expect(code).toBe(2);
  });
});
