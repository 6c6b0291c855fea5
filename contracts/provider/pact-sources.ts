// The pacts a verification plans on, read once: the files given, or the broker's pacts for verification. The
// run then verifies exactly these documents (verify.ts), never a second fetch of the same question.
import { readPact, type PactDocument } from '../shared/pact-file.ts';
import { fetchPactsForVerification } from './broker-pacts.ts';
import type { PactSource } from './types.ts';

export interface SourcedPact {
  doc: PactDocument;
  pending: boolean;
  /** Printable: the file's path or the broker URL's path (never a query or credentials). */
  label: string;
  /** The broker's content-addressed URL of this pact version, when it came from a broker. */
  url?: string;
}

export async function readPacts(source: PactSource, providerBranch: string | undefined): Promise<SourcedPact[]> {
  if (source.kind === 'files') return source.files.map((file) => ({ doc: readPact(file), pending: false, label: file }));
  const fetched = await fetchPactsForVerification(source, providerBranch);
  return fetched.map((p) => ({ doc: p.document, pending: p.pending, label: new URL(p.url).pathname, url: p.url }));
}
