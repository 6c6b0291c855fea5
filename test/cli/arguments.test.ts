// Every entry point of src/cli parses its arguments before anything else: `--help` prints its usage and exits 0,
// `--version` prints the package version and exits 0, an unknown option exits 2 with one sentence naming it.
// None of them starts a server, writes a file or sends a request (the working directory stays empty).
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main as bin } from '../../src/cli/bin.ts';
import { main as compare } from '../../src/cli/compare.ts';
import { main as conformance } from '../../src/cli/conformance.ts';
import type { CliMain } from '../../src/cli/io.ts';
import { main as provider } from '../../src/cli/provider.ts';
import { main as specDrift } from '../../src/cli/spec-drift.ts';
import { main as specTypes } from '../../src/cli/spec-types.ts';
import { PACKAGE_VERSION } from '../../src/package-info.ts';
import { freshDir, runMain } from '../support/spawn-cli.ts';

const ENTRY_POINTS: [string, CliMain][] = [
  ['conformance', conformance], ['compare', compare], ['provider', provider], ['spec-drift', specDrift],
  ['spec-types', specTypes], ['lean-otp-conformance', bin],
];

describe.each(ENTRY_POINTS)('%s', (_name, main) => {
  it.each([
    [['--help'], 0, /usage: /],
    [['--version'], 0, new RegExp(`lean-send-otp-conformance ${PACKAGE_VERSION.replaceAll('.', '\\.')}`)],
    [['--frobnicate'], 2, /--frobnicate/],
  ] as const)('%j exits %i and does nothing else', async (args, code, output) => {
    const cwd = freshDir();
    const run = await runMain(main, { LEAN_REPORT_DIR: 'reports' }, [...args], { cwd });
    expect(run.code).toBe(code);
    expect(code === 0 ? run.stdout : run.stderr).toMatch(output);
    if (code === 2) expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(cwd)).toEqual([]);
  });
});
