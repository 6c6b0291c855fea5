// `npm run build` (and `prepack`): the package's JavaScript and declarations in dist/, by tsc with
// tsconfig.build.json, plus the two files the built code finds beside itself: the generated spec types that
// the declarations import (tsc emits no copy of a .d.ts input) and the reference pact that
// contracts/shared/names.ts locates next to its own module. Parses its arguments like every entry point:
// `--help` and `--version` print and exit 0 without touching dist/; anything else given is exit 2.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { CommandSpec } from '../src/cli/args.ts';
import { defineCommand } from '../src/cli/command.ts';
import { isEntryPoint, runAsProcess, type CliMain } from '../src/cli/io.ts';
import { PACKAGE_ROOT } from '../src/package-info.ts';

const NAME = 'build';

export const COMMAND: CommandSpec = {
  usage: 'npm run build --',
  summary: 'Builds the package into dist/ (tsc with tsconfig.build.json), with the spec types and the reference pact beside it.',
  options: {},
};

function build(root: string): void {
  const dist = join(root, 'dist');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  rmSync(dist, { recursive: true, force: true });
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });

  mkdirSync(join(dist, 'spec'), { recursive: true });
  cpSync(join(root, 'spec', 'lean-send-otp.d.ts'), join(dist, 'spec', 'lean-send-otp.d.ts'));

  const pacts = join(root, 'contracts', 'pacts');
  mkdirSync(join(dist, 'contracts', 'pacts'), { recursive: true });
  for (const file of readdirSync(pacts).filter((name) => name.endsWith('.json'))) {
    cpSync(join(pacts, file), join(dist, 'contracts', 'pacts', file));
  }
}

export const main: CliMain = defineCommand(NAME, COMMAND, async (_args, _env, io) => {
  build(PACKAGE_ROOT);
  io.out(`built ${join(PACKAGE_ROOT, 'dist')}\n`);
  return 0;
});

if (isEntryPoint(import.meta.url)) await runAsProcess(NAME, main);
