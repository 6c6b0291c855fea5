// `npm run build` (and `prepack`): the package's JavaScript and declarations in dist/, by tsc with
// tsconfig.build.json, plus the two files the built code finds beside itself: the generated spec types that
// the declarations import (tsc emits no copy of a .d.ts input) and the reference pact that
// contracts/shared/names.ts locates next to its own module.
// `--if-stale` (the `prepare` script: `npm install <git URL>#<tag>` runs it twice, in the temporary clone npm makes)
// builds only when the sources changed since the last build: dist/ records a hash of what it was built from. It
// builds nothing on `npm ci` (npm_command), which is a clone's own install: there `npm run` runs the sources, and
// `npm pack` builds by prepack. npm prepares a git dependency with `npm install`, so that build always happens.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.sources.sha256');
/** What dist/ is built from: the sources tsc compiles (and what they import), the pacts copied, the configuration. */
const INPUTS = ['src', 'suites', 'bin', 'contracts', 'spec', 'scripts/build.ts', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

function sourcesHash(): string {
  const hash = createHash('sha256');
  const walk = (path: string): void => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) walk(join(path, name));
      return;
    }
    hash.update(`${relative(ROOT, path)}\0`).update(readFileSync(path)).update('\0');
  };
  for (const input of INPUTS) walk(join(ROOT, input));
  return hash.digest('hex');
}

if (process.argv.includes('--if-stale') && process.env['npm_command'] === 'ci') {
  console.log('npm ci: dist/ is not built (the npm scripts run the sources; npm pack and a git install build it).');
  process.exit(0);
}

const hash = sourcesHash();
if (process.argv.includes('--if-stale') && existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === hash) {
  console.log('dist/ is up to date with the sources; not rebuilt.');
  process.exit(0);
}

rmSync(DIST, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit' });

mkdirSync(join(DIST, 'spec'), { recursive: true });
cpSync(join(ROOT, 'spec', 'lean-send-otp.d.ts'), join(DIST, 'spec', 'lean-send-otp.d.ts'));

const pacts = join(ROOT, 'contracts', 'pacts');
mkdirSync(join(DIST, 'contracts', 'pacts'), { recursive: true });
for (const file of readdirSync(pacts).filter((name) => name.endsWith('.json'))) {
  cpSync(join(pacts, file), join(DIST, 'contracts', 'pacts', file));
}
writeFileSync(STAMP, `${hash}\n`);
