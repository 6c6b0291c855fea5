// The folder-level import graph of the project's sources (src/*, contracts/*, tests and declarations left out),
// computed from the imports themselves, and its cycles: a folder that imports a folder that imports it back.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export type FolderGraph = ReadonlyMap<string, ReadonlySet<string>>;

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$|\.d\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** `src/runner`, `contracts/shared`: the second level names a folder's job. */
function folderOf(root: string, path: string): string {
  const parts = relative(root, path).split(sep);
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : (parts[0] ?? '');
}

export function folderGraph(root: string, tops: readonly string[] = ['src', 'contracts']): FolderGraph {
  const edges = new Map<string, Set<string>>();
  for (const file of tops.flatMap((top) => sources(join(root, top)))) {
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const match of text.matchAll(IMPORT)) {
      const from = folderOf(root, file);
      const to = folderOf(root, resolve(dirname(file), match[1] ?? match[2] ?? ''));
      if (from === to || !tops.some((top) => to.startsWith(`${top}/`))) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)?.add(to);
    }
  }
  return edges;
}

/** Every cycle, each as the folders it passes through (`a -> b -> a`), found by depth-first search. */
export function folderCycles(graph: FolderGraph): string[] {
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next].join(' -> '));
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}
