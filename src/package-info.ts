// Where the package lives and what it is called, found once: from a clone (src/ run by tsx) and from an
// installed package (dist/src/ run by node) alike, by walking up to the package's own package.json.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'lean-send-otp-conformance') {
      return dir;
    }
    if (dirname(dir) === dir) throw new Error(`The package root of ${from} was not found.`);
  }
}

/** The folder that holds the package's package.json, spec/ and (when built) dist/. */
export const PACKAGE_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
  name: string; version: string; engines: { node: string }; peerDependencies?: Record<string, string>;
};
export const PACKAGE_NAME: string = manifest.name;
export const PACKAGE_VERSION: string = manifest.version;
/** The Node versions the package supports (package.json `engines.node`), as an npm range. */
export const PACKAGE_ENGINES: string = manifest.engines.node;
/** The optional peers (package.json `peerDependencies`) with their version ranges: what to install for what needs them. */
export const PACKAGE_PEERS: Readonly<Record<string, string>> = manifest.peerDependencies ?? {};
