// Every command checks the Node version before importing anything else (interface.md, "Exit codes of every
// command"): an unsupported Node is exit 2 with one line naming the Node it needs, never a crash read as the
// target's failure. The machine's own Node (/usr/bin/node, 20 here) is the unsupported one the test runs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { satisfiesRange, unsupportedNode } from '../../src/cli/node-support.ts';
import { PACKAGE_ENGINES } from '../../src/package-info.ts';
import { cleanEnv, freshDir, ROOT } from '../support/spawn-cli.ts';

describe('satisfiesRange', () => {
  const cases: [string, string, boolean][] = [
    ['22.19.0', PACKAGE_ENGINES, true],
    ['22.18.9', PACKAGE_ENGINES, false],
    ['24.0.0', PACKAGE_ENGINES, true],
    ['25.1.0', PACKAGE_ENGINES, false],
    ['26.0.0', PACKAGE_ENGINES, true],
    ['31.2.3', PACKAGE_ENGINES, true],
    ['20.20.2', PACKAGE_ENGINES, false],
    ['23.0.0', PACKAGE_ENGINES, false],
    ['1.2.3', '~1.2.0', true],
    ['1.3.0', '~1.2.0', false],
    ['0.2.5', '^0.2.1', true],
    ['0.3.0', '^0.2.1', false],
    ['18.0.0', '>=16 <19', true],
    ['19.0.0', '>=16 <19', false],
    ['not a version', PACKAGE_ENGINES, false],
  ];
  it.each(cases)('%s in %s: %s', (version, range, want) => {
    expect(satisfiesRange(version, range)).toBe(want);
  });

  it('says nothing on a supported Node, and one line naming the range and this Node otherwise', () => {
    expect(unsupportedNode('cmd', '24.21.0')).toBeUndefined();
    expect(unsupportedNode('cmd', '20.20.2')).toBe(`cmd: needs Node ${PACKAGE_ENGINES} (package.json engines), not Node 20.20.2: install Node 24 (or 22.19 and later, or 26) and run it again.`);
  });
});

const OLD_NODE = '/usr/bin/node';
const oldNodeVersion = existsSync(OLD_NODE) ? spawnSync(OLD_NODE, ['--version'], { encoding: 'utf8' }).stdout.trim().slice(1) : '';
const TSX = import.meta.resolve('tsx');

describe.runIf(oldNodeVersion !== '' && !satisfiesRange(oldNodeVersion, PACKAGE_ENGINES))(`the commands on this machine's Node ${oldNodeVersion}`, () => {
  const commands: [string, string, string[]][] = [
    ['lean-otp-conformance (a run)', 'bin/lean-otp-conformance.ts', ['--plan']],
    ['lean-otp-conformance sandbox', 'bin/lean-otp-conformance.ts', ['sandbox']],
    ['lean-otp-conformance compare', 'bin/lean-otp-conformance.ts', ['compare', 'a.json', 'b.json']],
    ['lean-otp-pact-verify', 'bin/lean-otp-pact-verify.ts', []],
  ];
  it.each(commands)('%s: exit 2, one line naming the Node it needs, before anything that would crash', (_name, script, args) => {
    const run = spawnSync(OLD_NODE, ['--import', TSX, join(ROOT, script), ...args], { cwd: freshDir(), env: cleanEnv({}), encoding: 'utf8', timeout: 30_000 });
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^lean-otp-[\\w-]+: needs Node .+ \\(package\\.json engines\\), not Node ${oldNodeVersion.replaceAll('.', '\\.')}: install Node 24 .+\\n$`));
    expect(run.stderr.split('\n')).toHaveLength(2);
    expect(run.status).toBe(2);
  });
});
