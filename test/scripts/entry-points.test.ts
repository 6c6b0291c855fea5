// `npm run schemas`, `npm run build` and `npm run report:preview` parse their arguments like every other entry
// point: `--help` and `--version` print and exit 0 without doing the work (the files they write are untouched),
// and an unknown option or a stray argument is one sentence and exit 2.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliMain } from '../../src/cli/io.ts';
import { PACKAGE_ROOT } from '../../src/package-info.ts';
import { main as build } from '../../scripts/build.ts';
import { main as reportPreview } from '../../scripts/report-preview.ts';
import { main as schemas } from '../../scripts/write-schemas.ts';
import { runCli, runMain } from '../support/spawn-cli.ts';

/** What a command writes, as a fingerprint: each path with its modification time (absent: null). */
function fingerprint(paths: readonly string[]): Record<string, number | null> {
  const seen: Record<string, number | null> = {};
  for (const path of paths) {
    if (!existsSync(path)) {
      seen[path] = null;
      continue;
    }
    const stat = statSync(path);
    seen[path] = stat.mtimeMs;
    if (stat.isDirectory()) for (const name of readdirSync(path)) seen[join(path, name)] = statSync(join(path, name)).mtimeMs;
  }
  return seen;
}

const COMMANDS: [string, { main: CliMain; script: string; usage: string; writes: string[] }][] = [
  ['npm run schemas', { main: schemas, script: 'scripts/write-schemas.ts', usage: 'npm run schemas --', writes: [join(PACKAGE_ROOT, 'schemas')] }],
  ['npm run build', { main: build, script: 'scripts/build.ts', usage: 'npm run build --', writes: [join(PACKAGE_ROOT, 'dist')] }],
  ['npm run report:preview', {
    main: reportPreview, script: 'scripts/report-preview.ts', usage: 'npm run report:preview --',
    writes: [join(PACKAGE_ROOT, 'reports', 'preview'), join(PACKAGE_ROOT, 'docs', 'report.png')],
  }],
];

describe.each(COMMANDS)('%s', (name, { main, script, usage, writes }) => {
  const bare = name.replace('npm run ', '');
  it.each([
    ['--help', ['--help'], 0, new RegExp(`^usage: ${usage.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\[options\\]\\n`)],
    ['-h', ['-h'], 0, /^usage: /],
    ['--version', ['--version'], 0, /^lean-send-otp-conformance \d+\.\d+\.\d+\n$/],
    ['an unknown option', ['--frobnicate'], 2, new RegExp(`^${bare}: arguments: Unknown option '--frobnicate' \\(see --help\\)\\.\\n$`)],
    ['a stray argument', ['--', 'everything'], 2, new RegExp(`^${bare}: arguments: Unexpected argument 'everything'`)],
  ] as const)('%s: the exit code it is due, and nothing is written', async (_case, args, code, output) => {
    const before = fingerprint(writes);
    const run = await runMain(main, {}, [...args]);

    expect(run.code).toBe(code);
    expect(code === 0 ? run.stdout : run.stderr).toMatch(output);
    expect(fingerprint(writes)).toEqual(before);
  });

  it('--help as the process npm starts', async () => {
    const before = fingerprint(writes);
    const run = await runCli(script, {}, ['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^usage: /);
    expect(fingerprint(writes)).toEqual(before);
  });
});

it('report:preview lists its own option', async () => {
  expect((await runMain(reportPreview, {}, ['--help'])).stdout).toMatch(/^ {2}--readme +also refresh docs\/report\.png/m);
});
