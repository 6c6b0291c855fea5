// `npm run build` (and `prepack`): the package's JavaScript and declarations in dist/, by tsc with
// tsconfig.build.json, plus the files the built code finds beside itself: the generated spec types that
// the declarations import (tsc emits no copy of a .d.ts input), the reference pact that
// contracts/shared/names.ts locates next to its own module, and the precompiled validator of conformance.json
// (src/schemas/generated/: JavaScript already, with its declarations, which tsc does not compile). Parses its arguments like every entry point:
// `--help` and `--version` print and exit 0 without touching dist/; anything else given is exit 2.
// `--if-stale` (the `prepare` script: `npm install <git URL>#<tag>` runs it twice, in the temporary clone npm makes)
// builds only when the sources changed since the last build: dist/ records a hash of what it was built from. It
// builds nothing on `npm ci` (npm_command), which is a clone's own install: there `npm run` runs the sources, and
// `npm pack` builds by prepack. npm prepares a git dependency with `npm install`, so that build always happens.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import type { CommandSpec } from '../src/cli/args.ts';
import { defineCommand } from '../src/cli/command.ts';
import { isEntryPoint, runAsProcess, type CliMain } from '../src/cli/io.ts';
import { PACKAGE_ROOT } from '../src/package-info.ts';

const NAME = 'build';

export const COMMAND: CommandSpec = {
  usage: 'npm run build --',
  summary: 'Builds the package into dist/ (tsc with tsconfig.build.json), with the spec types and the reference pact beside it.',
  options: {
    'if-stale': { type: 'boolean', doc: 'build only when the sources changed since the last build (the prepare script)' },
  },
};

/** What dist/ is built from: the sources tsc compiles (and what they import), the pacts copied, the configuration. */
const INPUTS = ['src', 'suites', 'bin', 'contracts', 'spec', 'scripts/build.ts', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];

function sourcesHash(root: string): string {
  const hash = createHash('sha256');
  const walk = (path: string): void => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) walk(join(path, name));
      return;
    }
    hash.update(`${relative(root, path)}\0`).update(readFileSync(path)).update('\0');
  };
  for (const input of INPUTS) walk(join(root, input));
  return hash.digest('hex');
}

function build(root: string, hash: string): void {
  const dist = join(root, 'dist');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  rmSync(dist, { recursive: true, force: true });
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });

  mkdirSync(join(dist, 'spec'), { recursive: true });
  cpSync(join(root, 'spec', 'lean-send-otp.d.ts'), join(dist, 'spec', 'lean-send-otp.d.ts'));

  cpSync(join(root, 'src', 'schemas', 'generated'), join(dist, 'src', 'schemas', 'generated'), { recursive: true });

  const pacts = join(root, 'contracts', 'pacts');
  mkdirSync(join(dist, 'contracts', 'pacts'), { recursive: true });
  for (const file of readdirSync(pacts).filter((name) => name.endsWith('.json'))) {
    cpSync(join(pacts, file), join(dist, 'contracts', 'pacts', file));
  }
  writeFileSync(join(dist, '.sources.sha256'), `${hash}\n`);
}

export const main: CliMain = defineCommand(NAME, COMMAND, async (args, env, io) => {
  if (args.values['if-stale'] === true && env['npm_command'] === 'ci') {
    io.out('npm ci: dist/ is not built (the npm scripts run the sources; npm pack and a git install build it).\n');
    return 0;
  }
  const stamp = join(PACKAGE_ROOT, 'dist', '.sources.sha256');
  const hash = sourcesHash(PACKAGE_ROOT);
  if (args.values['if-stale'] === true && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash) {
    io.out('dist/ is up to date with the sources; not rebuilt.\n');
    return 0;
  }
  build(PACKAGE_ROOT, hash);
  io.out(`built ${join(PACKAGE_ROOT, 'dist')}\n`);
  return 0;
});

if (isEntryPoint(import.meta.url)) await runAsProcess(NAME, main);
