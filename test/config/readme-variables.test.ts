// The README's variable table is a copy of the one table of variables (src/config/variables.ts): same names,
// same order, same meaning and default. A variable added to the code without its line in the README fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VARIABLES } from '../../src/config/variables.ts';
import { ROOT } from '../support/spawn-cli.ts';

function readmeRows(): string[] {
  const text = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = text.slice(text.indexOf('## Configuration'), text.indexOf('### Fixture file'));
  return section.split('\n').filter((line) => /^\| `LEAN_/.test(line));
}

describe('the README variable table', () => {
  it('lists every variable of the table, in its order, with its meaning and default', () => {
    const want = VARIABLES.map((v) => `| \`${v.name}\`${'extension' in v ? ' *(extension)*' : ''} | ${v.doc} | ${v.default} |`);
    expect(readmeRows()).toEqual(want);
  });
});
