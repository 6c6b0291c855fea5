// The one redactor (src/secrets), called directly: every form a secret may come back in is hidden, and text
// that only looks like one (the prose "Basic credentials", a word next to a short secret) is left alone.
import { describe, expect, it } from 'vitest';
import { createRedactor, type SecretSet } from '../../src/secrets/index.ts';

const SECRET = 'S3cr3t-Pa55w0rd';
const USER = 'lra-user';
const b64 = (text: string): string => Buffer.from(text).toString('base64');

const CASES: [string, { given: string; secrets: SecretSet; want: string }][] = [
  ['the secret itself, every occurrence', { given: `a ${SECRET} b ${SECRET}`, secrets: { values: [SECRET] }, want: 'a [REDACTED] b [REDACTED]' }],
  ['its base64', { given: `x=${b64(SECRET)}`, secrets: { values: [SECRET] }, want: 'x=[REDACTED]' }],
  ['its URL-encoded form', { given: `?p=${encodeURIComponent('p@ss word/')}`, secrets: { values: ['p@ss word/'] }, want: '?p=[REDACTED]' }],
  ['its form-encoded form', { given: 'p=p%40ss+word', secrets: { values: ['p@ss word'] }, want: 'p=[REDACTED]' }],
  ['its JSON-escaped form', { given: JSON.stringify({ m: 'a"b\\c' }), secrets: { values: ['a"b\\c'] }, want: '{"m":"[REDACTED]"}' }],
  ['its HTML-escaped form (named entities)', { given: 'x &lt;pw&amp;1&gt;', secrets: { values: ['<pw&1>'] }, want: 'x [REDACTED]' }],
  ['its HTML-escaped form (numeric entities)', { given: 'x &#112;&#x77;1', secrets: { values: ['pw1'] }, want: 'x [REDACTED]' }],
  ['its \\u-escaped form', { given: 'x \\u0070\\u0077\\u0031 y', secrets: { values: ['pw1'] }, want: 'x [REDACTED] y' }],
  ['its hex form', { given: `x ${Buffer.from(SECRET).toString('hex')}`, secrets: { values: [SECRET] }, want: 'x [REDACTED]' }],
  ['another case', { given: SECRET.toUpperCase(), secrets: { values: [SECRET] }, want: '[REDACTED]' }],
  ['spaced out in groups', { given: 'id S3cr 3t-P a55w 0rd', secrets: { values: [SECRET] }, want: 'id [REDACTED]' }],
  ['the longest secret first, when one contains another', { given: 'abcdef', secrets: { values: ['abc', 'abcdef'] }, want: '[REDACTED]' }],
  ['never inside its own placeholder', { given: 'RED', secrets: { values: ['RED', 'ACT'] }, want: '[REDACTED]' }],
  ['empty secrets are ignored', { given: 'keep me', secrets: { values: ['', undefined] }, want: 'keep me' }],
  ['the Basic token of credentials', { given: `t=${b64(`${USER}:${SECRET}`)}`, secrets: { credentials: [{ username: USER, password: SECRET }] }, want: 't=[REDACTED]' }],
  ['the decoded user:password', { given: `got ${USER}:${SECRET}!`, secrets: { credentials: [{ username: USER, password: SECRET }] }, want: 'got [REDACTED]!' }],
  ['an Authorization header value, whatever the secret list', {
    given: 'Authorization: Bearer abc.def.ghi\nnext line', secrets: {}, want: 'Authorization: [REDACTED]\nnext line',
  }],
  ['an authorization field in JSON', { given: '{"authorization":"Basic dXNlcjpwYXNz"}', secrets: {}, want: '{"authorization":"[REDACTED]"}' }],
  ['a Basic token', { given: 'sent Basic dXNlcjpwYXNz.', secrets: {}, want: 'sent Basic [REDACTED].' }],
  ['a Bearer token', { given: 'sent Bearer eyJhbGciOi.x', secrets: {}, want: 'sent Bearer [REDACTED]' }],
  ['but not the prose "Basic credentials"', { given: 'Basic credentials would travel in clear', secrets: {}, want: 'Basic credentials would travel in clear' }],
  ['a password in a URL', { given: 'https://user:hunter2@host/x', secrets: {}, want: 'https://user:[REDACTED]@host/x' }],
  ['a fixture id, partly shown', { given: 'no holder CERT-0001-ABCDEF here', secrets: { ids: ['CERT-0001-ABCDEF'] }, want: 'no holder CE…EF here' }],
  ['a fixture id in another case', { given: 'cert-0001-abcdef', secrets: { ids: ['CERT-0001-ABCDEF'] }, want: 'CE…EF' }],
  ['a phone number in E.164', { given: 'sent to +39 333 123 4567.', secrets: {}, want: 'sent to [phone].' }],
  ['an email address', { given: 'sent to mario.rossi@example.org', secrets: {}, want: 'sent to [email]' }],
  ['but not a package and its version', { given: 'pact@17.1.4: Verification unsuccessful', secrets: {}, want: 'pact@17.1.4: Verification unsuccessful' }],
  ['personal data kept when asked', { given: '+393331234567', secrets: { personalData: false }, want: '+393331234567' }],
];

describe('createRedactor', () => {
  it.each(CASES)('%s', (_name, { given, secrets, want }) => {
    expect(createRedactor(secrets)(given)).toBe(want);
  });

  it.each([[''], ['x'], ['xy']])('hides the password inside a longer base64 stream (user:password, prefix %j)', (prefix) => {
    const encoded = b64(`${prefix}${USER}:${SECRET}`);
    const out = createRedactor({ values: [SECRET] })(`token ${encoded}`);
    expect(out).toContain('[REDACTED]');
    // What is left decodes to the user name at most, never to a readable part of the password.
    expect(Buffer.from(out.slice(6).split('[REDACTED]')[0] ?? '', 'base64').toString('latin1')).not.toMatch(/S3c/);
  });
});
