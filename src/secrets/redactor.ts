// The one redactor of the suite. It is applied where foreign text enters: what a target sent back (bodies,
// messages, header values), error texts of libraries and of the Pact verifier, URLs. It is never applied to
// text the suite writes itself, so a password such as `code` or `test` cannot rewrite a report's structure.
//
// Three kinds of value are hidden, each with its own mark:
//  - secrets (passwords, passphrases, keys, tokens, and the Basic credentials built from them): `[REDACTED]`;
//  - fixture ids (they may identify people): `ab…yz`, enough to tell two apart;
//  - personal data a target may quote back (E.164 phone numbers, email addresses): `[phone]`, `[email]`.
// Anything that looks like credentials whatever the values (an `Authorization` value, a `Basic` token, a
// password in a URL) is hidden too.
import { basicToken, type BasicCredentials } from '../net/basic-auth.ts';
import { escapeRegExp, MAX_PER_CHARACTER_CHARS, secretLiteralForms, secretPattern } from './forms.ts';
import { replaceLiteralForms, type LiteralForm } from './literal-search.ts';

export const REDACTED = '[REDACTED]';
export const PHONE_MASK = '[phone]';
export const EMAIL_MASK = '[email]';

export type Redactor = (text: string) => string;

export interface SecretSet {
  /** Values never to show: passwords, passphrases, tokens, PEM keys. */
  readonly values?: readonly (string | undefined)[];
  /** Basic credentials: the password, the token and the decoded `user:password` are all hidden. */
  readonly credentials?: readonly (BasicCredentials | null | undefined)[];
  /** Fixture ids, shown masked as `ab…yz`. */
  readonly ids?: readonly string[];
  /** Mask phone numbers and email addresses (default true). */
  readonly personalData?: boolean;
}

const ID_MASK = '***';
/** Below this length, showing four characters would reveal most of the id. */
const MIN_PARTLY_SHOWN = 8;
/** Shorter ids are left alone: masking them would garble ordinary text (a code, a word) for little privacy. */
const MIN_MASKED_ID_CHARS = 4;

/**
 * `ab…yz` for a long id, `***` for a short one (whose length is not revealed either). Counts code points, so a
 * character outside the BMP is never cut in half.
 */
export function maskId(value: string): string {
  const chars = Array.from(value);
  if (chars.length < MIN_PARTLY_SHOWN) return ID_MASK;
  return `${chars.slice(0, 2).join('')}…${chars.slice(-2).join('')}`;
}

/** `Authorization: <anything>` (also `"authorization":"…"` in JSON); the value runs to a quote, tag or line end. */
const AUTHORIZATION_VALUE = /\b((?:proxy-)?authorization["']?\s*[:=]\s*["']?)([^\r\n"'<>\\]+)/gi;
/** `Basic <base64>` outside a header line, e.g. a message quoting the credentials it sent. */
const BASIC_TOKEN = /\bBasic\s+([A-Za-z0-9+/_-]{4,}={0,2})/g;
/** `Bearer <token>`. */
const BEARER_TOKEN = /\bBearer\s+([A-Za-z0-9._~+/-]{8,}=*)/g;
/** Credentials in a URL's user-info: `scheme://user:password@host`. */
const URL_PASSWORD = /(\/\/[^\s/:@]+:)[^\s/@]+@/g;
/** E.164: `+` then 8 to 15 digits, possibly grouped by spaces, dots or hyphens. */
const PHONE = /\+\d(?:[\s.-]?\d){7,14}\b/g;
/** An address whose domain ends in a name (`pact@17.1.4`, a package and its version, is no address). */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z][A-Za-z0-9-]*\b/g;

/** A plain word after "Basic" ("Basic credentials") is prose, not a token: a real one decodes to `user:password`. */
function looksLikeBasicToken(token: string): boolean {
  if (/[0-9+/=_-]/.test(token)) return true;
  return Buffer.from(token, 'base64').toString('latin1').includes(':');
}

/** What a text becomes when redacting it failed: nothing of it is shown, and the failure is no crash. */
export const UNREDACTABLE = '[REDACTED: text that could not be checked for secrets]';

/**
 * The expression of `source`, or null when it cannot be built. The error is never shown: its message quotes the
 * pattern, built from secrets. V8 compiles an expression on its first use, where a too-deep one would throw: the
 * bound on per-character forms keeps every expression far from that, and the redactor fails closed if one does.
 */
function compiled(source: string): RegExp | null {
  try {
    return new RegExp(source, 'gi');
  } catch {
    return null;
  }
}

/**
 * One alternation, longest first: a secret that contains another is replaced whole. `secrets` are matched in
 * every per-character form (secretPattern); `literals` (the Basic token built from a password, whose password
 * part every form of the password already covers) only as they are, which keeps the expression small: compiling
 * per-character forms of a 100-character token took about 10 ms per redactor. Null when there is nothing to
 * match, `false` when the expression does not compile (the caller then shows nothing).
 */
function alternation(secrets: readonly string[], literals: readonly string[] = []): RegExp | null | false {
  const sources = [
    ...secrets.map((v) => [v.length, secretPattern(v)] as const),
    ...literals.map((v) => [v.length, escapeRegExp(v)] as const),
  ].sort((a, b) => b[0] - a[0]);
  return sources.length === 0 ? null : compiled(sources.map(([, source]) => source).join('|')) ?? false;
}

const unique = (values: readonly string[]): string[] => [...new Set(values.filter((v) => v !== ''))];
/** Beyond this length a value is searched in its whole forms as plain text (literal-search.ts). */
const isLong = (value: string): boolean => Array.from(value).length > MAX_PER_CHARACTER_CHARS;

/** Builds the redaction once for a set of values; the returned function is cheap per call. */
export function createRedactor(set: SecretSet = {}): Redactor {
  const secrets: string[] = [];
  const literals: string[] = [];
  for (const value of set.values ?? []) if (value !== undefined) secrets.push(value);
  for (const credentials of set.credentials ?? []) {
    if (!credentials) continue;
    // The decoded `user:password` shows as `user:[REDACTED]`: the password's own forms cover it.
    secrets.push(credentials.password);
    literals.push(basicToken(credentials), `${credentials.username}:${credentials.password}`);
  }
  const ids = unique((set.ids ?? []).filter((id) => Array.from(id).length >= MIN_MASKED_ID_CHARS));
  // Long values, whatever their length: searched as plain text in every whole form, never compiled.
  const longForms: LiteralForm[] = [
    ...unique(secrets).filter(isLong).flatMap((v) => secretLiteralForms(v).map((text) => ({ text, replacement: REDACTED }))),
    ...unique(literals).filter(isLong).map((text) => ({ text, replacement: REDACTED })),
    ...ids.filter(isLong).flatMap((id) => [id, ...secretLiteralForms(id)].map((text) => ({ text, replacement: maskId(id) }))),
  ];
  const secretRegex = alternation(unique(secrets).filter((v) => !isLong(v)), unique(literals).filter((v) => !isLong(v)));
  const shortIds = ids.filter((id) => !isLong(id)).sort((a, b) => b.length - a.length);
  // Ids are matched in their escaped forms too (snippets are JSON-quoted), and case-insensitively.
  const idRegex = shortIds.length === 0 ? null : compiled(shortIds.map(secretPattern).join('|')) ?? false;
  const idOf = (found: string): string => {
    const lower = found.toLowerCase();
    return ids.find((id) => id.toLowerCase() === lower) ?? found;
  };
  const personalData = set.personalData ?? true;
  const hideSecrets = (segment: string): string => (secretRegex ? segment.replace(secretRegex, REDACTED) : segment);
  const redact = (text: string): string => {
    if (secretRegex === false || idRegex === false) return UNREDACTABLE;
    let out = replaceLiteralForms(text, longForms, hideSecrets);
    out = out
      .replace(AUTHORIZATION_VALUE, (_all, name: string) => `${name}${REDACTED}`)
      .replace(BASIC_TOKEN, (all, token: string) => (looksLikeBasicToken(token) ? `Basic ${REDACTED}` : all))
      .replace(BEARER_TOKEN, `Bearer ${REDACTED}`)
      .replace(URL_PASSWORD, `$1${REDACTED}@`);
    if (idRegex) out = out.replace(idRegex, (found) => maskId(idOf(found)));
    if (personalData) out = out.replace(EMAIL, EMAIL_MASK).replace(PHONE, PHONE_MASK);
    return out;
  };
  // Never throws: a redactor that failed would let its caller print the text (or an error quoting a pattern).
  return (text) => {
    try {
      return redact(text);
    } catch {
      return UNREDACTABLE;
    }
  };
}

/** Combines redactors, applied in order. */
export function chainRedactors(...redactors: readonly Redactor[]): Redactor {
  return (text) => redactors.reduce((out, redact) => redact(out), text);
}

export { escapeRegExp };
