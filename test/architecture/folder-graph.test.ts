// No folder of src/ or contracts/ imports a folder that imports it back: data flows one way (spec → catalog and
// types → client and scenarios → checks → results → reports), measured on the imports themselves.
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/spawn-cli.ts';
import { folderCycles, folderGraph, type FolderGraph } from './folder-graph.ts';

const graph = (edges: Record<string, string[]>): FolderGraph => new Map(Object.entries(edges).map(([k, v]) => [k, new Set(v)]));

describe('the folder graph', () => {
  it('of this project has no cycle', () => {
    const project = folderGraph(ROOT);
    expect(project.size).toBeGreaterThan(10);
    expect(folderCycles(project)).toEqual([]);
  });

  it('sees the layers it should: the input kernel imports no folder of the project, the catalog nothing downstream', () => {
    const project = folderGraph(ROOT);
    expect([...(project.get('src/input') ?? [])]).toEqual([]);
    expect([...(project.get('src/catalog') ?? [])].sort()).toEqual(['src/spec']);
    expect(project.get('src/report')?.has('src/runner') ?? false).toBe(false);
  });

  it('keeps the sandbox above the reference behaviour: src/sandbox imports src/provider, never the other way', () => {
    const project = folderGraph(ROOT);
    expect(project.get('src/sandbox')?.has('src/provider')).toBe(true);
    expect(project.get('src/provider')?.has('src/sandbox') ?? false).toBe(false);
  });

  it.each([
    ['two folders importing each other', { a: ['b'], b: ['a'] }, ['a -> b -> a']],
    ['a longer loop', { a: ['b'], b: ['c'], c: ['a'] }, ['a -> b -> c -> a']],
    ['a chain', { a: ['b'], b: ['c'] }, []],
  ] as const)('finds %s', (_name, edges, want) => {
    expect(folderCycles(graph(edges as unknown as Record<string, string[]>))).toEqual(want);
  });
});
