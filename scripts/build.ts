// `npm run build` (and `prepack`): the package's JavaScript and declarations in dist/, by tsc with
// tsconfig.build.json, plus the two files the built code finds beside itself: the generated spec types that
// the declarations import (tsc emits no copy of a .d.ts input) and the reference pact that
// contracts/shared/names.ts locates next to its own module.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync(DIST, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit' });

mkdirSync(join(DIST, 'spec'), { recursive: true });
cpSync(join(ROOT, 'spec', 'lean-send-otp.d.ts'), join(DIST, 'spec', 'lean-send-otp.d.ts'));

const pacts = join(ROOT, 'contracts', 'pacts');
mkdirSync(join(DIST, 'contracts', 'pacts'), { recursive: true });
for (const file of readdirSync(pacts).filter((name) => name.endsWith('.json'))) {
  cpSync(join(pacts, file), join(DIST, 'contracts', 'pacts', file));
}
