// The one redactor (src/secrets) set up for the Verifier's output: the target's credentials, the key and its
// passphrase, broker secrets, and every fixture id (they may identify people; shown as `ab…yz`).
import { fixtureIds } from '../../src/fixtures/index.ts';
import { createRedactor, type Redactor } from '../../src/secrets/index.ts';
import type { VerifyTarget } from './types.ts';

function text(value: string | Buffer | undefined): string | undefined {
  return value === undefined ? undefined : value.toString();
}

export function verifierRedactor(target: VerifyTarget, secrets: readonly string[] = []): Redactor {
  return createRedactor({
    values: [text(target.tls?.key), target.tls?.passphrase, ...secrets],
    credentials: [target.credentials],
    ids: fixtureIds(target.fixtures),
  });
}
