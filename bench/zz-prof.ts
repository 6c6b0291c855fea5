import { createClient } from '../src/client/index.ts';
import { startReferenceProvider } from '../src/provider/index.ts';
import { ConformanceSession } from '../src/runner/session.ts';
const provider = await startReferenceProvider();
const client = createClient({ baseUrl: provider.url, credentials: provider.credentials });
const mk = () => new ConformanceSession({ client, target: provider.url, fixtures: provider.fixtures(), credentials: provider.credentials, clientCertificate: false, maxSends: Infinity, seed: 1, malformedRuns: 12, baseline: [], requireCodes: [] });
const sessions = Array.from({length: 150}, mk);
const t = performance.now();
for (const session of sessions) { for (const step of session.steps) if (!step.scenario.skip) await session.run(step); session.finish(); }
console.log(((performance.now() - t) / 150).toFixed(1), 'ms per run');
await client.close(); await provider.close();
