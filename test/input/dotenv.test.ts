import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDotEnv, type Env } from '../../src/input/index.ts';
import { configErrorOf, expectOneSentence, tempDir } from '../config/helpers.ts';

const tmp = tempDir('lean-dotenv-');
afterAll(() => tmp.remove());

function dirWithDotEnv(name: string, text: string | null): string {
  const dir = join(tmp.dir, name);
  mkdirSync(dir);
  if (text !== null) tmp.write(join(name, '.env'), text);
  return dir;
}

describe('loadDotEnv', () => {
  const cases: [string, { file: string | null; env: Env; want: Env }][] = [
    ['no .env: the environment as it is', { file: null, env: { LEAN_MAX_SENDS: '1' }, want: { LEAN_MAX_SENDS: '1' } }],
    ['.env fills unset variables', {
      file: 'LEAN_BASE_URL=https://lean.example.test\nLEAN_TIMEOUT_MS=500\n',
      env: { OTHER: 'x' },
      want: { OTHER: 'x', LEAN_BASE_URL: 'https://lean.example.test', LEAN_TIMEOUT_MS: '500' },
    }],
    ['the environment wins over .env', {
      file: 'LEAN_TIMEOUT_MS=500\nLEAN_RATE_LIMIT=2\n',
      env: { LEAN_TIMEOUT_MS: '900' },
      want: { LEAN_TIMEOUT_MS: '900', LEAN_RATE_LIMIT: '2' },
    }],
    ['a variable set empty in the environment still wins', {
      file: 'LEAN_FIXTURES=fixtures.json\n',
      env: { LEAN_FIXTURES: '' },
      want: { LEAN_FIXTURES: '' },
    }],
    ['node\'s syntax: comments, quotes, export, CRLF', {
      file: '# comment\r\nexport LEAN_USERNAME=lra\r\nLEAN_PASSWORD="p a#ss"\r\nLEAN_ON_BEHALF_OF=\'x\'\r\n',
      env: {},
      want: { LEAN_USERNAME: 'lra', LEAN_PASSWORD: 'p a#ss', LEAN_ON_BEHALF_OF: 'x' },
    }],
    ['a # inside an unquoted value is part of it (node alone would cut pa#ss to pa)', {
      file: 'LEAN_PASSWORD=pa#ss\nLEAN_USERNAME=lra#1 # the staging user\nLEAN_ON_BEHALF_OF=x #comment\nLEAN_SEED= #none\n',
      env: {},
      want: { LEAN_PASSWORD: 'pa#ss', LEAN_USERNAME: 'lra#1', LEAN_ON_BEHALF_OF: 'x', LEAN_SEED: '' },
    }],
    ['quoted values, a later assignment, and lines inside a multi-line value are node\'s', {
      file: 'LEAN_PASSWORD=a#1\nLEAN_PASSWORD="b#2"\nLEAN_CLIENT_KEY="-----BEGIN\nLEAN_TIMEOUT_MS=x#y\n-----END"\nexport LEAN_USERNAME=\'u#v\' # c\n',
      env: {},
      want: { LEAN_PASSWORD: 'b#2', LEAN_CLIENT_KEY: '-----BEGIN\nLEAN_TIMEOUT_MS=x#y\n-----END', LEAN_USERNAME: 'u#v' },
    }],
  ];
  it.each(cases)('%s', (name, { file, env, want }) => {
    const before = { ...env };
    expect(loadDotEnv(dirWithDotEnv(name.replace(/\W+/g, '-'), file), env)).toEqual(want);
    expect(env).toEqual(before);
  });

  it('leaves process.env alone', () => {
    const dir = dirWithDotEnv('process-env', 'LEAN_TEST_ONLY_DOTENV_VARIABLE=1\n');
    const merged = loadDotEnv(dir);
    expect(merged['LEAN_TEST_ONLY_DOTENV_VARIABLE']).toBe('1');
    expect(process.env['LEAN_TEST_ONLY_DOTENV_VARIABLE']).toBeUndefined();
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable .env is a configuration error', () => {
    const dir = dirWithDotEnv('unreadable', 'LEAN_MAX_SENDS=1\n');
    chmodSync(join(dir, '.env'), 0o000);
    const error = configErrorOf(() => loadDotEnv(dir, {}));
    expect(error.message).toBe(`.env: cannot read ${join(dir, '.env')} (EACCES).`);
    expectOneSentence(error);
  });

  it('a .env that is a directory is a configuration error', () => {
    const dir = dirWithDotEnv('dotenv-dir', null);
    mkdirSync(join(dir, '.env'));
    const error = configErrorOf(() => loadDotEnv(dir, {}));
    expect(error.variable).toBe('.env');
    expect(error.message).toBe(`.env: cannot read ${join(dir, '.env')} (EISDIR).`);
  });
});
