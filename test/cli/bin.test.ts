// The package's command `lean-otp-conformance`: its own --version and --help, and the table that sends each
// first word to an entry point. The entry points themselves are tested where they live; the built command is
// run end to end by test/package/install.test.ts.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { helpText, loadEntryPoint, main, RUN, SUBCOMMANDS } from '../../src/cli/bin.ts';
import { memoryIo } from '../../src/cli/io.ts';
import { VARIABLE_NAMES } from '../../src/config/variables.ts';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../../src/package-info.ts';
import { PROVIDER_COMMAND } from '../../src/cli/provider.ts';
import { usageText } from '../../src/cli/args.ts';
import { INVOKED_AS_VARIABLE } from '../../src/report/invocation.ts';

const io = () => memoryIo({ cwd: '/nonexistent' });

describe('lean-otp-conformance', () => {
  const answers: [string, { argv: string[]; stdout: string }][] = [
    ['--version', { argv: ['--version'], stdout: `${PACKAGE_NAME} ${PACKAGE_VERSION}\n` }],
    ['--help', { argv: ['--help'], stdout: helpText() }],
    ['-h', { argv: ['-h'], stdout: helpText() }],
  ];
  it.each(answers)('answers %s itself, exit 0, loading no entry point', async (_name, { argv, stdout }) => {
    const out = io();
    expect(await main(argv, {}, out)).toBe(0);
    expect(out.stdout()).toBe(stdout);
    expect(out.stderr()).toBe('');
  });

  it('lists every subcommand and every LEAN_* variable in its help', () => {
    const text = helpText();
    for (const name of Object.keys(SUBCOMMANDS)) expect(text).toContain(`  ${name} `);
    for (const name of VARIABLE_NAMES) expect(text).toContain(`  ${name} `);
  });

  it.each(Object.entries(SUBCOMMANDS))('sends %s to a module that exists', (_name, sub) => {
    expect(existsSync(fileURLToPath(new URL(sub.module, new URL('../../src/cli/bin.ts', import.meta.url))))).toBe(true);
  });

  it('runs the conformance suite when the first word is no subcommand', () => {
    expect(RUN.module).toBe('./conformance.ts');
    expect(Object.hasOwn(SUBCOMMANDS, 'toString')).toBe(false);
  });

  it('leaves Pact verification to the second command, so src/cli never loads contracts/', () => {
    expect(Object.values(SUBCOMMANDS).map((sub) => sub.module).filter((module) => module.includes('contracts'))).toEqual([]);
    expect(helpText()).toContain('lean-otp-pact-verify');
  });

  it('says so when an entry point exports no main', async () => {
    await expect(loadEntryPoint({ module: '../package-info.ts', summary: '' })).rejects.toThrow('../package-info.ts does not export main(argv, env, io)');
  });

  it('starts the sandbox with the options of npm run provider, its usage named as the user runs it', async () => {
    expect(SUBCOMMANDS['sandbox']?.module).toBe('./provider.ts');
    const fromClone = io();
    expect(await main(['sandbox', '--help'], {}, fromClone)).toBe(0);
    expect(fromClone.stdout()).toBe(usageText(PROVIDER_COMMAND));
    const fromPackage = io();
    expect(await main(['sandbox', '--help'], { [INVOKED_AS_VARIABLE]: 'action' }, fromPackage)).toBe(0);
    expect(fromPackage.stdout()).toBe(usageText({ ...PROVIDER_COMMAND, usage: 'npx lean-otp-conformance sandbox' }));
    const bad = io();
    expect(await main(['sandbox', '--port', 'x'], {}, bad)).toBe(2);
    expect(bad.stderr()).toMatch(/^provider: --port: must be an integer/);
  });

  it('prints its usages as a project that installed the package types them (npx)', () => {
    expect(helpText()).toMatch(/^usage: npx lean-otp-conformance \[options\]/);
    expect(helpText()).toContain('npx lean-otp-pact-verify');
  });
});
