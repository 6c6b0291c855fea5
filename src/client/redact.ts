// Details are built from what the server and the network said, and a server may echo anything back (a
// misbehaving one could reflect the Authorization header into its body). Every detail goes through this
// before it leaves the client, so no secret the client holds can reach a report.
import { basicToken } from '../net/basic-auth.ts';

export type Redactor = (text: string) => string;

const MASK = '[redacted]';

export interface Secrets {
  credentials: { username: string; password: string } | null;
  passphrase?: string | undefined;
}

export function createRedactor(...sources: Secrets[]): Redactor {
  const secrets = new Set<string>();
  for (const { credentials, passphrase } of sources) {
    if (credentials) {
      secrets.add(credentials.password);
      secrets.add(basicToken(credentials));
      // The password can also appear percent-encoded, e.g. when echoed inside a URL.
      secrets.add(encodeURIComponent(credentials.password));
    }
    if (passphrase !== undefined) secrets.add(passphrase);
  }
  secrets.delete('');
  // Longest first, so a secret that contains another is masked whole.
  const ordered = [...secrets].sort((a, b) => b.length - a.length);
  return (text) => ordered.reduce((masked, secret) => masked.split(secret).join(MASK), text);
}
