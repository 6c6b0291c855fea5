// An error that escapes an entry point never blames the target (interface.md, "Exit codes of every command"):
// an input error is exit 2, a missing optional peer exit 2 naming the install command, anything else exit 4 in
// one line saying it is the tool's fault and what to report. No tool failure is ever exit 1.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main as conformanceMain } from '../../src/cli/conformance.ts';
import { escapedError, memoryIo, missingPeer } from '../../src/cli/io.ts';
import type { ConformanceReport } from '../../src/results/model.ts';
import { ConfigError } from '../../src/input/index.ts';
import { PACKAGE_NAME, PACKAGE_PEERS, PACKAGE_VERSION } from '../../src/package-info.ts';
import { freshDir, ROOT, runCli } from '../support/spawn-cli.ts';

const notFound = (specifier: string): Error => Object.assign(new Error(`Cannot find package '${specifier}' imported from /x/dist/contracts/cli/verify.js`), { code: 'ERR_MODULE_NOT_FOUND' });

describe('escapedError', () => {
  const cases: [string, { error: unknown; code: number; line: RegExp }][] = [
    ['an input error', { error: new ConfigError('LEAN_FIXTURES', 'cannot be read'), code: 2, line: /^cmd: LEAN_FIXTURES: cannot be read/ }],
    ['a missing @pact-foundation/pact', {
      error: notFound('@pact-foundation/pact'), code: 2,
      line: new RegExp(`^cmd: needs @pact-foundation/pact, an optional peer dependency that is not installed: npm install --save-dev '@pact-foundation/pact@\\${PACKAGE_PEERS['@pact-foundation/pact']}'$`),
    }],
    ['a missing vitest (a subpath import)', { error: notFound('vitest/node'), code: 2, line: /needs vitest, an optional peer dependency/ }],
    ['a missing module that is no peer: a packaging bug', { error: notFound('left-pad'), code: 4, line: /^cmd: internal error of the tool/ }],
    ['a TypeError', {
      error: new TypeError("Cannot read properties of undefined (reading 'bind')"), code: 4,
      line: new RegExp(`^cmd: internal error of the tool, not a failure of the target: Cannot read properties of undefined \\(reading 'bind'\\)\\. Please report it to the maintainers of ${PACKAGE_NAME} with this line and its version \\(${PACKAGE_VERSION.replaceAll('.', '\\.')}\\); the reports written so far are kept\\.$`),
    }],
    ['a thrown string', { error: 'boom', code: 4, line: /internal error of the tool, not a failure of the target: boom\. / }],
  ];
  it.each(cases)('%s', (_name, { error, code, line }) => {
    const escaped = escapedError('cmd', error);
    expect(escaped.code).toBe(code);
    expect(escaped.line).toMatch(line);
    expect(escaped.line).not.toContain('\n');
  });

  it('names only the peers of package.json', () => {
    expect(Object.keys(PACKAGE_PEERS).sort()).toEqual(['@pact-foundation/pact', 'vitest']);
    expect(missingPeer(new Error("Cannot find package '@pact-foundation/pact'"))).toBeUndefined(); // no code: not a resolution failure
  });
});

describe('a command whose main throws, as a process', () => {
  it('exits 4 with one line on stderr, no stack trace', async () => {
    const dir = freshDir();
    const script = join(dir, 'crash.mts'); // no package.json of type module there
    writeFileSync(script, `import { runAsProcess } from ${JSON.stringify(pathToFileURL(join(ROOT, 'src/cli/io.ts')).href)};\n` +
      `await runAsProcess('crash', async () => { throw new TypeError('x is not a function'); });\n`);
    const run = await runCli(script, {}, [], { cwd: dir });
    expect(run.code).toBe(4);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^crash: internal error of the tool, not a failure of the target: x is not a function\. Please report it .+\n$/);
  });
});

describe('a crash whose message carries foreign text', () => {
  it('is shown escaped: no terminal control, no CI workflow command', async () => {
    const dir = freshDir();
    const script = join(dir, 'crash.mts');
    writeFileSync(script, `import { runAsProcess } from ${JSON.stringify(pathToFileURL(join(ROOT, 'src/cli/io.ts')).href)};\n` +
      `await runAsProcess('crash', async () => { throw new Error('target said \\u001b]0;pwned\\u0007 ##[error]forged ##vso[task.complete]'); });\n`);
    const run = await runCli(script, {}, [], { cwd: dir });
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/^crash: internal error of the tool, not a failure of the target: target said /);
    expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(run.stderr).not.toContain('##[');
    expect(run.stderr).not.toContain('##vso[');
  });
});

describe('a run that crashes part-way (its own bug)', () => {
  it('keeps the results observed so far in the reports, the other steps not run, and rejects for exit 4', async () => {
    const dir = freshDir();
    const reports = join(dir, 'reports');
    let lines = 0;
    // The crash: the terminal writer throws on the fifth result line, in the middle of the run.
    const base = memoryIo({ cwd: dir });
    const io = { ...base, out: (text: string) => { if (text.includes('→') && ++lines === 5) throw new TypeError('writer broke'); base.out(text); } };
    const crashed = await conformanceMain([], { LEAN_REPORT_DIR: reports, LEAN_MALFORMED_RUNS: '0' }, io).then(() => null, (error: unknown) => error);
    expect(crashed).toBeInstanceOf(TypeError);
    expect(escapedError('conformance', crashed).code).toBe(4);
    const report = JSON.parse(readFileSync(join(reports, 'conformance.json'), 'utf8')) as ConformanceReport;
    expect(report.interrupted).toBe(true);
    const notRun = report.results.filter((r) => r.verdict === 'skip' && /not run/.test(r.reason ?? ''));
    expect(report.results.length - notRun.length).toBe(5);
    expect(notRun.length).toBeGreaterThan(0);
  });
});
