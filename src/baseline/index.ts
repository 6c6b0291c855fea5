export type { BaselineEntry } from './types.ts';
export { parseBaseline } from './parse.ts';
export { loadBaseline } from './load.ts';
