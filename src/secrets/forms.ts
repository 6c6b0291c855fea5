// The forms in which a secret may come back in text a target or a library wrote: as it is, trimmed, with any
// of its characters escaped (JSON `\uXXXX`, HTML `&#…;`/`&amp;`, URL `%XX`), lower- or upper-cased, spaced
// out, hex-encoded, or base64 (whole, or inside a longer base64 stream such as the Basic token of
// `user:password`). One regular expression per secret covers every per-character form at once.

/** Escapes a string for a RegExp source. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** JSON's one-letter escapes (`\\n` for a newline): a PEM key echoed in JSON looks like this. */
const JSON_SHORT_ESCAPES: Readonly<Record<string, string>> = { '\n': 'n', '\r': 'r', '\t': 't', '\b': 'b', '\f': 'f' };

const HTML_NAMED: Readonly<Record<string, string>> = { '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' };

/** One character, raw or in any escaped form (case-insensitive hex; HTML named entities where there is one). */
function characterPattern(ch: string): string {
  const point = ch.codePointAt(0) ?? 0;
  const alternatives = [escapeRegExp(ch)];
  if (point <= 0xffff) alternatives.push(`\\\\u${point.toString(16).padStart(4, '0')}`);
  alternatives.push(`&#0*${point};`, `&#x0*${point.toString(16)};`);
  const named = HTML_NAMED[ch];
  if (named) alternatives.push(`&${named};`);
  for (const byte of Buffer.from(ch, 'utf8')) alternatives.push(`%${byte.toString(16).padStart(2, '0')}`);
  if (ch === ' ') alternatives.push('\\+');
  if (ch === '"' || ch === '\\' || ch === '/') alternatives.push(`\\\\${escapeRegExp(ch)}`);
  const shortEscape = JSON_SHORT_ESCAPES[ch];
  if (shortEscape) alternatives.push(`\\\\${shortEscape}`);
  return alternatives.length === 1 ? alternatives[0]! : `(?:${alternatives.join('|')})`;
}

/**
 * The base64 text of `secret` as it appears inside a longer base64 stream (an `Authorization: Basic` value
 * encodes `user:password`, so the password starts at any byte offset). For each of the three alignments only
 * the characters that depend on the secret's bytes alone are kept.
 */
function embeddedBase64(secret: Buffer): string[] {
  const found: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), secret]).toString('base64');
    const core = encoded.slice(Math.ceil((8 * shift) / 6), Math.floor((8 * (shift + secret.length)) / 6));
    // Shorter cores occur by chance in ordinary text; the whole forms still cover short secrets.
    if (core.length >= 6) found.push(core);
  }
  return found;
}

/** Encodings of the whole secret that no per-character rule reaches. */
function wholeForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const base64 = bytes.toString('base64');
  return [base64, base64.replace(/=+$/, ''), bytes.toString('base64url'), ...embeddedBase64(bytes), bytes.toString('hex')];
}

/**
 * Per-character forms are kept for values up to this many characters; a longer one is searched in its whole forms
 * (an expression of ~60 characters per character of a 3,800-character secret overflows the engine's stack).
 */
export const MAX_PER_CHARACTER_CHARS = 128;

/** `secret` with every character in one of its escaped forms, all alike: what a serializer of whole text writes. */
function escapedWholeForms(secret: string): string[] {
  const chars = Array.from(secret);
  const each = (form: (ch: string, point: number) => string): string => chars.map((ch) => form(ch, ch.codePointAt(0) ?? 0)).join('');
  const json = JSON.stringify(secret).slice(1, -1);
  return [
    json,
    json.replace(/\//g, '\\/'),
    each((ch, point) => (point <= 0xffff ? `\\u${point.toString(16).padStart(4, '0')}` : ch)),
    each((ch) => (HTML_NAMED[ch] ? `&${HTML_NAMED[ch]};` : ch)),
    each((_ch, point) => `&#${point};`),
    each((_ch, point) => `&#x${point.toString(16)};`),
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, '+'),
    [...Buffer.from(secret, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join(''),
  ];
}

/**
 * The whole forms of a long secret, as literal strings: raw and trimmed, escaped throughout (JSON, `\uXXXX`,
 * HTML, URL), hex and base64 (whole or inside a longer stream). Case is the caller's flag. What they leave out
 * of the per-character forms (one character escaped among raw ones, separators between characters) is what
 * text a person or a serializer writes does not do to a secret this long.
 */
export function secretLiteralForms(secret: string): string[] {
  const trimmed = secret.trim() === '' ? secret : secret.trim();
  const forms = [secret, ...escapedWholeForms(secret), ...(trimmed === secret ? [] : [trimmed, ...escapedWholeForms(trimmed)]), ...wholeForms(secret)];
  return [...new Set(forms.filter((form) => form.length >= 4))].sort((a, b) => b.length - a.length);
}

/**
 * A RegExp source that matches `secret` in any of its forms. Between two characters a target may have put
 * a space, a hyphen or a dot (ids grouped for reading); the comparison ignores case (the flag is the caller's).
 */
export function secretPattern(secret: string): string {
  const chars = Array.from(secret.trim() === '' ? secret : secret.trim());
  const perCharacter = chars.map(characterPattern).join('[\\s.-]?');
  const whole = wholeForms(secret).filter((form) => form.length >= 4).map(escapeRegExp);
  return [perCharacter, ...whole].join('|');
}
