// JSON files named by the configuration (fixtures, baseline): parsed with messages that say where the text
// broke without quoting it, since these files may hold ids that identify people.
import { ConfigError } from './errors.ts';

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `an array`, `null`, `a number`…: what was found instead, without showing the value. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}

/**
 * Where or why JSON.parse stopped: "line L, column C" when V8 gives a position, else the one offending
 * character. V8's full message may quote the file's text, which may hold holder ids, so it is never shown.
 */
export function jsonErrorPosition(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const position = /at position (\d+)/.exec(message);
  if (position) {
    const before = text.slice(0, Number(position[1])).split('\n');
    return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
  }
  const token = /^Unexpected token '(.)'/u.exec(message);
  if (token) return `unexpected character ${JSON.stringify(token[1])}`;
  if (/end of JSON input/.test(message)) return 'unexpected end of input';
  return 'syntax error';
}

/** JSON text without a UTF-8 byte-order mark (editors on Windows add one, and JSON.parse rejects it). */
export function parseJsonText(text: string, variable: string, source: string): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') throw new ConfigError(variable, `${source} is empty`);
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new ConfigError(variable, `${source} is not valid JSON (${jsonErrorPosition(body, error)})`);
  }
}
