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

describe('createRedactor with secrets of any length the input layer accepts', () => {
  // A 3,800-character password and a 4,000-character OAuth token (group claims make them that long): an
  // expression of per-character forms overflowed the engine's stack, threw, and the error quoted the pattern.
  const LONG_PASSWORD = Array.from({ length: 3_800 }, (_, i) => 'aB3$xY7-'[i % 8]).join('');
  const TOKEN = `eyJ${Buffer.from('x'.repeat(2_990)).toString('base64url')}`.slice(0, 4_000);
  const hex = (t: string) => Buffer.from(t).toString('hex');
  const forms: [string, (secret: string) => string][] = [
    ['as it is', (s) => s],
    ['upper-cased', (s) => s.toUpperCase()],
    ['JSON-escaped', (s) => JSON.stringify({ s }).slice(6, -2)],
    ['\\u-escaped', (s) => [...s].map((c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`).join('')],
    ['HTML numeric entities', (s) => [...s].map((c) => `&#${c.codePointAt(0)};`).join('')],
    ['URL-encoded', (s) => encodeURIComponent(s)],
    ['base64', (s) => b64(s)],
    ['hex', hex],
    ['inside the Basic token of user:password', (s) => b64(`${USER}:${s}`)],
  ];
  it.each(forms)('a 3,800-character password %s is hidden, and redaction never throws', (_name, form) => {
    const redact = createRedactor({ values: [LONG_PASSWORD], credentials: [{ username: USER, password: LONG_PASSWORD }] });
    const out = redact(`before ${form(LONG_PASSWORD)} after`);
    expect(out).toMatch(/^before .*\[REDACTED\].* after$/);
    expect(out.length).toBeLessThan(200);
  });

  it.each(forms)('a 4,000-character token %s is hidden', (_name, form) => {
    const out = createRedactor({ values: [TOKEN] })(`token=${form(TOKEN)};`);
    // Inside a longer base64 stream, what encodes the user name alone stays.
    expect(out).toMatch(/^token=(bHJhLXVzZXI6)?\[REDACTED\];$/);
  });

  it('a long secret that contains a short one is hidden whole, and the short one is never found in the placeholder', () => {
    const out = createRedactor({ values: [LONG_PASSWORD, 'RED', 'aB3$'] })(`${LONG_PASSWORD} aB3$`);
    expect(out).toBe('[REDACTED] [REDACTED]');
  });

  it('a long secret cut off at the end of a text (a snippet of a long body) is hidden from its first characters', () => {
    const redact = createRedactor({ values: [LONG_PASSWORD] });
    expect(redact(`got ${LONG_PASSWORD.slice(0, 500)}`)).toBe('got [REDACTED]');
    expect(redact(`got ${b64(LONG_PASSWORD).slice(0, 300)}`)).toBe('got [REDACTED]');
  });

  it('a long fixture id is masked as ab…yz', () => {
    const id = `CERT-${'0123456789'.repeat(30)}-END`;
    expect(createRedactor({ ids: [id] })(`no holder ${JSON.stringify(id)}`)).toBe('no holder "CE…ND"');
  });

  it('builds and runs in milliseconds, not seconds', () => {
    const started = performance.now();
    const redact = createRedactor({ values: [TOKEN, LONG_PASSWORD], credentials: [{ username: USER, password: LONG_PASSWORD }] });
    for (let i = 0; i < 20; i++) redact(`${'the quick brown fox; '.repeat(200)}${TOKEN}`);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
