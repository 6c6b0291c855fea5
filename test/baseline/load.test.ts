import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBaseline } from '../../src/baseline/index.ts';
import { configErrorOf, expectOneSentence, tempDir } from '../config/helpers.ts';

const tmp = tempDir('lean-baseline-');
afterAll(() => tmp.remove());

describe('loadBaseline', () => {
  it('reads and parses the file', () => {
    const path = tmp.write('ok.json', '[]');
    expect(loadBaseline(path)).toEqual([]);
  });

  it('a missing file is a configuration error', () => {
    const path = join(tmp.dir, 'missing.json');
    const error = configErrorOf(() => loadBaseline(path));
    expect(error.message).toBe(`LEAN_BASELINE: cannot read ${path} (ENOENT).`);
    expectOneSentence(error);
  });
});
