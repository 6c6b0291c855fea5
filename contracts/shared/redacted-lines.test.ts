// Redaction by line: a secret split across two chunks of a pipe is still hidden.
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../src/secrets/index.ts';
import { redactedLines } from './redacted-lines.ts';

describe('redactedLines', () => {
  const cases: [string, { chunks: string[]; want: string }][] = [
    ['a secret whole in one chunk', { chunks: ['token s3cr3t-value ok\n'], want: 'token [REDACTED] ok\n' }],
    ['a secret split across chunks', { chunks: ['token s3cr3', 't-value ok\nnext'], want: 'token [REDACTED] ok\nnext\n' }],
    ['an unfinished last line, flushed', { chunks: ['tail s3cr3t-value'], want: 'tail [REDACTED]\n' }],
  ];
  for (const [name, { chunks, want }] of cases) {
    it(name, () => {
      let out = '';
      const lines = redactedLines(createRedactor({ values: ['s3cr3t-value'] }), (t) => void (out += t));
      for (const chunk of chunks) lines.push(chunk);
      lines.flush();
      expect(out).toBe(want);
    });
  }
});
