import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { GENERATED_TYPES_PATH, generateTypes } from '../../src/spec/generate-types.ts';

it('the committed generated types are current (run `npm run spec:types` if this fails)', async () => {
  expect(readFileSync(GENERATED_TYPES_PATH, 'utf8')).toBe(await generateTypes());
});
