// Secret redaction, the last step before any report text is written. The client already keeps secrets out
// of the model; this is defence in depth, so one slip upstream (a message quoting a request, a target URL
// with credentials) never reaches a file that CI uploads and keeps for months.
import { escapeHtml, escapeMarkdown, escapeXml } from './escape.ts';

export const REDACTED = '[REDACTED]';

/**
 * The base64 text of `secret` as it appears inside a longer base64 stream (an `Authorization: Basic` value
 * encodes `user:password`, so the password starts at any byte offset). For each of the three alignments we
 * keep only the characters that depend on the secret's bytes alone.
 */
function embeddedBase64(secret: Buffer): string[] {
  const found: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), secret]).toString('base64');
    const first = Math.ceil((8 * shift) / 6);
    const last = Math.floor((8 * (shift + secret.length)) / 6);
    const core = encoded.slice(first, last);
    // Shorter cores occur by chance in ordinary text; the full forms below still cover short secrets.
    if (core.length >= 6) found.push(core);
  }
  return found;
}

/** Every form in which a secret may show up in a report's text. */
function variantsOf(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const base64 = bytes.toString('base64');
  const json = JSON.stringify(secret).slice(1, -1);
  return [
    secret,
    base64,
    base64.replace(/=+$/, ''),
    bytes.toString('base64url'),
    ...embeddedBase64(bytes),
    encodeURIComponent(secret),
    encodeURIComponent(secret).replaceAll('%20', '+'),
    encodeURI(secret),
    // The writers escape before redacting the final text, so the escaped forms must be caught too.
    json,
    escapeHtml(secret),
    escapeXml(secret),
    escapeMarkdown(secret),
  ];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `Authorization: <anything>` (also `"authorization":"…"` in JSON); the value runs to a quote, tag or line end. */
const AUTHORIZATION_VALUE = /\b((?:proxy-)?authorization["']?\s*[:=]\s*["']?)([^\r\n"'<>\\]+)/gi;
/** `Basic <base64>` outside a header line, e.g. a message quoting the credentials it sent. */
const BASIC_TOKEN = /\bBasic\s+([A-Za-z0-9+/_-]{4,}={0,2})/g;
/** Credentials in a URL's user-info: `scheme://user:password@host`. */
const URL_PASSWORD = /(\/\/[^\s/:@]+:)[^\s/@]+@/g;

/**
 * A plain word after "Basic" ("Basic credentials") is prose, not a token: a real token decodes to
 * `user:password`, or carries characters no English word has.
 */
function looksLikeBasicToken(token: string): boolean {
  if (/[0-9+/=_-]/.test(token)) return true;
  return Buffer.from(token, 'base64').toString('latin1').includes(':');
}

export interface Redactor {
  /** The text with every secret form, `Authorization` value, `Basic` token and URL password replaced. */
  text(text: string): string;
  /** A copy of a JSON-like value with every string redacted (object keys are the model's names, left alone). */
  deep<T>(value: T): T;
}

/**
 * Builds the redaction for a set of secrets once: the variants of every secret and the one alternation over
 * them, so a report with hundreds of strings does not rebuild them per string.
 */
export function createRedactor(secrets: readonly string[]): Redactor {
  const variants = [...new Set(secrets.filter((s) => s !== '').flatMap(variantsOf))].filter((v) => v !== '');
  // One pass over one alternation, longest first: a secret that contains another is replaced whole, and
  // no `[REDACTED]` inserted here is searched again (a secret "RED" must not eat into it).
  variants.sort((a, b) => b.length - a.length);
  const pattern = variants.length > 0 ? new RegExp(variants.map(escapeRegExp).join('|'), 'g') : null;
  const text = (input: string): string =>
    (pattern ? input.replace(pattern, REDACTED) : input)
      // The patterns run last: each leaves an already redacted value as it is.
      .replace(AUTHORIZATION_VALUE, (_all, name: string) => `${name}${REDACTED}`)
      .replace(BASIC_TOKEN, (all, token: string) => (looksLikeBasicToken(token) ? `Basic ${REDACTED}` : all))
      .replace(URL_PASSWORD, `$1${REDACTED}@`);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return text(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, walk(inner)]));
    }
    return v;
  };
  // walk preserves the shape (strings stay strings, arrays arrays, keys unchanged), so T still describes it.
  return { text, deep: <T>(value: T) => walk(value) as T };
}

/**
 * Replaces every occurrence of each non-empty secret (and its base64, URL-encoded and escaped forms), every
 * `Authorization` header value, every `Basic` token and every password in a URL with `[REDACTED]`.
 */
export function redact(text: string, secrets: readonly string[]): string {
  return createRedactor(secrets).text(text);
}

/** Redacts every string of a JSON-like value (object keys are the model's own names and left alone). */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  return createRedactor(secrets).deep(value);
}
