// The one redactor (src/secrets) set up for the Verifier's output: the target's credentials, the key and its
// passphrase, broker secrets, and every fixture id (they may identify people; shown as `ab…yz`).
import { createRedactor, type Redactor } from '../../src/secrets/index.ts';
import type { VerifyTarget } from './types.ts';

function text(value: string | Buffer | undefined): string | undefined {
  return value === undefined ? undefined : value.toString();
}

export function verifierRedactor(target: VerifyTarget, secrets: readonly string[] = []): Redactor {
  const ids = Object.values(target.fixtures?.holders ?? {}).flatMap((h) => (h ? [h.certIdOtp, h.deviceCode] : []));
  return createRedactor({
    values: [text(target.tls?.key), target.tls?.passphrase, ...secrets],
    credentials: [target.credentials],
    ids,
  });
}
