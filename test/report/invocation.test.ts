// Every printed command names the command as its reader runs it (interface.md, "Using it from another project").
import { describe, expect, it } from 'vitest';
import { commandFor, DEFAULT_INVOCATION, invocationOf, INVOKED_AS_VARIABLE, usageFor } from '../../src/report/invocation.ts';

describe('invocation', () => {
  it('is a clone when the sources run (tsx, this test), the package when its built JavaScript does', () => {
    expect(DEFAULT_INVOCATION).toBe('clone');
    expect(invocationOf({})).toBe('clone');
    expect(invocationOf({ [INVOKED_AS_VARIABLE]: 'action' })).toBe('action');
    expect(invocationOf({ [INVOKED_AS_VARIABLE]: 'something else' })).toBe('clone');
  });

  const usages: [string, string, string][] = [
    ['npm run conformance --', 'package', 'npx lean-otp-conformance'],
    ['npm run conformance:compare --', 'package', 'npx lean-otp-conformance compare'],
    ['npm run provider --', 'package', 'npx lean-otp-conformance sandbox'],
    ['npm run pact:verify --', 'action', 'npx lean-otp-pact-verify'],
    ['npm run conformance --', 'clone', 'npm run conformance --'],
    ['npm run spec:drift --', 'package', 'npm run spec:drift --'],
  ];
  it.each(usages)('usage %j from the %s: %j', (usage, invocation, want) => {
    expect(usageFor(usage, invocation as 'clone' | 'package' | 'action')).toBe(want);
  });

  it('gives the package command to the Action\'s reader, who runs it locally', () => {
    expect(commandFor('sandbox', 'action')).toBe('npx lean-otp-conformance sandbox');
  });
});
