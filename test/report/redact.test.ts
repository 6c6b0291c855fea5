import { describe, expect, it } from 'vitest';
import { REPORTER_NAMES, renderReport } from '../../src/report/index.ts';
import { redact, redactDeep } from '../../src/report/redact.ts';
import { SampleReport, SECRET, USERNAME } from './sample-report.ts';

const b64 = (text: string): string => Buffer.from(text).toString('base64');

describe('redact', () => {
  const cases: [string, { given: string; secrets: string[]; want: string }][] = [
    ['the secret itself, every occurrence', { given: `a ${SECRET} b ${SECRET}`, secrets: [SECRET], want: 'a [REDACTED] b [REDACTED]' }],
    ['its base64', { given: `x=${b64(SECRET)}`, secrets: [SECRET], want: 'x=[REDACTED]' }],
    ['its URL-encoded form', { given: `?p=${encodeURIComponent('p@ss word/')}`, secrets: ['p@ss word/'], want: '?p=[REDACTED]' }],
    ['its form-encoded form', { given: 'p=p%40ss+word', secrets: ['p@ss word'], want: 'p=[REDACTED]' }],
    ['its JSON-escaped form', { given: JSON.stringify({ m: 'a"b\\c' }), secrets: ['a"b\\c'], want: '{"m":"[REDACTED]"}' }],
    ['its HTML-escaped form', { given: 'x &lt;pw&amp;1&gt;', secrets: ['<pw&1>'], want: 'x [REDACTED]' }],
    ['the longest secret first, when one contains another', { given: 'abcdef', secrets: ['abc', 'abcdef'], want: '[REDACTED]' }],
    ['never inside its own placeholder', { given: 'RED', secrets: ['RED', 'ACT'], want: '[REDACTED]' }],
    ['empty secrets are ignored', { given: 'keep me', secrets: ['', ''], want: 'keep me' }],
    ['an Authorization header value, whatever the secret list', {
      given: 'Authorization: Bearer abc.def.ghi\nnext line', secrets: [], want: 'Authorization: [REDACTED]\nnext line',
    }],
    ['an authorization field in JSON', { given: '{"authorization":"Basic dXNlcjpwYXNz"}', secrets: [], want: '{"authorization":"[REDACTED]"}' }],
    ['a Basic token', { given: 'sent Basic dXNlcjpwYXNz.', secrets: [], want: 'sent Basic [REDACTED].' }],
    ['but not the prose "Basic credentials"', {
      given: 'Basic credentials would travel in clear', secrets: [], want: 'Basic credentials would travel in clear',
    }],
    ['a password in a URL', { given: 'https://user:hunter2@host/x', secrets: [], want: 'https://user:[REDACTED]@host/x' }],
  ];
  it.each(cases)('%s', (_name, { given, secrets, want }) => {
    expect(redact(given, secrets)).toEqual(want);
  });

  it.each([[''], ['x'], ['xy']])('its base64 inside a longer stream (user:password, prefix %j), without a Basic prefix', (prefix) => {
    const encoded = b64(`${prefix}${USERNAME}:${SECRET}`);
    const out = redact(`token ${encoded}`, [SECRET]);
    expect(out).toMatch(/^token [A-Za-z0-9+/]*\[REDACTED\][A-Za-z0-9+/=]{0,3}$/);
    // What is left decodes to the user name at most, never to a readable part of the password.
    expect(Buffer.from(out.slice(6).split('[REDACTED]')[0] ?? '', 'base64').toString('latin1')).not.toMatch(/S3c/);
  });

  it('redactDeep redacts every string and keeps the shape', () => {
    const value = { a: SECRET, b: [1, null, `x${SECRET}`], c: { d: true, e: SECRET } };
    expect(redactDeep(value, [SECRET])).toEqual({ a: '[REDACTED]', b: [1, null, 'x[REDACTED]'], c: { d: true, e: '[REDACTED]' } });
  });
});

describe('no secret reaches any report', () => {
  const basic = b64(`${USERNAME}:${SECRET}`);
  const report = new SampleReport()
    .withTarget(`https://${USERNAME}:${SECRET}@lean.example.test/api?k=${encodeURIComponent(SECRET)}`)
    .fail('sendOtp', `scenario-${SECRET}`, [{
      check: 'status', title: `title ${SECRET}`,
      message: `Received: echo of Authorization: Basic ${basic}\nDocumented: ${b64(SECRET)} and <${SECRET}>`,
    }])
    .skip('sendOtpDisposable', 'fixture:smsActive', `reason ${SECRET} "${SECRET}" & ${basic}`)
    .known('sendOtp', 'known', `known because ${SECRET}`, [{ check: 'parity', title: 'parity', message: SECRET }])
    .extend({
      baseline: [{ operation: 'sendOtp', scenario: SECRET, state: 'stale', until: '2030-01-01', reason: SECRET }],
    })
    .build();

  it.each(REPORTER_NAMES.map((name) => [name]))('%s', (name) => {
    const text = renderReport(name, report, [SECRET]);
    for (const form of [SECRET, b64(SECRET), b64(SECRET).replace(/=+$/, ''), basic, encodeURIComponent(SECRET)]) {
      expect(text).not.toContain(form);
    }
    expect(text).toContain('[REDACTED]');
    expect(text).toContain('lean.example.test');
  });

  it('the JSON report stays valid JSON after redaction', () => {
    expect(() => JSON.parse(renderReport('json', report, [SECRET]))).not.toThrow();
  });
});
