import { startReferenceProvider } from '../../src/provider/index.ts';
import { verifyPacts, formatReport } from '../provider/verify.ts';
import { PACTS_DIR, PACT_FILE_NAME } from '../names.ts';
import { join } from 'node:path';
const mode = process.argv[2] ?? 'ok';
const provider = await startReferenceProvider(mode === 'ok' ? {} : { mutate: (r, req) => {
  if (mode === 'body' && r.status === 200) return { ...r, body: '{}' , headers: {...r.headers, 'content-type': 'application/json'} };
  if (mode === 'text' && r.status === 500) return { ...r, body: 'Internal error', headers: { 'content-type': 'text/plain' } };
  return r; } });
const t0 = Date.now();
const report = await verifyPacts({ target: { baseUrl: provider.url, name: 'ref', credentials: provider.credentials, fixtures: provider.fixtures(), maxSends: Infinity, timeoutMs: 5000 }, source: { kind: 'files', files: [join(PACTS_DIR, PACT_FILE_NAME)] } });
console.log(formatReport(report, { name: 'ref' }), Date.now() - t0, 'ms', provider.outbox().length);
await provider.close();
