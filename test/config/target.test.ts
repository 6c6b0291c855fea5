import { describe, expect, it } from 'vitest';
import { describeTarget, parseBaseUrl } from '../../src/config/index.ts';
import { isLoopbackHost } from '../../src/net/loopback.ts';

describe('parseBaseUrl: accepted targets, normalised for appending /sendOtp', () => {
  const cases: [string, { given: string; want: string }][] = [
    ['https with a path', { given: 'https://lean.example.test/api', want: 'https://lean.example.test/api' }],
    ['https with a trailing slash', { given: 'https://lean.example.test/api/', want: 'https://lean.example.test/api' }],
    ['https, host only', { given: 'https://lean.example.test', want: 'https://lean.example.test' }],
    ['https, host and slash', { given: 'https://lean.example.test/', want: 'https://lean.example.test' }],
    ['https with a port', { given: 'https://lean.example.test:8443/x', want: 'https://lean.example.test:8443/x' }],
    ['http on 127.0.0.1', { given: 'http://127.0.0.1:3000', want: 'http://127.0.0.1:3000' }],
    ['http on another 127/8 address', { given: 'http://127.10.20.30:3000/', want: 'http://127.10.20.30:3000' }],
    ['http on a shorthand loopback address', { given: 'http://127.1:3000', want: 'http://127.0.0.1:3000' }],
    ['http on ::1', { given: 'http://[::1]:3000/lean', want: 'http://[::1]:3000/lean' }],
    ['http on a long-form ::1', { given: 'http://[0:0:0:0:0:0:0:1]:3000', want: 'http://[::1]:3000' }],
    ['http on localhost', { given: 'http://localhost:3000', want: 'http://localhost:3000' }],
    ['http on LOCALHOST', { given: 'http://LOCALHOST:3000', want: 'http://localhost:3000' }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(parseBaseUrl(given)).toBe(want);
  });
});

describe('isLoopbackHost', () => {
  const cases: [string, { given: string; want: boolean }][] = [
    ['127.0.0.1', { given: '127.0.0.1', want: true }],
    ['127.255.255.255', { given: '127.255.255.255', want: true }],
    ['[::1]', { given: '[::1]', want: true }],
    ['localhost', { given: 'localhost', want: true }],
    ['128.0.0.1', { given: '128.0.0.1', want: false }],
    ['0.0.0.0 (all interfaces, not loopback)', { given: '0.0.0.0', want: false }],
    ['a name starting with 127.', { given: '127.0.0.1.nip.io', want: false }],
    ['a name containing localhost', { given: 'localhost.example.test', want: false }],
    ['[::2]', { given: '[::2]', want: false }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(isLoopbackHost(given)).toBe(want);
  });
});

describe('describeTarget', () => {
  it('names the bundled provider', () => {
    expect(describeTarget({ target: { kind: 'reference' } })).toBe('bundled reference provider');
  });
  it('prints the base URL of a remote target', () => {
    expect(describeTarget({ target: { kind: 'remote', baseUrl: 'https://lean.example.test/api' } }))
      .toBe('https://lean.example.test/api');
  });
});
