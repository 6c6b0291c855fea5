// Foreign output (the Verifier's, the pact CLI's) redacted line by line before it is written: a secret split
// across two chunks of a pipe is still whole within its line. A line that never ends is written in pieces
// past MAX_LINE_CHARS rather than held without bound.
import type { Redactor } from '../../src/secrets/index.ts';

const MAX_LINE_CHARS = 1024 * 1024;

export interface LineSink {
  push(chunk: string): void;
  /** Writes what is left of an unfinished last line. */
  flush(): void;
}

export function redactedLines(redact: Redactor, write: (text: string) => void): LineSink {
  let pending = '';
  return {
    push(chunk) {
      pending += chunk;
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        write(`${redact(pending.slice(0, newline))}\n`);
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
      if (pending.length > MAX_LINE_CHARS) {
        write(redact(pending));
        pending = '';
      }
    },
    flush() {
      if (pending !== '') write(`${redact(pending)}\n`);
      pending = '';
    },
  };
}
