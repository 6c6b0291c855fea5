// The verdict of one result: its own file so the run model (model.ts) and the comparison of runs
// (comparison.ts) both read it without importing each other.
export type Verdict = 'pass' | 'fail' | 'skip' | 'known';
