// An empty project of a team that installs the packed tarball (or the package from a git URL), built so that npm needs no network: its
// package-lock.json pins the package's run-time closure exactly as this repository's lock resolved it, so
// `npm ci --offline` takes every tarball from the npm cache that this repository's `npm ci` filled (npm asks
// the registry for package metadata whenever it must resolve a range, and nothing here caches that).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

export interface Lockfile {
  name: string;
  version: string;
  lockfileVersion: number;
  requires?: boolean;
  packages: Record<string, LockEntry>;
}

/** Where node would find `name` from the package at `from` (a lock path such as `node_modules/a`). */
function resolveIn(packages: Lockfile['packages'], from: string, name: string): string | undefined {
  for (let dir = from; ; ) {
    const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!dir) return undefined;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut === -1 ? '' : dir.slice(0, cut);
  }
}

/**
 * The lock paths of everything `roots` need at run time: dependencies, optional ones (platform binaries, which
 * npm skips where their os/cpu do not match) and required peers, followed through the lock's own layout.
 */
export function runtimeClosure(lock: Lockfile, roots: readonly string[]): Set<string> {
  const found = new Set<string>();
  const visit = (from: string, names: readonly string[]): void => {
    for (const name of names) {
      const path = resolveIn(lock.packages, from, name);
      if (path === undefined || found.has(path)) continue;
      found.add(path);
      const entry = lock.packages[path]!;
      const peers = Object.keys(entry.peerDependencies ?? {}).filter((peer) => !entry.peerDependenciesMeta?.[peer]?.optional);
      visit(path, [...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {}), ...peers]);
    }
  };
  visit('', roots);
  return found;
}

/** Where the consumer project gets the package: a tarball of `npm pack`, or a git URL with a tag (built by `prepare`). */
export type PackageSource = { tarball: string } | { git: { url: string; ref: string; commit: string } };

/**
 * Writes package.json and package-lock.json of a consumer project into `dir` that depends on the package (from
 * `source`) and on `extra` packages of this repository's lock (optional peers such as @pact-foundation/pact).
 */
export function writeConsumerProject(dir: string, options: { root: string; extra?: readonly string[]; dev?: boolean } & PackageSource): void {
  const lock = JSON.parse(readFileSync(join(options.root, 'package-lock.json'), 'utf8')) as Lockfile;
  const manifest = JSON.parse(readFileSync(join(options.root, 'package.json'), 'utf8')) as {
    name: string; version: string; dependencies: Record<string, string>; bin: Record<string, string>; engines: Record<string, string>;
  };
  const extra = options.extra ?? [];
  const closure = runtimeClosure(lock, [...Object.keys(manifest.dependencies), ...extra]);
  // npm records a git dependency resolved to its commit; installing it clones, runs `prepare`, then packs.
  const spec = 'tarball' in options ? `file:${basename(options.tarball)}` : `${options.git.url}#${options.git.ref}`;
  const resolved = 'tarball' in options ? spec : `${options.git.url}#${options.git.commit}`;
  const dependencies = {
    [manifest.name]: spec,
    ...Object.fromEntries(extra.map((name) => [name, lock.packages[`node_modules/${name}`]?.version ?? '*'])),
  };
  const packages: Lockfile['packages'] = {
    '': { name: 'consumer', version: '1.0.0', dependencies },
    [`node_modules/${manifest.name}`]: {
      version: manifest.version,
      resolved,
      ...('tarball' in options ? { integrity: `sha512-${createHash('sha512').update(readFileSync(options.tarball)).digest('base64')}` } : {}),
      license: 'MIT',
      dependencies: manifest.dependencies,
      bin: manifest.bin,
      engines: manifest.engines,
    },
  };
  for (const path of [...closure].sort()) {
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = lock.packages[path]!;
    packages[path] = entry;
  }
  // `dev`: as `npm install --save-dev` records them, so that running that command again changes nothing.
  const declared = options.dev ? { devDependencies: dependencies } : { dependencies };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module', ...declared }, null, 2)}\n`);
  writeFileSync(join(dir, 'package-lock.json'), `${JSON.stringify({ name: 'consumer', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`);
}
