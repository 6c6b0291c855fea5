// Reference providers that break the contract in one documented way each, built with the provider's `mutate`
// hook. The verification must fail against every one of them (issue: "contracts that can fail"), and each is
// expected to fail exactly the interactions its fault touches, so a pass elsewhere cannot hide a gap.
import type { ProviderResponse, ResponseMutator } from '../../src/provider/types.ts';

function codeOf(response: ProviderResponse): number | undefined {
  try {
    const parsed: unknown = JSON.parse(response.body.toString());
    const code = (parsed as { code?: unknown } | null)?.code;
    return typeof code === 'number' ? code : undefined;
  } catch {
    return undefined;
  }
}

function json(status: number, body: unknown): ProviderResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

export interface Fault {
  name: string;
  mutate: ResponseMutator;
  /** Which interactions of the pact it must fail, by their description. */
  fails: (description: string) => boolean;
}

export const FAULTS: readonly Fault[] = [
  {
    name: 'a body on the 200',
    mutate: (r) => (r.status === 200 ? json(200, { sent: true }) : r),
    fails: (d) => /device is active/.test(d),
  },
  {
    name: 'a wrong code (71 where 66 is documented)',
    mutate: (r) => (codeOf(r) === 66 ? json(500, { code: 71, message: 'device OTP disabled' }) : r),
    fails: (d) => /in state deviceNotActive$/.test(d),
  },
  {
    name: 'a non-JSON error body',
    mutate: (r) => (r.status === 500 ? { status: 500, headers: { 'content-type': 'text/plain' }, body: 'Internal Server Error' } : r),
    fails: (d) => !/device is active/.test(d),
  },
  {
    // What a provider that ignored the password would answer: the request names no holder, so 62.
    name: 'wrong credentials accepted',
    mutate: (r) => (codeOf(r) === 11002 ? json(500, { code: 62, message: 'certIdOtp not valid' }) : r),
    fails: (d) => /a user name that cannot exist/.test(d),
  },
];
